"""Reading the desk's forms with the API's schemas.

Several forms share the order page, so some fields are posted under their own names
(`reject_reason`, `note_12`) and validated under the schema's; the dispatch form's one
chooser becomes the API's team_id, member_id or pool.
"""

from datetime import datetime

from flask import flash
from flask_babel import gettext as _
from marshmallow import Schema, ValidationError

from volunteer.orders.schemas import BulkSchema, DispatchSchema
from volunteer.orders.timing import zone


def load_dispatch(form) -> dict:
    """The dispatch form as the API's DispatchSchema reads it: its one chooser (`target` =
    team:ID, member:ID or pool) becomes team_id, member_id or pool, the due time gets the
    community's offset. A missing or malformed choice is the chooser's own error."""
    target = form.get("target")
    kind, _sep, ident = target.partition(":")
    fixed: dict[str, bool | int] = {}
    if kind == "pool" and not ident:
        fixed = {"pool": True}
    elif kind in ("team", "member") and ident.isdigit():
        fixed = {f"{kind}_id": int(ident)}
    else:
        form.errors.setdefault("target", []).append(_("Choose a team, a member or the pool."))
    try:
        return form.load(DispatchSchema(), "due_at", coerce={"due_at": local_due_at}, **fixed)
    except ValidationError:
        if "target" in form.errors:
            form.problem = None  # the schema's "exactly one target" says the same
        raise


def local_due_at(value: str) -> str:
    """A `datetime-local` value is the community's wall-clock time: give it its offset, so
    that the API's schema (aware datetimes) can read it. Anything else passes unchanged for
    the schema to refuse."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone())
    return moment.isoformat()


def load_renamed(form, schema: Schema, fields: dict[str, str], **fixed) -> dict:
    """Validate fields posted under other names (several forms share a page, so each needs
    its own input ids) with the API's schema; errors go back under the posted names."""
    values = {name: form.get(posted).strip() for name, posted in fields.items()}
    try:
        return schema.load({**{k: v for k, v in values.items() if v}, **fixed})
    except ValidationError as error:
        messages = (
            error.messages if isinstance(error.messages, dict) else {"_schema": error.messages}
        )
        form.field_errors({fields.get(name, name): problems for name, problems in messages.items()})
        raise


def load_bulk(form) -> dict | None:
    """The inbox's bulk form as POST /orders/bulk's schema reads it: the chosen orders
    (`order_ids`), the action, its one target (`bulk_target` = team:ID or pool) and reason.
    Invalid: the problems are flashed and None comes back."""
    target = form.get("bulk_target") or ""
    kind, _sep, ident = target.partition(":")
    body: dict = {
        "action": form.get("bulk_action") or "",
        "order_ids": [int(i) for i in form.getlist("order_ids") if i.isdigit()],
    }
    if body["action"] == "dispatch":
        if kind == "pool":
            body["pool"] = True
        elif kind == "team" and ident.isdigit():
            body["team_id"] = int(ident)
    if body["action"] == "reject" and (form.get("bulk_reason") or "").strip():
        body["reason"] = form.get("bulk_reason")
    try:
        return BulkSchema().load(body)
    except ValidationError as error:
        names = {
            "order_ids": _("Choose at least one order (at most 100)."),
            "action": _("Choose what to do with the chosen orders."),
            "reason": _("A reason is needed to reject."),
            "_schema": _("Choose a team or the pool to dispatch to."),
        }
        messages = error.messages if isinstance(error.messages, dict) else {}
        for field, problems in messages.items():
            flash(names.get(str(field), str(problems)), "error")
        return None
