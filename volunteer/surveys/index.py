"""The 群众满意指数 per community and period, and the yearly assessment (述职评议).

Three parts, each a satisfaction rate (满意 + 基本满意 over the answers) with its count and
Wilson interval: the residents' own ratings of closed orders (实时评价), the periodic reviews
(定期评议) and the surveyors' call-backs of sampled orders (第三方抽样). The index is the
weighted mean of the parts that have answers."""

from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from volunteer.auth.access import Actor
from volunteer.errors import Forbidden, Invalid, NotFound
from volunteer.extensions import db
from volunteer.orders.models import Order
from volunteer.orders.timing import zone
from volunteer.organisations.models import Community
from volunteer.satisfaction import Satisfaction
from volunteer.surveys.access import street_in_scope
from volunteer.surveys.models import ItemStatus, ReviewResponse, ReviewWindow, Sample, SampleItem
from volunteer.surveys.wilson import part, weighted_index

PARTS = ("ratings", "reviews", "samples")
DEFAULT_WEIGHTS = {"ratings": 0.4, "reviews": 0.3, "samples": 0.3}
SMALL_SAMPLE = 10
INFLATION_GAP = 0.10
INFLATION_MIN_SAMPLES = 10
DEFAULT_THRESHOLDS = {"commendable": 0.90, "qualified": 0.60}
SATISFIED = (Satisfaction.SATISFIED, Satisfaction.BASICALLY_SATISFIED)


def weights() -> dict[str, float]:
    """VOLUNTEER_SATISFACTION_WEIGHTS: {"ratings": …, "reviews": …, "samples": …}."""
    configured = current_app.config.get("SATISFACTION_WEIGHTS") or {}
    return {name: float(configured.get(name, DEFAULT_WEIGHTS[name])) for name in PARTS}


def thresholds() -> dict[str, float]:
    """VOLUNTEER_ASSESSMENT_THRESHOLDS: {"commendable": 0.9, "qualified": 0.6}."""
    configured = current_app.config.get("ASSESSMENT_THRESHOLDS") or {}
    return {name: float(configured.get(name, value)) for name, value in DEFAULT_THRESHOLDS.items()}


def instant(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), zone())


def communities_in(actor: Actor, street_id: int | None, community_id: int | None) -> list:
    """The communities asked for, in the caller's scope: street admins and admins a street
    or a community of theirs, secretaries their own community."""
    if street_id is None and community_id is None:
        raise Invalid("street_id", _l("Give a street or a community."))
    if community_id is not None:
        community = db.session.get(Community, community_id)
        if community is None:
            raise NotFound(_l("No such community."))
        if actor.is_admin or community.street_id in actor.street_admin_of:
            return [community]
        if community_id in actor.secretary_of:
            return [community]
        if actor.secretary_of or actor.street_admin_of:
            raise NotFound(_l("No such community."))
        raise Forbidden(_l("The index is for the street's administrators and secretaries."))
    assert street_id is not None
    street_in_scope(actor, street_id)
    return list(
        db.session.scalars(
            sa.select(Community).where(Community.street_id == street_id).order_by(Community.id)
        )
    )


def counted(rows) -> dict[int, tuple[int, int]]:
    """community id → (satisfied, answers) from rows of (community_id, satisfied, count)."""
    return {community_id: (int(good or 0), int(total)) for community_id, good, total in rows}


def part_counts(community_ids: list[int], start: date, end: date) -> dict[str, dict]:
    """Per part, community id → (satisfied, answers) in [start, end] (local dates)."""
    since, until = instant(start), instant(end + timedelta(days=1))
    ratings = db.session.execute(
        sa.select(
            Order.community_id,
            sa.func.sum(sa.case((Order.score >= 3, 1), else_=0)),
            sa.func.count(),
        )
        .where(
            Order.community_id.in_(community_ids),
            Order.score.is_not(None),
            Order.rated_at >= since,
            Order.rated_at < until,
        )
        .group_by(Order.community_id)
    )
    reviews = db.session.execute(
        sa.select(
            ReviewResponse.community_id,
            sa.func.sum(sa.case((ReviewResponse.satisfaction.in_(SATISFIED), 1), else_=0)),
            sa.func.count(),
        )
        .join(ReviewWindow, ReviewWindow.id == ReviewResponse.window_id)
        .where(
            ReviewResponse.community_id.in_(community_ids),
            ReviewWindow.opens_at >= since,
            ReviewWindow.opens_at < until,
        )
        .group_by(ReviewResponse.community_id)
    )
    months = [f"{start.year:04d}-{start.month:02d}", f"{end.year:04d}-{end.month:02d}"]
    samples = db.session.execute(
        sa.select(
            SampleItem.community_id,
            sa.func.sum(sa.case((SampleItem.satisfaction.in_(SATISFIED), 1), else_=0)),
            sa.func.count(),
        )
        .join(Sample, Sample.id == SampleItem.sample_id)
        .where(
            SampleItem.community_id.in_(community_ids),
            SampleItem.status == ItemStatus.ANSWERED,
            SampleItem.satisfaction.is_not(None),
            Sample.month >= months[0],
            Sample.month <= months[1],
        )
        .group_by(SampleItem.community_id)
    )
    return {"ratings": counted(ratings), "reviews": counted(reviews), "samples": counted(samples)}


def index_row(community_id: int, counts: dict[str, dict], weighting: dict[str, float]) -> dict:
    """One community's parts, index and flags."""
    parts = {name: part(*counts[name].get(community_id, (0, 0))) for name in PARTS}
    for found in parts.values():
        found["small_sample"] = found["count"] < SMALL_SAMPLE
    used = [p for name, p in parts.items() if p["count"] and weighting[name] > 0]
    ratings, samples = parts["ratings"], parts["samples"]
    inflation = (
        samples["count"] >= INFLATION_MIN_SAMPLES
        and ratings["rate"] is not None
        and ratings["rate"] - samples["rate"] > INFLATION_GAP
    )
    return {
        "community_id": community_id,
        **parts,
        "index": weighted_index(parts, weighting),
        "small_sample": not used or any(p["count"] < SMALL_SAMPLE for p in used),
        "inflation": bool(inflation),
    }


def index_rows(communities: list, start: date, end: date) -> list[dict]:
    counts = part_counts([c.id for c in communities], start, end)
    weighting = weights()
    rows = []
    for community in communities:
        row = index_row(community.id, counts, weighting)
        row["community_name"] = community.name
        rows.append(row)
    return rows


def satisfaction_index(
    actor: Actor,
    *,
    street_id: int | None = None,
    community_id: int | None = None,
    start: date | None = None,
    end: date | None = None,
) -> list[dict]:
    """GET /satisfaction-index: one row per community (default: this year up to today)."""
    today = datetime.now(zone()).date()
    start = start or date(today.year, 1, 1)
    end = end or today
    if end < start:
        raise Invalid("to", _l("Must not be before the start."))
    return index_rows(communities_in(actor, street_id, community_id), start, end)


def level_of(index: float | None, last_year: float | None, limits: dict[str, float]):
    """The assessment level from this year's index and the year before's."""
    if index is None:
        return None
    if index >= limits["commendable"]:
        return "commendable"
    if index >= limits["qualified"]:
        return "qualified"
    if last_year is not None and last_year < limits["qualified"]:
        return "dismissal_review"
    return "rectify"


def assessments(actor: Actor, *, street_id: int, year: int | None = None) -> list[dict]:
    """GET /assessments: each community's index of the year and its level (述职评议)."""
    year = year or datetime.now(zone()).year
    communities = communities_in(actor, street_id, None)
    this = index_rows(communities, date(year, 1, 1), date(year, 12, 31))
    before = {
        row["community_id"]: row["index"]
        for row in index_rows(communities, date(year - 1, 1, 1), date(year - 1, 12, 31))
    }
    limits = thresholds()
    return [
        {
            **row,
            "year": year,
            "previous_index": before[row["community_id"]],
            "level": level_of(row["index"], before[row["community_id"]], limits),
        }
        for row in this
    ]
