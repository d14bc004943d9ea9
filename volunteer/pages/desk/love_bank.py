"""The desk's side of neighbours helping neighbours: confirm resident volunteers, keep the
love shop (爱心超市) and hand items over by code, read the community's love-bank ledger,
pair households (结对帮扶) and print their 爱心永驻联系卡."""

import sqlalchemy as sa
from flask import Blueprint, Response, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required

from volunteer.auth.access import require_actor
from volunteer.auth.communities import managed_communities
from volunteer.errors import Forbidden, Invalid, NotFound
from volunteer.extensions import db
from volunteer.love_bank import services as love_bank
from volunteer.love_shop import services as shop
from volunteer.love_shop.schemas import HandOverSchema, ShopItemSchema
from volunteer.pages.actions import act
from volunteer.pages.forms import Form
from volunteer.pairings import card
from volunteer.pairings import services as pairings
from volunteer.pairings.schemas import PairingSchema
from volunteer.people.models import Member, MemberStatus
from volunteer.volunteers import services as volunteers

bp = Blueprint("love_bank_desk", __name__, url_prefix="/desk")


def desk_community():
    """The caller (who must manage a community) and the community the page is about:
    `?community_id=` among theirs, else the first."""
    actor = require_actor()
    communities = managed_communities(actor)
    if not communities:
        raise Forbidden(_l("Only a community's secretary may do this."))
    wanted = request.values.get("community_id", type=int)
    chosen = next((c for c in communities if c.id == wanted), None) if wanted else communities[0]
    if chosen is None:
        raise NotFound(_l("No such community."))
    return actor, chosen, communities


@bp.route("/volunteers")
@login_required
def volunteer_list():
    """The community's resident volunteers; pending applications first."""
    actor, community, communities = desk_community()
    found = db.session.scalars(volunteers.volunteers_query(actor, community_id=community.id))
    return render_template(
        "pages/love_bank_desk/volunteers.html",
        community=community,
        communities=communities,
        volunteers=list(found),
        pending=MemberStatus.PENDING,
    )


@bp.route("/volunteers/<id:volunteer_id>/confirm", methods=["POST"])
@login_required
def confirm_volunteer(volunteer_id):
    actor = require_actor()
    return act(
        lambda _form: volunteers.confirm(actor, volunteer_id),
        done=lambda v: _("%(name)s is now a resident volunteer.", name=v.display_name),
        then=lambda: url_for("love_bank_desk.volunteer_list"),
    )


def shop_page(form: Form | None = None, handed=None):
    actor, community, communities = desk_community()
    items = list(db.session.scalars(shop.items_query(actor, community.id)))
    return render_template(
        "pages/love_bank_desk/shop.html",
        community=community,
        communities=communities,
        items=items,
        reserved=shop.reserved_in(actor, community.id),
        form=form or Form({}),
        handed=handed,
    ), (form.status if form is not None else 200)


@bp.route("/shop")
@login_required
def shop_desk():
    """The catalogue, the reservations waiting, the hand-over by code."""
    return shop_page()


@bp.route("/shop/items", methods=["POST"])
@login_required
def add_item():
    actor, community, _communities = desk_community()

    def add(form):
        data = form.load(
            ShopItemSchema(), "name", "points", "stock", coerce={"points": int, "stock": int}
        )
        return shop.add_item(actor, community.id, **data)

    return act(
        add,
        done=lambda item: _("%(name)s added to the love shop.", name=item.name),
        then=lambda: url_for("love_bank_desk.shop_desk", community_id=community.id),
        again=lambda form: shop_page(form),
    )


@bp.route("/shop/items/<id:item_id>/picture", methods=["POST"])
@login_required
def item_picture(item_id):
    """Upload (or replace) an item's picture."""
    actor = require_actor()

    def upload(_form):
        picture = request.files.get("picture")
        if picture is None or not picture.filename:
            raise Invalid("picture", _l("Choose a picture."))
        return shop.set_picture(actor, item_id, picture.read())

    return act(
        upload,
        done=lambda item: _("The picture of %(name)s is saved.", name=item.name),
        then=lambda: url_for("love_bank_desk.shop_desk") + "#items",
    )


@bp.route("/shop/hand-over", methods=["POST"])
@login_required
def hand_over():
    """Enter (or scan) the code the person shows."""
    actor = require_actor()

    def give(form):
        data = form.load(HandOverSchema(), "code")
        return shop.hand_over(actor, data["code"])

    return act(
        give,
        done=lambda r: _(
            "Handed over: %(item)s to %(name)s.", item=r.item.name, name=r.user.display_name
        ),
        then=lambda: url_for("love_bank_desk.shop_desk"),
        again=lambda form: shop_page(form),
        refusals_on_page=True,
    )


@bp.route("/ledger")
@login_required
def ledger():
    """The community's books: what it issued, its people's balances, recent transfers."""
    actor, community, communities = desk_community()
    return render_template(
        "pages/love_bank_desk/ledger.html",
        community=community,
        communities=communities,
        books=love_bank.community_books(actor, community.id),
    )


def pairings_page(form: Form | None = None):
    actor, community, communities = desk_community()
    found = db.session.scalars(pairings.pairings_query(actor, community.id))
    people = db.session.scalars(volunteers_and_members(community.id))
    return render_template(
        "pages/love_bank_desk/pairings.html",
        community=community,
        communities=communities,
        pairings=list(found),
        people=[
            (
                p.id,
                f"{p.display_name}（{_('resident volunteer') if p.is_volunteer else _('member')}）",
            )
            for p in people
        ],
        form=form or Form({}),
    ), (form.status if form is not None else 200)


def volunteers_and_members(community_id: int) -> sa.Select:
    """Who may be paired: the community's active members and resident volunteers."""
    return (
        sa.select(Member)
        .where(Member.community_id == community_id, Member.status == MemberStatus.ACTIVE)
        .order_by(Member.id)
    )


@bp.route("/pairings")
@login_required
def pairing_list():
    """The community's pairings with their visit orders; pair a household."""
    return pairings_page()


@bp.route("/pairings", methods=["POST"])
@login_required
def create_pairing():
    actor = require_actor()

    def pair(form):
        data = form.load(
            PairingSchema(),
            "member_id",
            "household_name",
            "address",
            "phone",
            "visit_every_days",
            coerce={"member_id": int, "visit_every_days": int},
        )
        return pairings.create_pairing(actor, **data)

    return act(
        pair,
        done=lambda p: _(
            "%(name)s is paired with %(household)s.",
            name=p.member.display_name,
            household=p.household_name,
        ),
        then=lambda: url_for("love_bank_desk.pairing_list"),
        again=lambda form: pairings_page(form),
    )


@bp.route("/pairings/<id:pairing_id>/card.pdf")
@login_required
def contact_card(pairing_id):
    """The household's 爱心永驻联系卡, to print."""
    data, filename = card.card_pdf(require_actor(), pairing_id)
    return Response(
        data,
        content_type=card.CONTENT_TYPE,
        headers={
            "Content-Disposition": f'inline; filename="{filename}"',
            "Cache-Control": "private, no-store",
        },
    )
