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


def test_instance_path_comes_from_the_environment(monkeypatch, tmp_path):
    """Two servers from one installation keep their local state apart."""
    monkeypatch.delenv("VOLUNTEER_SECRET_KEY", raising=False)
    monkeypatch.delenv("VOLUNTEER_DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("VOLUNTEER_INSTANCE_PATH", "node-a/instance")  # relative to the cwd
    first = create_app()
    monkeypatch.setenv("VOLUNTEER_INSTANCE_PATH", str(tmp_path / "node-b"))
    second = create_app()
    assert first.instance_path == str(tmp_path / "node-a" / "instance")
    assert second.instance_path == str(tmp_path / "node-b")
    assert (tmp_path / "node-a" / "instance" / "secret_key").exists()
    assert first.config["UPLOAD_FOLDER"] == str(tmp_path / "node-a" / "instance" / "uploads")
    assert str(tmp_path / "node-b") in second.config["SQLALCHEMY_DATABASE_URI"]
    assert first.config["SECRET_KEY"] != second.config["SECRET_KEY"]


def test_storage_settings_come_from_the_environment():
    settings = settings_from_environment(
        {
            "VOLUNTEER_STORAGE_URL": "s3://bucket/prefix",
            "VOLUNTEER_S3_ENDPOINT_URL": "http://127.0.0.1:9000",
            "VOLUNTEER_METRICS_TOKEN": "t",
            "VOLUNTEER_REQUEST_LOG": "0",
        }
    )
    assert settings == {
        "STORAGE_URL": "s3://bucket/prefix",
        "S3_ENDPOINT_URL": "http://127.0.0.1:9000",
        "METRICS_TOKEN": "t",
        "REQUEST_LOG": False,
    }
