"""The activities API (API.md #14): post, list, sign up, withdraw, check in and out with the
rotating code or by roll call, close with hours, correct hours; every refusal's code."""

from datetime import datetime, timedelta

import pytest

from tests.conftest import Api


def test_the_secretary_posts_an_activity(district, post_activity):
    activity = post_activity()
    assert activity["status"] == "open"
    assert activity["signed_up"] == 0
    assert activity["capacity"] == 5


@pytest.mark.parametrize(
    ("speaker", "status"),
    [("member", 403), ("resident", 403), ("other_secretary", 404), ("contact", 404)],
)
def test_only_the_community_s_managers_post(district, speaker, status):
    body = {
        "community_id": district.community,
        "title": "活动",
        "place": "广场",
        "starts_at": "2030-01-01T09:00:00+08:00",
        "ends_at": "2030-01-01T11:00:00+08:00",
        "capacity": 3,
    }
    assert getattr(district.api, speaker).post("/activities", json=body).status_code == status


def test_an_activity_must_end_after_it_starts(district):
    answer = district.api.secretary.post(
        "/activities",
        json={
            "community_id": district.community,
            "title": "活动",
            "place": "广场",
            "starts_at": "2030-01-01T09:00:00+08:00",
            "ends_at": "2030-01-01T08:00:00+08:00",
            "capacity": 3,
        },
    )
    assert answer.status_code == 422
    assert "ends_at" in answer.json["errors"]


def test_missing_and_naive_fields_are_named(district):
    answer = district.api.secretary.post(
        "/activities",
        json={"community_id": district.community, "starts_at": "2030-01-01T09:00:00"},
    )
    assert answer.status_code == 422
    assert {"title", "place", "starts_at", "ends_at", "capacity"} <= set(answer.json["errors"])


def test_members_and_managers_list_the_community_s_activities(district, post_activity):
    activity = post_activity()
    for speaker in ("member", "secretary", "street_admin"):
        listed = getattr(district.api, speaker).get(
            f"/activities?community_id={district.community}"
        )
        assert listed.status_code == 200
        assert [a["id"] for a in listed.json] == [activity["id"]]
    assert district.api.other_member.get("/activities").json == []
    assert (
        district.api.resident.get(f"/activities?community_id={district.community}").status_code
        == 403
    )
    assert district.api.resident.get("/activities").json == []
    assert (
        district.api.other_member.get(f"/activities?community_id={district.community}").status_code
        == 404
    )


def test_sign_up_withdraw_and_sign_up_again(district, post_activity):
    activity = post_activity()
    path = f"/activities/{activity['id']}/signups"
    assert district.api.member.post(path).status_code == 201
    assert district.api.member.post(path).status_code == 409
    mine = district.api.member.get(f"/activities/{activity['id']}").json
    assert mine["signed_up"] == 1 and mine["me"]["member_id"] == district.member
    assert district.api.member.delete(path + "/me").status_code == 204
    assert district.api.member.delete(path + "/me").status_code == 404
    assert district.api.member.get(f"/activities/{activity['id']}").json["signed_up"] == 0
    assert district.api.member.post(path).status_code == 201


def test_who_may_sign_up(district, post_activity):
    activity = post_activity()
    path = f"/activities/{activity['id']}/signups"
    assert district.api.pending_member.post(path).status_code == 403
    assert district.api.resident.post(path).status_code == 403
    assert district.api.other_member.post(path).status_code == 404
    assert district.api.member.post("/activities/999999/signups").status_code == 404


def test_a_full_activity_refuses_with_409(district, post_activity, members):
    activity = post_activity(capacity=1)
    path = f"/activities/{activity['id']}/signups"
    assert district.api.member.post(path).status_code == 201
    ((_, token),) = members(1)
    full = Api(district.api.member.client, token).post(path)
    assert full.status_code == 409
    assert district.api.secretary.get(f"/activities/{activity['id']}").json["signed_up"] == 1


def test_no_sign_up_nor_withdrawal_after_the_start(district, post_activity, clock):
    activity = post_activity(starts_in=timedelta(hours=1))
    path = f"/activities/{activity['id']}/signups"
    assert district.api.member.post(path).status_code == 201
    clock.move_to(datetime.fromisoformat(activity["starts_at"]))
    assert district.api.member.delete(path + "/me").status_code == 409
    started = post_activity(starts_in=timedelta(minutes=-5))
    assert district.api.member.post(f"/activities/{started['id']}/signups").status_code == 409


def code_of(district, activity_id: int) -> str:
    answer = district.api.secretary.get(f"/activities/{activity_id}/check-in-code")
    assert answer.status_code == 200, answer.json
    assert answer.json["expires_at"]
    assert answer.json["url"].endswith(f"/activities/{activity_id}/scan?code={answer.json['code']}")
    return answer.json["code"]


def test_only_the_secretary_gets_the_code(district, post_activity):
    activity = post_activity()
    assert district.api.member.get(f"/activities/{activity['id']}/check-in-code").status_code == 403
    assert (
        district.api.other_secretary.get(f"/activities/{activity['id']}/check-in-code").status_code
        == 404
    )


def test_check_in_and_out_with_the_code_then_close(district, post_activity, clock):
    activity = post_activity(starts_in=timedelta(minutes=20), hours=3)
    base = f"/activities/{activity['id']}"
    district.api.member.post(base + "/signups")
    clock.move_to(datetime.fromisoformat(activity["starts_at"]))
    checked = district.api.member.post(
        base + "/check-in", json={"code": code_of(district, activity["id"])}
    )
    assert checked.status_code == 200, checked.json
    assert checked.json["checked_in_at"]
    clock.shift(timedelta(hours=2, minutes=10))
    out = district.api.member.post(
        base + "/check-out", json={"code": code_of(district, activity["id"])}
    )
    assert out.status_code == 200 and out.json["checked_out_at"]
    closed = district.api.secretary.post(base + "/close")
    assert closed.status_code == 200
    assert closed.json["status"] == "closed"
    (line,) = closed.json["signups"]
    assert line["hours"] == 2.0
    record = district.api.member.get(f"/members/{district.member}/record").json
    assert record["activities"] == 1
    assert record["activity_hours"] == 2.0
    assert district.api.secretary.post(base + "/close").status_code == 409
    assert district.api.member.post(base + "/check-out", json={"code": "000000"}).status_code in (
        409,
        422,
    )


def test_a_wrong_or_expired_code_is_422(district, post_activity, clock):
    activity = post_activity(starts_in=timedelta(minutes=10))
    base = f"/activities/{activity['id']}"
    district.api.member.post(base + "/signups")
    code = code_of(district, activity["id"])
    wrong = "000000" if code != "000000" else "111111"
    answer = district.api.member.post(base + "/check-in", json={"code": wrong})
    assert answer.status_code == 422
    assert "code" in answer.json["errors"]
    clock.shift(timedelta(seconds=61))
    expired = district.api.member.post(base + "/check-in", json={"code": code})
    assert expired.status_code == 422
    line = district.api.secretary.get(base).json["signups"][0]
    assert line["checked_in_at"] is None


def test_check_in_opens_30_minutes_before_the_start(district, post_activity):
    activity = post_activity(starts_in=timedelta(minutes=45))
    base = f"/activities/{activity['id']}"
    district.api.member.post(base + "/signups")
    early = district.api.member.post(
        base + "/check-in", json={"code": code_of(district, activity["id"])}
    )
    assert early.status_code == 409


def test_a_member_who_did_not_sign_up_cannot_use_the_code(district, post_activity):
    activity = post_activity(starts_in=timedelta(minutes=10))
    base = f"/activities/{activity['id']}"
    answer = district.api.member.post(
        base + "/check-in", json={"code": code_of(district, activity["id"])}
    )
    assert answer.status_code == 403


def test_either_a_code_or_a_member(district, post_activity):
    activity = post_activity(starts_in=timedelta(minutes=10))
    base = f"/activities/{activity['id']}"
    assert district.api.secretary.post(base + "/check-in", json={}).status_code == 422
    both = {"code": "123456", "member_id": district.member}
    assert district.api.secretary.post(base + "/check-in", json=both).status_code == 422


def test_roll_call_adds_a_member_capacity_permitting(district, post_activity, members):
    activity = post_activity(starts_in=timedelta(minutes=10), capacity=1)
    base = f"/activities/{activity['id']}"
    ((other_id, _),) = members(1)
    ticked = district.api.secretary.post(base + "/check-in", json={"member_id": district.member})
    assert ticked.status_code == 200 and ticked.json["by_roll_call"] is True
    full = district.api.secretary.post(base + "/check-in", json={"member_id": other_id})
    assert full.status_code == 409
    assert district.api.secretary.get(base).json["signed_up"] == 1
    assert (
        district.api.member.post(
            base + "/check-in", json={"member_id": district.member}
        ).status_code
        == 403
    )
    outsider = district.api.secretary.post(
        base + "/check-in", json={"member_id": district.other_member}
    )
    assert outsider.status_code == 422
    assert (
        district.api.secretary.post(
            base + "/check-out", json={"member_id": district.member}
        ).status_code
        == 200
    )


def test_hours_are_capped_by_the_day_with_the_day_s_orders(app, district, post_activity, clock):
    from decimal import Decimal

    from tests.factories import OrderFactory
    from volunteer.extensions import db

    activity = post_activity(starts_in=timedelta(minutes=10), hours=8)
    base = f"/activities/{activity['id']}"
    district.api.secretary.post(base + "/check-in", json={"member_id": district.member})
    clock.shift(timedelta(hours=8, minutes=30))
    district.api.secretary.post(base + "/check-out", json={"member_id": district.member})
    with app.app_context():
        from volunteer.organisations.models import Community

        OrderFactory(
            community=db.session.get(Community, district.community),
            status="closed",
            claimed_by_id=district.member,
            completion_hours=Decimal("3.0"),
            completed_at=datetime.fromisoformat(activity["starts_at"]),
        )
        db.session.commit()
    closed = district.api.secretary.post(base + "/close").json
    assert closed["signups"][0]["hours"] == 5.0


def test_hours_are_corrected_with_a_reason(district, post_activity, clock):
    activity = post_activity(starts_in=timedelta(minutes=10), hours=3)
    base = f"/activities/{activity['id']}"
    district.api.secretary.post(base + "/check-in", json={"member_id": district.member})
    early = {"member_id": district.member, "hours": 2, "reason": "补录"}
    assert district.api.secretary.post(base + "/corrections", json=early).status_code == 409
    district.api.secretary.post(base + "/close")
    assert (
        district.api.secretary.post(
            base + "/corrections", json={**early, "hours": 2.25}
        ).status_code
        == 422
    )
    assert (
        district.api.secretary.post(base + "/corrections", json={**early, "hours": 3.5}).status_code
        == 422
    )
    assert (
        district.api.secretary.post(base + "/corrections", json={**early, "reason": ""}).status_code
        == 422
    )
    assert district.api.member.post(base + "/corrections", json=early).status_code == 403
    done = district.api.secretary.post(base + "/corrections", json=early)
    assert done.status_code == 200 and done.json["hours"] == 2.0
    record = district.api.member.get(f"/members/{district.member}/record").json
    assert record["activity_hours"] == 2.0


def test_the_reminder_job_tells_signed_up_members_once(app, district, post_activity, runner):
    from volunteer.activities.jobs import remind_activities

    soon = post_activity(starts_in=timedelta(hours=20))
    later = post_activity(starts_in=timedelta(days=3))
    district.api.member.post(f"/activities/{soon['id']}/signups")
    district.api.member.post(f"/activities/{later['id']}/signups")
    with app.app_context():
        assert remind_activities() == "1 activities reminded"
        assert remind_activities() == "0 activities reminded"
    notes = district.api.member.get("/notifications").json
    assert [n["kind"] for n in notes].count("activity_reminder") == 1


def test_an_absurd_date_is_refused_by_name(district):
    answer = district.api.secretary.post(
        "/activities",
        json={
            "community_id": district.community,
            "title": "活动",
            "place": "广场",
            "starts_at": "0001-01-01T00:00:00+00:00",
            "ends_at": "0001-01-01T02:00:00+00:00",
            "capacity": 3,
        },
    )
    assert answer.status_code == 422
    assert "starts_at" in answer.json["errors"]


def test_attending_earns_love_bank_credit_and_a_correction_reverses_it(
    app, district, post_activity, clock
):
    """爱心银行: closing credits hours × 10; a correction reverses that credit and credits the
    corrected hours; the books stay balanced."""
    from volunteer.love_bank.ledger import check_books

    activity = post_activity(starts_in=timedelta(minutes=10), hours=3)
    base = f"/activities/{activity['id']}"
    district.api.secretary.post(base + "/check-in", json={"member_id": district.member})
    clock.move_to(datetime.fromisoformat(activity["ends_at"]))
    assert district.api.secretary.post(base + "/close").json["signups"][0]["hours"] == 3.0
    account = district.api.member.get("/accounts/me").json
    assert account["balance"] == 30
    assert [e["activity_id"] for e in account["entries"]] == [activity["id"]]
    fixed = {"member_id": district.member, "hours": 2, "reason": "提前离开"}
    assert district.api.secretary.post(base + "/corrections", json=fixed).status_code == 200
    account = district.api.member.get("/accounts/me").json
    assert account["balance"] == 20
    assert sorted(e["amount"] for e in account["entries"]) == [-30, 20, 30]
    with app.app_context():
        assert check_books().balanced
