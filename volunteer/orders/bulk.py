"""Bulk triage (POST /orders/bulk): accept, dispatch or reject many orders at once.

Each order is handled on its own savepoint: a refused order changes nothing for itself
(its notifications and events included) and does not stop the others. The request still
commits once, at its boundary.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.exc import StaleDataError

from volunteer.auth.access import Actor
from volunteer.errors import DomainError, Forbidden
from volunteer.extensions import db
from volunteer.i18n import localised
from volunteer.orders import triage

MAX_ORDERS = 100


def act_on_orders(
    actor: Actor,
    *,
    action: str,
    order_ids: list[int],
    team_id: int | None = None,
    pool: bool = False,
    reason: str | None = None,
) -> dict:
    """Run `action` on every order (each at most once, in the given order); the ids done and
    the refusals `{order_id, code, message}` in the caller's language."""
    if not (actor.is_admin or actor.secretary_of or actor.street_admin_of):
        raise Forbidden(_l("Only the community's secretary or the street admin may do this."))
    done: list[int] = []
    refused: list[dict] = []
    for order_id in dict.fromkeys(order_ids):
        try:
            with db.session.begin_nested():
                perform(actor, action, order_id, team_id=team_id, pool=pool, reason=reason)
        except DomainError as error:
            refused.append({"order_id": order_id, "code": error.code, "message": message(error)})
        except StaleDataError:
            refused.append(
                {
                    "order_id": order_id,
                    "code": 409,
                    "message": "Someone else got there first; reload and try again.",
                }
            )
        else:
            done.append(order_id)
    return {"done": done, "refused": refused}


def perform(actor: Actor, action: str, order_id: int, *, team_id, pool, reason) -> None:
    if action == "accept":
        triage.accept_order(actor, order_id)
    elif action == "dispatch":
        triage.dispatch_order(actor, order_id, team_id=team_id, pool=bool(pool and not team_id))
    elif action == "reject":
        triage.reject_order(actor, order_id, reason=reason or "")
    else:  # the schema allows only the three
        raise ValueError(action)


def message(error: DomainError) -> str:
    """The refusal's words; for a rule on a field, the field's first message."""
    if error.code == 422 and error.errors:
        field, problems = next(iter(error.errors.items()))
        if problems:
            return f"{field}: {localised(problems[0])}"
    return localised(error.message)
