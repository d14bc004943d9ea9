"""我的爱心银行: my time credits and their entries, the community's love shop, my
redemptions with their codes (cancel refunds)."""

from flask import render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from volunteer.auth.access import require_actor
from volunteer.extensions import db
from volunteer.love_bank import services
from volunteer.love_shop import services as shop
from volunteer.pages.actions import act
from volunteer.pages.volunteer.blueprint import bp


def home_community(actor) -> int | None:
    """Where the caller's shop is: their report-in's community, else where they live."""
    if actor.member is not None:
        return actor.member.community_id
    return actor.community_id


@bp.route("/love-bank")
@login_required
def love_bank():
    """The balance, the entries, the shop's items and my redemptions."""
    actor = require_actor()
    statement = services.my_account(actor)
    community_id = home_community(actor)
    items = (
        list(db.session.scalars(shop.items_query(actor, community_id)))
        if community_id is not None
        else []
    )
    return render_template(
        "pages/volunteer/love_bank.html",
        statement=statement,
        items=items,
        redemptions=shop.redemptions_of(actor),
    )


@bp.route("/love-bank/items/<id:item_id>/redeem", methods=["POST"])
@login_required
def redeem(item_id):
    """Reserve one; the code is shown on the page for the hand-over."""
    actor = require_actor()
    return act(
        lambda _form: shop.redeem(actor, item_id),
        done=lambda r: _("Reserved: show the code %(code)s at the community office.", code=r.code),
        then=url_for("volunteer.love_bank") + "#redemptions",
    )


@bp.route("/love-bank/redemptions/<id:redemption_id>/cancel", methods=["POST"])
@login_required
def cancel(redemption_id):
    """Cancel a reservation; the points come back."""
    actor = require_actor()
    return act(
        lambda _form: shop.cancel(actor, redemption_id),
        done=_("Cancelled; the points are back in your account."),
        then=url_for("volunteer.love_bank") + "#redemptions",
    )
