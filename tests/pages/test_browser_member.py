"""The member's pages in a real browser on the demo district: the waiting state, reporting in,
and the main flow on a phone — open the pool, take an order, complete it with note and hours.

The tests share one live server, so they run in this order and each leaves what the next
expects: 李强 (dangyuan03, 幸福里社区's repair team) takes the fresh repair order.
"""

import pytest

from tests.pages.browser import (
    SIZES,
    assert_chinese_font,
    assert_fits_width,
    needs_chromium,
    screenshot,
)

pytestmark = needs_chromium

REPAIR_ORDER = "电热水器不出热水"  # the demo's fresh order for 幸福里社区's repair team


def settle(page, name: str, size: str) -> None:
    """A screenshot of a page that fits a phone and drew its Chinese; nothing failed."""
    screenshot(page, f"member-{name}-{size}")
    assert page.problems == []
    if size == "phone":
        assert_fits_width(page)


@pytest.mark.parametrize("size", SIZES)
def test_pending_member_sees_the_waiting_state(open_page, size):
    page = open_page(size, "dangyuan20")
    page.goto("/member")
    assert "等待书记确认" in page.inner_text("main")
    assert_chinese_font(page)
    settle(page, "home-pending", size)
    page.goto("/member/pool")
    assert "等待书记确认" in page.inner_text("main h1")
    settle(page, "pool-pending", size)


def test_a_resident_reports_in_on_a_phone(open_page):
    page = open_page("phone", "jumin_zhang")
    page.goto("/")
    page.click("main >> text=党员报到")
    page.wait_for_url("**/member/report-in")
    assert "不提供任何居民的姓名、住址和电话" in page.inner_text("#consent")
    page.check("input[name=member_type][value=in_service]")
    page.select_option("#employer_id", label="区税务局")
    page.fill("#skills", "会计，个税申报")
    screenshot(page, "member-report-in-phone")
    page.click("button:has-text('报到')")
    assert "请修改下面标出的内容" not in page.inner_text("main")
    page.wait_for_url("**/member")
    assert "等待书记确认" in page.inner_text("main")
    assert page.problems == []


def test_take_and_complete_an_order_on_a_phone(open_page):
    page = open_page("phone", "dangyuan03")
    page.goto("/")
    page.click("nav.role-nav >> text=接单")
    page.wait_for_url("**/member/pool")
    card = page.locator("article.order-card", has_text=REPAIR_ORDER)
    assert "****" in card.inner_text()  # the contact is masked in the pool
    settle(page, "pool", "phone")

    card.get_by_role("button", name="我来接单").click()
    page.wait_for_url("**/member/orders/*")
    text = page.inner_text("main")
    assert "接单成功" in text
    assert page.locator("dl.contact a[href^='tel:']").count() == 1
    settle(page, "order-claimed", "phone")

    page.fill("#note", "检查后更换了加热管，热水恢复正常。")
    page.fill("#hours", "1.5")
    page.locator("#complete").scroll_into_view_if_needed()
    settle(page, "completion-form", "phone")
    page.click("#complete button[type=submit]")
    page.wait_for_url("**/member/orders/*")
    text = page.inner_text("main")
    assert "已办结，等待居民确认评价" in text
    assert "检查后更换了加热管" in text
    settle(page, "order-completed", "phone")

    page.goto("/member")
    assert REPAIR_ORDER in page.inner_text("#orders")
    settle(page, "home", "phone")
    page.click("text=查看完整服务记录")
    page.wait_for_url("**/member/record")
    assert REPAIR_ORDER in page.inner_text("table")
    settle(page, "record", "phone")


@pytest.mark.parametrize(
    "name, path", [("pool", "/member/pool"), ("home", "/member"), ("record", "/member/record")]
)
def test_member_pages_on_a_desktop(open_page, name, path):
    page = open_page("desktop", "dangyuan03")
    page.goto(path)
    assert page.get_attribute("html", "lang") == "zh-CN"
    settle(page, name, "desktop")
