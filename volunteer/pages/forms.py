"""Forms on the pages: the API's marshmallow schemas validate, the API's services act.

A view builds a `Form` from the request, loads it with the schema the API uses and calls the
service inside `form.handling()`. Validation errors land next to their fields; a service's
refusal (a `DomainError`) rolls the session back and shows above the form, so a refused action
changes no data and the user keeps what they typed. An action posted from a page and then
redirected (POST-redirect-GET) goes through `pages.actions.act`, built on the same `Form`.
"""

from collections.abc import Iterable, Mapping

from flask import request
from flask_babel import gettext as _
from marshmallow import Schema, ValidationError
from werkzeug.datastructures import MultiDict

from volunteer.errors import DomainError
from volunteer.extensions import db
from volunteer.i18n import localised


class Form:
    """What the user sent, and what went wrong with it."""

    def __init__(self, data: Mapping | None = None, *, lists: Iterable[str] = ()):
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
                    self.problem = " ".join(localised(p) for p in _as_list(problems))
                    continue
                if isinstance(problems, dict):
                    problems = [p for sub in problems.values() for p in _as_list(sub)]
                self.errors.setdefault(field, []).extend(localised(p) for p in _as_list(problems))
        else:
            self.problem = " ".join(localised(p) for p in _as_list(messages))


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


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
                self.form.problem = localised(error.message)
            return True
        return False
