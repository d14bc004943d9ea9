"""A resident volunteer of the district's community, and points put on people's accounts."""

from types import SimpleNamespace

import pytest

from tests import factories
from tests.conftest import Api
from volunteer.auth.services import issue_token
from volunteer.extensions import db
from volunteer.love_bank import ledger
from volunteer.love_bank.models import EntryReason
from volunteer.organisations.models import Community


@pytest.fixture
def neighbour(app, client):
    """A resident of the district's community who is no party member: `.user`, `.api`."""

    def make(username: str = "linju", phone: str = "13900139000") -> SimpleNamespace:
        with app.app_context():
            community = db.session.scalars(db.select(Community).order_by(Community.id)).first()
            user = factories.resident_of(community, username=username, phone=phone)
            token = issue_token(user)[0]
            user_id = user.id
            db.session.commit()
        return SimpleNamespace(user=user_id, api=Api(client, token))

    return make


@pytest.fixture
def volunteer(district, neighbour):
    """A confirmed resident volunteer: `.id` (the volunteer id), `.user`, `.api`."""
    person = neighbour()
    applied = person.api.post(
        "/volunteers",
        json={
            "community_id": district.community,
            "skills": ["修理", "陪伴老人"],
            "phone": "13900139000",
        },
    )
    assert applied.status_code == 201, applied.json
    confirmed = district.api.secretary.post(f"/volunteers/{applied.json['id']}/confirm")
    assert confirmed.status_code == 200, confirmed.json
    person.id = applied.json["id"]
    return person


@pytest.fixture
def give_points(app):
    """`give_points(user_id, community_id, amount)` credits an account (as service would)."""

    def give(user_id: int, community_id: int, amount: int) -> None:
        with app.app_context():
            ledger.credit(user_id, community_id, amount, EntryReason.ACTIVITY, activity_id=1)
            db.session.commit()

    return give
