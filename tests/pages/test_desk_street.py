"""The desk beyond one community: escalation to the street, the street's queue and dispatch
across the street, and street supervision (督办). (The follow-ups: test_desk_follow_ups.py.)"""

from datetime import timedelta

import pytest

from tests.factories import team
from tests.pages.helpers import log_in, submit
from volunteer.db import utcnow
from volunteer.extensions import db
from volunteer.orders.models import Order
from volunteer.organisations.models import Community


def order_of(district, order_id) -> dict:
    return district.api.secretary.get(f"/orders/{order_id}").json


def act(client, order_id, action, data=None):
    path = f"/desk/orders/{order_id}"
    return submit(client, f"{path}/{action}", data, form_page=path)


@pytest.fixture
def escalated(client, district, post_order):
    """An order the secretary accepted and escalated through the pages."""
    order = post_order(title="楼上漏水邻里纠纷", category="mediation")
    log_in(client, "shuji")
    assert act(client, order["id"], "accept").status_code == 302
    response = act(client, order["id"], "escalate", {"escalate_reason": "涉及多个单位，需要协调"})
    assert response.status_code == 302
    assert order_of(district, order["id"])["status"] == "escalated"
    return order


@pytest.fixture
def street(app):
    """A second browser, logged in as the street admin."""
    other = app.test_client()
    log_in(other, "jiedao")
    return other


def other_team(app, district, key="mediation") -> int:
    with app.app_context():
        return team(db.session.get(Community, district.other_community), key).id


def test_escalating_needs_a_reason(client, district, post_order):
    order = post_order()
    district.api.secretary.post(f"/orders/{order['id']}/accept")
    log_in(client, "shuji")
    response = act(client, order["id"], "escalate", {"escalate_reason": ""})
    assert response.status_code == 422
    assert 'id="escalate_reason-error"' in response.data.decode()
    assert order_of(district, order["id"])["status"] == "accepted"


def test_the_street_sees_the_escalated_order_with_its_reason(escalated, street):
    queue = street.get("/desk/escalated").data.decode()
    assert "街道待办工单" in queue
    assert "楼上漏水邻里纠纷" in queue
    assert "涉及多个单位，需要协调" in queue
    assert "幸福里社区" in queue


def test_the_street_dispatches_to_a_team_of_another_community(app, district, escalated, street):
    target = other_team(app, district)
    shown = street.get(f"/desk/orders/{escalated['id']}").data.decode()
    assert f'value="team:{target}"' in shown  # the street's teams are offered
    assert "和平社区" in shown
    assert "13800138000" in shown  # the street sees the contact once escalated
    response = act(street, escalated["id"], "dispatch", {"target": f"team:{target}"})
    assert response.status_code == 302
    dispatched = order_of(district, escalated["id"])
    assert (dispatched["status"], dispatched["dispatch"]["team_id"]) == ("dispatched", target)
    assert "楼上漏水邻里纠纷" not in street.get("/desk/escalated").data.decode()


def test_the_street_may_reject_an_escalated_order(district, escalated, street):
    response = act(street, escalated["id"], "reject", {"reject_reason": "属于物业职责"})
    assert response.status_code == 302
    assert order_of(district, escalated["id"])["status"] == "rejected"


def test_once_escalated_the_secretary_only_watches(client, app, district, escalated):
    shown = client.get(f"/desk/orders/{escalated['id']}").data.decode()
    assert "已上报街道，现由街道办理" in shown
    assert "/dispatch" not in shown
    response = act(client, escalated["id"], "dispatch", {"target": f"team:{district.repair_team}"})
    assert response.status_code == 302
    refused = client.get(response.headers["Location"]).data.decode()
    assert 'class="error"' in refused
    assert "handled by the street" not in refused  # said in Chinese
    assert order_of(district, escalated["id"])["status"] == "escalated"


def test_a_secretary_cannot_dispatch_to_another_communitys_team(app, client, district, post_order):
    order = post_order()
    log_in(client, "shuji")
    shown = client.get(f"/desk/orders/{order['id']}").data.decode()
    target = other_team(app, district, "repair")
    assert f'value="team:{target}"' not in shown
    response = act(client, order["id"], "dispatch", {"target": f"team:{target}"})
    assert response.status_code == 422
    assert order_of(district, order["id"])["status"] == "submitted"


def test_the_street_sees_orders_under_its_supervision(app, district, dispatched, street):
    with app.app_context():
        order = db.session.get(Order, dispatched["id"])
        order.due_at = utcnow() - timedelta(days=5)
        order.street_supervised_at = utcnow()
        db.session.commit()
    section = street.get("/desk/escalated").data.decode().split('id="supervised"')[1]
    assert dispatched["title"] in section
    assert "家电维修服务队" in section  # who holds it
