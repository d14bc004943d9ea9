"""Both views of satisfaction after a rework (回访 → 重办): the final rate, the first-time rate
(一次满意率, over each order's first rating) and the number of reworks, in /stats and the
statistics export."""

import csv
import io

import pytest


def redo(district, order_id: int, first: int, final: int) -> None:
    """Rate `first`; if it was low, the secretary sends it back and it is done and rated again."""
    api, path = district.api, f"/orders/{order_id}"
    assert api.resident.post(f"{path}/rate", json={"score": first}).status_code == 200
    if first > 2:
        return
    (item,) = api.secretary.get("/follow-ups?done=false").json
    body = {"outcome": "rework", "note": "重办"}
    assert api.secretary.post(f"/follow-ups/{item['id']}/done", json=body).status_code == 200
    for speaker, action, payload in [
        (api.secretary, "dispatch", {"team_id": district.repair_team}),
        (api.member, "claim", {}),
        (api.member, "complete", {"note": "重新修好", "hours": 1}),
        (api.resident, "rate", {"score": final}),
    ]:
        assert speaker.post(f"{path}/{action}", json=payload).status_code == 200, action


@pytest.fixture
def reworked(district, post_order):
    """Two orders: one satisfied at once, one dissatisfied, redone and then satisfied."""
    for first in (5, 1):
        order = post_order()
        path = f"/orders/{order['id']}"
        district.api.secretary.post(f"{path}/dispatch", json={"team_id": district.repair_team})
        district.api.member.post(f"{path}/claim")
        district.api.member.post(f"{path}/complete", json={"note": "修好了", "hours": 1})
        redo(district, order["id"], first, 4)


def test_stats_keep_the_final_and_the_first_time_rate(district, reworked):
    stats = district.api.secretary.get(f"/stats?community_id={district.community}").json
    assert stats["satisfaction_rate"] == 1.0
    assert stats["first_time_satisfaction_rate"] == 0.5
    assert stats["rework_count"] == 1
    assert stats["rates"]["first_time_satisfaction"]["count"] == 2
    assert stats["orders"]["completed"] == 2  # the reworked order counts once


def test_no_rating_no_first_time_rate(district):
    stats = district.api.secretary.get("/stats").json
    assert stats["first_time_satisfaction_rate"] is None
    assert stats["rework_count"] == 0


def test_the_stats_export_has_both_rates(district, reworked):
    text = district.api.secretary.get("/exports/stats.csv").data.decode("utf-8-sig")
    header, total, *_ = csv.reader(io.StringIO(text))
    row = dict(zip(header, total, strict=True))
    assert row["满意率"] == "1.0"
    assert row["一次满意率"] == "0.5"
    assert row["重办次数"] == "1"


def test_the_orders_export_shows_the_reworks(district, reworked):
    text = district.api.secretary.get("/exports/orders.csv").data.decode("utf-8-sig")
    header, *rows = csv.reader(io.StringIO(text))
    reworks = sorted(dict(zip(header, row, strict=True))["重办次数"] for row in rows)
    firsts = sorted(dict(zip(header, row, strict=True))["首次评分"] for row in rows)
    assert reworks == ["0", "1"] and firsts == ["1", "5"]
