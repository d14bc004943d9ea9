"""The roster, the employer's reports and the admin pages in a real browser on the demo district.

The tests share one live server and run in this order: 罗刚 (dangyuan20) reported in to 和平社区,
so its secretary 周书记 (shuji2) confirms him; 陈书记 (shuji1) approves 林霞's proposed
少儿托管服务队 in 幸福里社区; the hospital's contact (danwei1) downloads and acknowledges
its sent report; the operator looks at the organisation and at shuji1's roles.
"""

from urllib.parse import unquote

import pytest

from tests.pages.browser import (
    SIZES,
    assert_chinese_font,
    assert_fits_width,
    needs_chromium,
    screenshot,
)

pytestmark = needs_chromium


def settle(page, name: str, size: str = "desktop") -> None:
    """A screenshot of a page that drew its Chinese; nothing failed; a phone needs no sideways
    scrolling."""
    screenshot(page, f"{name}-{size}")
    assert page.problems == []
    if size == "phone":
        assert_fits_width(page)
    else:
        assert_tables_fit(page)


def assert_tables_fit(page) -> None:
    """On a desktop every column is in sight: no table is wider than the box it scrolls in."""
    overflowing = page.evaluate(
        """() => [...document.querySelectorAll("main table")]
            .filter((table) => table.scrollWidth > table.parentElement.clientWidth)
            .map((table) => `${table.className}: ${table.scrollWidth} px in a `
                            + `${table.parentElement.clientWidth} px box`)"""
    )
    assert overflowing == []


def test_secretary_confirms_a_report_in(open_page):
    # 罗刚 reported in to 和平社区: 幸福里社区's secretary does not see him at all.
    page = open_page("desktop", "shuji1")
    page.goto("/desk/members")
    assert "罗刚" not in page.inner_text("main")

    page = open_page("desktop", "shuji2")
    page.goto("/")
    page.click("nav.role-nav >> text=党员")
    page.wait_for_url("**/desk/members")
    assert page.inner_text("main h1") == "党员"
    assert_chinese_font(page)
    pending = page.locator("tr", has_text="罗刚")
    assert "区税务局" in pending.inner_text()
    settle(page, "roster-members-pending")
    pending.get_by_role("button", name="确认报到").click()
    page.wait_for_url("**/desk/members?community_id=*")
    assert "报到已确认" in page.inner_text(".flashes")
    assert "没有待确认的报到" in page.inner_text("main")
    assert "罗刚" in page.inner_text("main table")
    settle(page, "roster-members")


def test_secretary_approves_the_proposed_n_team(open_page):
    page = open_page("desktop", "shuji1")
    page.goto("/desk/teams")
    assert page.inner_text("main h1") == "服务队"
    proposal = page.locator("article", has_text="少儿托管服务队")
    assert "林霞" in proposal.inner_text()
    settle(page, "roster-teams-proposal")
    proposal.locator("textarea").fill("同意成立，请尽快招募队员。")
    proposal.get_by_role("button", name="批准成立").click()
    page.wait_for_url("**/desk/teams?community_id=*")
    assert "已批准成立少儿托管服务队" in page.inner_text(".flashes")
    assert "没有待审批的提议" in page.inner_text("main")
    row = page.locator("section:has(#teams) tr", has_text="少儿托管服务队")
    assert "服务中" in row.inner_text()
    # The new team can take a category of its own at once.
    page.select_option("#team_id-other", label="少儿托管服务队 (1)")
    page.locator("#rule-other").get_by_role("button", name="保存").click()
    page.wait_for_url("**/desk/teams?community_id=*")
    assert "少儿托管服务队" in page.inner_text("#rule-other")
    settle(page, "roster-teams")


def test_secretary_sees_the_evaluations(open_page):
    page = open_page("desktop", "shuji1")
    page.goto("/desk/evaluations")
    assert "年度评议" in page.inner_text("main h1")
    assert "建议等次" in page.inner_text("main thead")
    assert page.locator("tbody tr").count() >= 8
    settle(page, "roster-evaluations")


def test_employer_downloads_and_acknowledges_the_sent_report(open_page):
    page = open_page("desktop", "danwei1")
    page.goto("/")
    page.click("nav.role-nav >> text=反馈报告")
    page.wait_for_url("**/employer/reports")
    assert page.inner_text("main h1") == "反馈报告"
    sent = page.locator("article", has_text="已发送，待签收")
    assert sent.count() == 1
    settle(page, "employer-reports")
    sent.get_by_role("button", name="查看报告").click()
    page.wait_for_url("**/employer/reports/*")
    assert "市第一人民医院" in page.inner_text("main")
    assert "未授权共享" in page.inner_text("main table")  # 徐娟 did not consent
    settle(page, "employer-report")

    with page.expect_download() as download_info:
        page.get_by_role("button", name="下载 PDF").click()
    download = download_info.value
    name = unquote(download.suggested_filename)
    assert name.endswith(".pdf")
    assert "市第一人民医院" in name
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    page.get_by_role("button", name="确认签收").click()
    assert "已确认签收" in page.inner_text(".flashes")
    assert "已签收" in page.inner_text("main")
    assert page.get_by_role("button", name="确认签收").count() == 0
    settle(page, "employer-report-acknowledged")


def test_employer_reports_on_a_phone(open_page):
    page = open_page("phone", "danwei1")
    page.goto("/employer/reports")
    assert page.locator("article").count() >= 1
    settle(page, "employer-reports", "phone")


@pytest.mark.parametrize("size", SIZES)
def test_admin_pages(open_page, size):
    page = open_page(size, "admin")
    page.goto("/")
    page.click("nav.role-nav >> text=系统管理")
    page.wait_for_url("**/admin")
    assert page.inner_text("main h1") == "系统管理"
    for text in ("金桥街道", "幸福里社区", "国网城区供电公司党委", "hr@grid.example.cn"):
        assert text in page.inner_text("main")
    settle(page, "admin-organisations", size)
    page.click("main nav >> text=角色授权")
    page.fill("#q", "shuji1")
    page.click("form.lookup button")
    page.wait_for_url("**/admin/grants?q=shuji1")
    page.get_by_role("link", name="选择 shuji1").click()
    page.wait_for_url("**/admin/grants?user_id=*")
    assert "支部书记（社区）" in page.inner_text("main table")
    settle(page, "admin-grants", size)
