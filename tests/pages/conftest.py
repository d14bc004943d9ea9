"""Browser fixtures: Debian's Chromium driven by pytest-playwright against the app served over
HTTP on 127.0.0.1 with the demo district (see tests/pages/browser.py for the helpers).

Playwright's own browser download is never used (`playwright install` is not run): CI installs
Debian's chromium (.ci/run), and browser tests are skipped where /usr/bin/chromium is missing.
"""

import threading
from collections.abc import Iterator

import pytest
from werkzeug.serving import make_server

from tests.conftest import empty_tables
from tests.pages.browser import BROWSER_WAIT_MS, CHROMIUM, SIZES, log_in
from volunteer.demo import seed_demo
from volunteer.extensions import db, limiter


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args) -> dict:
    """pytest-playwright launches Debian's Chromium, headless, with no network of its own."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        # Starting Chromium on a busy machine can take far longer than Playwright's 30 s.
        "timeout": 180_000,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            # The microphone is Chromium's fake device (a beeping tone), granted without asking,
            # and a page may play audio without a click first: the voice-note tests use both.
            "--use-fake-device-for-media-stream",
            "--use-fake-ui-for-media-stream",
            "--autoplay-policy=no-user-gesture-required",
        ],
    }


@pytest.fixture(scope="session")
def base_url() -> None:
    """Each page gets the live server's address instead. (This also keeps pytest-playwright's
    own `base_url`, a fixture method on a plugin object, unused: pytest 9.2 warns about it.)"""
    return None


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args) -> dict:
    """A resident's browser in China: Chinese first, Beijing time."""
    return {**browser_context_args, "locale": "zh-CN", "timezone_id": "Asia/Shanghai"}


def closing_responses(app):
    """The app, whose responses close their files even when the browser has dropped the
    connection: werkzeug's development server then raises before it calls the response's
    close() (its drain of the socket after a response meets the reset), and the static file
    left open surfaces as a ResourceWarning in whichever test runs next. A generator closes
    what it wraps when it is finished or collected."""

    def wsgi(environ, start_response):
        response = app(environ, start_response)

        def chunks():
            try:
                yield from response
            finally:
                if hasattr(response, "close"):
                    response.close()

        return chunks()

    return wsgi


@pytest.fixture(scope="module")
def live_server(session_app) -> Iterator[str]:
    """The app on a free port of 127.0.0.1 with the demo district (seeded once: ~1.5 s);
    the tables are emptied afterwards, as the `app` fixture does."""
    with session_app.app_context():
        seed_demo()
        db.session.commit()
        db.session.remove()
    server = make_server("127.0.0.1", 0, closing_responses(session_app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=60)
        limiter.reset()
        with session_app.app_context():
            db.session.remove()
            empty_tables()


@pytest.fixture(scope="module")
def sessions(browser, live_server) -> dict:
    """Each user logs in through the login page once; their cookies are reused by later pages."""
    return {}


REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => console.error(
    `CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile}:${event.lineNumber}`));
"""


@pytest.fixture
def open_page(new_context, live_server, sessions):
    """`open_page(size, username=None)`: a fresh page of that size, logged in as that user
    or not at all, whose JavaScript errors, console errors and failed requests are collected
    in `page.problems`."""

    def make(size: str, username: str | None = None):
        viewport = SIZES[size]
        phone = size == "phone"
        if username and username not in sessions:
            context = new_context(base_url=live_server)
            page = context.new_page()
            log_in(page, username)
            sessions[username] = context.storage_state()
            context.close()
        context = new_context(
            base_url=live_server,
            viewport=viewport,
            is_mobile=phone,
            has_touch=phone,
            storage_state=sessions.get(username),
        )
        context.set_default_timeout(BROWSER_WAIT_MS)
        # Anything the Content-Security-Policy blocks is reported as a console error (below).
        context.add_init_script(REPORT_CSP_VIOLATIONS)
        # A fake clock: wait_for_charts skips the charts' one-second animation.
        context.clock.install()
        page = context.new_page()
        problems: list[str] = []
        page.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))
        page.on(
            "console",
            lambda message: (
                message.type == "error"
                # The app has no favicon; the browser's own request for one is not the page's.
                and not message.location.get("url", "").endswith("/favicon.ico")
                and problems.append(f"console error: {message.text} ({message.location})")
            ),
        )
        page.on(
            "response",
            lambda response: (
                response.status >= 400
                and problems.append(f"HTTP {response.status}: {response.url}")
            ),
        )
        page.on(
            "requestfailed",
            lambda request: (
                # A script's background fetch (the 这件事邻居已经反映过了 hint) that the
                # next navigation cuts short is not a failure of the page.
                not (
                    request.resource_type in ("fetch", "xhr")
                    and "ERR_ABORTED" in (request.failure or "")
                )
                and problems.append(f"failed: {request.url}")
            ),
        )
        page.problems = problems
        return page

    return make


@pytest.fixture
def phone_page(new_context, live_server, sessions, open_page):
    """`phone_page(width, username, elder)`: a page of a phone that wide (844 px high), logged
    in (through `open_page`'s saved sessions), in the chosen mode."""

    def make(width: int, username: str | None, elder: bool):
        if username:
            open_page("phone", username).context.close()  # logs in once, keeps the cookies
        context = new_context(
            base_url=live_server,
            viewport={"width": width, "height": 844},
            is_mobile=True,
            has_touch=True,
            storage_state=sessions.get(username),
        )
        context.set_default_timeout(BROWSER_WAIT_MS)
        page = context.new_page()
        if elder:
            page.goto("/elder?next=/")
            assert page.evaluate("() => document.documentElement.classList.contains('elder')")
        return page

    return make
