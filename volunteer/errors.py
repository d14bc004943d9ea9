"""Domain errors and the one error body of the API (JSON under /api, HTML elsewhere)."""

from http import HTTPStatus

from flask import (
    Flask,
    current_app,
    redirect,
    render_template,
    render_template_string,
    request,
    url_for,
)
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException, InternalServerError

from volunteer.extensions import db
from volunteer.i18n import localised, localised_all, response_language


class DomainError(Exception):
    """A refusal a service raises; the request boundary turns it into an error response.

    The message is marked for translation where it is raised (`Forbidden(_l("…"))`) and
    rendered in the response's language (`volunteer.i18n`)."""

    code = 400
    upload_index: int  # set on a refused photo of several: its position (orders/photos.py)

    def __init__(self, message: str | LazyString | None = None, errors: dict | None = None):
        if message is None:  # not `or`: a lazy message is translated only when shown
            message = HTTPStatus(self.code).phrase
        super().__init__(message)
        self.message = message
        self.errors = errors


class Unauthorized(DomainError):
    """No valid credentials were presented."""

    code = 401


class Forbidden(DomainError):
    """The resource is in the caller's scope, but the caller's role may not do this."""

    code = 403


class NotFound(DomainError):
    """No such resource, or it lies outside the caller's scope."""

    code = 404


class Conflict(DomainError):
    """Not allowed from the current state, or someone else got there first."""

    code = 409


class Invalid(DomainError):
    """Input that passed the schema but breaks a rule; `errors` names the fields."""

    code = 422

    def __init__(
        self, field: str | None = None, message: str | LazyString | None = None, errors=None
    ):
        super().__init__("Validation failed.", errors or {field: [message]})


class TooManyRequests(DomainError):
    """Too many attempts in a window."""

    code = 429


def error_body(code: int, message=None, errors: dict | None = None) -> dict:
    """The error body every API error carries, its messages in the current language."""
    body = {"code": code, "status": HTTPStatus(code).phrase, "message": localised(message or "")}
    if not body["message"]:
        body["message"] = HTTPStatus(code).phrase
    if errors:
        body["errors"] = localised_all(errors)
    return body


def wants_json() -> bool:
    """API paths answer JSON; pages answer HTML."""
    return request.path.startswith("/api")


PAGE_TITLES = {
    403: _l("You may not do this"),
    404: _l("Not found"),
    429: _l("Too many attempts"),
    500: _l("Something went wrong"),
}

PAGE_TEXTS = {
    403: _l("This page or action belongs to another role or another community."),
    404: _l("This page does not exist, or it is not yours to see."),
    429: _l("Please wait a few minutes and try again."),
    500: _l("Something went wrong on our side. Nothing you entered was saved; please try again."),
}

HTML_ERROR = """<!doctype html><html lang="zh-CN"><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ code }} {{ status }}</title>
<link rel="stylesheet" href="/static/vendor/pico/pico.min.css">
<body class="container">
<h1>{{ code }} {{ status }}</h1><p>{{ message }}</p>
<p><a href="/">首页 Home</a></p></body></html>"""


def render_page_error(code: int, body: dict, headers):
    """A friendly page in the user's language; the bare one when even that fails."""
    if code == 401:
        return redirect(url_for("session.login", next=request.full_path))
    try:
        html = render_template(
            "error.html",
            code=code,
            title=PAGE_TITLES.get(code, body["status"]),
            text=PAGE_TEXTS.get(code, body["message"]),
        )
    except Exception:  # the page itself broke (a 500 from the templates): stay plain
        current_app.logger.exception("the error page failed")
        html = render_template_string(HTML_ERROR, **body)
    return html, code, headers


def forget_the_failed_transaction() -> None:
    """Whatever the request did is not kept, and a failed statement (which aborts the
    transaction on PostgreSQL) must not break the error page's own queries (the user, the
    role bar): roll back before rendering any error."""
    try:
        db.session.rollback()
    except Exception:  # a lost connection: the page is still rendered, plainly if need be
        current_app.logger.exception("rolling back before the error page failed")


def render_error(code: int, message: str | None, errors: dict | None = None, headers=None):
    """Build the error response in the form the client expects, in the language it speaks."""
    forget_the_failed_transaction()
    with response_language():
        body = error_body(code, message, errors)
    if wants_json():
        return body, code, headers or {}
    return render_page_error(code, body, headers or {})


def flatten_validation_errors(messages: dict) -> dict:
    """webargs nests field errors under their location ("json", "query"); clients want fields."""
    flat: dict = {}
    for location, fields in messages.items():
        if isinstance(fields, dict):
            for field, problems in fields.items():
                flat.setdefault(field, []).extend(
                    problems if isinstance(problems, list) else [problems]
                )
        else:
            flat.setdefault(location, []).extend(fields if isinstance(fields, list) else [fields])
    return flat


def handle_http_exception(error: HTTPException):
    """Werkzeug and webargs errors (405, 413, 422 from schemas, ...) in the API's error body."""
    data = getattr(error, "data", None) or {}
    errors = data.get("errors") or data.get("messages")
    if error.code == 422 and errors:
        errors = flatten_validation_errors(errors)
    message = data.get("message")
    if error.code == 422:
        message = message or "Validation failed."
    elif error.code == 400 and errors and "json" in errors:
        message = "The request body is not valid JSON."
    message = message or error.description
    headers = {
        k: v for k, v in error.get_headers() if k.lower() not in {"content-type", "content-length"}
    }
    headers.update(data.get("headers") or {})
    return render_error(error.code or 500, message, errors, headers)


def handle_domain_error(error: DomainError):
    """A service's refusal in the API's error body."""
    return render_error(error.code, error.message, error.errors)


def handle_integrity_error(error: IntegrityError):
    """A uniqueness race lost at the database: someone else got there first."""
    return render_error(409, "Conflicts with a concurrent change; reload and try again.")


def handle_stale_data(error: StaleDataError):
    """A version-guarded UPDATE matched no row: someone else changed the record first."""
    return render_error(409, "Someone else got there first; reload and try again.")


def handle_unexpected(error: Exception):
    """Anything unexpected: logged with its traceback, answered 500 without details."""
    current_app.logger.exception("unhandled error on %s %s", request.method, request.path)
    return render_error(500, InternalServerError.description)


def register_error_handlers(app: Flask) -> None:
    """Route every error through the one error body."""
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(DomainError, handle_domain_error)
    app.register_error_handler(IntegrityError, handle_integrity_error)
    app.register_error_handler(StaleDataError, handle_stale_data)
    app.register_error_handler(Exception, handle_unexpected)
