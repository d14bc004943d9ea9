"""The small queries the member pages added to the services: a page of the pool, the orders a
member holds, and what a report-in chooses from."""

from tests.order_fixtures import order_body
from volunteer.auth.models import User
from volunteer.extensions import db
from volunteer.matching.services import pool, pool_page
from volunteer.orders.work import held_orders
from volunteer.people.services import report_in_choices


def post_dispatched(district, count: int) -> list[int]:
    ids = []
    for number in range(count):
        order = district.api.resident.post("/orders", json=order_body(title=f"修理{number}")).json
        district.api.secretary.post(
            f"/orders/{order['id']}/dispatch", json={"team_id": district.repair_team}
        )
        ids.append(order["id"])
    return ids


def test_pool_page_loads_one_page_in_the_pools_order(app, district):
    post_dispatched(district, 5)
    with app.app_context():
        actor = db.session.get(User, district.member_user)
        ranked = [order_id for order_id, _, _ in pool(actor)]
        total, first = pool_page(actor, 1, 2)
        _, last = pool_page(actor, 3, 2)
        _, beyond = pool_page(actor, 4, 2)
    assert total == 5
    assert [order.id for order, _, _ in first] == ranked[:2]
    assert [order.id for order, _, _ in last] == ranked[4:]
    assert beyond == []
    assert all(reasons is not None and score > 0 for _, score, reasons in first)


def test_held_orders_are_the_claimed_first_then_the_completed(app, district):
    done, doing, _unclaimed = post_dispatched(district, 3)
    for order_id in (done, doing):
        assert district.api.member.post(f"/orders/{order_id}/claim").status_code == 200
    district.api.member.post(f"/orders/{done}/complete", json={"note": "好了", "hours": 1})
    with app.app_context():
        member = db.session.get(User, district.member_user).member
        assert [order.id for order in held_orders(member)] == [doing, done]


def test_report_in_chooses_from_every_community_and_employer(app, district):
    with app.app_context():
        choices = report_in_choices()
        communities = {community.name for community in choices["communities"]}
        employers = {employer.name for employer in choices["employers"]}
    assert communities == {"幸福里社区", "和平社区", "远方社区"}
    assert employers == {"市第一人民医院", "区税务局"}
