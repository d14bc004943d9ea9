"""GET /satisfaction-index and GET /assessments."""

import pytest

from tests.surveys.test_reviews_api import window


def answer_all(closed_month, drawn, community_id, words):
    items = [i for i in drawn["items"] if i["community_id"] == community_id]
    for item, word in zip(items, words, strict=False):
        response = closed_month.api.surveyor.post(
            f"/sample-items/{item['id']}/answer",
            json={"reached": True, "resolved": True, "satisfaction": word},
        )
        assert response.status_code == 200


def test_index_parts_weights_and_flags(district, closed_month, drawn):
    answer_all(closed_month, drawn, district.community, ["satisfied", "dissatisfied"] * 2)
    window(district, opens_at="2026-10-01T00:00:00+08:00", closes_at="2026-10-31T00:00:00+08:00")
    response = district.api.street_admin.get(
        f"/satisfaction-index?street_id={district.street}&from=2026-10-01&to=2026-10-31"
    )
    assert response.status_code == 200
    rows = {row["community_id"]: row for row in response.json}
    assert set(rows) == {district.community, district.other_community}
    row = rows[district.community]
    # 12 ratings: n % 3 == 0 rated 2 → 4 low, 8 high.
    assert row["ratings"]["count"] == 12 and row["ratings"]["rate"] == pytest.approx(
        8 / 12, abs=1e-4
    )
    assert row["ratings"]["low"] < row["ratings"]["rate"] < row["ratings"]["high"]
    assert row["samples"] == {**row["samples"], "count": 4, "rate": 0.5}
    assert row["reviews"]["count"] == 0 and row["reviews"]["rate"] is None
    expected = (0.4 * 8 / 12 + 0.3 * 0.5) / 0.7
    assert row["index"] == pytest.approx(expected, abs=1e-4)
    assert row["small_sample"] is True and row["inflation"] is False


def test_inflation_with_ten_answered_samples(app, district, closed_month):
    drawn = district.api.street_admin.post(
        "/samples",
        json={"street_id": district.street, "month": "2026-10", "rate": 1, "minimum": 0},
    ).json
    answer_all(closed_month, drawn, district.community, ["dissatisfied"] * 6 + ["satisfied"] * 5)
    rows = district.api.street_admin.get(
        f"/satisfaction-index?community_id={district.community}&from=2026-10-01&to=2026-10-31"
    ).json
    assert len(rows) == 1
    row = rows[0]
    assert row["samples"]["count"] == 11 and row["ratings"]["rate"] - row["samples"]["rate"] > 0.1
    assert row["inflation"] is True


def test_weights_are_configurable(app, district, closed_month, drawn):
    answer_all(closed_month, drawn, district.community, ["dissatisfied"] * 5)
    app.config["SATISFACTION_WEIGHTS"] = {"ratings": 0, "reviews": 0.5, "samples": 0.5}
    row = district.api.street_admin.get(
        f"/satisfaction-index?community_id={district.community}&from=2026-10-01&to=2026-10-31"
    ).json[0]
    assert row["index"] == 0.0


def test_index_scope(district, closed_month):
    own = district.api.secretary.get(f"/satisfaction-index?community_id={district.community}")
    assert own.status_code == 200 and len(own.json) == 1
    other = f"/satisfaction-index?community_id={district.other_community}"
    assert district.api.secretary.get(other).status_code == 404
    street = f"/satisfaction-index?street_id={district.street}"
    assert district.api.secretary.get(street).status_code == 403
    assert district.api.resident.get(street).status_code == 403
    far = f"/satisfaction-index?street_id={district.other_street}"
    assert district.api.street_admin.get(far).status_code == 404
    assert district.api.admin.get(far).status_code == 200
    nothing = district.api.street_admin.get("/satisfaction-index")
    assert nothing.status_code == 422


def test_assessment_levels(app, district, closed_month, drawn):
    answer_all(closed_month, drawn, district.community, ["satisfied"] * 5)
    response = district.api.street_admin.get(f"/assessments?street_id={district.street}&year=2026")
    assert response.status_code == 200
    rows = {row["community_id"]: row for row in response.json}
    # Community A: ratings 8/12 and samples 5/5 → (0.4·0.667 + 0.3·1)/0.7 ≈ 0.81: qualified.
    assert rows[district.community]["level"] == "qualified"
    # Community B: 2 of 3 rated high (0.667): qualified.
    assert rows[district.other_community]["level"] == "qualified"
    app.config["ASSESSMENT_THRESHOLDS"] = {"commendable": 0.8, "qualified": 0.7}
    rows = {
        row["community_id"]: row
        for row in district.api.street_admin.get(
            f"/assessments?street_id={district.street}&year=2026"
        ).json
    }
    assert rows[district.community]["level"] == "commendable"
    assert rows[district.other_community]["level"] == "rectify"
    empty = district.api.street_admin.get(f"/assessments?street_id={district.street}&year=2025")
    assert {row["level"] for row in empty.json} == {None}


def test_assessment_refusals(district):
    assert (
        district.api.secretary.get(
            f"/assessments?street_id={district.street}&year=2026"
        ).status_code
        == 403
    )
    assert (
        district.api.street_admin.get(
            f"/assessments?street_id={district.other_street}&year=2026"
        ).status_code
        == 404
    )
    assert district.api.street_admin.get("/assessments?year=2026").status_code == 422
