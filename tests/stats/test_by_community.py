"""GET /stats?group_by=community: the street's comparison of its communities, worked out by
hand, from the tallies; for street admins and admins only."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from tests.factories import MemberFactory, OrderFactory, resident_of
from volunteer.db import utcnow
from volunteer.extensions import db
from volunteer.orders.models import Order
from volunteer.organisations.models import Community
from volunteer.people.models import Member


@pytest.fixture
def street(app, district):
    """幸福里 (the district's community) and 和平 (the other one) of the same street.

    幸福里: closed 5 on time, closed 2 late (first rated 2, redone once), submitted, cancelled,
    claimed and overdue → 5 orders, 2 of 4 served completed, 1 of 2 on time, 1 of 2
    satisfied, first-time 0 of 1, 1 rework, 1 overdue; members: the district's member and
    an idle one → 1 of 2 taking part.
    和平: one closed 4, on time → 1 order, every rate 1.0; its member served → 1 of 1.
    远方 (another street) has an order that never shows up.
    """
    with app.app_context():
        happy = db.session.get(Community, district.community)
        peace = db.session.get(Community, district.other_community)
        member = db.session.get(Member, district.member)
        other_member = db.session.get(Member, district.other_member)
        MemberFactory(community=happy, user=resident_of(happy))  # idle
        now = utcnow()
        start = now - timedelta(days=2)

        def done(community, claimer, score, late=False, **fields):
            completed = start + timedelta(hours=5)
            due = completed - timedelta(hours=1) if late else completed + timedelta(hours=1)
            return OrderFactory(
                community=community,
                status="closed",
                close_reason="rated",
                dispatched_at=start,
                claimed_by=claimer,
                claimed_at=start + timedelta(minutes=30),
                completed_at=completed,
                completion_hours=1,
                due_at=due,
                score=score,
                **fields,
            )

        done(happy, member, 5)
        done(happy, member, 2, late=True, first_score=2, rework_count=1)
        OrderFactory(community=happy, status="submitted")
        OrderFactory(community=happy, status="cancelled")
        OrderFactory(
            community=happy,
            status="claimed",
            claimed_by=member,
            dispatched_at=start,
            due_at=now - timedelta(hours=1),
        )
        done(peace, other_member, 4)
        OrderFactory(community=db.session.get(Community, district.far_community), status="closed")
        db.session.commit()


def rows(response) -> dict:
    assert response.status_code == 200, response.json
    return {group["name"]: group for group in response.json["groups"]}


def test_one_row_per_community_of_the_street(district, street):
    found = rows(
        district.api.street_admin.get(f"/stats?street_id={district.street}&group_by=community")
    )
    assert set(found) == {"幸福里社区", "和平社区"}
    happy, peace = found["幸福里社区"], found["和平社区"]
    assert happy["key"] == district.community
    assert happy["orders"]["total"] == 5
    assert happy["orders"]["by_status"]["cancelled"] == 1
    assert happy["completion_rate"] == 0.5
    assert happy["on_time_rate"] == 0.5
    assert happy["satisfaction_rate"] == 0.5
    assert happy["first_time_satisfaction_rate"] == 0.0
    assert happy["rework_count"] == 1
    assert happy["overdue"] == 1
    assert happy["members"] == {"active": 2, "participating": 1, "rate": 0.5}
    assert peace["orders"]["total"] == 1
    assert (peace["completion_rate"], peace["on_time_rate"], peace["satisfaction_rate"]) == (
        1.0,
        1.0,
        1.0,
    )
    assert peace["members"] == {"active": 1, "participating": 1, "rate": 1.0}
    # The rows add up to the street's total.
    total = district.api.street_admin.get(f"/stats?street_id={district.street}").json
    assert sum(g["orders"]["total"] for g in found.values()) == total["orders"]["total"] == 6


def test_a_community_without_orders_still_has_its_row(app, district, street):
    with app.app_context():
        # Through the ORM, so that the tallies follow (stats/tallies.py).
        for order in db.session.scalars(
            sa.select(Order).where(Order.community_id == district.other_community)
        ):
            db.session.delete(order)
        db.session.commit()
    found = rows(district.api.street_admin.get("/stats?group_by=community"))
    assert found["和平社区"]["orders"]["total"] == 0
    assert found["和平社区"]["completion_rate"] is None


def test_admin_compares_any_street(district, street):
    found = rows(district.api.admin.get(f"/stats?street_id={district.street}&group_by=community"))
    assert set(found) == {"幸福里社区", "和平社区"}
    everything = rows(district.api.admin.get("/stats?group_by=community"))
    assert "远方社区" in everything


def test_the_period_applies(district, street):
    found = rows(
        district.api.street_admin.get("/stats?group_by=community&from=2020-01-01&to=2020-12-31")
    )
    assert found["幸福里社区"]["orders"]["total"] == 0


@pytest.mark.parametrize(
    ("speaker", "query", "status"),
    [
        ("secretary", "group_by=community", 403),
        ("secretary", "community_id={community}&group_by=community", 403),
        ("resident", "group_by=community", 403),
        ("street_admin", "street_id={other_street}&group_by=community", 404),
        ("street_admin", "group_by=neighbourhood", 422),
    ],
)
def test_refusals(district, street, speaker, query, status):
    path = "/stats?" + query.format(
        community=district.community, other_street=district.other_street
    )
    assert getattr(district.api, speaker).get(path).status_code == status


def test_the_export_names_each_community(district, street):
    response = district.api.street_admin.get(
        f"/exports/stats.csv?street_id={district.street}&group_by=community"
    )
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "幸福里社区" in text and "和平社区" in text
