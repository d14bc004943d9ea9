"""The feedback reports' desk in a real browser on the demo district: the street admin
(jiedao) drafts the tax office's report, then regenerates and sends the power company's draft
to its two report addresses. The tests share one live server and run in this order."""

import pytest

from tests.pages.browser import SIZES, assert_chinese_font, assert_fits_width, needs_chromium
from tests.pages.browser import screenshot as take

pytestmark = needs_chromium


def settle(page, name: str, size: str) -> None:
    take(page, f"{name}-{size}")
    assert page.problems == []
    if size == "phone":
        assert_fits_width(page)


def test_street_admin_drafts_a_report(open_page):
    page = open_page("desktop", "jiedao")
    page.goto("/")
    page.click("nav.role-nav >> text=反馈报告")
    page.wait_for_url("**/desk/reports")
    assert page.inner_text("main h1") == "向单位反馈报告"
    assert_chinese_font(page)
    assert "国网城区供电公司" in page.inner_text("main table")
    page.select_option("#employer_id", label="区税务局")
    page.select_option("#period", index=1)  # the latest half-year
    page.get_by_role("button", name="生成草稿").click()
    page.wait_for_url("**/desk/reports/*")
    assert "报告草稿已生成" in page.inner_text(".flashes")
    assert "区税务局" in page.inner_text("main h1")
    assert "jiguan@tax.example.cn" in page.inner_text("main")
    settle(page, "reports-desk-draft", "desktop")


def test_street_admin_regenerates_and_sends_the_power_companys_draft(open_page):
    page = open_page("desktop", "jiedao")
    page.goto("/desk/reports?status=draft")
    page.locator("main table a", has_text="国网城区供电公司").click()
    page.wait_for_url("**/desk/reports/*")
    page.get_by_role("button", name="按今天的数据重新生成").click()
    assert "已按今天的数据重新生成草稿" in page.inner_text(".flashes")
    page.get_by_role("button", name="发送给单位").click()
    assert "报告已发送" in page.inner_text(".flashes")
    delivery = page.inner_text("main section:has(h2) table")
    assert "dangwei@grid.example.cn" in delivery and "hr@grid.example.cn" in delivery
    assert page.get_by_role("button", name="发送给单位").count() == 0
    settle(page, "reports-desk-report", "desktop")


@pytest.mark.parametrize("size", SIZES)
def test_the_desk_pages(open_page, size):
    page = open_page(size, "jiedao")
    page.goto("/desk/reports")
    assert "已发送，待单位签收" in page.inner_text("main table")
    settle(page, "reports-desk", size)
    page.locator("main table a", has_text="国网城区供电公司").first.click()
    page.wait_for_url("**/desk/reports/*")
    settle(page, "reports-desk-sent", size)
