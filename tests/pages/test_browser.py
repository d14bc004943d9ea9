"""The pages in a real browser: Debian's Chromium, driven by Playwright, against the app served
over HTTP on 127.0.0.1 with the demo district. Screenshots of every main page, at a desktop and
a phone size, are kept in test-artifacts/screenshots/ for people to look at.

Playwright's own browser download is never used (`playwright install` is not run): CI installs
Debian's chromium (.ci/run), and these tests are skipped where /usr/bin/chromium is missing.
"""

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from werkzeug.serving import make_server

from tests.conftest import empty_tables
from volunteer.demo import DEMO_PASSWORD, seed_demo
from volunteer.extensions import db, limiter
from volunteer.organisations.models import Community

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}

pytestmark = pytest.mark.skipif(
    not os.access(CHROMIUM, os.X_OK),
    reason=f"Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium)",
)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args) -> dict:
    """pytest-playwright launches Debian's Chromium, headless, with no network of its own."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
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


@pytest.fixture(scope="module")
def live_server(session_app) -> Iterator[str]:
    """The app on a free port of 127.0.0.1 with the demo district (seeded once: ~1.5 s);
    the tables are emptied afterwards, as the `app` fixture does."""
    with session_app.app_context():
        seed_demo()
        db.session.commit()
        db.session.remove()
    server = make_server("127.0.0.1", 0, session_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
        limiter.reset()
        with session_app.app_context():
            db.session.remove()
            empty_tables()


@pytest.fixture(scope="module")
def sessions(browser, live_server) -> dict:
    """Each user logs in through the login page once; their cookies are reused by later pages."""
    return {}


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
        context.set_default_timeout(15_000)
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
        page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
        page.problems = problems
        return page

    return make


def log_in(page, username: str) -> None:
    page.goto("/login")
    assert page.inner_text("main h1") == "登录"
    page.fill("#username", username)
    page.fill("#password", DEMO_PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(lambda url: "/login" not in url)


def wait_for_charts(page) -> None:
    """Both ECharts charts have a canvas with something drawn on it, and no animation left."""
    page.wait_for_selector("#trend canvas")
    page.wait_for_selector("#funnel canvas")
    page.clock.run_for(2_000)
    page.wait_for_function(
        """() => ["trend", "funnel"].every((id) => {
            const chart = echarts.getInstanceByDom(document.getElementById(id));
            return chart && chart.getZr().animation.isFinished();
        })"""
    )
    for chart in ("trend", "funnel"):
        painted = page.eval_on_selector(
            f"#{chart} canvas",
            """(canvas) => {
                const pixels = canvas.getContext("2d")
                    .getImageData(0, 0, canvas.width, canvas.height).data;
                let painted = 0;
                for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
                return painted;
            }""",
        )
        assert painted > 1000, f"the {chart} chart drew {painted} pixels"


def assert_chinese_font(page) -> None:
    """Two different characters draw differently: without a Chinese font both are the same
    empty box, and every screenshot shows rows of boxes."""
    glyphs = page.evaluate(
        """() => ["办", "结"].map((character) => {
            const canvas = document.createElement("canvas");
            canvas.width = canvas.height = 40;
            const context = canvas.getContext("2d");
            context.font = `32px ${getComputedStyle(document.body).fontFamily}`;
            context.fillText(character, 0, 32);
            return canvas.toDataURL();
        })"""
    )
    assert glyphs[0] != glyphs[1], "no Chinese font: apt-get install fonts-noto-cjk"


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    return path


def assert_fits_width(page) -> None:
    """Nothing sticks out sideways: a phone must not have to scroll the page horizontally."""
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"page is {widths[0]} px wide in a {widths[1]} px window"


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("username", ["shuji1", "jiedao"])
def test_dashboard_draws_its_charts(open_page, username, size):
    page = open_page(size, username)
    page.goto("/dashboard")
    wait_for_charts(page)
    text = page.inner_text("body")
    for words in ("工作台", "办结率", "按时办结率", "满意率", "月度趋势", "工单状态漏斗"):
        assert words in text
    assert page.get_attribute("html", "lang") == "zh-CN"
    assert_chinese_font(page)
    screenshot(page, f"dashboard-{username}-{size}")
    assert page.problems == []
    assert_fits_width(page)


@pytest.mark.parametrize("size", SIZES)
def test_public_page_needs_no_login(open_page, session_app, size):
    with session_app.app_context():
        # /public/communities/1 on a fresh database; ids go on counting between tests.
        community_id = db.session.scalar(
            sa.select(Community.id).where(Community.name == "幸福里社区")
        )
        db.session.remove()
    page = open_page(size)
    page.goto(f"/public/communities/{community_id}")
    assert "幸福里社区" in page.inner_text("h1")
    text = page.inner_text("body")
    assert "服务公示" in text
    assert "王秀英" not in text  # a demo resident's name
    screenshot(page, f"public-community-{size}")
    assert page.problems == []
    assert_fits_width(page)


@pytest.mark.parametrize("size", SIZES)
def test_login_page(open_page, size):
    page = open_page(size)
    page.goto("/dashboard")
    page.wait_for_url("**/login?next=*")
    screenshot(page, f"login-{size}")
    page.fill("#username", "shuji1")
    page.fill("#password", "wrong-password")
    page.click("form button[type=submit]")
    assert page.is_visible("#password-error")
    assert page.get_attribute("#password", "aria-invalid") == "true"
    screenshot(page, f"login-wrong-password-{size}")
    page.fill("#password", DEMO_PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url("**/dashboard")
    assert page.inner_text("main h1") == "工作台"
    # The wrong password was answered 422 on purpose; nothing else may fail.
    assert [p for p in page.problems if not ("422" in p and "/login" in p)] == []


def test_language_switch_to_english(open_page):
    page = open_page("desktop", "shuji1")
    page.goto("/dashboard")
    page.click("header.site >> text=English")
    page.wait_for_selector("html[lang=en]")
    assert page.inner_text("main h1") == "Dashboard"
    wait_for_charts(page)
    assert "Completion rate" in page.inner_text("body")
    screenshot(page, "dashboard-shuji1-english-desktop")
    page.click("header.site >> text=中文")
    page.wait_for_selector("html[lang=zh-CN]")
    assert page.inner_text("main h1") == "工作台"
    assert page.problems == []


@pytest.mark.parametrize("size", SIZES)
def test_elder_mode_makes_the_text_larger(open_page, size):
    page = open_page(size, "shuji1")
    page.goto("/dashboard")
    font_size = "() => parseFloat(getComputedStyle(document.documentElement).fontSize)"
    before = page.evaluate(font_size)
    assert page.evaluate("() => document.documentElement.classList.contains('elder')") is False
    page.click("header.site >> text=大字模式")
    page.wait_for_selector("html.elder")
    assert page.is_visible("header.site >> text=标准模式")
    wait_for_charts(page)
    screenshot(page, f"dashboard-shuji1-elder-{size}")
    assert page.problems == []
    after = page.evaluate(font_size)
    assert after >= before * 1.1, f"font size {before}px -> {after}px"
