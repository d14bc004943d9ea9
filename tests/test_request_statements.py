"""SQL statements per request on the hot paths (issue 15), counted at the driver, so that an
N+1 or an eager chain cannot creep back: the order's detail and the list in 3 statements
(the caller — the callers' counter when this process keeps them, else the token with their
grants and member record; the order or the count; the timeline or the page), the member's
pool page in at most 6, whatever the number of orders shown. A read commits nothing (it began
no transaction: tests/test_read_transactions.py)."""

from contextlib import contextmanager

import pytest
import sqlalchemy as sa

from tests.order_fixtures import order_body
from tests.pages.helpers import log_in
from volunteer.extensions import db

TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


class Statements:
    def __init__(self, dialect: str):
        self.dialect = dialect
        self.sql: list[str] = []
        self.commits = 0

    def __len__(self) -> int:
        return len(self.sql)

    def __str__(self) -> str:
        return "\n".join(" ".join(s.split())[:200] for s in self.sql)


@pytest.fixture
def count(app):
    @contextmanager
    def counting():
        with app.app_context():
            engine = db.engine
        statements = Statements(engine.dialect.name)

        def executed(conn, cursor, statement, parameters, context, executemany):
            if not statement.lstrip().upper().startswith(TRANSACTION_CONTROL):
                statements.sql.append(statement)

        def committed(conn):
            statements.commits += 1

        sa.event.listen(engine, "before_cursor_execute", executed)
        sa.event.listen(engine, "commit", committed)
        try:
            yield statements
        finally:
            sa.event.remove(engine, "before_cursor_execute", executed)
            sa.event.remove(engine, "commit", committed)

    return counting


def ended_as_a_read(statements: Statements) -> bool:
    return statements.commits == 0


def test_detail_takes_three_statements_and_no_commit(district, post_order, count):
    order = post_order()
    for action in ("accept",):
        assert district.api.secretary.post(f"/orders/{order['id']}/{action}").status_code == 200
    for api in (district.api.secretary, district.api.resident, district.api.street_admin):
        with count() as statements:
            response = api.get(f"/orders/{order['id']}")
        assert response.status_code == 200
        assert len(response.json["events"]) == 2
        assert len(statements) <= 3, str(statements)
        assert ended_as_a_read(statements)


def test_the_claimed_order_too(district, claimed, count):
    with count() as statements:
        response = district.api.secretary.get(f"/orders/{claimed['id']}")
    assert response.json["claimed_by"]["display_name"]
    assert len(statements) <= 3, str(statements)


@pytest.mark.parametrize("speaker", ["secretary", "street_admin", "member", "resident"])
def test_list_takes_three_statements_whatever_the_page_holds(district, post_order, count, speaker):
    for _ in range(6):
        order = post_order()
        district.api.secretary.post(
            f"/orders/{order['id']}/dispatch", json={"team_id": district.repair_team}
        )
    claimed = post_order()
    district.api.secretary.post(
        f"/orders/{claimed['id']}/dispatch", json={"team_id": district.repair_team}
    )
    assert district.api.member.post(f"/orders/{claimed['id']}/claim").status_code == 200
    api = getattr(district.api, speaker)
    with count() as statements:
        response = api.get("/orders?page_size=20")
    assert response.status_code == 200
    assert len(response.json) == 7
    assert len(statements) <= 3, str(statements)
    assert ended_as_a_read(statements)


def test_pool_page_takes_at_most_six_statements(app, client, district, post_order, count):
    for index in range(8):
        order = post_order(title=f"修理暖气{index}")
        target = {"team_id": district.repair_team} if index % 2 else {"pool": True}
        response = district.api.secretary.post(f"/orders/{order['id']}/dispatch", json=target)
        assert response.status_code == 200, response.json
    log_in(client, "dangyuan")
    with count() as statements:
        response = client.get("/member/pool")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert all(f"修理暖气{index}" in page for index in range(8))
    assert len(statements) <= 6, str(statements)
    assert ended_as_a_read(statements)


def test_a_write_still_commits(district, count):
    with count() as statements:
        response = district.api.resident.post("/orders", json=order_body())
    assert response.status_code == 201
    assert statements.commits == 1
    # The caller, the community, the order, its event, its search terms, its four tally rows
    # in one upsert, the auto-dispatch rule (14 statements before); its timeline is the event
    # it was given, not read back.
    assert len(statements) <= 7, str(statements)
    assert [event["action"] for event in response.json["events"]] == ["submit"]
    assert district.api.resident.get(f"/orders/{response.json['id']}").status_code == 200


def test_a_members_teams_are_read_once_and_forgotten_at_a_change(app, district):
    """The per-transaction memo of a member's teams: asked for every order of a page, read
    once; a change of membership in the same transaction is seen at once."""
    from volunteer.orders.access import in_team
    from volunteer.people.models import Member
    from volunteer.teams.models import Team, TeamMembership

    with app.app_context():
        member = db.session.get(Member, district.member)
        other = db.session.scalar(
            sa.select(Team.id).where(
                Team.community_id == district.community, Team.id != district.repair_team
            )
        )
        assert in_team(member, district.repair_team)
        assert not in_team(member, other)
        db.session.add(TeamMembership(team_id=other, member_id=member.id))
        db.session.flush()
        assert in_team(member, other)
        db.session.execute(
            sa.delete(TeamMembership).where(
                TeamMembership.team_id == other, TeamMembership.member_id == member.id
            )
        )
        assert not in_team(member, other)
        db.session.rollback()


def test_postgresql_keeps_what_it_prepared_from_one_read_to_the_next(app, district, post_order):
    """psycopg prepares a statement run five times on a connection and forgets every one at a
    ROLLBACK: reads that ended with one planned their statements on every request (a read now
    ends with neither)."""
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("SQLite's statement cache does not depend on how a transaction ends")
    order = post_order()
    for _ in range(8):
        assert district.api.resident.get(f"/orders/{order['id']}").status_code == 200
    with app.app_context():
        pool = db.engine.pool
        connections = [db.engine.connect() for _ in range(max(1, pool.checkedin()))]
        try:
            prepared = [
                connection.exec_driver_sql("SELECT count(*) FROM pg_prepared_statements").scalar()
                for connection in connections
            ]
        finally:
            for connection in connections:
                connection.close()
    assert max(prepared) >= 2, prepared  # the order's row and its history, at least
