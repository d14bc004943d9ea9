"""Likely duplicates (FixMyStreet's duplicate suggestions): open orders of the same community
whose text shares character bigrams with this one (the grams of matching's skill index,
people/grams.py), weighed with the category and the address. `similarity` is pure; the
services read the community's open orders, at most CANDIDATES of them, newest first."""

from dataclasses import dataclass
from functools import lru_cache

import sqlalchemy as sa

from volunteer.auth.access import Actor
from volunteer.extensions import db
from volunteer.orders.access import manage_order
from volunteer.orders.following import is_follower, resident_of
from volunteer.orders.models import Order
from volunteer.orders.states import OPEN
from volunteer.people.grams import grams

# Below this the texts are not about the same thing, whatever category and address say.
MIN_TEXT = 0.25
# Listed from this score on (0..1).
THRESHOLD = 0.45
WEIGHTS = {"text": 0.7, "category": 0.15, "address": 0.15}
CANDIDATES = 500
LISTED = 5


# Words of asking for help that any two requests share ("请师傅上门看看", "帮老人修理一下"):
# their bigrams say nothing about whether two requests are the same, so they are left out.
COMMON = frozenset().union(
    *(
        grams(phrase)
        for phrase in (
            "请师傅上门看看",
            "需要帮忙帮助",
            "麻烦志愿者",
            "维修修理一下",
            "家里老人",
            "谢谢社区",
            "不方便",
        )
    )
)


@lru_cache(maxsize=8192)
def content_grams(text: str) -> frozenset[str]:
    """The text's bigrams without the words of asking (COMMON); cached, as the community's
    open orders are compared again and again."""
    return grams(text) - COMMON


@dataclass(frozen=True)
class Text:
    """What two orders are compared by."""

    title: str
    description: str = ""
    category: str | None = None
    address: str | None = None


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """Sørensen–Dice coefficient of two gram sets (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def similarity(a: Text, b: Text) -> float:
    """How likely `b` is the same request as `a`, 0..1: the titles and the whole texts by
    bigrams (the title counts twice: a long description alone says little), then the same
    category (not `other`) and the addresses' bigrams."""
    title = dice(content_grams(a.title), content_grams(b.title))
    whole = dice(
        content_grams(f"{a.title} {a.description}"), content_grams(f"{b.title} {b.description}")
    )
    text = max(title, (title + whole) / 2)
    if text < MIN_TEXT:
        return 0.0
    category = float(a.category is not None and a.category == b.category and a.category != "other")
    address = dice(grams(a.address or ""), grams(b.address or "")) if a.address else 0.0
    score = WEIGHTS["text"] * text + WEIGHTS["category"] * category + WEIGHTS["address"] * address
    return round(score, 3)


def ranked(
    text: Text, community_id: int, *, excluded: set[int], threshold: float = THRESHOLD
) -> list[tuple[dict, float]]:
    """The community's open orders scoring at least `threshold` against `text`, best first."""
    rows = db.session.execute(
        sa.select(Order.id, Order.title, Order.description, Order.category, Order.address)
        .where(Order.community_id == community_id, Order.status.in_(list(OPEN)))
        .order_by(Order.id.desc())
        .limit(CANDIDATES)
    )
    found = []
    for row in rows:
        if row.id in excluded:
            continue
        other = Text(row.title, row.description, row.category, row.address)
        score = similarity(text, other)
        if score >= threshold:
            found.append(({"order_id": row.id, "title": row.title}, score))
    found.sort(key=lambda item: (-item[1], -item[0]["order_id"]))
    return found[:LISTED]


def similar_orders(actor: Actor, order_id: int) -> list[dict]:
    """GET /orders/{id}/similar: for the order's managers (404 outside the scope, 403 in it)."""
    order = manage_order(actor, order_id)
    text = Text(order.title, order.description, order.category, order.address)
    return [
        {**entry, "score": score}
        for entry, score in ranked(text, order.community_id, excluded={order.id})
    ]


def already_reported(actor: Actor, community_id: int, text: Text) -> list[dict]:
    """For a resident about to post: open requests of neighbours that look the same (这件事
    邻居已经反映过了), by title only — never an address, a name or a score, and the resident's
    own address is not compared. Whether the caller already follows each is said."""
    if not resident_of(actor, community_id):
        return []
    own = set(
        db.session.scalars(
            sa.select(Order.id).where(
                Order.owner_id == actor.id,
                Order.community_id == community_id,
                Order.status.in_(list(OPEN)),
            )
        )
    )
    private = Text(text.title, text.description, text.category)
    # Without the address the best score is lower by its weight: the bar is lowered alike.
    threshold = THRESHOLD * (1 - WEIGHTS["address"])
    return [
        {**entry, "following": is_follower(actor.id, entry["order_id"])}
        for entry, _score in ranked(private, community_id, excluded=own, threshold=threshold)
    ]
