"""回访 → 重办 on a 390 px phone, on the demo district.

王秀英 (jumin_wang) rates a repaired tap 不满意; 陈书记 (shuji1) finds her complaint on the 回访
tab, calls, chooses 重办 and dispatches the order again to the pool; 张伟 (dangyuan01) takes it
and redoes the work; 王秀英 rates it 满意; the dashboard shows the final and the first-time
satisfaction rate. Screenshots (the phone's screen) go to test-artifacts/rework/.
"""

import re
from pathlib import Path

import pytest

from tests.conftest import Api
from tests.pages.browser import assert_fits_width, needs_chromium
from volunteer.auth.models import User
from volunteer.auth.services import issue_token
from volunteer.extensions import db

pytestmark = needs_chromium

SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "rework"
TITLE = "厨房水龙头一直滴水"
COMPLAINT = "修完第二天又开始滴水了"
CALL = "已电话回访王阿姨，确认仍在滴水，安排重新上门更换阀芯。"


def shot(page, name: str) -> None:
    """The phone's screen as a person sees it; nothing failed; no sideways scrolling."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png")
    assert page.problems == []
    assert_fits_width(page)


@pytest.fixture
def completed_order(session_app, live_server) -> int:
    """A request of 王秀英, dispatched to the pool, claimed and completed by 张伟 (API)."""
    client = session_app.test_client()
    with session_app.app_context():
        users = {
            name: db.session.scalar(db.select(User).where(User.username == name))
            for name in ("jumin_wang", "shuji1", "dangyuan01")
        }
        tokens = {name: issue_token(user)[0] for name, user in users.items()}
        db.session.commit()
    resident, secretary, member = (Api(client, tokens[n]) for n in tokens)
    order = resident.post(
        "/orders",
        json={
            "kind": "need",
            "title": TITLE,
            "description": "厨房水龙头关不紧，一直滴水，想请人来修一下。",
            "category": "repair",
            "address": "幸福里小区5栋1单元302",
            "contact_phone": "13800138001",
        },
    ).json
    path = f"/orders/{order['id']}"
    assert secretary.post(f"{path}/dispatch", json={"pool": True}).status_code == 200
    assert member.post(f"{path}/claim").status_code == 200
    done = member.post(f"{path}/complete", json={"note": "紧了紧螺母", "hours": 0.5})
    assert done.status_code == 200, done.json
    return order["id"]


def test_a_dissatisfied_resident_is_called_back_and_the_work_redone(open_page, completed_order):
    resident = open_page("phone", "jumin_wang")
    secretary = open_page("phone", "shuji1")
    member = open_page("phone", "dangyuan01")

    # 1. The resident rates 不满意 and hears that the branch will call back.
    resident.goto(f"/my/orders/{completed_order}")
    resident.locator("#rate .big-choices label", has_text="不满意").click()
    resident.get_by_label("对志愿者说句话（选填）").fill(COMPLAINT)
    with resident.expect_navigation():
        resident.get_by_role("button", name="提交评价").click()
    assert "支部将电话回访" in resident.inner_text("#follow-up")
    shot(resident, "1-resident-rated-dissatisfied")

    # 2. The secretary finds the complaint on the 回访 tab, calls and chooses 重办.
    secretary.goto("/")
    secretary.locator("nav.role-nav").get_by_role("link", name=re.compile("^回访")).click()
    secretary.wait_for_url("**/desk/follow-ups")
    item = secretary.locator("article.follow-up", has_text=TITLE)
    assert COMPLAINT in item.inner_text()
    assert "13800138001" in item.inner_text()  # the contact, to call
    item.locator("summary").click()
    assert "紧了紧螺母" in item.locator("ol.timeline").inner_text()
    item.get_by_label("重办").check()
    item.get_by_label("回访情况（显示在办理进程中）").fill(CALL)
    shot(secretary, "2-secretary-follow-up-tab")
    with secretary.expect_navigation():
        item.get_by_role("button", name="记录回访").click()
    assert "已退回重办，请重新派单" in secretary.inner_text(".flashes")

    # 3. Back in the inbox; dispatched again, to the community pool.
    secretary.goto(f"/desk/orders/{completed_order}")
    assert CALL in secretary.inner_text(".timeline")
    assert "回访后重办" in secretary.inner_text(".timeline")
    secretary.locator("#dispatch #target-pool").check()
    with secretary.expect_navigation():
        secretary.locator("#dispatch").get_by_role("button", name="派单").click()
    assert "已派单" in secretary.inner_text(".flashes")
    shot(secretary, "3-secretary-dispatched-again")

    # 4. The member takes it again and redoes the work.
    member.goto("/member/pool")
    member.locator("article.order-card", has_text=TITLE).get_by_role(
        "button", name="我来接单"
    ).click()
    member.wait_for_url("**/member/orders/*")
    member.get_by_label("办理情况说明").fill("更换了新阀芯，观察半小时不再滴水。")
    member.get_by_label("服务时长（小时）").fill("1")
    with member.expect_navigation():
        member.get_by_role("button", name="确认办结").click()
    shot(member, "4-member-redone")

    # 5. The resident sees it moving again, and rates it 满意.
    resident.goto(f"/my/orders/{completed_order}")
    assert "支部已回访：重办" in resident.inner_text("#follow-up")
    assert CALL in resident.inner_text("ol.timeline")
    resident.locator("#rate .big-choices label", has_text="满意").first.click()
    with resident.expect_navigation():
        resident.get_by_role("button", name="提交评价").click()
    assert resident.inner_text("main hgroup .status") == "已完结"
    shot(resident, "5-resident-rated-satisfied")

    # 6. The dashboard keeps both views.
    secretary.goto("/dashboard")
    first_time = secretary.locator(".figure.first-time .value").inner_text()
    reworks = secretary.locator(".figure.reworks .value").inner_text()
    assert first_time.endswith("%") and int(reworks) >= 1
    secretary.locator(".figure.first-time").scroll_into_view_if_needed()
    shot(secretary, "6-dashboard-first-time-rate")
