"""A district whose hospital has members with service in the first half of 2026: one who
consented, one who never did, one who withdrew, and one served elsewhere by another employer."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests import factories
from volunteer.extensions import db
from volunteer.organisations.models import Community, Employer
from volunteer.people.models import Member

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
H1 = {"period_start": "2026-01-01", "period_end": "2026-06-30"}


def done(member, community, completed_at, *, late=False, score=None, comment=None, hours="1.5"):
    """A completed order of `member` (closed when rated); due a day later, or a day earlier."""
    due = completed_at + (timedelta(days=-1) if late else timedelta(days=1))
    return factories.OrderFactory(
        community=community,
        status="closed" if score is not None else "completed",
        close_reason="rated" if score is not None else None,
        dispatched_at=completed_at - timedelta(days=2),
        claimed_by_id=member.id,
        claimed_at=completed_at - timedelta(days=1),
        due_at=due,
        completed_at=completed_at,
        completion_note="已处理",
        completion_hours=Decimal(hours),
        score=score,
        rating_comment=comment,
        rated_at=completed_at + timedelta(hours=2) if score is not None else None,
    )


def at(month: int, day: int = 10) -> datetime:
    return datetime(2026, month, day, 3, 0, tzinfo=UTC)


@pytest.fixture
def hospital(app, district):
    """Ids of the hospital's members and their orders (district.employer is the hospital)."""
    with app.app_context():
        community = db.session.get(Community, district.community)
        other = db.session.get(Community, district.other_community)
        employer = db.session.get(Employer, district.employer)
        member = db.session.get(Member, district.member)
        member.user.display_name = "张伟"
        shy = factories.MemberFactory(
            user=factories.resident_of(other, username="shy", display_name="李娜"),
            community=other,
            employer=employer,
            consent_employer_feedback=False,
            consent_version=None,
            consent_at=None,
        )
        withdrawn = factories.MemberFactory(
            user=factories.resident_of(community, username="withdrawn", display_name="王强"),
            community=community,
            employer=employer,
            consent_employer_feedback=False,
            consent_withdrawn_at=at(3),
        )
        done(member, community, at(2), score=5, comment="师傅很热心，电话13912345678随时联系")
        done(member, community, at(3), score=4, comment="挺好的")
        done(member, community, at(4), late=True, score=2, comment="来得太晚了")
        done(member, community, at(5), hours="2.0")
        done(member, community, datetime(2025, 12, 20, tzinfo=UTC), score=5, comment="去年的")
        done(shy, other, at(4), score=5, comment="谢谢")
        done(withdrawn, community, at(4), score=5, comment="谢谢")
        db.session.commit()
        return SimpleNamespace(member=member.id, shy=shy.id, withdrawn=withdrawn.id)


@pytest.fixture
def draft(district, hospital):
    """The hospital's report for the first half of 2026, drafted by the admin."""
    response = district.api.admin.post("/reports", json={"employer_id": district.employer, **H1})
    assert response.status_code == 201, response.json
    return response.json


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def cli(runner):
    """`cli(*args)`: run `volunteer ARGS` against the test app; the click Result."""
    from volunteer.cli import main

    return lambda *args: runner.invoke(main, list(args))
