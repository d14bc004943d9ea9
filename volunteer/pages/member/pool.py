"""The pool: orders I may claim now, ranked for me, with the offers made to me first."""

from flask import render_template
from flask_login import login_required

from volunteer.auth.access import require_actor
from volunteer.matching.reasons import render
from volunteer.matching.services import pool_page
from volunteer.orders.presenter import present
from volunteer.pages.member.blueprint import bp
from volunteer.pages.member.orders import member_actions
from volunteer.pages.paging import page_from

PAGE_SIZE = 20


@bp.route("/pool")
@login_required
def pool():
    """The orders I may claim (contact masked), best first; an explanation for everyone else."""
    actor = require_actor()
    member = actor.active_member
    if member is None:
        return render_template("pages/member/not_active.html", member=actor.member)
    pager = page_from(lambda page, size: pool_page(actor, page, size), PAGE_SIZE)
    cards = [
        {
            "order": present(order, actor),
            "reasons": [render(reason) for reason in reasons],
            "actions": member_actions(actor, order),
            "offered": order.dispatch_member_id == member.id,
        }
        for order, _score, reasons in pager.items
    ]
    return render_template(
        "pages/member/pool.html",
        offers=[card for card in cards if card["offered"]],
        cards=[card for card in cards if not card["offered"]],
        total=pager.total,
        page=pager.page,
        pages=pager.pages,
    )
