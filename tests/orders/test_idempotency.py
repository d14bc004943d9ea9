"""POST /orders with an Idempotency-Key: the same key from the same user within 24 hours
returns the first response and creates nothing new (docs/api.md "Conventions")."""

import itertools
import os
import threading
import time
from datetime import timedelta

import pytest
import sqlalchemy as sa

from tests.order_fixtures import order_body
from tests.orders.test_claim_race import race, serve
from volunteer.auth.models import User
from volunteer.auth.services import issue_token
from volunteer.db import utcnow
from volunteer.extensions import db
from volunteer.orders import creation
from volunteer.orders.models import IdempotencyKey

TEST_DATABASE_URL = os.environ.get("VOLUNTEER_TEST_DATABASE_URL")
KEY = "3f1c2a9e-order-heater-0001"
PROXY = {"on_behalf_of": {"name": "孙大爷", "phone": "13700137000"}}


def post(api, key: str | None = KEY, **changes):
    headers = {"Idempotency-Key": key} if key is not None else {}
    return api.post("/orders", json=order_body(**changes), headers=headers)


def orders_in_community(district) -> list[dict]:
    """Every order of the community, as its secretary lists them."""
    response = district.api.secretary.get("/orders?page_size=100")
    assert response.status_code == 200
    return response.json


class TestReplay:
    def test_same_key_from_same_user_returns_the_first_response(self, district):
        first = post(district.api.resident)
        again = post(district.api.resident)
        assert first.status_code == again.status_code == 201
        assert again.json == first.json
        assert [order["id"] for order in orders_in_community(district)] == [first.json["id"]]

    def test_a_different_body_under_the_same_key_is_refused(self, district):
        # IETF Idempotency-Key draft: a key reused with another payload is a client error.
        first = post(district.api.resident, title="修理暖气")
        again = post(district.api.resident, title="另一件事", kind="wish")
        assert again.status_code == 422
        assert list(again.json["errors"]) == ["Idempotency-Key"]
        assert len(orders_in_community(district)) == 1
        assert post(district.api.resident, title="修理暖气").json == first.json

    def test_the_same_body_written_differently_is_the_same_request(self, district):
        body = order_body()
        first = district.api.resident.post("/orders", json=body, headers={"Idempotency-Key": KEY})
        reordered = dict(reversed(list(body.items())))
        again = district.api.resident.post(
            "/orders", json=reordered, headers={"Idempotency-Key": KEY}
        )
        assert again.status_code == 201
        assert again.json == first.json

    def test_replay_shows_the_order_as_it_was_created(self, district):
        first = post(district.api.resident)
        district.api.secretary.post(f"/orders/{first.json['id']}/accept")
        again = post(district.api.resident)
        assert again.json == first.json
        assert again.json["status"] == "submitted"

    def test_replay_within_twenty_four_hours(self, district, time_machine):
        first = post(district.api.resident)
        time_machine.move_to(utcnow() + timedelta(hours=23, minutes=59))
        again = post(district.api.resident)
        assert again.status_code == 201
        assert again.json == first.json
        assert len(orders_in_community(district)) == 1

    def test_without_a_key_every_post_creates_an_order(self, district):
        first = post(district.api.resident, key=None)
        second = post(district.api.resident, key=None)
        assert first.json["id"] != second.json["id"]
        assert len(orders_in_community(district)) == 2

    def test_secretarys_proxy_order_is_replayed_too(self, district):
        first = post(district.api.secretary, **PROXY)
        again = post(district.api.secretary, **PROXY)
        assert first.status_code == again.status_code == 201
        assert again.json == first.json
        assert len(orders_in_community(district)) == 1


class TestNewOrder:
    def test_same_key_from_another_user_creates_a_new_order(self, district):
        mine = post(district.api.resident)
        theirs = post(district.api.member)
        assert theirs.status_code == 201
        assert theirs.json["id"] != mine.json["id"]
        assert theirs.json["events"][0]["actor"]["id"] == district.member_user
        assert len(orders_in_community(district)) == 2
        # Each user's key still replays their own first response.
        assert post(district.api.resident).json == mine.json
        assert post(district.api.member).json == theirs.json

    def test_same_key_after_twenty_four_hours_creates_a_new_order(self, district, time_machine):
        first = post(district.api.resident)
        time_machine.move_to(utcnow() + timedelta(hours=24, minutes=1))
        later = post(district.api.resident)
        assert later.status_code == 201
        assert later.json["id"] != first.json["id"]
        assert len(orders_in_community(district)) == 2
        # From now on the key replays the new order.
        assert post(district.api.resident).json == later.json

    def test_another_key_creates_a_new_order(self, district):
        first = post(district.api.resident, key="key-one")
        second = post(district.api.resident, key="key-two")
        assert second.json["id"] != first.json["id"]


class TestBadKeys:
    @pytest.mark.parametrize("key", ["k" * 101, "", "   "])
    def test_key_of_bad_length_is_422(self, district, key):
        response = post(district.api.resident, key=key)
        assert response.status_code == 422
        assert response.json["code"] == 422
        assert "Idempotency-Key" in response.json["errors"]
        assert orders_in_community(district) == []

    def test_key_of_one_hundred_characters_is_accepted(self, district):
        first = post(district.api.resident, key="k" * 100)
        assert first.status_code == 201
        assert post(district.api.resident, key="k" * 100).json == first.json


class TestFailuresAreNotRemembered:
    def test_invalid_body_stores_nothing(self, district):
        failed = post(district.api.resident, title="")
        assert failed.status_code == 422
        assert "title" in failed.json["errors"]
        created = post(district.api.resident)
        assert created.status_code == 201
        assert [order["id"] for order in orders_in_community(district)] == [created.json["id"]]
        assert post(district.api.resident).json == created.json

    def test_refusal_by_the_service_stores_nothing(self, district):
        # A secretary must name the resident (代办); the refusal comes after the key check.
        failed = post(district.api.secretary)
        assert failed.status_code == 422
        assert "on_behalf_of" in failed.json["errors"]
        created = post(district.api.secretary, **PROXY)
        assert created.status_code == 201
        assert [order["id"] for order in orders_in_community(district)] == [created.json["id"]]

    def test_not_found_stores_nothing(self, district):
        failed = post(district.api.resident, community_id=district.other_community)
        assert failed.status_code == 404
        created = post(district.api.resident)
        assert created.status_code == 201
        assert created.json["community_id"] == district.community


@pytest.fixture
def server(app):
    yield from serve(app)


def wait_for_committed_key(key: str, timeout: float = 120) -> None:
    """Until another transaction has committed a stored response under `key`."""
    deadline = time.monotonic() + timeout
    query = sa.select(sa.func.count()).where(IdempotencyKey.key == key)
    while time.monotonic() < deadline:
        with db.engine.connect() as connection:
            if connection.scalar(query):
                return
        time.sleep(0.01)
    raise AssertionError(f"no response stored under {key!r}")


class TestConcurrentDuplicates:
    def test_duplicate_that_passed_the_replay_check_creates_no_second_order(
        self, app, district, server, monkeypatch
    ):
        """A double tap: both requests look for a stored response before either has one;
        the first then commits its order while the second is still creating. The second
        must not leave a second order behind (it may replay the first, or hear 409).

        On SQLite a writing request holds the write lock from its first query (BEGIN
        IMMEDIATE), so the second request only starts once the first has committed and
        this interleaving cannot happen; the test then checks the plain replay."""
        key = "double-tap"
        both_checked = threading.Barrier(2, timeout=3)
        tickets = itertools.count()
        original = creation.create_order

        def create_in_lockstep(actor, **data):
            if interleave:
                try:
                    both_checked.wait()  # both have looked for a stored response: none yet
                except threading.BrokenBarrierError:
                    pass  # the other request is held elsewhere (a lock): go on alone
                else:
                    if next(tickets) == 1:
                        wait_for_committed_key(key)  # the first committed order and key
            return original(actor, **data)

        monkeypatch.setattr(creation, "create_order", create_in_lockstep)
        with app.app_context():
            interleave = db.engine.dialect.name != "sqlite"
            token = issue_token(db.session.get(User, district.resident))[0]
            db.session.commit()
        call = (token, "/api/v1/orders", order_body(), {"Idempotency-Key": key})
        answers = race(server, [call, call])
        created = [body for status, body in answers if status == 201]
        assert all(status in (201, 409) for status, _ in answers), answers
        assert created and all(body == created[0] for body in created), answers
        assert [order["id"] for order in orders_in_community(district)] == [created[0]["id"]]
        assert post(district.api.resident, key=key).json == created[0]
