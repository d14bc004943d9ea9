"""Residents with tokens for the race tests."""

from tests import factories
from volunteer.auth.services import issue_token
from volunteer.extensions import db
from volunteer.organisations.models import Community


def crowd_of_neighbours(app, district, count: int) -> list[tuple[int, str]]:
    """`count` residents of the district's community: (user id, token) each."""
    with app.app_context():
        community = db.session.get(Community, district.community)
        users = [
            factories.resident_of(community, username=f"linju{index}") for index in range(count)
        ]
        db.session.commit()
        people = [(user.id, issue_token(user)[0]) for user in users]
        db.session.commit()
    return people
