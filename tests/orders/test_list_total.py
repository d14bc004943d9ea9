"""The order list's total (X-Pagination): with no filter it is summed from the statistics'
monthly tallies for the communities the caller manages (volunteer/stats/totals.py), so that a
community's whole history is not counted on every page; it must still be exactly the number
of orders the list holds."""

import json

import pytest
import sqlalchemy as sa

from tests.factories import OrderFactory
from volunteer.extensions import db
from volunteer.organisations.models import Community


@pytest.fixture
def history(app, district, post_order, claimed):
    """Orders in every state in the district's two communities, one the secretary posted
    elsewhere on a resident's behalf, one cancelled."""
    with app.app_context():
        here = db.session.get(Community, district.community)
        there = db.session.get(Community, district.other_community)
        for status in ("closed", "merged", "cancelled", "rejected", "completed", "dispatched"):
            OrderFactory(community=here, status=status)
            OrderFactory(community=there, status=status)
        OrderFactory(community=there, owner_id=district.secretary)
        db.session.commit()
    cancelled = post_order(title="又不用了")
    district.api.resident.post(f"/orders/{cancelled['id']}/cancel", json={"reason": "修好了"})


def total_and_listed(api, query: str = "") -> tuple[int, int]:
    response = api.get(f"/orders?page_size=100{query}")
    assert response.status_code == 200
    return json.loads(response.headers["X-Pagination"])["total"], len(response.json)


@pytest.mark.parametrize(
    "speaker", ["secretary", "street_admin", "admin", "member", "resident", "other_secretary"]
)
def test_the_total_is_the_number_listed(history, district, speaker):
    api = getattr(district.api, speaker)
    total, listed = total_and_listed(api)
    assert total == listed
    assert total > 0
    for query in ("&status=dispatched", "&kind=need", "&status=closed&status=cancelled"):
        total, listed = total_and_listed(api, query)
        assert total == listed, query


def test_a_managers_total_is_read_from_the_tallies(app, history, district):
    statements: list[str] = []

    def executed(conn, cursor, statement, *args):
        statements.append(" ".join(statement.split()))

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", executed)
    try:
        total, listed = total_and_listed(district.api.street_admin)
    finally:
        sa.event.remove(engine, "before_cursor_execute", executed)
    assert total == listed
    counts = [s for s in statements if "count(" in s.lower() or "sum(" in s.lower()]
    assert len(counts) == 1, counts
    assert "FROM order_tallies" in counts[0]


@pytest.mark.parametrize("speaker", ["secretary", "resident"])
@pytest.mark.parametrize("query", ["", "&status=dispatched", "&q=小区"])
def test_every_page_and_past_the_last_says_the_same_total(history, district, speaker, query):
    """Every page, one past the last (no rows) and an absurd page number (answered empty
    without reaching the database's integers; a text query's page, whose total comes with
    its rows, answered 500 on SQLite) say the same total."""
    api = getattr(district.api, speaker)
    everything, _ = total_and_listed(api, query)
    pages = -(-everything // 2)  # of two

    def page(number: int) -> tuple[dict, list]:
        response = api.get(f"/orders?page_size=2&page={number}{query}")
        assert response.status_code == 200, response.json
        return json.loads(response.headers["X-Pagination"]), response.json

    for number in range(1, pages + 3):
        metadata, orders = page(number)
        assert metadata["total"] == everything, number
        assert len(orders) == (min(2, everything - 2 * (number - 1)) if number <= pages else 0)
    metadata, orders = page(10**19)
    assert (metadata["total"], orders) == (everything, [])
