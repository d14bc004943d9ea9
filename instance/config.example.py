# Copy to instance/config.py to configure this installation. VOLUNTEER_* environment
# variables override anything set here (e.g. VOLUNTEER_DATABASE_URL).

# SQLALCHEMY_DATABASE_URI = "postgresql+psycopg://volunteer@127.0.0.1:5432/volunteer"
# SMTP_URL = "smtp://user:password@smtp.example.org:587"
# MAIL_FROM = "volunteer@example.org"
# TIMEZONE = "Asia/Shanghai"
# RATELIMIT_STORAGE_URI = "redis://127.0.0.1:6379/0"
# AUTH_RATE_LIMIT = "300 per minute"
# TOKEN_LIFETIME_DAYS = 30
