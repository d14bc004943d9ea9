"""No overdraw under concurrency: several people redeeming the last item at once, and one
person spending the same points several times at once, through real HTTP against a threaded
server (SQLite here, PostgreSQL when VOLUNTEER_TEST_DATABASE_URL names one)."""

import pytest

from tests.conftest import Api
from tests.love_bank.crowd import crowd_of_neighbours
from tests.orders.test_claim_race import race, serve
from volunteer.extensions import db
from volunteer.love_bank import ledger

CROWD = 10


@pytest.fixture
def server(app):
    yield from serve(app)


def shop_item(district, *, points: int, stock: int) -> int:
    created = district.api.secretary.post(
        f"/communities/{district.community}/shop-items",
        json={"name": "爱心围巾", "points": points, "stock": stock},
    )
    assert created.status_code == 201, created.json
    return created.json["id"]


def assert_books_balance(app) -> None:
    with app.app_context():
        check = ledger.check_books()
        assert check.balanced, check


def test_the_last_item_goes_to_exactly_one_of_many(app, district, server, give_points):
    people = crowd_of_neighbours(app, district, CROWD)
    for user_id, _token in people:
        give_points(user_id, district.community, 50)
    item_id = shop_item(district, points=30, stock=1)
    answers = race(
        server, [(token, f"/api/v1/shop-items/{item_id}/redeem", None) for _, token in people]
    )
    statuses = sorted(status for status, _ in answers)
    assert statuses == [201] + [409] * (CROWD - 1), answers
    assert all(body["code"] == 409 for status, body in answers if status == 409)
    stock = district.api.secretary.get(f"/communities/{district.community}/shop-items").json
    assert stock[0]["stock"] == 0
    with app.app_context():
        balances = sorted(ledger.find_person_account(user_id).balance for user_id, _ in people)
    assert balances == [20] + [50] * (CROWD - 1)
    assert_books_balance(app)


def test_one_balance_is_never_spent_twice(app, district, server, give_points):
    (person,) = crowd_of_neighbours(app, district, 1)
    user_id, token = person
    give_points(user_id, district.community, 70)
    item_id = shop_item(district, points=30, stock=CROWD)
    answers = race(server, [(token, f"/api/v1/shop-items/{item_id}/redeem", None)] * CROWD)
    statuses = sorted(status for status, _ in answers)
    assert statuses == [201, 201] + [409] * (CROWD - 2), answers
    with app.app_context():
        assert ledger.find_person_account(user_id).balance == 10
        db.session.remove()
    stock = district.api.secretary.get(f"/communities/{district.community}/shop-items").json
    assert stock[0]["stock"] == CROWD - 2
    assert_books_balance(app)


def test_spending_while_credits_arrive_keeps_the_books(app, district, server, give_points):
    """Redemptions and cancellations of one person at once: every answer is 200/201/409 and
    the books balance afterwards, the balance equal to what the answers say."""
    (person,) = crowd_of_neighbours(app, district, 1)
    user_id, token = person
    give_points(user_id, district.community, 100)
    item_id = shop_item(district, points=25, stock=CROWD)
    first = race(server, [(token, f"/api/v1/shop-items/{item_id}/redeem", None)] * 4)
    assert sorted(s for s, _ in first) == [201] * 4
    ids = [body["id"] for _, body in first]
    mixed = [(token, f"/api/v1/redemptions/{rid}/cancel", None) for rid in ids[:2]] + [
        (token, f"/api/v1/shop-items/{item_id}/redeem", None)
    ] * 4
    answers = race(server, mixed)
    cancels = [status for status, _ in answers[:2]]
    redeems = [status for status, _ in answers[2:]]
    assert cancels == [200, 200]
    assert set(redeems) <= {201, 409} and redeems.count(201) <= 2
    with app.app_context():
        balance = ledger.find_person_account(user_id).balance
    assert balance == 100 - 25 * (4 - 2 + redeems.count(201))
    assert balance >= 0
    assert_books_balance(app)


def test_volunteers_and_a_member_race_for_a_pool_order(app, district, server, post_order):
    """The same claim rules: of resident volunteers and a party member claiming one pool
    order at once, exactly one gets it."""
    from tests.orders.test_claim_race import assert_one_winner

    people = crowd_of_neighbours(app, district, 6)
    racers = []
    for _user_id, token in people:
        api = Api(app.test_client(), token)
        applied = api.post(
            "/volunteers", json={"community_id": district.community, "phone": "13900139000"}
        )
        assert applied.status_code == 201, applied.json
        district.api.secretary.post(f"/volunteers/{applied.json['id']}/confirm")
        racers.append(token)
    with app.app_context():
        from volunteer.auth.models import User
        from volunteer.auth.services import issue_token

        member_token = issue_token(db.session.get(User, district.member_user))[0]
        db.session.commit()
    order = post_order()
    district.api.secretary.post(f"/orders/{order['id']}/dispatch", json={"pool": True})
    path = f"/api/v1/orders/{order['id']}/claim"
    answers = race(server, [(token, path, None) for token in [*racers, member_token]])
    assert_one_winner(answers)
