"""A grid worker (网格员) in a real browser on a phone, on the demo district: 周网格员
(wangge1, 幸福里社区第一网格) files a request for an old neighbour without a phone of his own
(代办), is shown as its first-contact owner (首问责任人), and follows it to the end through the
notifications while the branch and a member do the work."""

import re
from decimal import Decimal

import sqlalchemy as sa

from tests.pages.browser import assert_chinese_font, needs_chromium, screenshot
from volunteer.auth.models import User
from volunteer.extensions import db
from volunteer.orders import triage, work
from volunteer.teams.models import Team

pytestmark = needs_chromium

TITLE = "独居老人家里暖气不热"


def user(username: str) -> User:
    return db.session.scalar(sa.select(User).where(User.username == username))


def do_the_work(session_app, order_id: int) -> None:
    """The branch dispatches to the repair team; 李强 takes it and finishes."""
    with session_app.app_context():
        secretary, member = user("shuji1"), user("dangyuan03")
        repair = db.session.scalar(
            sa.select(Team).where(Team.community_id == secretary.community_id, Team.key == "repair")
        )
        triage.dispatch_order(secretary, order_id, team_id=repair.id)
        work.claim_order(member, order_id)
        work.complete_order(member, order_id, note="放了暖气片里的空气。", hours=Decimal(1))
        db.session.commit()
        db.session.remove()


def test_a_grid_worker_files_for_an_elder_and_follows_it_to_the_end(open_page, session_app):
    page = open_page("phone", "wangge1")
    page.goto("/")
    page.locator("nav.role-nav").get_by_role("link", name=re.compile("^我的网格")).click()
    page.wait_for_url("**/grid/")
    assert_chinese_font(page)
    assert "第一网格" in page.inner_text("main .grid-facts")
    page.get_by_role("link", name="为居民代办").first.click()
    page.wait_for_url("**/grid/orders/new")

    page.fill("#on_behalf_name", "钱大爷")
    page.fill("#on_behalf_phone", "13700137123")
    page.fill("#title", TITLE)
    page.fill("#description", "走访时发现钱大爷家暖气片不热，老人八十多岁，怕冷，请尽快派人。")
    page.select_option("#category", label="家电维修")
    page.fill("#address", "幸福里小区1栋2单元102")
    screenshot(page, "grid-worker-files-phone")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r".*/my/orders/\d+$"))
    order_id = int(page.url.rsplit("/", 1)[1])
    facts = page.inner_text("main .facts")
    assert "首问责任人" in facts and "周网格员" in page.inner_text(".first-contact")
    assert "第一网格" in facts and "13700137123" in facts  # the contact they took down
    assert "周网格员（首问责任人）" in page.inner_text("ol.timeline")
    assert page.problems == []

    do_the_work(session_app, order_id)

    page.goto("/notifications")
    notices = page.inner_text("main")
    assert f"您首问负责的“{TITLE}”已派单" in notices
    assert f"“{TITLE}”已有党员接单" in notices
    assert f"您首问负责的“{TITLE}”已办结" in notices
    screenshot(page, "grid-worker-notifications-phone")
    page.locator("main a", has_text=f"您首问负责的“{TITLE}”已办结").first.click()
    page.wait_for_url(f"**/my/orders/{order_id}")
    assert "已办结" in page.inner_text("main")

    page.goto("/grid/")
    filed = page.locator("section", has=page.locator("#filed-heading"))
    assert TITLE in filed.inner_text()
    screenshot(page, "grid-worker-home-phone")
    assert page.problems == []
