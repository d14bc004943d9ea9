"""Logging out and changing the password end sessions on the server, not only in the browser."""

import sqlalchemy as sa

from tests.factories import PASSWORD
from tests.pages.helpers import csrf_token, log_in, submit
from volunteer.auth.models import LoginSession, User
from volunteer.extensions import db

NEW_PASSWORD = "Lantern-orchard-42"


def saved_cookie(client) -> str:
    return client.get_cookie("session").value


def replay(app, cookie: str):
    """A new browser that presents a saved session cookie."""
    browser = app.test_client()
    browser.set_cookie("session", cookie)
    return browser


def test_a_cookie_saved_before_logout_opens_nothing_after_it(app, client, district):
    log_in(client, "shuji")
    cookie = saved_cookie(client)
    assert replay(app, cookie).get("/desk").status_code == 200
    assert replay(app, cookie).get("/api/v1/me").status_code == 200

    token = csrf_token(client.get("/desk").data)
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302

    desk = replay(app, cookie).get("/desk")
    assert desk.status_code == 302
    assert desk.headers["Location"].startswith("/login")
    assert replay(app, cookie).get("/api/v1/me").status_code == 401
    # A write with the dead cookie is anonymous (401), not a CSRF failure.
    assert replay(app, cookie).post("/api/v1/auth/password", json={}).status_code == 401


def test_logging_out_ends_only_that_session(app, client, district):
    log_in(client, "shuji")
    other = app.test_client()
    log_in(other, "shuji")
    token = csrf_token(client.get("/desk").data)
    client.post("/logout", data={"csrf_token": token})
    assert other.get("/desk").status_code == 200


def test_a_cookie_with_a_bare_user_id_logs_nobody_in(client, district):
    """The cookie is only signed, not secret: its identity must be a server-side session."""
    with client.session_transaction() as session:
        session["_user_id"] = str(district.secretary)
        session["_fresh"] = True
    assert client.get("/desk").status_code == 302
    assert client.get("/api/v1/me").status_code == 401


def test_api_logout_with_the_cookie_ends_the_page_session(app, client, district):
    log_in(client, "shuji")
    cookie = saved_cookie(client)
    token = csrf_token(client.get("/desk").data)
    response = client.delete("/api/v1/auth/tokens/current", headers={"X-CSRFToken": token})
    assert response.status_code == 204
    assert replay(app, cookie).get("/api/v1/me").status_code == 401


def test_a_disabled_account_loses_its_sessions(app, client, district):
    log_in(client, "shuji")
    with app.app_context():
        db.session.get(User, district.secretary).active = False
        db.session.commit()
    assert client.get("/desk").status_code == 302
    assert district.api.secretary.get("/me").status_code == 401


def test_an_expired_login_session_opens_nothing(app, client, district, time_machine):
    time_machine.move_to("2026-11-01T08:00:00+00:00", tick=False)
    log_in(client, "shuji")
    time_machine.move_to("2026-12-03T08:00:00+00:00", tick=False)
    assert client.get("/api/v1/me").status_code == 401


class TestPasswordChange:
    def change(self, api, current=PASSWORD, new=NEW_PASSWORD):
        return api.post("/auth/password", json={"current_password": current, "new_password": new})

    def test_ends_every_session_and_token_the_calling_one_included(
        self, app, client, anonymous, as_user, district
    ):
        log_in(client, "shuji")
        cookie = saved_cookie(client)
        calling, other = district.api.secretary, as_user(district.secretary)
        assert other.get("/me").status_code == 200

        assert self.change(calling).status_code == 204

        assert calling.get("/me").status_code == 401
        assert other.get("/me").status_code == 401
        assert replay(app, cookie).get("/desk").status_code == 302
        assert district.api.resident.get("/me").status_code == 200  # others are untouched
        login = {"username": "shuji", "password": PASSWORD}
        assert anonymous.post("/auth/tokens", json=login).status_code == 401
        login["password"] = NEW_PASSWORD
        assert anonymous.post("/auth/tokens", json=login).status_code == 201

    def test_with_the_session_cookie_ends_it_too(self, app, client, district):
        log_in(client, "shuji")
        cookie = saved_cookie(client)
        token = csrf_token(client.get("/desk").data)
        response = client.post(
            "/api/v1/auth/password",
            json={"current_password": PASSWORD, "new_password": NEW_PASSWORD},
            headers={"X-CSRFToken": token},
        )
        assert response.status_code == 204
        assert replay(app, cookie).get("/api/v1/me").status_code == 401
        with app.app_context():
            assert (
                db.session.scalar(
                    sa.select(sa.func.count())
                    .select_from(LoginSession)
                    .where(LoginSession.ended_at.is_(None))
                )
                == 0
            )

    def test_a_wrong_current_password_is_422_and_changes_nothing(self, anonymous, district):
        response = self.change(district.api.secretary, current="not my password")
        assert response.status_code == 422
        assert list(response.json["errors"]) == ["current_password"]
        assert district.api.secretary.get("/me").status_code == 200
        login = {"username": "shuji", "password": PASSWORD}
        assert anonymous.post("/auth/tokens", json=login).status_code == 201

    def test_wrong_current_passwords_count_towards_the_lockout(self, app, district):
        app.config["LOGIN_FAILURE_LIMIT"] = 3
        for _ in range(3):
            assert self.change(district.api.secretary, current="guess").status_code == 422
        assert self.change(district.api.secretary).status_code == 429

    def test_a_weak_new_password_is_422_naming_password(self, district):
        response = self.change(district.api.secretary, new="woaini1314")
        assert response.status_code == 422
        assert "password" in response.json["errors"]
        assert "new_password" in response.json["errors"]
        assert district.api.secretary.get("/me").status_code == 200

    def test_needs_a_caller(self, anonymous, district):
        assert anonymous.post("/auth/password", json={}).status_code == 401
        assert self.change(anonymous).status_code == 401


class TestPasswordPage:
    def test_every_logged_in_page_links_to_it(self, client, district):
        assert 'href="/account/password"' not in client.get("/login").data.decode()
        log_in(client, "jumin")
        assert 'href="/account/password"' in client.get("/").data.decode()

    def test_needs_a_login(self, client):
        response = client.get("/account/password")
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login")

    def test_changing_it_logs_out_everywhere(self, app, client, district):
        log_in(client, "jumin")
        other = app.test_client()
        log_in(other, "jumin")
        page = client.get("/account/password").data.decode()
        assert "修改密码" in page
        data = {"current_password": PASSWORD, "new_password": NEW_PASSWORD}
        response = submit(client, "/account/password", data, form_page="/account/password")
        assert response.status_code == 302
        assert response.headers["Location"] == "/login"
        assert "请用新密码重新登录" in client.get("/login").data.decode()
        assert other.get("/my/orders").status_code == 302
        assert client.get("/my/orders").status_code == 302
        assert log_in(client, "jumin").status_code == 422
        assert log_in(client, "jumin", NEW_PASSWORD).status_code == 302

    def test_errors_in_chinese_next_to_their_fields(self, client, district):
        log_in(client, "jumin")
        data = {"current_password": "not mine at all", "new_password": NEW_PASSWORD}
        response = submit(client, "/account/password", data, form_page="/account/password")
        assert response.status_code == 422
        page = response.data.decode()
        assert 'id="current_password-error"' in page
        assert "当前密码不正确" in page
        assert NEW_PASSWORD not in page  # passwords are never sent back

        data = {"current_password": PASSWORD, "new_password": "qwertyuiop"}
        response = submit(client, "/account/password", data, form_page="/account/password")
        assert response.status_code == 422
        page = response.data.decode()
        assert 'id="new_password-error"' in page
        assert "太常见" in page
        assert client.get("/my/orders").status_code == 200  # still logged in
