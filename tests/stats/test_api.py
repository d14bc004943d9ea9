"""GET /stats on a hand-built data set where every figure is worked out by hand."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.factories import MemberFactory, OrderFactory, resident_of
from volunteer.db import utcnow
from volunteer.extensions import db
from volunteer.organisations.models import Community
from volunteer.people.models import Member


@pytest.fixture
def figures(app, district):
    """Eleven orders of the district's community, in every state.

    claim minutes: 30, 90, 60, 10, 120, 45 → median 52.5
    handling hours (completed ones): 2, 10, 4, 1, 24 → median 4
    completed 5 of 8 served (rejected, cancelled, merged don't count) → 0.625
    on time 3 of 5 completed → 0.6; satisfied (score ≥ 3) 2 of 3 rated → 0.6667
    completions per active member: 4, 1, 0 → Gini 8/15
    """
    with app.app_context():
        community = db.session.get(Community, district.community)
        member = db.session.get(Member, district.member)
        second = MemberFactory(community=community, user=resident_of(community))
        MemberFactory(community=community, user=resident_of(community))  # idle
        now = utcnow()
        start = now - timedelta(days=3)

        def served(claim_minutes, hours=None, late=False, claimer=member, **fields):
            due = start + timedelta(days=1)
            completed = start + timedelta(hours=hours) if hours is not None else None
            if completed is not None and late:
                due = completed - timedelta(minutes=1)
            return OrderFactory(
                community=community,
                dispatched_at=start,
                due_at=due,
                claimed_by=claimer,
                claimed_at=start + timedelta(minutes=claim_minutes),
                completed_at=completed,
                completion_hours=1,
                **fields,
            )

        served(30, 2, status="closed", close_reason="rated", score=5)
        served(90, 10, late=True, status="closed", close_reason="rated", score=3)
        served(60, 4, status="closed", close_reason="rated", score=1)
        served(10, 1, status="closed", close_reason="auto_closed")
        served(120, 24, late=True, claimer=second, status="completed")
        overdue = served(45, claimer=second, status="claimed")
        overdue.due_at = now - timedelta(hours=1)
        OrderFactory(
            community=community,
            status="dispatched",
            dispatched_at=start,
            due_at=now + timedelta(days=2),
        )
        for status in ("rejected", "cancelled", "merged", "submitted"):
            OrderFactory(community=community, status=status)
        # Another community's order is never counted here.
        OrderFactory(community=db.session.get(Community, district.other_community), status="closed")
        db.session.commit()


def test_every_figure_by_hand(district, figures):
    stats = district.api.secretary.get(f"/stats?community_id={district.community}").json
    assert stats["orders"]["total"] == 11
    assert stats["orders"]["by_status"] == {
        "submitted": 1,
        "accepted": 0,
        "dispatched": 1,
        "claimed": 1,
        "completed": 1,
        "closed": 4,
        "escalated": 0,
        "rejected": 1,
        "merged": 1,
        "cancelled": 1,
    }
    assert stats["orders"]["completed"] == 5
    assert stats["orders"]["closed_by"] == {"rated": 3, "auto_closed": 1}
    assert stats["completion_rate"] == 0.625
    assert stats["on_time_rate"] == 0.6
    assert stats["satisfaction_rate"] == 0.6667
    assert stats["rated_count"] == 3
    assert stats["small_sample"] is True
    assert stats["rates"]["satisfaction"] == {
        "value": 0.6667,
        "numerator": 2,
        "count": 3,
        "small_sample": True,
    }
    assert stats["overdue"] == 1
    assert stats["median_claim_minutes"] == 52.5
    assert stats["median_handling_hours"] == 4.0
    members = stats["members"]
    assert (members["active"], members["participating"], members["idle"]) == (3, 2, 1)
    assert members["gini"] == round(8 / 15, 4)
    assert len(members["idle_members"]) == 1


def test_secretary_defaults_to_own_community(district, figures):
    assert district.api.secretary.get("/stats").json["orders"]["total"] == 11


def test_street_admin_sees_the_street(district, figures):
    stats = district.api.street_admin.get(f"/stats?street_id={district.street}").json
    assert stats["orders"]["total"] == 12
    assert district.api.street_admin.get("/stats").json["orders"]["total"] == 12


def test_breakdown_by_category(district, figures):
    groups = district.api.secretary.get("/stats?group_by=category").json["groups"]
    assert [g["key"] for g in groups] == ["repair"]
    assert groups[0]["completion_rate"] == 0.625


def test_breakdown_by_month(district, figures):
    groups = district.api.secretary.get("/stats?group_by=month").json["groups"]
    assert sum(g["orders"]["total"] for g in groups) == 11
    assert all(len(g["key"]) == 7 for g in groups)


def test_period_excludes_older_orders(district, figures):
    stats = district.api.secretary.get("/stats?from=2020-01-01&to=2020-12-31").json
    assert stats["orders"]["total"] == 0
    assert stats["completion_rate"] is None


@pytest.mark.parametrize(
    ("speaker", "query", "status"),
    [
        ("other_secretary", "community_id={community}", 404),
        ("secretary", "street_id={street}", 404),
        ("resident", "", 403),
        ("member", "", 403),
        ("contact", "", 403),
    ],
)
def test_scopes(district, speaker, query, status):
    query = query.format(community=district.community, street=district.street)
    assert getattr(district.api, speaker).get(f"/stats?{query}").status_code == status


def test_rejected_orders_never_count_as_completed(district, post_order):
    order = post_order()
    district.api.secretary.post(f"/orders/{order['id']}/reject", json={"reason": "重复"})
    stats = district.api.secretary.get("/stats").json
    assert stats["orders"]["completed"] == 0
    assert stats["completion_rate"] is None


def test_a_period_cutting_a_month_counts_participation_from_the_orders(district, figures):
    """From three days ago: the month is cut, so its completions are read from the orders
    rather than the monthly tallies, and come out the same."""
    first = (utcnow() - timedelta(days=3)).astimezone(ZoneInfo("Asia/Shanghai")).date()
    if first.day == 1:
        first -= timedelta(days=1)  # still cut the month
    stats = district.api.secretary.get(f"/stats?from={first.isoformat()}").json
    members = stats["members"]
    assert (members["active"], members["participating"], members["idle"]) == (3, 2, 1)
    assert members["gini"] == round(8 / 15, 4)
