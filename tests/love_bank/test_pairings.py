"""Pairings (结对帮扶): the secretary pairs a member or volunteer with a household; the
pairing-visits job offers one visit order per interval; the household's contact card."""

import subprocess
import tempfile
from datetime import timedelta

import pytest

from tests.reports.conftest import ARTIFACTS
from volunteer.extensions import db


def pairing_body(**changes) -> dict:
    body = {
        "household_name": "李奶奶",
        "address": "幸福里小区5栋1单元101",
        "phone": "13700137000",
        "visit_every_days": 7,
    }
    body.update(changes)
    return body


@pytest.fixture
def pairing(district, volunteer):
    created = district.api.secretary.post("/pairings", json=pairing_body(volunteer_id=volunteer.id))
    assert created.status_code == 201, created.json
    return created.json


def run_visits(runner) -> str:
    from volunteer.cli import main

    result = runner.invoke(main, ["jobs", "run", "pairing-visits"])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_secretary_pairs_and_the_job_offers_one_visit_per_interval(
    district, volunteer, pairing, runner, time_machine, app
):
    assert pairing["member_id"] == volunteer.id and pairing["paired_is_volunteer"] is True
    assert run_visits(runner) == "pairing-visits: 1 pairing visits created\n"
    assert run_visits(runner) == "pairing-visits: 0 pairing visits created\n"
    (visit_id,) = district.api.secretary.get(f"/pairings/{pairing['id']}").json["visit_order_ids"]
    visit = district.api.secretary.get(f"/orders/{visit_id}").json
    assert (visit["kind"], visit["category"], visit["status"]) == (
        "need",
        "eldercare",
        "dispatched",
    )
    assert visit["dispatch"]["member_id"] == volunteer.id
    assert visit["contact"]["name"] == "李奶奶"
    # The paired volunteer sees it offered in person, may take it (never forced).
    offered = volunteer.api.get(f"/orders/{visit_id}").json
    assert offered["status"] == "dispatched"
    assert volunteer.api.get("/notifications").json[0]["order_id"] == visit_id
    time_machine.move_to(datetime_in(app, days=6))
    assert "0 pairing visits" in run_visits(runner)
    time_machine.move_to(datetime_in(app, days=7, hours=1))
    assert "1 pairing visits" in run_visits(runner)
    assert "0 pairing visits" in run_visits(runner)
    claimed = volunteer.api.post(f"/orders/{visit_id}/claim")
    assert claimed.status_code == 200


def datetime_in(app, **delta):
    from volunteer.db import utcnow

    return utcnow() + timedelta(**delta)


def test_an_ended_pairing_gets_no_more_visits(district, pairing, runner):
    ended = district.api.secretary.post(f"/pairings/{pairing['id']}/end")
    assert ended.status_code == 200 and ended.json["active"] is False
    assert "0 pairing visits" in run_visits(runner)


def test_members_are_paired_too(district):
    created = district.api.secretary.post("/pairings", json=pairing_body(member_id=district.member))
    assert created.status_code == 201
    assert created.json["paired_is_volunteer"] is False


@pytest.mark.parametrize(
    "changes, field",
    [
        ({}, "member_id"),
        ({"member_id": "both"}, "member_id"),
        ({"member_id": 999999}, "member_id"),
        ({"member_id": "pending"}, "member_id"),
        ({"volunteer_id": "party"}, "volunteer_id"),
        ({"member_id": "party", "phone": "123"}, "phone"),
        ({"member_id": "party", "visit_every_days": 0}, "visit_every_days"),
        ({"member_id": "party", "household_name": ""}, "household_name"),
        ({"member_id": "party", "address": "x" * 201}, "address"),
    ],
)
def test_invalid_pairings_name_the_field(district, volunteer, changes, field):
    values = {"party": district.member, "pending": district.pending_member}
    resolved = {k: values.get(v, v) if isinstance(v, str) else v for k, v in changes.items()}
    if changes.get("member_id") == "both":
        resolved = {"member_id": district.member, "volunteer_id": volunteer.id}
    answer = district.api.secretary.post("/pairings", json=pairing_body(**resolved))
    assert answer.status_code == 422, answer.json
    assert field in answer.json["errors"]


def test_who_may_pair_and_see(district, volunteer, pairing, anonymous):
    body = pairing_body(member_id=district.member)
    assert district.api.resident.post("/pairings", json=body).status_code == 403
    assert district.api.other_secretary.post("/pairings", json=body).status_code == 422
    assert anonymous.post("/pairings", json=body).status_code == 401
    assert volunteer.api.get(f"/pairings/{pairing['id']}").status_code == 200
    assert district.api.resident.get(f"/pairings/{pairing['id']}").status_code == 404
    assert district.api.other_secretary.get(f"/pairings/{pairing['id']}").status_code == 404
    assert [p["id"] for p in volunteer.api.get("/pairings").json] == [pairing["id"]]
    assert district.api.other_secretary.get("/pairings").json == []


def test_the_contact_card_is_a_one_page_pdf(app, district, volunteer, pairing):
    answer = district.api.secretary.get(f"/pairings/{pairing['id']}/card.pdf")
    assert answer.status_code == 200
    assert answer.content_type == "application/pdf"
    assert answer.data.startswith(b"%PDF")
    text = pdf_text(answer.data)
    assert "爱心永驻联系卡" in text and "李奶奶" in text and "12345" in text
    assert "13900139000" not in text  # the volunteer did not consent to show the phone
    assert pdf_pages(answer.data) == 1
    assert volunteer.api.get(f"/pairings/{pairing['id']}/card.pdf").status_code == 403
    assert district.api.resident.get(f"/pairings/{pairing['id']}/card.pdf").status_code == 404


def test_the_card_shows_the_phone_with_consent(app, district, neighbour):
    person = neighbour(username="zhiyuan2", phone="13600136000")
    applied = person.api.post(
        "/volunteers",
        json={"community_id": district.community, "phone": "13600136000", "consent_contact": True},
    )
    district.api.secretary.post(f"/volunteers/{applied.json['id']}/confirm")
    created = district.api.secretary.post(
        "/pairings", json=pairing_body(volunteer_id=applied.json["id"])
    )
    card = district.api.secretary.get(f"/pairings/{created.json['id']}/card.pdf")
    assert "13600136000" in pdf_text(card.data)


def poppler(tool: str, data: bytes, *args: str) -> str:
    """Run a poppler tool over the PDF bytes (pdftotext, pdfinfo)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(data)
        file.flush()
        return subprocess.run(
            [tool, *args, file.name, *(["-"] if tool == "pdftotext" else [])],
            check=True,
            capture_output=True,
            text=True,
        ).stdout


def pdf_text(data: bytes) -> str:
    return poppler("pdftotext", data).replace(" ", "")


def pdf_pages(data: bytes) -> int:
    info = poppler("pdfinfo", data)
    return int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])


def test_the_card_is_written_as_a_png_for_review(district, pairing):
    data = district.api.secretary.get(f"/pairings/{pairing['id']}/card.pdf").data
    ARTIFACTS.mkdir(exist_ok=True)
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(data)
        file.flush()
        target = ARTIFACTS / "love-bank-contact-card"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-singlefile", file.name, str(target)], check=True
        )
    assert (ARTIFACTS / "love-bank-contact-card.png").stat().st_size > 1000


def test_rows_stay_private(app, district, pairing):
    from volunteer.pairings.models import Pairing

    with app.app_context():
        assert db.session.get(Pairing, pairing["id"]).phone == "13700137000"
