"""The whole 三单 flow through the pages, in four browsers at once on the demo district.

王秀英 (jumin_wang, 幸福里社区) posts a health need on her phone; 陈书记 (shuji1) triages it at
her desk and dispatches it to the recommended 医疗保健服务队; 张伟 (dangyuan01, a member of that
team who works at 市第一人民医院) takes it from the pool on his phone and completes it; 王秀英
follows every step and rates it 满意; the hospital's party office (danwei1) downloads and
acknowledges its feedback report. Each person clicks links and buttons by their Chinese names.
"""

import re
from urllib.parse import unquote

from tests.pages.browser import (
    assert_chinese_font,
    assert_fits_width,
    needs_chromium,
    screenshot,
    wait_for_charts,
)

pytestmark = needs_chromium

TITLE = "想请人上门测一次血糖"
NOTE = "上门测了空腹血糖，结果正常，讲解了饮食注意事项。"
COMMENT = "张医生很耐心，谢谢！"


def settle(page, name: str, phone: bool) -> None:
    """A screenshot; nothing failed; a phone does not scroll sideways."""
    screenshot(page, f"flow-{name}")
    assert page.problems == []
    if phone:
        assert_fits_width(page)


def follow(page, link: str) -> None:
    """Click a link of the role bar by its name (a count of what waits may follow it)."""
    name = re.compile(rf"^{re.escape(link)}( \d+)?$")
    page.locator("nav.role-nav").get_by_role("link", name=name).click()


def test_a_need_from_posting_to_the_employer_report(open_page):
    resident = open_page("phone", "jumin_wang")
    secretary = open_page("desktop", "shuji1")
    member = open_page("phone", "dangyuan01")
    employer = open_page("desktop", "danwei1")

    # 1. The resident posts a service need and finds it in her requests, submitted.
    resident.goto("/")
    follow(resident, "我要点单")
    resident.wait_for_url("**/my/orders/new")
    assert_chinese_font(resident)
    resident.get_by_label("服务需求").check()
    resident.get_by_label("一句话说明").fill(TITLE)
    resident.get_by_label("详细情况").fill("有糖尿病，最近头晕，想请懂护理的党员上门测一下血糖。")
    resident.get_by_label("需要哪支服务队帮忙？").select_option(label="医疗保健")
    resident.get_by_label("期望时间").fill("周末上午")
    resident.get_by_role("button", name="提交点单").click()
    resident.wait_for_url("**/my/orders/*")
    assert "点单成功" in resident.inner_text(".flashes")
    assert resident.inner_text("main h1") == TITLE
    follow(resident, "我的诉求")
    resident.wait_for_url("**/my/orders")
    card = resident.locator("article.order-card", has_text=TITLE)
    assert card.locator(".status").inner_text() == "已提交"
    settle(resident, "1-resident-posted-phone", phone=True)

    # 2. The secretary finds it in the inbox, accepts it and dispatches it to the best team.
    secretary.goto("/")
    follow(secretary, "待办")
    secretary.wait_for_url("**/desk")
    assert secretary.inner_text("main h1") == "待办工单"
    secretary.get_by_role("link", name=TITLE).click()
    secretary.wait_for_url("**/desk/orders/*")
    order_path = secretary.url.split("/desk", 1)[1]
    assert "13800138001" in secretary.inner_text("main")  # the secretary sees the contact
    secretary.locator("#accept summary").click()  # accepting alone is folded away
    with secretary.expect_navigation():
        secretary.locator("#accept").get_by_role("button", name="受理").click()
    assert "已受理，请派单" in secretary.inner_text(".flashes")
    best = secretary.locator("#dispatch tr.best")
    assert "医疗保健服务队" in best.inner_text()
    assert "最匹配" in best.inner_text()
    assert "服务类别：医疗保健" in best.inner_text()  # the reasons, in Chinese
    assert "张伟" in secretary.inner_text("#dispatch")  # members are recommended too
    settle(secretary, "2-secretary-recommendations-desktop", phone=False)
    best.get_by_label("医疗保健服务队").check()
    with secretary.expect_navigation():
        secretary.locator("#dispatch").get_by_role("button", name="派单").click()
    assert "已派单，等待党员接单" in secretary.inner_text(".flashes")
    secretary.goto("/desk" + order_path)  # the next order of the inbox opened
    assert "派至医疗保健服务队" in secretary.inner_text(".timeline")

    # 3. The member takes it from the pool (contact masked until then) and completes it.
    member.goto("/")
    follow(member, "接单")
    member.wait_for_url("**/member/pool")
    offer = member.locator("article.order-card", has_text=TITLE)
    assert "****" in offer.locator("dl.contact").inner_text()
    assert "13800138001" not in offer.inner_text()
    settle(member, "3-member-pool-phone", phone=True)
    offer.get_by_role("button", name="我来接单").click()
    member.wait_for_url("**/member/orders/*")
    assert "接单成功" in member.inner_text(".flashes")
    assert member.locator("dl.contact a[href='tel:13800138001']").count() == 1
    member.get_by_label("办理情况说明").fill(NOTE)
    member.get_by_label("服务时长（小时）").fill("1")
    with member.expect_navigation():
        member.get_by_role("button", name="确认办结").click()
    assert "已办结，等待居民确认评价" in member.inner_text(".flashes")
    assert NOTE in member.inner_text(".completion")
    settle(member, "3-member-completed-phone", phone=True)

    # 4. The resident follows every step and rates it; the request is closed.
    follow(resident, "我的诉求")
    resident.wait_for_url("**/my/orders")
    waiting = resident.locator("section[aria-labelledby=waiting-heading]")
    waiting.locator("article", has_text=TITLE).get_by_role("button", name="去评价").click()
    resident.wait_for_url("**/my/orders/*#rate")
    steps = resident.locator("ol.timeline li strong").all_inner_texts()
    assert steps == ["已提交", "已受理", "已派单", "已接单", "已办结"]
    assert "张伟" in resident.inner_text("ol.timeline")
    assert NOTE in resident.inner_text("main")
    resident.locator("#rate .big-choices label", has_text="满意").first.click()
    assert resident.is_checked("input[name=score][value='5']")
    resident.get_by_label("对志愿者说句话（选填）").fill(COMMENT)
    settle(resident, "4-resident-rating-phone", phone=True)
    with resident.expect_navigation():
        resident.get_by_role("button", name="提交评价").click()
    assert "谢谢您的评价" in resident.inner_text(".flashes")
    assert resident.inner_text("main hgroup .status") == "已完结"
    assert resident.locator("ol.timeline li strong").last.inner_text() == "已评价"
    assert COMMENT in resident.inner_text("main")
    settle(resident, "4-resident-closed-phone", phone=True)

    # The secretary's order page and dashboard show the closed order.
    secretary.goto(f"/desk{order_path}")
    assert "已完结" in secretary.inner_text("main hgroup")
    assert COMMENT in secretary.inner_text("main")
    follow(secretary, "统计")
    secretary.wait_for_url("**/dashboard")
    assert secretary.inner_text("main h1") == "统计"
    wait_for_charts(secretary)
    settle(secretary, "6-secretary-dashboard-desktop", phone=False)

    # 5. The member's employer reads, downloads and acknowledges its feedback report.
    employer.goto("/")
    follow(employer, "反馈报告")
    employer.wait_for_url("**/employer/reports")
    sent = employer.locator("article", has_text="已发送，待签收")
    sent.get_by_role("button", name="查看报告").click()
    employer.wait_for_url("**/employer/reports/*")
    assert "张伟" in employer.inner_text("main table")
    settle(employer, "5-employer-report-desktop", phone=False)
    with employer.expect_download() as download_info:
        employer.get_by_role("button", name="下载 PDF").click()
    download = download_info.value
    assert unquote(download.suggested_filename).endswith(".pdf")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    with employer.expect_navigation():
        employer.get_by_role("button", name="确认签收").click()
    assert "已确认签收" in employer.inner_text(".flashes")
    assert employer.get_by_role("button", name="确认签收").count() == 0

    for page in (resident, secretary, member, employer):
        assert page.problems == []
