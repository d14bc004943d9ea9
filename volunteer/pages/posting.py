"""The posting form of a micro-wish or a service need: the resident's own, and the same form
for a secretary posting on a resident's behalf (代办). OrderCreateSchema validates and
`creation.create_order` posts, as POST /api/v1/orders does; the photos go with the order, all
or none."""

from datetime import timedelta

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError
from werkzeug.datastructures import MultiDict

from volunteer import labels
from volunteer.auth.access import require_actor
from volunteer.db import utcnow
from volunteer.errors import Conflict, DomainError, Forbidden, Invalid
from volunteer.orders import creation, duplicates, photos, voice
from volunteer.orders.appointments import BOOKABLE_DAYS
from volunteer.orders.schemas import OrderCreateSchema
from volunteer.orders.timing import zone
from volunteer.storage import storage

from .forms import Form

MB = 1024 * 1024

# 预约服务: the day and the half-day, sent as OrderCreateSchema's `appointment`.
APPOINTMENT_FIELDS = ("appointment_date", "appointment_half_day")

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
            # The grid comes from the resident's last request (their profile has none).
            form.data["grid"] = creation.last_grid(actor) or ""
    shown = {*ORDER_FIELDS, "photo", "voice", "appointment", *APPOINTMENT_FIELDS}
    if proxy:
        shown |= {"on_behalf_name", "on_behalf_phone"}
    if len(communities) == 1:
        shown.discard("community_id")
    today = utcnow().astimezone(zone()).date()
    reported: list[dict] = []
    if form.submitted:
        with form.handling():
            data = load_order(form, communities, proxy=proxy)
            if not proxy and not form.get("confirmed"):
                reported = neighbours_reported(actor, data, communities)
            if not reported:
                uploads = [upload for upload in request.files.getlist("photo") if upload.filename]
                spoken = request.files.get("voice")
                order = creation.create_order(actor, **data)
                added = attach_photos(actor, order, uploads)
                if spoken is not None and spoken.filename:
                    attach_voice(actor, order, spoken.read(), stored=added)
                if proxy:
                    flash(_("Posted for %(name)s.", name=order.contact_name))
                    return redirect(after_proxy(actor, order))
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
        grids=grid_choices(actor, communities, proxy=proxy),
        photos_lost=bool(form.errors or form.problem)
        and any(upload.filename for upload in request.files.getlist("photo")),
        max_photos=current_app.config["MAX_PHOTOS"],
        max_photo_mb=current_app.config["MAX_PHOTO_BYTES"] // MB,
        voice_lost=bool(form.errors or form.problem or reported)
        and bool(request.files.get("voice")),
        max_voice_seconds=current_app.config["MAX_VOICE_SECONDS"],
        max_voice_mb=current_app.config["MAX_VOICE_BYTES"] // MB,
        half_days=labels.named(labels.HALF_DAY_NAMES),
        today=today.isoformat(),
        last_bookable_day=(today + timedelta(days=BOOKABLE_DAYS)).isoformat(),
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
    if any(form.get(name) for name in APPOINTMENT_FIELDS):
        fixed["appointment"] = {
            key: form.get(f"appointment_{key}")
            for key in ("date", "half_day")
            if form.get(f"appointment_{key}")
        }
    try:
        return form.load(OrderCreateSchema(), *ORDER_FIELDS, coerce={"community_id": int}, **fixed)
    except ValidationError as error:
        for name, prefix in (("on_behalf_of", "on_behalf"), ("appointment", "appointment")):
            nested = error.messages.get(name) if isinstance(error.messages, dict) else None
            if isinstance(nested, dict):
                del form.errors[name]
                for key, problems in nested.items():
                    form.errors[f"{prefix}_{key}"] = problems
        raise


def grid_choices(actor, communities, *, proxy: bool) -> list[tuple[str, list[str]]]:
    """(community, its grid names) to choose from; for a grid worker's 代办 their own grids
    only (where they are not the secretary)."""
    mine = {grid.id for grid in creation.worker_grids(actor)} if proxy else set()
    choices = []
    for community in communities:
        grids = [grid for grid in community.grid_records if grid.active]
        if proxy and community.id not in actor.secretary_of:
            grids = [grid for grid in grids if grid.id in mine]
        if grids:
            choices.append((community.name, [grid.name for grid in grids]))
    return choices


def attach_photos(actor, order, uploads) -> list:
    """The order's photos, all or none; a refused one is named next to the photo field."""
    try:
        return photos.add_photos(actor, order.id, [upload.read() for upload in uploads])
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


def attach_voice(actor, order, data: bytes, *, stored: list) -> None:
    """The spoken note; when it is refused, the photos already stored go again (their rows
    roll back with the order) and the reason is said next to the voice field."""
    try:
        voice.add_voice_note(actor, order.id, data)
    except DomainError as error:
        for photo in stored:
            storage().delete(photo.storage_key)
        if isinstance(error, Invalid):
            (problem,) = (error.errors or {}).get("file") or [error.message]
            raise Invalid("voice", problem) from error
        raise


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


def after_proxy(actor, order) -> str:
    """The secretary's desk page of the order once it exists; the grid worker's view of it
    (as the resident's page shows it); else the start page."""
    if order.community_id not in actor.secretary_of:
        return url_for("resident.order", order_id=order.id)
    if "desk.order" in current_app.view_functions:
        return url_for("desk.order", order_id=order.id)
    return url_for("home.index")
