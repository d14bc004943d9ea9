"""POST /samples, GET /samples, /sample-items/{id} and its answer."""

import sqlalchemy as sa

from volunteer.extensions import db
from volunteer.notifications.models import FollowUp, Notification
from volunteer.surveys.jobs import draft_samples_on
from volunteer.surveys.models import ContactView, Sample
from volunteer.surveys.samples import redraw


def test_sample_takes_rate_or_minimum_per_community_of_the_month(district, closed_month, drawn):
    assert drawn["street_id"] == district.street and drawn["month"] == "2026-10"
    assert len(drawn["seed"]) >= 16
    by_community: dict[int, list[int]] = {}
    for item in drawn["items"]:
        assert item["status"] == "open"
        by_community.setdefault(item["community_id"], []).append(item["order_id"])
    assert len(by_community[district.community]) == 5  # max(5, ceil(12 × 0.1))
    assert sorted(by_community[district.other_community]) == closed_month.orders["other"]
    assert set(by_community[district.community]) <= set(closed_month.orders["community"])
    assert district.far_community not in by_community


def test_the_draw_repeats_from_the_stored_seed(app, drawn):
    with app.app_context():
        sample = db.session.get(Sample, drawn["id"])
        repeated = redraw(sample)
    drawn_ids = {}
    for item in drawn["items"]:
        drawn_ids.setdefault(item["community_id"], []).append(item["order_id"])
    assert repeated == {k: sorted(v) for k, v in drawn_ids.items()}


def test_same_street_and_month_twice_is_409(district, drawn):
    response = district.api.street_admin.post(
        "/samples", json={"street_id": district.street, "month": "2026-10"}
    )
    assert response.status_code == 409


def test_sample_refusals(district, closed_month):
    body = {"street_id": district.street, "month": "2026-10"}
    assert district.api.secretary.post("/samples", json=body).status_code == 403
    assert closed_month.api.surveyor.post("/samples", json=body).status_code == 403
    other = {"street_id": district.other_street, "month": "2026-10"}
    assert district.api.street_admin.post("/samples", json=other).status_code == 404
    bad = district.api.street_admin.post("/samples", json={**body, "month": "2026-13"})
    assert bad.status_code == 422 and "month" in bad.json["errors"]
    assert district.api.admin.post("/samples", json=other).status_code == 201


def test_samples_are_listed_for_the_street_and_its_surveyor_only(district, closed_month, drawn):
    listed = closed_month.api.surveyor.get("/samples")
    assert listed.status_code == 200 and [s["id"] for s in listed.json] == [drawn["id"]]
    assert closed_month.api.far_surveyor.get("/samples").json == []
    assert closed_month.api.far_surveyor.get(f"/samples/{drawn['id']}").status_code == 404
    assert district.api.street_admin.get(f"/samples/{drawn['id']}").status_code == 200
    assert district.api.resident.get("/samples").status_code == 403
    assert district.api.secretary.get(f"/samples/{drawn['id']}").status_code == 403


def test_contact_only_to_the_surveyor_while_open_and_every_view_logged(
    app, district, closed_month, drawn
):
    item = drawn["items"][0]
    path = f"/sample-items/{item['id']}"
    seen = closed_month.api.surveyor.get(path)
    assert seen.status_code == 200
    assert seen.json["contact"] == {"name": "王秀英", "phone": "13800138000"}
    assert seen.json["title"] and seen.json["status"] == "open"
    closed_month.api.surveyor.get(path)
    assert district.api.street_admin.get(path).status_code == 403
    assert district.api.secretary.get(path).status_code == 404
    assert closed_month.api.far_surveyor.get(path).status_code == 404
    with app.app_context():
        views = db.session.scalars(sa.select(ContactView)).all()
        assert [(v.item_id, v.user_id) for v in views] == [(item["id"], closed_month.surveyor)] * 2
    answered = closed_month.api.surveyor.post(
        path + "/answer", json={"reached": True, "resolved": True, "satisfaction": "satisfied"}
    )
    assert answered.status_code == 200 and answered.json["status"] == "answered"
    after = closed_month.api.surveyor.get(path)
    assert after.status_code == 200 and after.json["contact"] is None
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(ContactView.id))) == 2


def test_second_answer_is_409_and_changes_nothing(district, closed_month, drawn):
    path = f"/sample-items/{drawn['items'][0]['id']}/answer"
    first = closed_month.api.surveyor.post(path, json={"reached": False})
    assert first.status_code == 200 and first.json["reached"] is False
    again = closed_month.api.surveyor.post(
        path, json={"reached": True, "satisfaction": "dissatisfied"}
    )
    assert again.status_code == 409
    shown = district.api.street_admin.get(f"/samples/{drawn['id']}").json["items"][0]
    assert shown["reached"] is False and shown["satisfaction"] is None


def test_answer_validation_names_the_field(closed_month, drawn):
    path = f"/sample-items/{drawn['items'][0]['id']}/answer"
    unreached = closed_month.api.surveyor.post(
        path, json={"reached": False, "satisfaction": "satisfied"}
    )
    assert unreached.status_code == 422 and "satisfaction" in unreached.json["errors"]
    wrong = closed_month.api.surveyor.post(path, json={"reached": True, "satisfaction": "meh"})
    assert wrong.status_code == 422 and "satisfaction" in wrong.json["errors"]
    assert closed_month.api.surveyor.post(path, json={}).status_code == 422
    declined = closed_month.api.surveyor.post(path, json={"reached": True, "resolved": True})
    assert declined.status_code == 200 and declined.json["satisfaction"] is None


def test_dissatisfied_or_unresolved_opens_the_communitys_follow_up(
    app, district, closed_month, drawn
):
    items = [i for i in drawn["items"] if i["community_id"] == district.community]
    closed_month.api.surveyor.post(
        f"/sample-items/{items[0]['id']}/answer",
        json={"reached": True, "resolved": True, "satisfaction": "dissatisfied", "comment": "慢"},
    )
    closed_month.api.surveyor.post(
        f"/sample-items/{items[1]['id']}/answer",
        json={"reached": True, "resolved": False, "satisfaction": "basically_satisfied"},
    )
    closed_month.api.surveyor.post(
        f"/sample-items/{items[2]['id']}/answer",
        json={"reached": True, "resolved": True, "satisfaction": "satisfied"},
    )
    follow_ups = district.api.secretary.get("/follow-ups?done=false").json
    assert sorted(f["order_id"] for f in follow_ups) == sorted(
        [items[0]["order_id"], items[1]["order_id"]]
    )
    assert district.api.other_secretary.get("/follow-ups?done=false").json == []
    done = district.api.secretary.post(
        f"/follow-ups/{follow_ups[0]['id']}/done", json={"outcome": "resolved", "note": "已解释"}
    )
    assert done.status_code == 200
    with app.app_context():
        told = db.session.scalars(
            sa.select(Notification.message).where(Notification.user_id == district.secretary)
        ).all()
        assert sum("抽样回访" in message for message in told) == 2
        assert db.session.scalar(sa.select(sa.func.count(FollowUp.id))) == 2


def test_the_samples_job_drafts_last_month_on_the_first_once(app, district, closed_month):
    from datetime import date

    with app.app_context():
        assert draft_samples_on(date(2026, 11, 1)) == "2 samples drawn for 2026-10"
        assert draft_samples_on(date(2026, 11, 1)) == "0 samples drawn for 2026-10"
        sample = db.session.scalar(sa.select(Sample).where(Sample.street_id == district.street))
        assert len(sample.items) == 8
        assert sample.created_by_id is None


def test_anonymous_is_401(anonymous, drawn):
    assert anonymous.get("/samples").status_code == 401
    assert anonymous.get(f"/sample-items/{drawn['items'][0]['id']}").status_code == 401
