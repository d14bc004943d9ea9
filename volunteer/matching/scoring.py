"""Who should get an order: pure scoring functions, each part with a reason people can read.

No database and no Flask here: every function takes plain values and returns a `Part`, a
score in [0, 1] and (when it says something useful) a `Reason` — a message key with its
parameters, translated when shown. `total()` weighs the parts with the configured weights.
"""

from dataclasses import dataclass, field
from typing import Any

from volunteer.people.grams import grams as grams  # matching/services.py calls it here


@dataclass(frozen=True)
class Reason:
    """A reason as a message key and its parameters, e.g. ("skill", {"skill": "电工"})."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Part:
    """One scored aspect of a candidate."""

    name: str
    score: float
    reason: Reason | None = None


DEFAULT_WEIGHTS = {
    "category": 3.0,
    "skill": 2.0,
    "proximity": 1.0,
    "load": 1.0,
    "reliability": 1.0,
    "fairness": 1.5,
    "direct": 10.0,
    "urgency": 1.0,
    "staffing": 2.0,
}

# Reliability priors: an unknown member counts as an average one over this many orders.
PRIOR_ORDERS = 5
PRIOR_SCORE = 4.0
PRIOR_ON_TIME = 0.8


def category_fit(category: str, served: list[str] | tuple[str, ...]) -> Part:
    """The team (or one of the member's teams) serves the order's category."""
    if category in served:
        return Part("category", 1.0, Reason("serves_category", {"category": category}))
    return Part("category", 0.0)


def skill_fit(text: str, tags: list[str] | tuple[str, ...]) -> Part:
    """How well the best of the candidate's skill tags matches the order's text."""
    text_grams = grams(text)
    best_tag, best = None, 0.0
    for tag in tags:
        tag_grams = grams(tag)
        if not tag_grams:
            continue
        overlap = len(tag_grams & text_grams) / len(tag_grams)
        if tag and tag.lower() in text.lower():
            overlap = 1.0
        if overlap > best:
            best_tag, best = tag, overlap
    if best_tag is None or best < 0.5:
        return Part("skill", 0.0)
    return Part("skill", best, Reason("skill", {"skill": best_tag}))


def proximity(
    *,
    order_grid: int | None,
    order_community: int,
    order_street: int,
    grid: int | None,
    community: int,
    street: int,
    grid_name: str | None = None,
) -> Part:
    """Same grid (the record), then same community, then same street (for escalated
    orders)."""
    if community == order_community:
        if order_grid is not None and grid == order_grid:
            return Part("proximity", 1.0, Reason("same_grid", {"grid": grid_name}))
        return Part("proximity", 0.6, Reason("same_community"))
    if street == order_street:
        return Part("proximity", 0.3, Reason("same_street"))
    return Part("proximity", 0.0)


def load(open_claims: int) -> Part:
    """Fewer orders in hand, more room for this one."""
    score = 1.0 / (1 + open_claims)
    if open_claims == 0:
        return Part("load", score, Reason("no_open_claims"))
    return Part("load", score, Reason("open_claims", {"count": open_claims}))


def reliability(*, completed: int, on_time: int, rated: int, score_sum: float) -> Part:
    """On-time rate and average score, each pulled towards a prior so that two ratings do
    not outrank fifty."""
    on_time_rate = (on_time + PRIOR_ON_TIME * PRIOR_ORDERS) / (completed + PRIOR_ORDERS)
    average = (score_sum + PRIOR_SCORE * PRIOR_ORDERS) / (rated + PRIOR_ORDERS)
    score = 0.5 * on_time_rate + 0.5 * (average - 1) / 4
    if rated == 0:
        return Part("reliability", score)
    return Part(
        "reliability",
        score,
        Reason("rating", {"average": round(score_sum / rated, 1), "count": rated}),
    )


def fairness(completed_this_period: int) -> Part:
    """Members with little service this period rank higher, so every member gets a turn."""
    score = 1.0 / (1 + completed_this_period)
    if completed_this_period == 0:
        return Part("fairness", score, Reason("no_service_this_period"))
    return Part("fairness", score, Reason("services_this_period", {"count": completed_this_period}))


def total(parts: list[Part], weights: dict[str, float] | None = None) -> float:
    """The weighted sum of the parts, rounded for display and stable sorting."""
    weights = weights or DEFAULT_WEIGHTS
    return round(sum(weights.get(part.name, 0.0) * part.score for part in parts), 4)


def reasons(parts: list[Part]) -> list[Reason]:
    """The reasons worth telling, strongest aspects first."""
    return [part.reason for part in parts if part.reason is not None]


def directness(offered_to_me: bool) -> Part:
    """A direct offer to this member comes first in their pool."""
    if offered_to_me:
        return Part("direct", 1.0, Reason("offered_to_you"))
    return Part("direct", 0.0)


def urgency(urgent: bool) -> Part:
    if urgent:
        return Part("urgency", 1.0, Reason("urgent"))
    return Part("urgency", 0.0)


def staffing(active_members: int) -> Part:
    """A team with nobody active cannot serve; more hands, a little better."""
    if active_members == 0:
        return Part("staffing", -1.0, Reason("no_active_members"))
    return Part(
        "staffing",
        min(active_members, 10) / 10,
        Reason("active_members", {"count": active_members}),
    )
