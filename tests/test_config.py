"""Settings: defaults, instance/config.py, then VOLUNTEER_* variables."""

from volunteer import create_app
from volunteer.config import settings_from_environment


def test_environment_variables_become_typed_settings():
    settings = settings_from_environment(
        {
            "VOLUNTEER_DATABASE_URL": "postgresql+psycopg://db/volunteer",
            "VOLUNTEER_SMTP_URL": "smtp://mail:25",
            "VOLUNTEER_TOKEN_LIFETIME_DAYS": "7",
            "VOLUNTEER_RATELIMIT_ENABLED": "false",
            "VOLUNTEER_TEST_DATABASE_URL": "ignored",
            "HOME": "/root",
        }
    )
    assert settings == {
        "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://db/volunteer",
        "SMTP_URL": "smtp://mail:25",
        "TOKEN_LIFETIME_DAYS": 7,
        "RATELIMIT_ENABLED": False,
    }


def test_environment_overrides_the_instance_config(monkeypatch, tmp_path):
    (tmp_path / "config.py").write_text('MAIL_FROM = "from-file@example.cn"\nTIMEZONE = "UTC"\n')
    monkeypatch.setenv("VOLUNTEER_MAIL_FROM", "from-env@example.cn")
    monkeypatch.setattr("flask.Flask.auto_find_instance_path", lambda self: str(tmp_path))
    app = create_app()
    assert app.config["MAIL_FROM"] == "from-env@example.cn"
    assert app.config["TIMEZONE"] == "UTC"
    assert app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")
    assert str(tmp_path) in app.config["SQLALCHEMY_DATABASE_URI"]


def test_secret_key_is_generated_once_into_the_instance(monkeypatch, tmp_path):
    monkeypatch.delenv("VOLUNTEER_SECRET_KEY", raising=False)
    monkeypatch.setattr("flask.Flask.auto_find_instance_path", lambda self: str(tmp_path))
    first = create_app().config["SECRET_KEY"]
    assert len(first) > 40
    assert create_app().config["SECRET_KEY"] == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
