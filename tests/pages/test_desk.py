"""The desk: the secretary's inbox and order page, every triage action through the pages."""

from datetime import timedelta

import pytest

from tests.pages.helpers import log_in, submit
from volunteer.db import utcnow
from volunteer.extensions import db
from volunteer.orders.models import Order


def order_of(district, order_id) -> dict:
    return district.api.secretary.get(f"/orders/{order_id}").json


def page(client, path) -> str:
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    return response.data.decode()


def act(client, order_id, action, data=None):
    """POST one action's form as the browser does, the token read from the order page."""
    path = f"/desk/orders/{order_id}"
    return submit(client, f"{path}/{action}", data, form_page=path)


def test_desk_pages_need_login(client):
    for path in ("/desk", "/desk/overdue", "/desk/escalated", "/desk/orders/1"):
        response = client.get(path)
        assert response.status_code == 302
        assert "/login" in response.headers["Location"]


@pytest.mark.parametrize("username", ["jumin", "dangyuan", "danwei"])
def test_other_roles_are_turned_away(client, post_order, username):
    order = post_order()
    log_in(client, username)
    for path in ("/desk", "/desk/overdue", "/desk/escalated", f"/desk/orders/{order['id']}"):
        assert client.get(path).status_code == 403
    assert act(client, order["id"], "accept").status_code == 403


def test_another_communitys_secretary_hears_404(client, district, post_order):
    order = post_order()
    log_in(client, "shuji_b")
    assert client.get(f"/desk/orders/{order['id']}").status_code == 404
    response = submit(client, f"/desk/orders/{order['id']}/accept", form_page="/desk")
    assert response.status_code == 404
    assert order_of(district, order["id"])["status"] == "submitted"


def test_inbox_lists_the_communitys_new_orders_only(client, district, post_order):
    post_order(title="楼道灯不亮")
    post_order(api=district.api.other_resident, title="和平社区的水管")
    dispatched = post_order(title="已经派出的单")
    district.api.secretary.post(
        f"/orders/{dispatched['id']}/dispatch", json={"team_id": district.repair_team}
    )
    log_in(client, "shuji")
    inbox = page(client, "/desk")
    assert "待办工单" in inbox
    assert "楼道灯不亮" in inbox
    assert "和平社区的水管" not in inbox
    assert "已经派出的单" not in inbox
    assert "家电维修" in inbox  # the category, in Chinese


def test_inbox_filters_by_status_and_category(client, district, post_order):
    post_order(title="法律问题", category="legal")
    dispatched = post_order(title="已经派出的单")
    district.api.secretary.post(f"/orders/{dispatched['id']}/dispatch", json={"pool": True})
    log_in(client, "shuji")
    assert "已经派出的单" in page(client, "/desk?status=dispatched")
    assert "社区接单池" in page(client, "/desk?status=dispatched")  # who holds it
    by_category = page(client, "/desk?category=repair")
    assert "法律问题" not in by_category
    assert "法律问题" in page(client, "/desk?category=legal")
    assert client.get("/desk?status=nonsense").status_code == 400


def test_inbox_puts_urgent_orders_first(client, post_order):
    post_order(title="普通的事")
    post_order(title="紧急的事", urgency="urgent")
    log_in(client, "shuji")
    inbox = page(client, "/desk")
    assert inbox.index("紧急的事") < inbox.index("普通的事")


def test_order_page_shows_contact_timeline_and_actions(client, post_order):
    order = post_order()
    log_in(client, "shuji")
    shown = page(client, f"/desk/orders/{order['id']}")
    assert "13800138000" in shown  # the secretary sees the contact
    assert "幸福里小区3栋2单元501" in shown
    assert "办理进度" in shown
    for action in ("accept", "dispatch", "merge", "reject"):
        assert f"/desk/orders/{order['id']}/{action}" in shown
    assert f"/desk/orders/{order['id']}/escalate" not in shown  # not from submitted
    assert f"/desk/orders/{order['id']}/release" not in shown


def test_accept_may_correct_category_and_urgency(client, district, post_order):
    order = post_order()
    log_in(client, "shuji")
    response = act(client, order["id"], "accept", {"category": "legal", "urgency": "urgent"})
    assert response.status_code == 302
    accepted = order_of(district, order["id"])
    assert (accepted["status"], accepted["category"], accepted["urgency"]) == (
        "accepted",
        "legal",
        "urgent",
    )
    assert "已受理" in page(client, response.headers["Location"])


def test_reject_needs_a_reason(client, district, post_order):
    order = post_order()
    log_in(client, "shuji")
    response = act(client, order["id"], "reject", {"reject_reason": "  "})
    assert response.status_code == 422
    shown = response.data.decode()
    assert 'id="reject_reason-error"' in shown
    assert 'aria-describedby="reject_reason-error"' in shown
    assert "此项必填" in shown  # the schema's error, in Chinese
    assert order_of(district, order["id"])["status"] == "submitted"


def test_reject_with_a_reason(client, district, post_order):
    order = post_order()
    log_in(client, "shuji")
    response = act(client, order["id"], "reject", {"reject_reason": "属于物业职责"})
    assert response.status_code == 302
    rejected = order_of(district, order["id"])
    assert rejected["status"] == "rejected"
    assert rejected["events"][-1]["note"] == "属于物业职责"


def test_dispatch_form_shows_recommendations_with_reasons(client, district, post_order):
    order = post_order()
    log_in(client, "shuji")
    shown = page(client, f"/desk/orders/{order['id']}")
    assert "家电维修服务队" in shown
    assert "服务类别：家电维修" in shown  # a reason, translated
    assert f'value="team:{district.repair_team}"' in shown
    assert f'value="member:{district.member}"' in shown
    assert 'value="pool"' in shown


def test_dispatch_to_the_recommended_team(client, district, post_order):
    order = post_order()
    log_in(client, "shuji")
    response = act(client, order["id"], "dispatch", {"target": f"team:{district.repair_team}"})
    assert response.status_code == 302
    dispatched = order_of(district, order["id"])
    assert dispatched["status"] == "dispatched"
    assert dispatched["dispatch"]["team_id"] == district.repair_team
    assert "已派单" in page(client, response.headers["Location"])


def test_dispatch_to_one_member_is_an_offer_to_them(client, district, post_order):
    order = post_order()
    log_in(client, "shuji")
    response = act(client, order["id"], "dispatch", {"target": f"member:{district.member}"})
    assert response.status_code == 302
    offered = order_of(district, order["id"])
    assert (offered["status"], offered["dispatch"]["member_id"]) == ("dispatched", district.member)
    assert offered["claimed_by"] is None  # an offer, never an assignment


def test_dispatch_with_a_due_time_in_the_communitys_time(client, district, post_order):
    order = post_order()
    log_in(client, "shuji")
    response = act(
        client, order["id"], "dispatch", {"target": "pool", "due_at": "2030-01-10T17:00"}
    )
    assert response.status_code == 302
    assert order_of(district, order["id"])["due_at"] == "2030-01-10T09:00:00+00:00"


def test_dispatch_without_a_target_is_an_error_next_to_the_chooser(client, district, post_order):
    order = post_order()
    log_in(client, "shuji")
    response = act(client, order["id"], "dispatch", {})
    assert response.status_code == 422
    assert 'id="target-error"' in response.data.decode()
    assert "请选择服务队、党员或社区接单池" in response.data.decode()
    assert order_of(district, order["id"])["status"] == "submitted"


def test_dispatch_due_time_in_the_past_is_refused(client, district, post_order):
    order = post_order()
    log_in(client, "shuji")
    response = act(
        client, order["id"], "dispatch", {"target": "pool", "due_at": "2020-01-10T17:00"}
    )
    assert response.status_code == 422
    assert 'id="due_at-error"' in response.data.decode()
    assert "The due time must lie in the future" not in response.data.decode()  # Chinese
    assert order_of(district, order["id"])["status"] == "submitted"


def test_merge_into_another_open_order(client, district, post_order):
    first, duplicate = post_order(), post_order(title="暖气又不热了")
    log_in(client, "shuji")
    shown = page(client, f"/desk/orders/{duplicate['id']}")
    assert f'<option value="{first["id"]}"' in shown  # the chooser offers the other order
    response = act(client, duplicate["id"], "merge", {"into_order_id": str(first["id"])})
    assert response.status_code == 302
    merged = order_of(district, duplicate["id"])
    assert (merged["status"], merged["merged_into_id"]) == ("merged", first["id"])


def test_merge_into_another_communitys_order_is_refused(client, district, post_order):
    order = post_order()
    foreign = post_order(api=district.api.other_resident)
    log_in(client, "shuji")
    response = act(client, order["id"], "merge", {"into_order_id": str(foreign["id"])})
    assert response.status_code == 422
    assert 'id="into_order_id-error"' in response.data.decode()
    assert "Not another open order" not in response.data.decode()  # said in Chinese
    assert order_of(district, order["id"])["status"] == "submitted"


def test_an_action_the_state_does_not_allow_is_an_error_flash(client, district, dispatched):
    log_in(client, "shuji")
    response = act(client, dispatched["id"], "accept")
    assert response.status_code == 302
    shown = page(client, response.headers["Location"])
    assert 'class="error"' in shown
    assert "无法操作：该工单当前状态为“已派单”" in shown
    assert order_of(district, dispatched["id"])["status"] == "dispatched"


def test_release_a_claimed_order(client, district, claimed):
    log_in(client, "shuji")
    shown = page(client, f"/desk/orders/{claimed['id']}")
    assert "/release" in shown
    response = act(client, claimed["id"], "release", {"release_reason": "党员生病，改派他人"})
    assert response.status_code == 302
    released = order_of(district, claimed["id"])
    assert (released["status"], released["claimed_by"]) == ("dispatched", None)


def test_actions_need_the_csrf_token(client, district, post_order):
    order = post_order()
    log_in(client, "shuji")
    response = client.post(f"/desk/orders/{order['id']}/accept", data={})
    assert response.status_code == 400
    assert order_of(district, order["id"])["status"] == "submitted"


def test_the_desk_speaks_english_too(client, post_order):
    post_order()
    log_in(client, "shuji")
    client.get("/lang/en")
    inbox = page(client, "/desk")
    assert "Triage inbox" in inbox


def overdue_order(app, order_id) -> None:
    with app.app_context():
        db.session.get(Order, order_id).due_at = utcnow() - timedelta(days=2)
        db.session.commit()


def test_overdue_board_shows_the_late_order_and_who_holds_it(client, app, district, claimed):
    overdue_order(app, claimed["id"])
    log_in(client, "shuji")
    board = page(client, "/desk/overdue")
    assert "超期工单" in board
    assert claimed["title"] in board
    assert "2天" in board  # how late
    assert f"/desk/orders/{claimed['id']}#release" in board


def test_overdue_board_is_scoped(client, app, district, claimed):
    overdue_order(app, claimed["id"])
    log_in(client, "shuji_b")
    assert claimed["title"] not in page(client, "/desk/overdue")
