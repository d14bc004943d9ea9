"""预约服务: POST /orders with `appointment`, the claimer's confirm or counter-proposal, the
resident's acceptance, and the appointment-reminders job (the day before; a missed one)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.order_fixtures import order_body

BEIJING = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=BEIJING)


@pytest.fixture(autouse=True)
def morning(time_machine):
    time_machine.move_to(NOW, tick=False)


def post(district, appointment, api=None):
    return (api or district.api.resident).post("/orders", json=order_body(appointment=appointment))


@pytest.fixture
def booked(district):
    """Posted for tomorrow afternoon, dispatched to the repair team and claimed."""
    response = post(district, {"date": "2026-12-02", "half_day": "pm"})
    assert response.status_code == 201, response.json
    order_id = response.json["id"]
    district.api.secretary.post(
        f"/orders/{order_id}/dispatch", json={"team_id": district.repair_team}
    )
    claimed = district.api.member.post(f"/orders/{order_id}/claim")
    assert claimed.status_code == 200, claimed.json
    return claimed.json


class TestPosting:
    def test_the_order_carries_the_half_day_unconfirmed(self, district):
        response = post(district, {"date": "2026-12-02", "half_day": "am"})
        assert response.status_code == 201
        assert response.json["appointment"] == {
            "date": "2026-12-02",
            "half_day": "am",
            "confirmed_at": None,
            "proposed": None,
            "missed": False,
        }
        listed = district.api.resident.get("/orders").json
        assert listed[0]["appointment"]["date"] == "2026-12-02"

    def test_without_one_it_is_null(self, district):
        assert district.api.resident.post("/orders", json=order_body()).json["appointment"] is None

    def test_this_afternoon_is_still_bookable_this_morning(self, district):
        assert post(district, {"date": "2026-12-01", "half_day": "pm"}).status_code == 201

    @pytest.mark.parametrize(
        "appointment, field",
        [
            ({"date": "2026-11-30", "half_day": "pm"}, "appointment"),  # yesterday
            ({"date": "2027-03-01", "half_day": "am"}, "appointment"),  # over 60 days ahead
            ({"date": "2026-12-02", "half_day": "evening"}, "appointment"),
            ({"date": "tomorrow", "half_day": "am"}, "appointment"),
            ({"half_day": "am"}, "appointment"),
        ],
    )
    def test_a_bad_appointment_is_422_and_posts_nothing(self, district, appointment, field):
        response = post(district, appointment)
        assert response.status_code == 422
        assert field in response.json["errors"]
        assert district.api.resident.get("/orders").json == []

    def test_this_morning_is_over_by_noon(self, district, time_machine):
        time_machine.move_to(datetime(2026, 12, 1, 12, 30, tzinfo=BEIJING), tick=False)
        assert post(district, {"date": "2026-12-01", "half_day": "am"}).status_code == 422


class TestConfirm:
    def test_the_claimer_confirms_and_the_resident_is_told(self, district, booked, notified):
        response = district.api.member.post(f"/orders/{booked['id']}/appointment/confirm")
        assert response.status_code == 200, response.json
        appointment = response.json["appointment"]
        assert appointment["confirmed_at"] is not None
        assert (appointment["date"], appointment["half_day"]) == ("2026-12-02", "pm")
        assert (district.resident, booked["id"]) in notified("appointment")
        events = [e["action"] for e in response.json["events"]]
        assert events[-1] == "confirm_appointment"
        again = district.api.member.post(f"/orders/{booked['id']}/appointment/confirm")
        assert again.status_code == 200
        assert again.json["appointment"]["confirmed_at"] == appointment["confirmed_at"]

    def test_only_the_claimer_confirms(self, district, booked):
        url = f"/orders/{booked['id']}/appointment/confirm"
        assert district.api.other_member.post(url).status_code in (403, 404)
        assert district.api.resident.post(url).status_code == 403
        assert district.api.secretary.post(url).status_code == 403
        order = district.api.resident.get(f"/orders/{booked['id']}").json
        assert order["appointment"]["confirmed_at"] is None

    def test_an_order_without_an_appointment_is_409(self, district, claimed):
        response = district.api.member.post(f"/orders/{claimed['id']}/appointment/confirm")
        assert response.status_code == 409

    def test_release_leaves_the_appointment_to_be_confirmed_by_the_next(self, district, booked):
        district.api.member.post(f"/orders/{booked['id']}/appointment/confirm")
        released = district.api.member.post(
            f"/orders/{booked['id']}/release", json={"reason": "临时出差"}
        )
        assert released.json["appointment"]["confirmed_at"] is None
        assert released.json["appointment"]["date"] == "2026-12-02"


class TestProposeAndAccept:
    def test_the_claimer_proposes_and_the_resident_accepts(self, district, booked, notified):
        order_id = booked["id"]
        proposed = district.api.member.post(
            f"/orders/{order_id}/appointment/propose", json={"date": "2026-12-03", "half_day": "am"}
        )
        assert proposed.status_code == 200, proposed.json
        assert proposed.json["appointment"]["proposed"] == {"date": "2026-12-03", "half_day": "am"}
        assert proposed.json["appointment"]["date"] == "2026-12-02"
        assert (district.resident, order_id) in notified("appointment")
        accepted = district.api.resident.post(f"/orders/{order_id}/appointment/accept")
        assert accepted.status_code == 200, accepted.json
        appointment = accepted.json["appointment"]
        assert (appointment["date"], appointment["half_day"]) == ("2026-12-03", "am")
        assert appointment["proposed"] is None
        assert appointment["confirmed_at"] is not None
        assert (district.member_user, order_id) in notified("appointment")

    def test_a_past_proposal_is_422_naming_the_date(self, district, booked):
        response = district.api.member.post(
            f"/orders/{booked['id']}/appointment/propose",
            json={"date": "2026-11-30", "half_day": "am"},
        )
        assert response.status_code == 422
        assert "date" in response.json["errors"]
        order = district.api.resident.get(f"/orders/{booked['id']}").json
        assert order["appointment"]["proposed"] is None

    def test_nothing_to_accept_is_409_and_only_the_resident_accepts(self, district, booked):
        url = f"/orders/{booked['id']}/appointment/accept"
        assert district.api.resident.post(url).status_code == 409
        district.api.member.post(
            f"/orders/{booked['id']}/appointment/propose",
            json={"date": "2026-12-03", "half_day": "am"},
        )
        assert district.api.member.post(url).status_code == 403


class TestReminders:
    def test_both_are_reminded_the_day_before_once(
        self, district, booked, run, notified, snapshot, events_of
    ):
        order_id = booked["id"]
        assert run("appointment-reminders").startswith("0 appointments reminded")  # unconfirmed
        district.api.member.post(f"/orders/{order_id}/appointment/confirm")
        assert run("appointment-reminders").startswith("1 appointments reminded")
        reminded = {user for user, order in notified("appointment") if order == order_id}
        assert {district.resident, district.member_user} <= reminded
        before = snapshot()
        assert run("appointment-reminders").startswith("0 appointments reminded")
        assert snapshot() == before
        assert [e[0] for e in events_of(order_id, "remind_appointment")] == ["remind_appointment"]

    def test_a_missed_appointment_is_flagged_to_the_secretary_once(
        self, district, booked, run, notified, time_machine
    ):
        order_id = booked["id"]
        time_machine.move_to(datetime(2026, 12, 2, 17, 59, tzinfo=BEIJING), tick=False)
        assert run("appointment-reminders").endswith("0 missed appointments flagged")
        time_machine.move_to(datetime(2026, 12, 2, 18, 1, tzinfo=BEIJING), tick=False)
        assert run("appointment-reminders").endswith("1 missed appointments flagged")
        assert (district.secretary, order_id) in notified("appointment_missed")
        assert run("appointment-reminders").endswith("0 missed appointments flagged")
        order = district.api.secretary.get(f"/orders/{order_id}").json
        assert order["appointment"]["missed"] is True

    def test_done_in_time_is_not_missed(self, district, booked, run, time_machine):
        district.api.member.post(
            f"/orders/{booked['id']}/complete", json={"note": "换了灯泡。", "hours": 0.5}
        )
        time_machine.move_to(datetime(2026, 12, 3, 9, 0, tzinfo=BEIJING), tick=False)
        assert run("appointment-reminders").endswith("0 missed appointments flagged")
        order = district.api.resident.get(f"/orders/{booked['id']}").json
        assert order["appointment"]["missed"] is False
