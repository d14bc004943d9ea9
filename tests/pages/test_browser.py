"""The dashboards, the public page, login, the language switch and the elder-friendly mode in a
real browser (fixtures in tests/pages/conftest.py)."""

import pytest
import sqlalchemy as sa

from tests.pages.browser import (
    SIZES,
    assert_chinese_font,
    assert_fits_width,
    needs_chromium,
    screenshot,
    wait_for_charts,
)
from volunteer.demo import DEMO_PASSWORD
from volunteer.extensions import db
from volunteer.organisations.models import Community

pytestmark = needs_chromium


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("username", ["shuji1", "jiedao"])
def test_dashboard_draws_its_charts(open_page, username, size):
    page = open_page(size, username)
    page.goto("/dashboard")
    wait_for_charts(page)
    text = page.inner_text("body")
    for words in ("统计", "办结率", "按时办结率", "满意率", "月度趋势", "各状态工单数"):
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
    assert page.inner_text("main h1") == "统计"
    # The wrong password was answered 422 on purpose; nothing else may fail.
    assert [p for p in page.problems if not ("422" in p and "/login" in p)] == []


def test_language_switch_to_english(open_page):
    page = open_page("desktop", "shuji1")
    page.goto("/dashboard")
    page.click("header.site >> text=English")
    page.wait_for_selector("html[lang=en]")
    assert page.inner_text("main h1") == "Statistics"
    wait_for_charts(page)
    assert "Completion rate" in page.inner_text("body")
    screenshot(page, "dashboard-shuji1-english-desktop")
    page.click("header.site >> text=中文")
    page.wait_for_selector("html[lang=zh-CN]")
    assert page.inner_text("main h1") == "统计"
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


def test_keyboard_alone_logs_in_and_reaches_every_tile(open_page):
    """No mouse: Tab to the fields, Enter to send, Tab through the start page's tiles; the
    focused element is always visible (a focus ring) and each tile is reachable."""
    page = open_page("desktop")
    page.goto("/login")
    page.focus("#username")
    page.keyboard.type("shuji1")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "password"
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/login" not in url)
    tiles = page.eval_on_selector_all(".tiles a", "links => links.map(a => a.href)")
    assert len(tiles) >= 5
    reached = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => { const e = document.activeElement;
                return e && e.closest('.tiles') ? e.href : null; }"""
        )
        if focused:
            reached.add(focused)
            outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
            shadow = page.evaluate("() => getComputedStyle(document.activeElement).boxShadow")
            assert outline != "none" or shadow != "none", "no visible focus on a tile"
    assert reached == set(tiles)
    assert page.problems == []
