"""Certificates (API.md #14): issued by the member or the secretary, numbered per issuer and
year, a PDF with the QR of the verification address, verified by anyone, revoked."""

import subprocess
from datetime import date, timedelta

import pytest


def issue(api, member_id, start="2026-01-01", end=None):
    end = end or date.today().isoformat()
    return api.post(f"/members/{member_id}/certificates", json={"from": start, "to": end})


@pytest.fixture
def attended(district, time_machine):
    """The member attended a 2.5-hour activity (roll call) that is closed."""
    from datetime import UTC, datetime

    # Mid-morning in the community (UTC+8), so the activity, its check-out and "today" fall
    # on one date wherever the clock of the machine running the tests stands.
    time_machine.move_to(datetime(2026, 6, 15, 2, 0, tzinfo=UTC), tick=True)
    starts = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=10)
    activity = district.api.secretary.post(
        "/activities",
        json={
            "community_id": district.community,
            "title": "志愿者社区行",
            "place": "广场",
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=3)).isoformat(),
            "capacity": 3,
        },
    ).json
    base = f"/activities/{activity['id']}"
    district.api.secretary.post(base + "/check-in", json={"member_id": district.member})
    time_machine.shift(timedelta(hours=2, minutes=50))
    district.api.secretary.post(base + "/check-out", json={"member_id": district.member})
    assert district.api.secretary.post(base + "/close").status_code == 200
    return starts.date()


def test_the_member_issues_a_certificate_with_activity_hours(district, attended):
    answer = issue(
        district.api.member,
        district.member,
        start=attended.isoformat(),
        end=attended.isoformat(),
    )
    assert answer.status_code == 201, answer.json
    body = answer.json
    assert body["activities"] == 1
    assert body["hours"] == 2.5
    assert body["orders_completed"] == 0
    assert body["number"].startswith(f"ZY{date.today().year}-")
    assert len(body["verification_code"]) == 8


def test_numbers_run_per_issuer_and_year(district):
    first = issue(district.api.member, district.member).json["number"]
    second = issue(district.api.secretary, district.member).json["number"]
    other = issue(district.api.other_member, district.other_member).json["number"]
    assert first.endswith("-0001") and second.endswith("-0002")
    assert other.endswith("-0001") and other != first


@pytest.mark.parametrize(
    ("speaker", "status"), [("contact", 403), ("other_secretary", 404), ("resident", 404)]
)
def test_who_may_issue(district, speaker, status):
    assert issue(getattr(district.api, speaker), district.member).status_code == status


def test_a_period_must_be_valid(district):
    assert (
        issue(
            district.api.member, district.member, start="2026-05-01", end="2026-04-01"
        ).status_code
        == 422
    )
    future = (date.today() + timedelta(days=3)).isoformat()
    assert issue(district.api.member, district.member, end=future).status_code == 422
    assert (
        district.api.member.post(f"/members/{district.member}/certificates", json={}).status_code
        == 422
    )


def test_anyone_verifies_with_the_masked_name(district, anonymous):
    body = issue(district.api.member, district.member).json
    answer = anonymous.get(
        f"/certificates/verify?number={body['number']}&code={body['verification_code']}"
    )
    assert answer.status_code == 200, answer.json
    shown = answer.json
    assert shown["valid"] is True
    assert shown["status"] == "valid"
    name = district.api.member.get(f"/members/{district.member}").json["display_name"]
    assert shown["display_name"] != name and shown["display_name"][0] == name[0]
    assert "*" in shown["display_name"]
    assert shown["issuer"] == "金桥街道幸福里社区"
    assert set(shown["period"]) == {"from", "to"}
    assert "phone" not in str(shown)


def test_a_wrong_pair_is_404(district, anonymous):
    body = issue(district.api.member, district.member).json
    assert (
        anonymous.get(f"/certificates/verify?number={body['number']}&code=AAAAAAAA").status_code
        == 404
    )
    assert (
        anonymous.get(
            f"/certificates/verify?number=ZY1999-001-0001&code={body['verification_code']}"
        ).status_code
        == 404
    )
    assert anonymous.get("/certificates/verify?number=x").status_code == 422


def test_a_revoked_certificate_verifies_as_revoked(district, anonymous):
    body = issue(district.api.member, district.member).json
    revoke = f"/certificates/{body['id']}/revoke"
    assert district.api.member.post(revoke, json={"reason": "错开"}).status_code == 403
    assert (
        district.api.secretary.post(revoke, json={"reason": "时长有误，重新出具"}).status_code
        == 200
    )
    assert district.api.secretary.post(revoke, json={"reason": "again"}).status_code == 409
    shown = anonymous.get(
        f"/certificates/verify?number={body['number']}&code={body['verification_code']}"
    ).json
    assert shown["valid"] is False and shown["status"] == "revoked"


def test_the_pdf_has_the_number_and_the_verification_address(district, tmp_path):
    body = issue(district.api.member, district.member).json
    answer = district.api.member.get(f"/certificates/{body['id']}/pdf")
    assert answer.status_code == 200
    assert answer.content_type == "application/pdf"
    path = tmp_path / "c.pdf"
    path.write_bytes(answer.data)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "志愿服务证明" in text.replace(" ", "")
    assert body["number"] in text
    assert body["verification_code"] in text
    joined = "".join(text.split())
    assert f"/verify?number={body['number']}&code={body['verification_code']}" in joined
    assert district.api.contact.get(f"/certificates/{body['id']}/pdf").status_code == 404
    assert district.api.other_secretary.get(f"/certificates/{body['id']}/pdf").status_code == 404


def test_the_verify_page_answers_in_the_browser_s_language(district, client):
    body = issue(district.api.member, district.member).json
    page = client.get(f"/verify?number={body['number']}&code={body['verification_code']}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "有效" in html and body["number"] in html
    assert client.get(f"/verify?number={body['number']}&code=WRONGCOD").status_code == 404
    assert client.get("/verify").status_code == 200
