"""POST /review-windows and their responses (定期评议)."""

from datetime import timedelta

import sqlalchemy as sa

from volunteer.db import utcnow
from volunteer.extensions import db
from volunteer.notifications.models import Notification


def window(district, api=None, **changes):
    now = utcnow()
    body = {
        "street_id": district.street,
        "title": "2026年第四季度评议",
        "opens_at": (now - timedelta(hours=1)).isoformat(),
        "closes_at": (now + timedelta(days=7)).isoformat(),
        **changes,
    }
    return (api or district.api.street_admin).post("/review-windows", json=body)


def test_window_opens_and_the_streets_residents_are_told(app, district):
    response = window(district)
    assert response.status_code == 201 and response.json["title"] == "2026年第四季度评议"
    with app.app_context():
        told = set(
            db.session.scalars(
                sa.select(Notification.user_id).where(Notification.kind == "review_window")
            )
        )
    assert district.resident in told and district.other_resident in told
    assert district.secretary not in told


def test_window_refusals(district):
    assert window(district, district.api.secretary).status_code == 403
    assert window(district, street_id=district.other_street).status_code == 404
    now = utcnow()
    backwards = window(district, closes_at=(now - timedelta(days=2)).isoformat())
    assert backwards.status_code == 422 and "closes_at" in backwards.json["errors"]
    naive = window(district, opens_at="2026-11-01T00:00:00")
    assert naive.status_code == 422 and "opens_at" in naive.json["errors"]


def test_a_resident_responds_once_for_their_own_community(district):
    opened = window(district).json
    path = f"/review-windows/{opened['id']}/responses"
    first = district.api.resident.post(path, json={"satisfaction": "satisfied", "comment": "好"})
    assert first.status_code == 201 and first.json["community_id"] == district.community
    again = district.api.resident.post(path, json={"satisfaction": "dissatisfied"})
    assert again.status_code == 409
    other = district.api.other_resident.post(path, json={"satisfaction": "basically_satisfied"})
    assert other.status_code == 201 and other.json["community_id"] == district.other_community
    bad = district.api.member.post(path, json={"satisfaction": "great"})
    assert bad.status_code == 422 and "satisfaction" in bad.json["errors"]


def test_closed_or_not_yet_open_is_409(district):
    now = utcnow()
    later = window(
        district,
        opens_at=(now + timedelta(days=1)).isoformat(),
        closes_at=(now + timedelta(days=2)).isoformat(),
    ).json
    over = window(
        district,
        opens_at=(now - timedelta(days=3)).isoformat(),
        closes_at=(now - timedelta(days=1)).isoformat(),
    ).json
    for opened in (later, over):
        response = district.api.resident.post(
            f"/review-windows/{opened['id']}/responses", json={"satisfaction": "satisfied"}
        )
        assert response.status_code == 409


def test_outsiders_cannot_respond(app, district):
    opened = window(district).json
    path = f"/review-windows/{opened['id']}/responses"
    assert (
        district.api.street_admin.post(path, json={"satisfaction": "satisfied"}).status_code == 403
    )
    assert district.api.contact.post(path, json={"satisfaction": "satisfied"}).status_code == 404
    assert (
        district.api.resident.post(
            "/review-windows/999999/responses", json={"satisfaction": "satisfied"}
        ).status_code
        == 404
    )
