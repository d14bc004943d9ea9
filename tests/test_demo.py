"""The demo district tells a believable story on first start: members reported in months before
their orders, the secretary of 幸福里社区 has requests waiting, the street supervises (督办) an
overdue order, and every order's timeline runs forward in time and lies in the past."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from tests.conftest import empty_tables
from tests.pages.helpers import log_in
from volunteer.auth.models import User
from volunteer.db import utcnow
from volunteer.demo import seed_demo
from volunteer.demo.histories import HISTORIES
from volunteer.demo.steps import STEPS
from volunteer.extensions import db, limiter
from volunteer.orders.models import Order, OrderEvent
from volunteer.orders.timing import street_supervision_for
from volunteer.people.models import Member
from volunteer.teams.models import Team, TeamMembership


@pytest.fixture(scope="module")
def seeded(session_app):
    """The demo district, seeded once for this module (5–7 s): every test here only reads it.
    A test that changes it needs a district of its own. Emptied afterwards, as `app` does."""
    with session_app.app_context():
        seed_demo()
        db.session.commit()
        db.session.remove()
    yield session_app
    limiter.reset()
    with session_app.app_context():
        empty_tables()


@pytest.fixture
def demo(seeded):
    with seeded.app_context():
        yield seeded
        db.session.remove()


def member_of(username: str) -> Member:
    return db.session.scalar(
        sa.select(Member).join(User, User.id == Member.user_id).where(User.username == username)
    )


def test_members_reported_in_months_before_their_orders(demo):
    oldest_order = db.session.scalar(sa.select(sa.func.min(Order.created_at)))
    active = db.session.scalars(
        sa.select(Member).where(Member.status == "active", Member.member_type != "volunteer")
    ).all()
    assert len(active) == 19
    for member in active:
        assert member.reported_at < member.confirmed_at < oldest_order
        assert utcnow() - member.reported_at < timedelta(days=190)
        assert all(membership < oldest_order for membership in joined(member))
    pending = member_of("dangyuan20")
    assert pending.status == "pending"
    assert timedelta(days=1) < utcnow() - pending.reported_at < timedelta(days=7)


def joined(member: Member) -> list:
    """When the member joined their teams (not the N team 林霞 proposed just now)."""
    return db.session.scalars(
        sa.select(TeamMembership.joined_at)
        .join(Team, Team.id == TeamMembership.team_id)
        .where(TeamMembership.member_id == member.id, Team.status == "active")
    ).all()


def test_the_first_secretary_has_requests_waiting(demo):
    secretary = db.session.scalar(sa.select(User).where(User.username == "shuji1"))
    waiting = db.session.scalars(
        sa.select(Order.status).where(
            Order.community_id == secretary.community_id,
            Order.status.in_(["submitted", "accepted"]),
        )
    ).all()
    # …one of them filed by the first grid's worker (首问负责) and accepted.
    assert sorted(waiting) == ["accepted", "accepted", "submitted", "submitted"]


def test_the_desk_finds_a_likely_duplicate(demo):
    """王秀英's 东门路灯不亮 is the lamp 李桂兰 reported twelve days ago."""
    from volunteer.orders.duplicates import similar_orders

    secretary = db.session.scalar(sa.select(User).where(User.username == "shuji1"))
    lamp = db.session.scalar(sa.select(Order).where(Order.title == "东门路灯不亮"))
    found = similar_orders(secretary, lamp.id)
    assert [entry["title"] for entry in found] == ["小区东门路灯坏了"]


def test_an_overdue_order_is_under_street_supervision(demo):
    order = db.session.scalar(sa.select(Order).where(Order.street_supervised_at.is_not(None)))
    assert order.title == "小区东门路灯坏了"
    notes = [(e.note, e.at) for e in order.events if e.action == "supervise"]
    assert [note for note, _ in notes] == [
        "超过办结时限，社区督办",
        "超期2个工作日仍未办结，街道督办",
    ]
    assert order.due_at < notes[0][1] == order.supervised_at
    assert street_supervision_for(order.due_at) <= notes[1][1] == order.street_supervised_at


def test_every_timeline_runs_forward_and_lies_in_the_past(demo):
    now = utcnow()
    for order in db.session.scalars(sa.select(Order)):
        times = [
            event.at
            for event in db.session.scalars(
                sa.select(OrderEvent).where(OrderEvent.order_id == order.id).order_by(OrderEvent.id)
            )
        ]
        assert times == sorted(times), order.title
        assert order.created_at <= times[0] and times[-1] < now, order.title


def test_the_timeline_names_both_supervisions_as_such(demo):
    client = demo.test_client()  # not the `client` fixture: its `app` would empty the tables
    order_id = db.session.scalar(sa.select(Order.id).where(Order.title == "小区东门路灯坏了"))
    log_in(client, "shuji1", "demo12345")
    page = client.get(f"/desk/orders/{order_id}").data.decode()
    timeline = page.split('<ol class="timeline">')[1].split("</ol>")[0]
    assert timeline.count("<strong>超期督办</strong>") == 2
    assert "社区督办" in timeline and "街道督办" in timeline


def test_every_step_of_the_histories_names_an_action():
    named = {step for history in HISTORIES for step in history.steps}
    assert named <= set(STEPS), named - set(STEPS)
    assert set(STEPS) <= named, f"steps no history takes: {set(STEPS) - named}"
    for history in HISTORIES:
        needs_member = {"dispatch_member", "claim", "complete"} & set(history.steps)
        assert history.member or not needs_member, history.title
        assert (history.score is not None) == ("rate" in history.steps), history.title


def test_the_love_bank_shows_volunteers_a_shop_and_pairings(demo):
    from volunteer.love_bank.ledger import check_books, find_person_account
    from volunteer.love_bank.models import Redemption, ShopItem
    from volunteer.pairings.models import Pairing

    volunteers = db.session.scalars(
        sa.select(Member).where(Member.member_type == "volunteer", Member.status == "active")
    ).all()
    assert len(volunteers) == 2
    for volunteer in volunteers:
        assert find_person_account(volunteer.user_id).balance > 0
        served = db.session.scalars(
            sa.select(Order).where(Order.claimed_by_id == volunteer.id, Order.status == "closed")
        ).all()
        assert served and all(order.closed_at < utcnow() for order in served)
    assert check_books().balanced
    assert db.session.scalar(sa.select(sa.func.count(ShopItem.id))) >= 3
    reserved = db.session.scalars(sa.select(Redemption).where(Redemption.status == "reserved"))
    assert len(reserved.all()) == 1
    pairings = db.session.scalars(sa.select(Pairing)).all()
    assert len(pairings) == 2
    for pairing in pairings:
        statuses = [visit.order.status for visit in pairing.visits]
        assert statuses == ["closed", "dispatched"]
