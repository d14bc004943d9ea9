"""Never more than the capacity: many members sign up for one activity at the same instant,
through real HTTP against a threaded server, on SQLite and on PostgreSQL."""

from datetime import timedelta

import pytest

from tests.orders.test_claim_race import race, serve

CROWD = 12
CAPACITY = 5


@pytest.fixture
def server(app):
    yield from serve(app)


def test_exactly_capacity_sign_ups_succeed_at_once(district, server, post_activity, members):
    people = members(CROWD)
    for round_number in range(2):
        activity = post_activity(starts_in=timedelta(days=1 + round_number), capacity=CAPACITY)
        path = f"/api/v1/activities/{activity['id']}/signups"
        answers = race(server, [(token, path, None) for _, token in people])
        statuses = sorted(status for status, _ in answers)
        assert statuses == [201] * CAPACITY + [409] * (CROWD - CAPACITY), answers
        assert all(body["code"] == 409 for status, body in answers if status == 409)
        shown = district.api.secretary.get(f"/activities/{activity['id']}").json
        assert shown["signed_up"] == CAPACITY
        winners = {people[i][0] for i, (status, _) in enumerate(answers) if status == 201}
        assert {line["member_id"] for line in shown["signups"]} == winners


def test_one_member_signing_up_twice_at_once_gets_one_place(
    district, server, post_activity, members
):
    ((_, token),) = members(1)
    activity = post_activity(capacity=CAPACITY)
    path = f"/api/v1/activities/{activity['id']}/signups"
    answers = race(server, [(token, path, None)] * 6)
    assert sorted(status for status, _ in answers) == [201] + [409] * 5, answers
    assert district.api.secretary.get(f"/activities/{activity['id']}").json["signed_up"] == 1
