"""The statistics' tallies stay equal to a recount from the orders, whatever happens."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from volunteer.extensions import db
from volunteer.orders.models import Order
from volunteer.stats import durations, services
from volunteer.stats.participation import by_year
from volunteer.stats.recount import rebuild
from volunteer.stats.scope import Scope, local_midnight, months_of, today
from volunteer.stats.tallies import (
    COUNTERS,
    KEY_COLUMNS,
    MONTH,
    MemberTally,
    OrderTally,
    contribution,
)


def tallies() -> dict:
    """Every row that counts something: its counters and its (sorted) durations."""
    table = OrderTally.__table__
    return {
        tuple(row[c] for c in KEY_COLUMNS): (
            tuple(row[c] for c in COUNTERS),
            tuple(tuple(sorted(durations.unpack(row[m]))) for m in durations.MEASURES),
        )
        for row in db.session.execute(sa.select(table)).mappings()
        if any(row[c] for c in COUNTERS)
    }


def completions() -> dict:
    rows = db.session.execute(sa.select(MemberTally.__table__)).mappings()
    return {
        (row["member_id"], row["month"]): row["completions"] for row in rows if row["completions"]
    }


def assert_tallies_match_a_recount(app) -> dict:
    with app.app_context():
        kept = tallies(), completions()
        rebuild()
        recounted = tallies(), completions()
        db.session.rollback()
    assert kept == recounted
    return kept[0]


def test_every_action_keeps_the_tallies(app, district, post_order):
    api = district.api
    first = post_order()
    assert_tallies_match_a_recount(app)
    steps = [
        (api.secretary, "accept", {"category": "eldercare"}),
        (api.secretary, "dispatch", {"team_id": district.repair_team}),
        (api.member, "claim", {}),
        (api.member, "complete", {"note": "修好了", "hours": 1.5}),
        (api.resident, "rate", {"score": 5, "comment": "好"}),
    ]
    for speaker, action, body in steps:
        assert speaker.post(f"/orders/{first['id']}/{action}", json=body).status_code == 200
    second = post_order()
    assert (
        api.secretary.post(f"/orders/{second['id']}/reject", json={"reason": "重复"}).status_code
        == 200
    )
    third = post_order()
    assert api.resident.post(f"/orders/{third['id']}/cancel", json={}).status_code == 200
    kept = assert_tallies_match_a_recount(app)
    whole, (claims, handlings) = next(value for key, value in kept.items() if key[0] == "")
    assert len(claims) == len(handlings) == 1  # the one order that was dispatched and done
    by_name = dict(zip(COUNTERS, whole, strict=True))
    assert (by_name["total"], by_name["closed"], by_name["rejected"], by_name["cancelled"]) == (
        3,
        1,
        1,
        1,
    )
    assert (by_name["rated_closed"], by_name["rated"], by_name["satisfied"]) == (1, 1, 1)
    # The dispatched order moved from "no team" to its team, and from the old category.
    teams = {key[3] for key in kept if key[0] == "team"}
    assert str(district.repair_team) in teams


def test_a_deleted_order_leaves_the_tallies(app, district, post_order):
    order = post_order()
    with app.app_context():
        stored = db.session.get(Order, order["id"])
        for event in stored.events:
            db.session.delete(event)
        db.session.delete(stored)
        db.session.flush()
        assert tallies() == {}
        assert completions() == {}
        db.session.rollback()


def test_days_are_local_days():
    """23:30 UTC is the next morning in Beijing: the order counts on that day."""
    values = {
        "community_id": 1,
        "created_at": datetime(2026, 3, 1, 23, 30, tzinfo=UTC),
        "category": "repair",
        "dispatch_team_id": None,
        "grid": None,
        "status": "submitted",
        "close_reason": None,
        "completed_at": None,
        "due_at": None,
        "score": None,
        "first_score": None,
        "rework_count": 0,
    }
    from flask import Flask

    app = Flask(__name__)
    app.config["TIMEZONE"] = "Asia/Shanghai"
    with app.app_context():
        keys, counters = contribution(values)
    assert {key[2].isoformat() for key in keys if key[0] != MONTH} == {"2026-03-02"}
    assert [key[2].isoformat() for key in keys if key[0] == MONTH] == ["2026-03-01"]
    with app.app_context():  # the last evening of February in UTC is March in Beijing
        keys, _ = contribution({**values, "created_at": datetime(2026, 2, 28, 23, 30, tzinfo=UTC)})
    assert [key[2].isoformat() for key in keys if key[0] == MONTH] == ["2026-03-01"]
    assert counters["submitted"] == counters["total"] == 1


def test_released_and_reopened_orders_move_their_durations(app, district, dispatched):
    api = district.api
    path = f"/orders/{dispatched['id']}"
    steps = [
        (api.member, "claim", {}),
        (api.member, "release", {"reason": "临时有事"}),
        (api.member, "claim", {}),
        (api.member, "complete", {"note": "修好了", "hours": 1}),
        (api.resident, "reopen", {"reason": "又坏了"}),
        (api.member, "complete", {"note": "换了零件", "hours": 2}),
    ]
    for speaker, action, body in steps:
        assert speaker.post(f"{path}/{action}", json=body).status_code == 200, action
        assert_tallies_match_a_recount(app)


def test_a_member_s_completions_are_counted_per_month(app, district, completed):
    with app.app_context():
        counted = completions()
    month = datetime.now(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m")
    # Its month's row and its year's (a year's participation reads one row per member).
    assert counted == {(district.member, month): 1, (district.member, month[:4]): 1}


def test_months_of_a_period_are_whole_or_cut():
    today = date(2026, 11, 22)
    whole, cut = months_of(date(2026, 1, 1), today, today)
    assert whole == [f"2026-{m:02d}" for m in range(1, 12)] and cut == []
    whole, cut = months_of(date(2026, 3, 15), date(2026, 5, 10), today)
    assert whole == ["2026-04"]
    assert cut == [(date(2026, 3, 15), date(2026, 3, 31)), (date(2026, 5, 1), date(2026, 5, 10))]
    # The rest of this month lies in the future: nothing is completed there yet.
    assert months_of(date(2026, 11, 1), date(2026, 11, 30), today) == (["2026-11"], [])
    assert months_of(date(2025, 12, 1), date(2026, 1, 31), today)[0] == ["2025-12", "2026-01"]


def test_whole_years_are_read_from_the_year_rows():
    today = date(2026, 11, 22)
    year = [f"2026-{m:02d}" for m in range(1, 13)]
    assert by_year(year, today) == ["2026"]
    # Up to this month: the rest of the year has no completions yet.
    assert by_year(year[:11], today) == ["2026"]
    assert by_year(year[:10], today) == year[:10]
    assert by_year(year[1:], today) == year[1:]
    last = [f"2025-{m:02d}" for m in range(1, 13)]
    assert by_year([*last, *year[:11]], today) == ["2025", "2026"]
    assert by_year(last[:11], today) == last[:11]


def test_month_rows_sum_the_day_rows(app, district, completed):
    """The whole community's month rows hold what its day rows of that month hold."""
    with app.app_context():
        kept = tallies()
    days = {key: value for key, value in kept.items() if key[0] == ""}
    months = {key: value for key, value in kept.items() if key[0] == MONTH}
    assert months and len(months) <= len(days)
    for (_, community_id, first, _), (counters, lists) in months.items():
        same_month = [
            value
            for (_, c, day, _), value in days.items()
            if c == community_id and day.replace(day=1) == first
        ]
        assert counters == tuple(map(sum, zip(*(v[0] for v in same_month), strict=True)))
        assert lists == tuple(
            tuple(sorted(sum((v[1][i] for v in same_month), ()))) for i in range(len(lists))
        )


def test_a_follow_up_rework_keeps_the_tallies(app, district, completed):
    """Rated low, sent back after the call (回访 → 重办), dispatched, claimed, completed and
    rated again: after every step the tallies equal a recount, and the first rating stays."""
    api, path = district.api, f"/orders/{completed['id']}"
    assert api.resident.post(f"{path}/rate", json={"score": 1}).status_code == 200
    assert_tallies_match_a_recount(app)
    (follow_up,) = api.secretary.get("/follow-ups?done=false").json
    done = api.secretary.post(
        f"/follow-ups/{follow_up['id']}/done", json={"outcome": "rework", "note": "重办"}
    )
    assert done.status_code == 200
    assert_tallies_match_a_recount(app)
    steps = [
        (api.secretary, "dispatch", {"team_id": district.repair_team}),
        (api.member, "claim", {}),
        (api.member, "complete", {"note": "重新修好", "hours": 1}),
        (api.resident, "rate", {"score": 5}),
    ]
    for speaker, action, body in steps:
        assert speaker.post(f"{path}/{action}", json=body).status_code == 200, action
        kept = assert_tallies_match_a_recount(app)
    whole = dict(zip(COUNTERS, next(v for k, v in kept.items() if k[0] == "")[0], strict=True))
    assert (whole["rated"], whole["satisfied"]) == (1, 1)
    assert (whole["first_rated"], whole["first_satisfied"], whole["reworks"]) == (1, 0, 1)


class ByDays(Scope):
    """A scope that reads every day's row, as a period that cuts its months would."""

    def months(self):
        return [], [(self.label["start"], self.label["end"])]


def test_month_rows_and_day_rows_give_the_same_figures(app, district, completed, post_order):
    """A period's whole months are read from the month rows, the days it cuts from the day
    rows: both give the same counts, rates and medians."""
    post_order()
    with app.app_context():
        first, last = today().replace(day=1), today()
        scopes = [
            kind(
                community_ids=sa.select(sa.literal(district.community)).scalar_subquery(),
                start=local_midnight(first),
                end=local_midnight(last + timedelta(days=1)),
                label={"start": first, "end": last},
            )
            for kind in (Scope, ByDays)
        ]
        assert scopes[0].months() == ([f"{first:%Y-%m}"], [])
        by_month, by_day = (
            {**services.order_figures(s), **services.timing_figures(s)} for s in scopes
        )
    assert by_month["orders"]["total"] == 2
    assert by_month["median_handling_hours"] is not None
    assert by_month == by_day
