"""回访 → 重办: the secretary records the call-back after a low rating; `rework` sends the
order back from closed to accepted, to be dispatched again.

The order's rating, completion and claimer are cleared so that it can go round again; the
earlier ones stay in the timeline (the rating and completion events, and the rework event's
note), and `first_score` keeps the first rating for the first-time satisfaction rate.
"""

from flask_babel import lazy_gettext as _l

from volunteer.auth.access import Actor, manages_community
from volunteer.db import utcnow
from volunteer.errors import Conflict, Forbidden, NotFound
from volunteer.extensions import db
from volunteer.love_bank.ledger import reverse_order_credits
from volunteer.notifications.models import FollowUp, Outcome
from volunteer.notifications.services import notify
from volunteer.orders.models import Order
from volunteer.orders.states import Action
from volunteer.orders.transitions import record, transition
from volunteer.organisations.models import Community

# What the resident reads of each outcome (notification and timeline are in Chinese, like
# every stored note).
OUTCOME_WORDS = {
    Outcome.RESOLVED: "已解释说明",
    Outcome.REWORK: "安排重新办理",
    Outcome.UNREACHABLE: "未能联系上",
}


def access_follow_up(actor: Actor, follow_up_id: int) -> FollowUp:
    """A follow-up of the caller's communities: 403 for those without a desk role, 404
    outside the scope."""
    if not (actor.is_admin or actor.secretary_of or actor.street_admin_of):
        raise Forbidden(_l("Follow-ups are for secretaries."))
    follow_up = db.session.get(FollowUp, follow_up_id)
    community = db.session.get(Community, follow_up.community_id) if follow_up else None
    if follow_up is None or not manages_community(actor, community):
        raise NotFound(_l("No such follow-up."))
    return follow_up


def finish_follow_up(actor: Actor, follow_up_id: int, *, outcome: str, note: str) -> FollowUp:
    """Record the call (回访) with its outcome; the note goes on the order's timeline."""
    follow_up = access_follow_up(actor, follow_up_id)
    if follow_up.done_at is not None:
        raise Conflict(_l("This follow-up is done."))
    outcome = Outcome(outcome)
    order = db.session.get_one(Order, follow_up.order_id)
    follow_up.done_at = utcnow()
    follow_up.done_by_id = actor.id
    follow_up.outcome = outcome
    follow_up.note = note
    record(order, Action.FOLLOW_UP, actor, f"回访结果：{OUTCOME_WORDS[outcome]}。{note}"[:1000])
    if outcome == Outcome.REWORK:
        rework(order, actor)
    notify(
        [order.owner_id, order.proxy_by_id],
        "follow_up_done",
        f"您的“{order.title}”已回访：{OUTCOME_WORDS[outcome]}。",
        order,
    )
    db.session.flush()
    return follow_up


def rework(order: Order, actor) -> None:
    """closed → accepted: the rating, completion, claimer and dispatch are cleared (the
    rework event keeps what they were), and the order waits to be dispatched again."""
    claimer = order.claimed_by.display_name if order.claimed_by is not None else "—"
    hours = order.completion_hours if order.completion_hours is not None else "—"
    earlier = f"前次：{claimer}办结，服务时长 {hours} 小时，评分 {order.score}。"
    reverse_order_credits(order, actor.id)  # 爱心银行: the first round's credit is taken back
    transition(
        order,
        Action.REWORK,
        actor,
        earlier,
        rework_count=order.rework_count + 1,
        score=None,
        rating_comment=None,
        rated_at=None,
        close_reason=None,
        closed_at=None,
        completion_note=None,
        completion_hours=None,
        completed_at=None,
        claimed_by=None,
        claimed_at=None,
        dispatch_team_id=None,
        dispatch_member_id=None,
        dispatch_pool=False,
        dispatched_at=None,
        claim_due_at=None,
        due_at=None,
        claim_reminded_at=None,
        due_reminded_at=None,
        supervised_at=None,
        street_supervised_at=None,
    )
