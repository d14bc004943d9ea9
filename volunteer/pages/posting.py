"""The posting form of a micro-wish or a service need: the resident's own, and the same form
for a secretary posting on a resident's behalf (代办). OrderCreateSchema validates and
`creation.create_order` posts, as POST /api/v1/orders does; the photos go with the order, all
or none."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError
from werkzeug.datastructures import MultiDict

from volunteer import labels
from volunteer.auth.access import require_actor
from volunteer.errors import Conflict, DomainError, Forbidden, Invalid
from volunteer.orders import creation, duplicates, photos
from volunteer.orders.schemas import OrderCreateSchema

from .forms import Form

MB = 1024 * 1024

# The fields of the posting form that go to OrderCreateSchema as they are.
ORDER_FIELDS = (
    "kind",
    "title",
    "description",
    "category",
    "community_id",
    "grid",
    "address",
    "contact_phone",
    "urgency",
    "preferred_time",
)


def posting_form(*, proxy: bool):
    """The one posting form: parse, create the order with its photos (all or nothing),
    then show it; on a problem the form comes back with everything typed (photos aside)."""
    actor = require_actor()
    communities = creation.posting_communities(actor, proxy=proxy)
    if not communities:
        raise Forbidden(_l("No community to post in."))
    form = Form()
    if not form.submitted:
        form = Form(MultiDict({"kind": "need", "urgency": "normal", "contact_phone": ""}))
        if not proxy:
            form.data["contact_phone"] = actor.phone or ""
    shown = {*ORDER_FIELDS, "photo"} | ({"on_behalf_name", "on_behalf_phone"} if proxy else set())
    if len(communities) == 1:
        shown.discard("community_id")
    reported: list[dict] = []
    if form.submitted:
        with form.handling():
            data = load_order(form, communities, proxy=proxy)
            check_grid(data, communities)
            if not proxy and not form.get("confirmed"):
                reported = neighbours_reported(actor, data, communities)
            if not reported:
                uploads = [upload for upload in request.files.getlist("photo") if upload.filename]
                order = creation.create_order(actor, **data)
                attach_photos(actor, order, uploads)
                if proxy:
                    flash(_("Posted for %(name)s.", name=order.contact_name))
                    return redirect(after_proxy(order))
                flash(_("Your request is posted. Follow each step here."))
                return redirect(url_for("resident.order", order_id=order.id))
        stray_errors_to_problem(form, shown)
    return render_template(
        "pages/resident/order_form.html",
        form=form,
        proxy=proxy,
        communities=[(c.id, c.name) for c in communities] if len(communities) > 1 else [],
        kinds=labels.named(labels.KIND_NAMES),
        categories=labels.named(labels.CATEGORY_NAMES),
        urgencies=labels.named(labels.URGENCY_NAMES),
        grids=[(c.name, list(c.grids or ())) for c in communities if c.grids],
        photos_lost=bool(form.errors or form.problem)
        and any(upload.filename for upload in request.files.getlist("photo")),
        max_photos=current_app.config["MAX_PHOTOS"],
        max_photo_mb=current_app.config["MAX_PHOTO_BYTES"] // MB,
        reported=reported,
        photos_chosen=bool(reported)
        and any(upload.filename for upload in request.files.getlist("photo")),
    ), form.status


def neighbours_reported(actor, data: dict, communities) -> list[dict]:
    """Before a resident's request is posted: the same request already reported by a
    neighbour (这件事邻居已经反映过了). The form then comes back once, so that the resident may
    follow that request instead; posting it again (`confirmed`) skips this."""
    community_id = data.get("community_id") or communities[0].id
    text = duplicates.Text(data["title"], data["description"], data.get("category"))
    return duplicates.already_reported(actor, community_id, text)


def load_order(form: Form, communities, *, proxy: bool) -> dict:
    """The form as OrderCreateSchema takes it: the only community unless one was chosen,
    and for 代办 the resident as `on_behalf_of` (its errors go next to its two fields)."""
    fixed = {}
    if not form.get("community_id") and len(communities) == 1:
        fixed["community_id"] = communities[0].id
    if proxy:
        resident = {"name": form.get("on_behalf_name"), "phone": form.get("on_behalf_phone")}
        fixed["on_behalf_of"] = {key: value.strip() for key, value in resident.items() if value}
    try:
        return form.load(OrderCreateSchema(), *ORDER_FIELDS, coerce={"community_id": int}, **fixed)
    except ValidationError as error:
        nested = error.messages.get("on_behalf_of") if isinstance(error.messages, dict) else None
        if isinstance(nested, dict):
            del form.errors["on_behalf_of"]
            for key, problems in nested.items():
                form.errors[f"on_behalf_{key}"] = problems
        raise


def check_grid(data: dict, communities) -> None:
    """The grid is one of the chosen community's (网格 are names kept with the community)."""
    grid = data.get("grid")
    community = next((c for c in communities if c.id == data.get("community_id")), None)
    if grid and community is not None and grid not in (community.grids or ()):
        raise Invalid("grid", _l("Not a grid of this community."))


def attach_photos(actor, order, uploads) -> None:
    """The order's photos, all or none; a refused one is named next to the photo field."""
    try:
        photos.add_photos(actor, order.id, [upload.read() for upload in uploads])
    except DomainError as error:
        name = uploads[error.upload_index].filename
        if isinstance(error, photos.PayloadTooLarge):
            mb = current_app.config["MAX_PHOTO_BYTES"] // MB
            problem = _("“%(name)s” is larger than %(mb)d MB.", name=name, mb=mb)
        elif isinstance(error, Conflict):
            problem = _("At most %(count)d photos.", count=current_app.config["MAX_PHOTOS"])
        elif isinstance(error, photos.TooManyPixels):
            problem = _("“%(name)s” has too many pixels.", name=name)
        elif isinstance(error, Invalid):
            problem = _("“%(name)s” is not a JPEG, PNG or WebP photo.", name=name)
        else:
            raise
        raise Invalid("photo", problem) from error


def stray_errors_to_problem(form: Form, shown: set[str]) -> None:
    """A refusal about a field the form does not show is said above the form."""
    stray = [problem for name in set(form.errors) - shown for problem in form.errors.pop(name)]
    if stray:
        form.problem = " ".join([form.problem or "", *stray]).strip()


def too_large(error):
    """More than the request limit at once: nothing could be read, so say what to do."""
    text = _(
        "Each photo may be at most %(each)d MB, all together %(all)d MB. "
        "Go back and choose fewer or smaller photos.",
        each=current_app.config["MAX_PHOTO_BYTES"] // MB,
        all=current_app.config["MAX_CONTENT_LENGTH"] // MB,
    )
    title = _("The photos are too large")
    return render_template("error.html", code=413, title=title, text=text), 413


def after_proxy(order) -> str:
    """The secretary's desk page of the order once it exists, else the start page."""
    if "desk.order" in current_app.view_functions:
        return url_for("desk.order", order_id=order.id)
    return url_for("home.index")
