"""The resident's pages in a real browser on the demo district: 王秀英 (jumin_wang) posts a need
with a photo on her phone, finds it in her requests and follows its timeline; 张建国
(jumin_zhang) rates the demo's completed order; and the same pages at desktop size.

The tests share one live server, so they run in this order: the desktop test looks at the
need posted on the phone.
"""

import io

import pytest
from PIL import Image

from tests.pages.browser import (
    SCREENSHOTS,
    assert_chinese_font,
    assert_fits_width,
    needs_chromium,
    screenshot,
)

pytestmark = needs_chromium

NEED = "厨房水龙头一直滴水"
RATED = "想要一台收音机"  # the demo's completed, unrated order of 张建国 (和平社区)


def settle(page, name: str, size: str) -> None:
    """A screenshot; nothing failed; a phone does not scroll sideways."""
    screenshot(page, f"resident-{name}-{size}")
    assert page.problems == []
    if size == "phone":
        assert_fits_width(page)


def photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 240), "steelblue").save(out, format="JPEG")
    return out.getvalue()


def test_post_a_need_and_follow_it_on_a_phone(open_page):
    page = open_page("phone", "jumin_wang")
    page.goto("/")
    page.click("main >> text=我要点单")
    page.wait_for_url("**/my/orders/new")
    assert page.inner_text("main h1") == "我要点单"
    assert page.input_value("#contact_phone") == "13800138001"
    assert_chinese_font(page)
    settle(page, "new-order", "phone")

    page.check("input[name=kind][value=need]")
    page.fill("#title", NEED)
    page.fill("#description", "厨房水龙头关不紧，一晚上接了半桶水。")
    page.select_option("#category", label="家电维修")
    page.set_input_files(
        "#photo", files=[{"name": "水龙头.jpg", "mimeType": "image/jpeg", "buffer": photo()}]
    )
    page.fill("#address", "幸福里小区3栋2单元501")
    page.fill("#preferred_time", "工作日上午")
    page.click("main button[type=submit]")
    page.wait_for_url("**/my/orders/*")
    main = page.inner_text("main")
    assert "点单成功" in main
    assert NEED in page.inner_text("main h1")
    assert "全程跟踪" in main
    # The photo is loading="lazy": bring it into view and wait until it has been decoded.
    page.locator(".photos img").first.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => { const img = document.querySelector('.photos img');"
        " return img && img.complete && img.naturalWidth > 0; }"
    )
    assert page.eval_on_selector(".photos img", "img => img.naturalWidth") == 320
    settle(page, "order", "phone")

    page.click("nav.role-nav >> text=我的诉求")
    page.wait_for_url("**/my/orders")
    assert NEED in page.inner_text("main")
    settle(page, "orders", "phone")
    page.click(f"main >> text={NEED}")
    page.wait_for_selector("ol.timeline li")
    assert "全程跟踪" in page.inner_text("main")


def test_rate_a_completed_order_on_a_phone(open_page):
    page = open_page("phone", "jumin_zhang")
    page.goto("/my/orders")
    waiting = page.locator("section[aria-labelledby=waiting-heading]")
    assert "已办好，请评价" in waiting.inner_text()
    assert RATED in waiting.inner_text()
    waiting.locator("a[role=button]", has_text="去评价").first.click()
    page.wait_for_url("**/my/orders/*#rate")
    for choice in ("满意", "基本满意", "不满意"):
        assert page.locator(".big-choices label", has_text=choice).first.is_visible()
    page.locator(".big-choices label", has_text="满意").first.click()
    assert page.is_checked("input[name=score][value='5']")
    page.fill("#comment", "收音机很好用，谢谢党员同志！")
    page.locator("#rate").screenshot(path=SCREENSHOTS / "resident-rating-choices-phone.png")
    settle(page, "rating", "phone")
    page.click("#rate button[type=submit]")
    page.wait_for_selector(".flashes")
    assert "谢谢您的评价" in page.inner_text(".flashes")
    assert page.inner_text("main .rating") == "满意" and "★" not in page.inner_text("main")
    assert page.locator("#rate").count() == 0
    assert page.problems == []


@pytest.mark.parametrize("size", ["desktop"])
def test_my_requests_and_the_timeline_on_a_desktop(open_page, size):
    page = open_page(size, "jumin_wang")
    page.goto("/my/orders")
    assert NEED in page.inner_text("main")
    settle(page, "orders", size)
    page.click(f"main >> text={NEED}")
    page.wait_for_selector("ol.timeline li")
    settle(page, "order", size)
    page.goto("/my/orders/new")
    settle(page, "new-order", size)


def test_register_from_the_login_page_on_a_phone(open_page):
    page = open_page("phone")
    page.goto("/login")
    page.click("main >> text=注册")
    page.wait_for_url("**/register")
    assert page.inner_text("main h1") == "居民注册"
    page.fill("#display_name", "赵春梅")
    page.select_option("#community_id", label="新华社区（金桥街道）")
    page.fill("#phone", "13912345678")
    page.fill("#username", "zhao_chunmei")
    page.fill("#password", "chunmei2026")
    settle(page, "register", "phone")
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/register" not in url)
    assert "欢迎您，赵春梅" in page.inner_text(".flashes")
    assert "我要点单" in page.inner_text("nav.role-nav")
    assert page.problems == []
