"""Statements built once per process (volunteer/statements.py): one caller's list statement
is kept and served again, a change to the caller's scope makes another, and under test every
hit is checked against a fresh build, so that a key missing an input fails loudly."""

import pytest
import sqlalchemy as sa

from volunteer.orders.models import Order
from volunteer.statements import STATEMENTS, Built, built_once


def ids_listed(api, **query) -> tuple[int, list[int]]:
    answer = api.get("/orders", query_string={"page_size": 100, **query})
    assert answer.status_code == 200, answer.json
    return answer.headers["X-Pagination"], [order["id"] for order in answer.json]


def test_a_caller_gets_their_kept_statements(district, post_order):
    post_order()
    STATEMENTS.clear()
    first = ids_listed(district.api.secretary)
    kept = dict(STATEMENTS.kept)
    # the page, the total from the tallies, and "no count to build" (no filter)
    assert {name for name, _ in kept} == {"list", "seen_total", "count"}
    assert ids_listed(district.api.secretary) == first
    assert dict(STATEMENTS.kept) == kept  # served again: nothing built anew
    assert all(STATEMENTS.kept[key] is statement for key, statement in kept.items())


def test_a_grant_changes_what_the_next_list_is_built_from(district, post_order):
    """The other community's orders appear with the grant and go with it (the key holds the
    caller's communities, so the kept statement of before is not served)."""
    theirs = post_order(api=district.api.other_resident)["id"]
    mine = post_order()["id"]
    _, before = ids_listed(district.api.secretary)
    assert mine in before and theirs not in before
    body = {
        "user_id": district.secretary,
        "role": "secretary",
        "community_id": district.other_community,
    }
    grant = district.api.admin.post("/grants", json=body).json
    total, both = ids_listed(district.api.secretary)
    assert {mine, theirs} <= set(both) and '"total": 2' in total
    assert district.api.admin.delete(f"/grants/{grant['id']}").status_code == 204
    total, after = ids_listed(district.api.secretary)
    assert after == before and '"total": 1' in total


def test_a_key_that_misses_an_input_is_caught_under_test(app):
    built = Built()
    with app.test_request_context("/"):
        built.get("key", lambda: sa.select(Order.id).where(Order.community_id == 1))
        with pytest.raises(AssertionError, match="not what its inputs build"):
            built.get("key", lambda: sa.select(Order.id).where(Order.community_id == 2))
        with pytest.raises(AssertionError):
            built.get("key", lambda: None)


def test_kept_statements_are_bounded_and_the_oldest_goes_first(app):
    built, made = Built(size=2), []

    def build(n: int):
        made.append(n)
        return sa.select(Order.id).where(Order.id == n)

    with app.test_request_context("/"):
        for n in (1, 2, 1, 3, 1, 2):
            built.get(n, lambda n=n: build(n))
    # 1 and 2 built; 1 served (and, under test, built again to check it); 3 pushes out 2, the
    # least recently used; 1 served and checked; 2 built anew, pushing out 3.
    assert made == [1, 2, 1, 3, 1, 2]
    assert list(built.kept) == [1, 2]


def test_no_key_builds_every_time(app):
    made = []
    with app.test_request_context("/"):
        for _ in range(3):
            built_once("clock", None, lambda: made.append(1) or sa.select(sa.true()))
    assert len(made) == 3
