"""The callers each process keeps (volunteer/auth/callers.py): a kept caller saves loading the
token, user, grants and member record, and every change to them is seen by the next request
of every process — here a second app on the same database, which kept the caller before the
change was made through the first."""

from datetime import timedelta

import pytest
import sqlalchemy as sa
import time_machine

from tests import conftest
from tests.conftest import Api
from volunteer import create_app
from volunteer.auth.models import User
from volunteer.auth.sessions import end_every_session
from volunteer.db import utcnow
from volunteer.extensions import db
from volunteer.people.models import Member


@pytest.fixture
def other_node(app, database_url, tmp_path):
    """Another server on the same database, with callers of its own."""
    node = create_app(conftest.test_config(database_url, tmp_path))
    yield node
    with node.app_context():
        db.session.remove()
        db.engine.dispose()


def speak(node, api: Api) -> Api:
    """The same caller (their token) on another node."""
    return Api(node.test_client(), api.headers["Authorization"].removeprefix("Bearer "))


def loads_of_callers(node) -> list[str]:
    """Records the statements that load a caller from api_tokens, on that node's engine."""
    seen: list[str] = []

    def executed(conn, cursor, statement, *args):
        if "FROM api_tokens" in statement:
            seen.append(statement)

    with node.app_context():
        sa.event.listen(db.engine, "before_cursor_execute", executed)
    return seen


def test_a_kept_caller_is_not_loaded_again(district, other_node):
    resident = speak(other_node, district.api.resident)
    loads = loads_of_callers(other_node)
    assert resident.get("/me").status_code == 200
    assert len(loads) == 1
    for _ in range(3):
        assert resident.get("/me").json["id"] == district.resident
    assert len(loads) == 1


def test_a_revoked_token_is_refused_at_once_by_every_node(district, other_node):
    resident = speak(other_node, district.api.resident)
    assert resident.get("/me").status_code == 200
    assert district.api.resident.delete("/auth/tokens/current").status_code == 204
    assert resident.get("/me").status_code == 401


def test_a_disabled_account(district, other_node):
    resident = speak(other_node, district.api.resident)
    assert resident.get("/me").status_code == 200
    response = district.api.admin.post(f"/users/{district.resident}/disable")
    assert response.status_code == 200
    assert resident.get("/me").status_code == 401


def test_a_grant_given_and_taken_back(district, other_node):
    resident = speak(other_node, district.api.resident)
    assert {r["role"] for r in resident.get("/me").json["roles"]} == {"resident"}
    body = {"user_id": district.resident, "role": "secretary", "community_id": district.community}
    grant = district.api.admin.post("/grants", json=body).json
    assert {r["role"] for r in resident.get("/me").json["roles"]} == {"resident", "secretary"}
    assert resident.get(f"/stats?community_id={district.community}").status_code == 200
    assert district.api.admin.delete(f"/grants/{grant['id']}").status_code == 204
    assert {r["role"] for r in resident.get("/me").json["roles"]} == {"resident"}
    assert resident.get(f"/stats?community_id={district.community}").status_code in (403, 404)


def test_a_member_who_leaves(district, other_node):
    member = speak(other_node, district.api.member)
    assert member.get("/me").json["member"]["status"] == "active"
    assert district.api.member.post(f"/members/{district.member}/leave").status_code == 200
    assert member.get("/me").json["member"]["status"] != "active"


def test_every_session_ended_by_a_statement_outside_the_orm(app, district, other_node):
    resident = speak(other_node, district.api.resident)
    assert resident.get("/me").status_code == 200
    with app.app_context():
        end_every_session(db.session.get(User, district.resident))  # UPDATE api_tokens …
        db.session.commit()
    assert resident.get("/me").status_code == 401


def test_a_change_by_hand_in_sql(app, district, other_node):
    resident = speak(other_node, district.api.resident)
    assert resident.get("/me").json["display_name"] != "改过的名字"
    with app.app_context():
        db.session.execute(
            sa.text("UPDATE users SET display_name = '改过的名字' WHERE id = :id"),
            {"id": district.resident},
        )
        db.session.commit()
    assert resident.get("/me").json["display_name"] == "改过的名字"


def test_a_change_rolled_back_keeps_the_callers(app, district, other_node):
    resident = speak(other_node, district.api.resident)
    loads = loads_of_callers(other_node)
    assert resident.get("/me").status_code == 200
    with app.app_context():
        db.session.execute(sa.update(Member).values(phone="13800000000"))
        db.session.rollback()
    assert resident.get("/me").status_code == 200
    assert len(loads) == 1


def test_an_expired_token_is_refused_though_kept(district, other_node):
    resident = speak(other_node, district.api.resident)
    assert resident.get("/me").status_code == 200
    with time_machine.travel(utcnow() + timedelta(days=31), tick=False):
        assert resident.get("/me").status_code == 401


def test_nothing_is_kept_when_told_so(app, district, database_url, tmp_path):
    node = create_app({**conftest.test_config(database_url, tmp_path), "CALLER_CACHE_SECONDS": 0})
    loads = loads_of_callers(node)
    resident = speak(node, district.api.resident)
    for _ in range(2):
        assert resident.get("/me").status_code == 200
    assert len(loads) == 2
    with node.app_context():
        db.engine.dispose()


def test_a_kept_caller_is_a_copy_that_a_request_may_change(app, district, other_node):
    """A request that changes its caller's object changes neither the kept copy nor, once
    rolled back, the database."""
    resident = speak(other_node, district.api.resident)
    name = resident.get("/me").json["display_name"]
    with other_node.test_request_context("/", headers=resident.headers):
        from volunteer.auth.access import require_actor

        require_actor().display_name = "没有保存"
        db.session.rollback()
    assert resident.get("/me").json["display_name"] == name
    with app.app_context():
        assert db.session.get(User, district.resident).display_name == name
