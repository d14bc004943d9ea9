"""Neighbours helping neighbours, in real browsers on the demo district (issue 19).

李桂兰 (jumin_li, a resident of 幸福里社区 and no party member) applies to volunteer on her
phone; 陈书记 (shuji1) confirms her; she takes 王秀英's (jumin_wang) request from the pool and
completes it; 王秀英 rates it 满意; the credit appears in 李桂兰's 爱心银行; she redeems an item
of the 爱心超市, which the secretary hands over by its code; `volunteer ledger check` finds the
books balanced; the secretary pairs her with an elderly household, the pairing-visits job
offers her the visit order, and the household's 爱心永驻联系卡 prints.
"""

import re

from tests.love_bank.test_shop import png_bytes
from tests.pages.browser import SCREENSHOTS, assert_fits_width, needs_chromium, screenshot
from volunteer.jobs.runner import run_job

pytestmark = needs_chromium

TITLE = "帮忙换个灯泡"


def settle(page, name: str, phone: bool) -> None:
    screenshot(page, f"love-bank-{name}")
    assert page.problems == []
    if phone:
        assert_fits_width(page)


def follow(page, link: str) -> None:
    name = re.compile(rf"^{re.escape(link)}( \d+)?$")
    page.locator("nav.role-nav").get_by_role("link", name=name).click()


def test_a_resident_volunteers_earns_credits_and_redeems_them(open_page, session_app):
    volunteer = open_page("phone", "jumin_li")
    secretary = open_page("desktop", "shuji1")
    neighbour = open_page("phone", "jumin_wang")

    # 1. The resident applies to volunteer.
    volunteer.goto("/")
    follow(volunteer, "当志愿者")
    volunteer.wait_for_url("**/volunteer/apply")
    volunteer.fill("#skills", "换灯泡，陪老人聊天")
    volunteer.get_by_label("同意在结对老人的爱心永驻联系卡上印我的手机号。").check()
    settle(volunteer, "1-apply-phone", phone=True)
    with volunteer.expect_navigation():
        volunteer.get_by_role("button", name="提交申请").click()
    assert "社区书记会尽快确认" in volunteer.inner_text(".flashes")

    # 2. The secretary confirms her.
    secretary.goto("/")
    follow(secretary, "居民志愿者")
    secretary.wait_for_url("**/desk/volunteers")
    row = secretary.locator("tr", has_text="李桂兰")
    assert "待确认" in row.inner_text()
    settle(secretary, "2-volunteers-desktop", phone=False)
    with secretary.expect_navigation():
        row.get_by_role("button", name="确认").click()
    assert "李桂兰 已成为居民志愿者" in secretary.inner_text(".flashes")

    # 3. A neighbour posts a request; the secretary puts it in the community pool.
    neighbour.goto("/")
    follow(neighbour, "我要点单")
    neighbour.wait_for_url("**/my/orders/new")
    neighbour.get_by_label("服务需求").check()
    neighbour.get_by_label("一句话说明").fill(TITLE)
    neighbour.get_by_label("详细情况").fill("厨房灯泡坏了，我够不着，想请邻居帮忙换一个。")
    neighbour.get_by_label("需要哪支服务队帮忙？").select_option(label="家电维修")
    neighbour.get_by_role("button", name="提交点单").click()
    neighbour.wait_for_url("**/my/orders/*")
    follow(secretary, "待办")
    secretary.get_by_role("link", name=TITLE).click()
    secretary.wait_for_url("**/desk/orders/*")
    order_page = secretary.url
    more = secretary.locator("#dispatch details.more-targets")
    if more.count() and more.get_attribute("open") is None:
        more.locator("summary").click()
    assert "居民志愿者" in secretary.inner_text("#dispatch")  # she is recommended, marked
    secretary.locator("#target-pool").check()
    with secretary.expect_navigation():  # 受理并派单 in one step; the next order opens
        secretary.locator("#dispatch-button").click()
    secretary.goto(order_page)
    assert "派入社区接单池" in secretary.inner_text(".timeline")

    # 4. The volunteer takes it from the pool and completes it.
    volunteer.goto("/")
    follow(volunteer, "接单")
    volunteer.wait_for_url("**/member/pool")
    card = volunteer.locator("article.order-card", has_text=TITLE)
    settle(volunteer, "3-pool-phone", phone=True)
    card.get_by_role("button", name="我来接单").click()
    volunteer.wait_for_url("**/member/orders/*")
    assert "接单成功" in volunteer.inner_text(".flashes")
    volunteer.get_by_label("办理情况说明").fill("换好了新的节能灯泡。")
    volunteer.get_by_label("服务时长（小时）").fill("1")
    with volunteer.expect_navigation():
        volunteer.get_by_role("button", name="确认办结").click()
    assert "已办结" in volunteer.inner_text(".flashes")

    # 5. The neighbour rates it 满意.
    follow(neighbour, "我的诉求")
    neighbour.wait_for_url("**/my/orders")
    waiting = neighbour.locator("section[aria-labelledby=waiting-heading]")
    waiting.locator("article", has_text=TITLE).get_by_role("button", name="去评价").click()
    neighbour.wait_for_url("**/my/orders/*#rate")
    neighbour.locator("#rate .big-choices label", has_text="满意").first.click()
    with neighbour.expect_navigation():
        neighbour.get_by_role("button", name="提交评价").click()
    assert "谢谢您的评价" in neighbour.inner_text(".flashes")

    # 6. The credit appears: 1 hour × 10 + 5 for 满意.
    follow(volunteer, "我的爱心银行")
    volunteer.wait_for_url("**/volunteer/love-bank")
    assert volunteer.inner_text("#balance") == "15"
    entries = volunteer.inner_text("#entries")
    assert "工单服务时长" in entries and "获评满意" in entries
    settle(volunteer, "4-credit-phone", phone=True)

    # 7. She redeems the 理发券 (15 points); the page shows her code.
    item = volunteer.locator("#shop li", has_text="理发券")
    with volunteer.expect_navigation():
        item.get_by_role("button", name="兑换").click()
    assert "已预约" in volunteer.inner_text(".flashes")
    row = volunteer.locator("#redemptions tr", has_text="理发券")
    code = row.locator(".redemption-code").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{6}", code)
    assert volunteer.inner_text("#balance") == "0"
    settle(volunteer, "5-redeemed-phone", phone=True)

    # 8. The secretary hands it over by the code.
    follow(secretary, "爱心超市")
    secretary.wait_for_url("**/desk/shop")
    assert code in secretary.inner_text("#reserved")
    secretary.fill("#code", code.lower())
    with secretary.expect_navigation():
        secretary.locator("#hand-over").get_by_role("button", name="兑付").click()
    assert "已兑付：理发券 交给 李桂兰" in secretary.inner_text(".flashes")
    assert code not in secretary.inner_text("#reserved")
    row = secretary.locator("#items tr", has_text="理发券")
    row.locator("input[type=file]").set_input_files(
        files=[{"name": "haircut.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    with secretary.expect_navigation():
        row.get_by_role("button", name="上传").click()
    assert "图片已保存" in secretary.inner_text(".flashes")
    assert secretary.locator("#items tr", has_text="理发券").locator("img").count() == 1
    settle(secretary, "6-shop-desktop", phone=False)
    volunteer.reload()
    assert volunteer.locator("#shop li", has_text="理发券").locator("img").count() == 1
    assert "已兑付" in volunteer.locator("#redemptions tr", has_text=code).inner_text()

    # 9. The books balance.
    from volunteer.cli import main

    result = session_app.test_cli_runner().invoke(main, ["ledger", "check"])
    assert result.exit_code == 0, result.output
    assert "The books balance." in result.output
    follow(secretary, "爱心银行账本")
    secretary.wait_for_url("**/desk/ledger")
    assert "李桂兰" in secretary.inner_text("#people")
    settle(secretary, "7-ledger-desktop", phone=False)

    # 10. A pairing: the job offers her the visit, and the household's card prints.
    follow(secretary, "结对帮扶")
    secretary.wait_for_url("**/desk/pairings")
    secretary.get_by_label("党员或居民志愿者").select_option(label="李桂兰（居民志愿者）")
    secretary.get_by_label("结对家庭（姓名）").fill("吴奶奶")
    secretary.get_by_label("地址").fill("幸福里小区9栋1单元202")
    secretary.get_by_label("家庭电话").fill("13500135000")
    secretary.get_by_label("探访周期（天）").fill("7")
    with secretary.expect_navigation():
        secretary.get_by_role("button", name="结对", exact=True).click()
    assert "已与 吴奶奶 家结对" in secretary.inner_text(".flashes")
    outcome = run_job(session_app, "pairing-visits")
    assert outcome.ok and outcome.result.startswith("1 "), outcome.result
    follow(volunteer, "接单")
    volunteer.wait_for_url("**/member/pool")
    assert "结对探访：吴奶奶" in volunteer.inner_text("main")
    settle(volunteer, "8-visit-offered-phone", phone=True)
    secretary.reload()
    row = secretary.locator("tr", has_text="吴奶奶")
    assert "已派单" in row.inner_text()
    settle(secretary, "9-pairings-desktop", phone=False)
    href = row.get_by_role("link", name="联系卡（PDF）").get_attribute("href")
    card_pdf = secretary.request.get(href)
    assert card_pdf.ok and card_pdf.headers["content-type"] == "application/pdf"
    body = card_pdf.body()
    assert body.startswith(b"%PDF-")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "love-bank-contact-card.pdf").write_bytes(body)

    for page in (volunteer, secretary, neighbour):
        assert page.problems == []
