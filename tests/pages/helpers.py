"""Driving the pages with Flask's test client as a browser would: log in, post forms with the
CSRF token read from the page."""

import re

from tests.factories import PASSWORD


def csrf_token(page: bytes) -> str:
    return re.search(rb'name="csrf_token" value="([^"]+)"', page).group(1).decode()


def log_in(client, username, password=PASSWORD):
    token = csrf_token(client.get("/login").data)
    return client.post(
        "/login", data={"username": username, "password": password, "csrf_token": token}
    )


def submit(client, path: str, data: dict | None = None, *, form_page: str | None = None, **kw):
    """POST a form as the browser does: the CSRF token is read from `form_page` (or the
    start page), so the test goes through the same protection as a person."""
    token = csrf_token(client.get(form_page or "/").data)
    return client.post(path, data={**(data or {}), "csrf_token": token}, **kw)
