"""A reworked order (回访 → 重办) counts in the employer's report once, for the member who did
it last, with its final completion and rating."""

from volunteer.db import utcnow


def test_a_reworked_order_counts_once_with_its_final_rating(district, completed):
    api, path = district.api, f"/orders/{completed['id']}"
    api.resident.post(f"{path}/rate", json={"score": 1})
    (item,) = api.secretary.get("/follow-ups?done=false").json
    api.secretary.post(f"/follow-ups/{item['id']}/done", json={"outcome": "rework", "note": "重办"})
    api.secretary.post(f"{path}/dispatch", json={"team_id": district.repair_team})
    api.member.post(f"{path}/claim")
    api.member.post(f"{path}/complete", json={"note": "换了新阀门", "hours": 2})
    assert api.resident.post(f"{path}/rate", json={"score": 5}).status_code == 200

    year = utcnow().year
    period = {"period_start": f"{year}-01-01", "period_end": f"{year}-12-31"}
    report = api.admin.post("/reports", json={"employer_id": district.employer, **period})
    assert report.status_code == 201, report.json
    (row,) = [r for r in report.json["rows"] if r["orders_completed"]]
    assert (row["orders_completed"], row["hours"], row["average_score"]) == (1, 2, 5)
    assert row["satisfaction_rate"] == 1
