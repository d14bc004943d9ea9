"""The teams an order may be dispatched to (the desk's chooser): the order's community's for
its secretary, every community's of the street for the street admin; active teams only."""

import pytest

from volunteer.auth.models import User
from volunteer.extensions import db
from volunteer.orders.models import Order
from volunteer.orders.triage import dispatchable_teams, may_escalate, street_handles
from volunteer.teams.models import Team


@pytest.fixture
def order(app, post_order):
    return post_order()["id"]


def teams_for(district, username_key: str, order_id: int) -> list[Team]:
    actor = db.session.get(User, getattr(district, username_key))
    return dispatchable_teams(actor, db.session.get(Order, order_id))


def test_the_secretary_gets_the_communitys_active_teams(app, district, order):
    with app.app_context():
        repair = db.session.get(Team, district.repair_team)
        db.session.add(
            Team(
                community_id=district.community,
                kind="custom",
                name="心理疏导服务队",
                categories=["other"],
                status="proposed",
            )
        )
        db.session.flush()
        teams = teams_for(district, "secretary", order)
        assert len(teams) == 8
        assert {team.community_id for team in teams} == {district.community}
        assert repair in teams
        assert "心理疏导服务队" not in {team.name for team in teams}


def test_the_street_admin_gets_the_streets_teams_own_community_first(app, district, order):
    with app.app_context():
        teams = teams_for(district, "street_admin", order)
        assert len(teams) == 16
        assert {team.community_id for team in teams} == {
            district.community,
            district.other_community,
        }
        assert teams[0].community_id == district.community
        assert teams[-1].community_id == district.other_community


def test_who_escalates_and_who_handles_the_street(app, district, order):
    with app.app_context():
        record = db.session.get(Order, order)
        secretary = db.session.get(User, district.secretary)
        street_admin = db.session.get(User, district.street_admin)
        assert may_escalate(secretary, record) and not street_handles(secretary, record)
        assert street_handles(street_admin, record) and not may_escalate(street_admin, record)
