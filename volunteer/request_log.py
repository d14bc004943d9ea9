"""One JSON line per request, a request id on every response, and the request metrics.

The line carries the time, the request id, the user's id, the method, the endpoint (the
route's pattern, never the path or query, which may hold a phone number or an address), the
status and the duration: nothing a resident typed. `X-Request-ID` is taken from the request
(a proxy's, or the client's) when it looks like one, else generated, and echoed in the
response, so that one request can be followed from nginx through the app's log.
"""

import logging
import re
import sys
import time
import uuid
from datetime import UTC, datetime

import orjson
import sqlalchemy as sa
from flask import Flask, Response, g, request

from volunteer.metrics import observe_request

log = logging.getLogger("volunteer.requests")
REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


def start_request() -> None:
    g.started = time.perf_counter()
    offered = request.headers.get("X-Request-ID", "")
    g.request_id = offered if REQUEST_ID.fullmatch(offered) else uuid.uuid4().hex


def user_id() -> int | None:
    """Who made the request, as far as the request already knew (a token or a session):
    no query of its own."""
    user = g.get("actor") or g.get("_login_user")
    if user is None:
        return None
    # The identity the session knows, read without touching the object: after a write's
    # COMMIT its attributes are expired, and reading `id` would load the user again.
    identity = sa.inspect(user, raiseerr=False)
    if identity is not None and identity.identity is not None:
        return identity.identity[0]
    return getattr(user, "id", None) if getattr(user, "is_authenticated", False) else None


def finish_request(response: Response) -> Response:
    started = g.get("started")
    if started is None:  # a request that failed before the first hook
        return response
    seconds = time.perf_counter() - started
    rule = request.url_rule
    endpoint = request.endpoint or "unmatched"
    observe_request(endpoint, response.status_code, seconds)
    response.headers["X-Request-ID"] = g.request_id
    if log.isEnabledFor(logging.INFO):
        log.info(
            orjson.dumps(
                {
                    "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
                    "request_id": g.request_id,
                    "user_id": user_id(),
                    "method": request.method,
                    "endpoint": endpoint,
                    "route": rule.rule if rule else None,
                    "status": response.status_code,
                    "duration_ms": round(seconds * 1000, 2),
                }
            ).decode()
        )
    return response


class StderrHandler(logging.Handler):
    """Writes to whatever sys.stderr is at the time (test runners swap it)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(self.format(record) + "\n")
        except Exception:
            self.handleError(record)


def register_request_log(app: Flask) -> None:
    """The hooks, and the JSON lines on stderr unless VOLUNTEER_REQUEST_LOG=0."""
    app.before_request(start_request)
    app.after_request(finish_request)
    if app.config["REQUEST_LOG"] and not log.handlers:
        handler = StderrHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False
