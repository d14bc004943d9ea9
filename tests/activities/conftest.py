"""An activity of the district's community, posted through the API, and time to move."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.factories import MemberFactory
from volunteer.auth.services import issue_token
from volunteer.extensions import db
from volunteer.organisations.models import Community, Employer


def iso(moment: datetime) -> str:
    return moment.isoformat()


@pytest.fixture
def clock(time_machine):
    """time-machine's fixture, started at the real time (ticking), so tests may shift it."""
    time_machine.move_to(datetime.now(UTC), tick=True)
    return time_machine


@pytest.fixture
def post_activity(district):
    """`post_activity(starts_in=timedelta, hours=2, capacity=5)` → the activity's JSON."""

    def post(starts_in=timedelta(days=1), hours=2.0, capacity=5, **extra):
        starts = datetime.now(UTC).replace(microsecond=0) + starts_in
        body = {
            "community_id": district.community,
            "title": "党员公益日：楼道清理",
            "description": "自带手套",
            "place": "3号楼",
            "starts_at": iso(starts),
            "ends_at": iso(starts + timedelta(hours=hours)),
            "capacity": capacity,
            **extra,
        }
        answer = district.api.secretary.post("/activities", json=body)
        assert answer.status_code == 201, answer.json
        return answer.json

    return post


@pytest.fixture
def members(app, district):
    """`members(n)`: n more active members of the district's community, each (id, token)."""

    def make(count: int) -> list[tuple[int, str]]:
        with app.app_context():
            community = db.session.get(Community, district.community)
            employer = db.session.get(Employer, district.employer)
            made = [
                MemberFactory(
                    community=community, employer=employer, user__community_id=community.id
                )
                for _ in range(count)
            ]
            db.session.commit()
            people = [(m.id, issue_token(m.user)[0]) for m in made]
            db.session.commit()
        return people

    return make
