"""The named steps of the demo orders' histories: each calls the service the API calls for the
same action, acting as the person who would take it."""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import sqlalchemy as sa

from volunteer.auth.models import User
from volunteer.extensions import db
from volunteer.orders import closing, triage, work
from volunteer.orders.models import Order
from volunteer.teams.models import Team


@dataclass(frozen=True)
class Scene:
    """Everyone a step may act as, around one order."""

    order: Order
    secretary: User  # the secretary of the order's community
    resident: User  # who posted it
    member: User | None  # the member of its history, if any
    score: int | None  # the rating of its history, if any

    @property
    def the_member(self) -> User:
        assert self.member is not None, f"order {self.order.title!r}: this step needs a member"
        return self.member


RATING_COMMENTS = {
    5: "党员同志很热心，谢谢！",
    4: "挺好的",
    3: "还行",
    2: "来得太晚了",
    1: "问题没解决",
}


def accept(scene: Scene) -> None:
    triage.accept_order(scene.secretary, scene.order.id)


def dispatch(scene: Scene) -> None:
    """To the community's team for the order's category; to the pool if it has none."""
    order = scene.order
    team = db.session.scalar(
        sa.select(Team).where(Team.community_id == order.community_id, Team.key == order.category)
    )
    target = {"team_id": team.id} if team is not None else {"pool": True}
    triage.dispatch_order(scene.secretary, order.id, **target)


def dispatch_pool(scene: Scene) -> None:
    triage.dispatch_order(scene.secretary, scene.order.id, pool=True)


def dispatch_member(scene: Scene) -> None:
    member = scene.the_member.active_member
    assert member is not None
    triage.dispatch_order(scene.secretary, scene.order.id, member_id=member.id)


def claim(scene: Scene) -> None:
    work.claim_order(scene.the_member, scene.order.id)


def complete(scene: Scene) -> None:
    work.complete_order(
        scene.the_member,
        scene.order.id,
        note="已上门处理，居民确认问题解决。",
        hours=Decimal("1.5"),
    )


def rate(scene: Scene) -> None:
    assert scene.score is not None, f"order {scene.order.title!r}: rating it needs a score"
    closing.rate_order(
        scene.resident, scene.order.id, score=scene.score, comment=RATING_COMMENTS[scene.score]
    )


def auto_close(scene: Scene) -> None:
    closing.auto_close(scene.order)


def escalate(scene: Scene) -> None:
    triage.escalate_order(scene.secretary, scene.order.id, reason="涉及多个单位，需要街道协调。")


def reject(scene: Scene) -> None:
    triage.reject_order(scene.secretary, scene.order.id, reason="属于物业职责，已转交物业公司。")


def cancel(scene: Scene) -> None:
    closing.cancel_order(scene.resident, scene.order.id, reason="已自行解决")


STEPS: dict[str, Callable[[Scene], None]] = {
    "accept": accept,
    "dispatch": dispatch,
    "dispatch_pool": dispatch_pool,
    "dispatch_member": dispatch_member,
    "claim": claim,
    "complete": complete,
    "rate": rate,
    "auto_close": auto_close,
    "escalate": escalate,
    "reject": reject,
    "cancel": cancel,
}


def run_step(name: str, scene: Scene) -> None:
    STEPS[name](scene)
    db.session.flush()
