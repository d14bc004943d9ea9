"""The love bank's ledger: credits when an order closes, the bonus for 满意, the reversal of
a reworked round, the books that always balance, and GET /accounts/me."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from volunteer.db import utcnow
from volunteer.extensions import db
from volunteer.love_bank import ledger
from volunteer.love_bank.models import Entry, EntryReason


def done_by_volunteer(district, volunteer, post_order, hours=1.5) -> int:
    order = post_order()
    district.api.secretary.post(f"/orders/{order['id']}/dispatch", json={"pool": True})
    assert volunteer.api.post(f"/orders/{order['id']}/claim").status_code == 200
    completed = volunteer.api.post(
        f"/orders/{order['id']}/complete", json={"note": "修好了水龙头", "hours": hours}
    )
    assert completed.status_code == 200, completed.json
    return order["id"]


def books_balance(app) -> None:
    with app.app_context():
        check = ledger.check_books()
        assert check.balanced, check
        assert db.session.scalar(sa.select(sa.func.sum(Entry.amount))) in (0, None)


def test_a_satisfied_rating_credits_hours_and_the_bonus(app, district, volunteer, post_order):
    order_id = done_by_volunteer(district, volunteer, post_order, hours=1.5)
    assert volunteer.api.get("/accounts/me").json == {"balance": 0, "entries": []}
    rated = district.api.resident.post(f"/orders/{order_id}/rate", json={"score": 5})
    assert rated.status_code == 200
    account = volunteer.api.get("/accounts/me").json
    assert account["balance"] == 15 + 5
    reasons = sorted((e["reason"], e["amount"], e["order_id"]) for e in account["entries"])
    assert reasons == [("order", 15, order_id), ("satisfied", 5, order_id)]
    assert all(e["at"].endswith("+00:00") for e in account["entries"])
    books = district.api.secretary.get(f"/communities/{district.community}/ledger").json
    assert books["balance"] == -20
    assert books["people"] == [
        {
            "user_id": volunteer.user,
            "display_name": books["people"][0]["display_name"],
            "balance": 20,
        }
    ]
    books_balance(app)


def test_a_basically_satisfied_rating_earns_the_hours_only(app, district, volunteer, post_order):
    order_id = done_by_volunteer(district, volunteer, post_order, hours=2)
    district.api.resident.post(f"/orders/{order_id}/rate", json={"score": 3})
    assert volunteer.api.get("/accounts/me").json["balance"] == 20


def test_members_earn_too_and_amounts_are_configurable(app, district, completed):
    app.config["LOVE_BANK_POINTS_PER_HOUR"] = 4
    app.config["LOVE_BANK_SATISFIED_BONUS"] = 1
    district.api.resident.post(f"/orders/{completed['id']}/rate", json={"score": 4})
    assert district.api.member.get("/accounts/me").json["balance"] == 1.5 * 4 + 1


def test_auto_close_credits_the_hours(app, district, volunteer, post_order, runner, time_machine):
    from volunteer.cli import main

    order_id = done_by_volunteer(district, volunteer, post_order, hours=1)
    time_machine.move_to(db_now(app) + timedelta(days=8))
    result = runner.invoke(main, ["jobs", "run", "auto-close"])
    assert "1 unrated orders closed" in result.output
    account = volunteer.api.get("/accounts/me").json
    assert account["balance"] == 10
    assert [(e["reason"], e["order_id"]) for e in account["entries"]] == [("order", order_id)]
    # Once: another run (or a later rating, which the closed order refuses) adds nothing.
    runner.invoke(main, ["jobs", "run", "auto-close"])
    assert volunteer.api.get("/accounts/me").json["balance"] == 10


def db_now(app):
    return utcnow()


def test_rework_reverses_the_first_rounds_credit(app, district, volunteer, post_order):
    order_id = done_by_volunteer(district, volunteer, post_order, hours=1)
    district.api.resident.post(f"/orders/{order_id}/rate", json={"score": 5})
    assert volunteer.api.get("/accounts/me").json["balance"] == 15
    # Another order rated 不满意: the follow-up sends it back (回访 → 重办).
    order2 = done_by_volunteer(district, volunteer, post_order, hours=2)
    district.api.resident.post(f"/orders/{order2}/rate", json={"score": 1})
    assert volunteer.api.get("/accounts/me").json["balance"] == 15 + 20
    follow_up = district.api.secretary.get("/follow-ups?done=false").json[0]
    assert follow_up["order_id"] == order2
    reworked = district.api.secretary.post(
        f"/follow-ups/{follow_up['id']}/done", json={"outcome": "rework", "note": "重办"}
    )
    assert reworked.status_code == 200, reworked.json
    account = volunteer.api.get("/accounts/me").json
    assert account["balance"] == 15
    reversal = [e for e in account["entries"] if e["reason"] == "reversal"]
    assert [(e["amount"], e["order_id"]) for e in reversal] == [(-20, order2)]
    books_balance(app)
    # The second round earns again when it closes.
    district.api.secretary.post(f"/orders/{order2}/dispatch", json={"pool": True})
    volunteer.api.post(f"/orders/{order2}/claim")
    volunteer.api.post(f"/orders/{order2}/complete", json={"note": "重新修好", "hours": 1})
    district.api.resident.post(f"/orders/{order2}/rate", json={"score": 5})
    assert volunteer.api.get("/accounts/me").json["balance"] == 15 + 15
    books_balance(app)


def test_a_reversal_never_takes_a_balance_below_zero(app, district, volunteer, give_points):
    with app.app_context():
        credit = ledger.credit(volunteer.user, district.community, 30, EntryReason.ACTIVITY)
        spend = ledger.transfer(
            ledger.person_account(volunteer.user, district.community),
            ledger.community_account(district.community),
            25,
            EntryReason.REDEMPTION,
        )
        assert spend is not None and credit is not None
        reversal = ledger.reverse(credit)
        assert reversal is not None and reversal.amount == 5
        assert ledger.person_account(volunteer.user, district.community).balance == 0
        assert ledger.reverse(credit) is None  # once per transfer
        db.session.commit()
    books_balance(app)


def test_an_overdraw_is_refused_and_writes_nothing(app, district, volunteer, give_points):
    from volunteer.errors import Conflict

    give_points(volunteer.user, district.community, 10)
    with app.app_context():
        person = ledger.person_account(volunteer.user, district.community)
        with pytest.raises(Conflict):
            ledger.transfer(
                person, ledger.community_account(district.community), 11, EntryReason.REDEMPTION
            )
        db.session.rollback()
        assert ledger.person_account(volunteer.user, district.community).balance == 10


def test_activity_credits_happen_once(app, district, volunteer):
    with app.app_context():
        for _ in range(2):
            ledger.credit_activity_attendance(
                user_id=volunteer.user, community_id=district.community, activity_id=7, hours=2.5
            )
        db.session.commit()
    entries = volunteer.api.get("/accounts/me").json["entries"]
    assert [(e["reason"], e["amount"], e["activity_id"]) for e in entries] == [("activity", 25, 7)]


def test_ledger_check_reports_balanced_and_catches_a_tampered_book(
    app, district, volunteer, give_points, runner
):
    from volunteer.cli import main

    give_points(volunteer.user, district.community, 12)
    result = runner.invoke(main, ["ledger", "check"])
    assert result.exit_code == 0, result.output
    assert "1 transfers, 2 entries, sum 0." in result.output
    assert "The books balance." in result.output
    with app.app_context():  # someone edits an entry behind the ledger's back
        db.session.execute(sa.update(Entry).where(Entry.amount > 0).values(amount=13))
        db.session.commit()
    result = runner.invoke(main, ["ledger", "check"])
    assert result.exit_code == 1
    assert "do not balance" in result.output


def test_ledger_access(district, volunteer, anonymous):
    assert anonymous.get("/accounts/me").status_code == 401
    assert volunteer.api.get(f"/communities/{district.community}/ledger").status_code == 403
    assert (
        district.api.other_secretary.get(f"/communities/{district.community}/ledger").status_code
        == 404
    )
    assert (
        district.api.street_admin.get(f"/communities/{district.community}/ledger").status_code
        == 200
    )
