"""Forms on the pages: the API's marshmallow schemas validate, the API's services act.

A view builds a `Form` from the request, loads it with the schema the API uses and calls the
service inside `form.handling()`. Validation errors land next to their fields; a service's
refusal (a `DomainError`) rolls the session back and shows above the form, so a refused action
changes no data and the user keeps what they typed.
"""

import re
from collections.abc import Iterable

from flask import flash, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, ValidationError
from werkzeug.datastructures import MultiDict

from volunteer import labels
from volunteer.errors import DomainError
from volunteer.extensions import db
from volunteer.people.models import MemberStatus
from volunteer.refusals import REFUSALS
from volunteer.reports.models import ReportStatus
from volunteer.teams.models import TeamStatus


class Form:
    """What the user sent, and what went wrong with it."""

    def __init__(self, data: MultiDict | None = None, *, lists: Iterable[str] = ()):
        self.data = MultiDict(request.form if data is None else data)
        self.lists = set(lists)
        self.errors: dict[str, list[str]] = {}
        self.problem: str | None = None

    @property
    def submitted(self) -> bool:
        return request.method == "POST"

    @property
    def ok(self) -> bool:
        return self.submitted and not self.errors and self.problem is None

    @property
    def status(self) -> int:
        """422 for a form sent back with errors, so tests and proxies can tell."""
        return 422 if self.submitted and (self.errors or self.problem) else 200

    def get(self, name: str, default: str = "") -> str:
        return self.data.get(name, default)

    def getlist(self, name: str) -> list[str]:
        return self.data.getlist(name)

    def values(self, *names: str, coerce: dict | None = None, **fixed) -> dict:
        """The named fields as the schema expects them: blank fields are left out, so the
        schema's own `required` and defaults apply; fields in `lists` are lists; fields in
        `coerce` are converted (e.g. `{"score": int}`), a failure being that field's error."""
        values: dict = {}
        for name in names:
            if name in self.lists:
                items = [item.strip() for item in self.data.getlist(name) if item.strip()]
                if items:
                    values[name] = items
                continue
            value = self.data.get(name, "").strip()
            if not value:
                continue
            if coerce and name in coerce:
                try:
                    value = coerce[name](value)
                except (TypeError, ValueError):
                    self.errors.setdefault(name, []).append(_("Not a valid number."))
                    continue
            values[name] = value
        values.update(fixed)
        return values

    def load(self, schema: Schema, *names: str, coerce: dict | None = None, **fixed) -> dict:
        """Validate the named fields with the API's schema (raises ValidationError)."""
        values = self.values(*names, coerce=coerce, **fixed)
        try:
            data = schema.load(values)
        except ValidationError as error:
            self.field_errors(error.messages)
            raise
        if self.errors:
            raise ValidationError(self.errors)
        return data

    def handling(self) -> "Handling":
        return Handling(self)

    def field_errors(self, messages) -> None:
        if isinstance(messages, dict):
            for field, problems in messages.items():
                if field == "_schema":
                    self.problem = " ".join(translated(p) for p in _as_list(problems))
                    continue
                if isinstance(problems, dict):
                    problems = [p for sub in problems.values() for p in _as_list(sub)]
                self.errors.setdefault(field, []).extend(translated(p) for p in _as_list(problems))
        else:
            self.problem = " ".join(translated(p) for p in _as_list(messages))


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


# marshmallow's and the schemas' messages, in the page's language (the API keeps English).
MESSAGES = {
    "Missing data for required field.": _l("This field is required."),
    "Field may not be null.": _l("This field is required."),
    "Not a valid integer.": _l("Not a valid number."),
    "Not a valid number.": _l("Not a valid number."),
    "Not a valid date.": _l("Not a valid date."),
    "Not a valid boolean.": _l("Choose yes or no."),
    "Not a valid email address.": _l("Not a valid e-mail address."),
    "Hours are counted in steps of 0.5.": _l("Hours are counted in steps of 0.5."),
}
PATTERNS = (
    (re.compile(r"Length must be between (\d+) and (\d+)\."), _l("%(0)s to %(1)s characters.")),
    (re.compile(r"Shorter than minimum length (\d+)\."), _l("At least %(0)s characters.")),
    (re.compile(r"Longer than maximum length (\d+)\."), _l("At most %(0)s characters.")),
    (re.compile(r"Must be one of: .*"), _l("Choose one of the options.")),
    (
        re.compile(
            r"Must be greater than or equal to ([\d.]+) and less than or equal to ([\d.]+)\."
        ),
        _l("From %(0)s to %(1)s."),
    ),
)


# Refusals because of a state (the services put the state in the message): the state named.
STATE_REFUSALS = (
    (
        re.compile(r"(?:Cannot \w+ an order that|The order) is (\w+)\."),
        _l("Not possible now: the order is %(status)s."),
        labels.STATUS_NAMES,
    ),
    (
        re.compile(r"The report is (\w+); .*"),
        _l("Not possible now: the report is %(status)s."),
        ReportStatus.labels(),
    ),
    (
        re.compile(r"The team is (\w+)(?:, not proposed)?\."),
        _l("Not possible now: the team is %(status)s."),
        TeamStatus.labels(),
    ),
    (
        re.compile(r"The report-in is (\w+), not pending\."),
        _l("Not possible now: the report-in is %(status)s."),
        MemberStatus.labels(),
    ),
)


def translated(message) -> str:
    """A validation message or a service's refusal in the user's language where we know it
    (`REFUSALS` lists the fixed refusals, `STATE_REFUSALS` those naming a state); else as it
    came."""
    message = str(message)
    if message in MESSAGES:
        return str(MESSAGES[message])
    if message in REFUSALS:
        return str(REFUSALS[message])
    for pattern, text in PATTERNS:
        found = pattern.fullmatch(message)
        if found:
            return str(text) % {str(i): value for i, value in enumerate(found.groups())}
    for pattern, text, names in STATE_REFUSALS:
        found = pattern.fullmatch(message)
        if found and found.group(1) in names:
            return str(text) % {"status": names[found.group(1)]}
    return message


class Handling:
    """`with form.handling():` turns validation errors and refusals into the form's errors."""

    def __init__(self, form: Form):
        self.form = form

    def __enter__(self) -> Form:
        return self.form

    def __exit__(self, kind, error, traceback) -> bool:
        if error is None:
            return False
        if isinstance(error, ValidationError):
            db.session.rollback()
            if not self.form.errors:  # `load` has recorded its own already
                self.form.field_errors(error.messages)
            return True
        if isinstance(error, DomainError):
            db.session.rollback()
            if error.errors:
                self.form.field_errors(error.errors)
            else:
                self.form.problem = translated(error.message)
            return True
        return False


def attempt(action, success: str) -> bool:
    """Run a one-button action (claim, confirm, acknowledge …): flash what happened.

    Returns True when it succeeded. A refusal rolls back and is flashed as an error.
    """
    try:
        action()
    except ValidationError as error:
        db.session.rollback()
        flash(
            " ".join(
                f"{field}: {' '.join(map(translated, _as_list(problems)))}"
                for field, problems in error.messages.items()
            )
            if isinstance(error.messages, dict)
            else " ".join(map(translated, _as_list(error.messages))),
            "error",
        )
        return False
    except DomainError as error:
        db.session.rollback()
        flash(translated(error.message), "error")
        return False
    flash(success)
    return True
