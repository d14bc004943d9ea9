"""The one way a page performs a service action: POST, then redirect to a page to GET.

`act` reads the posted form, lets `perform(form)` load it with the API's schema and call the
API's service, and says what happened:

- done: `done` is flashed and the browser goes to `then`;
- invalid fields: with `again`, the page is shown again with the errors next to their fields
  (`again(form)` renders it, with 422); without, the errors are flashed;
- a refusal (a `DomainError`): flashed as an error, back to `then`; one that names fields, or
  any refusal when `refusals_on_page`, is shown on the page sent back by `again` instead.

Either way a failure rolls the session back, so nothing changed. A form whose GET and failed
POST are the same view (register, report in, evaluate …) uses `with form.handling():` directly.
"""

from collections.abc import Callable
from typing import Any

from flask import flash, redirect
from flask.typing import ResponseReturnValue
from marshmallow import ValidationError

from volunteer.errors import DomainError
from volunteer.extensions import db
from volunteer.i18n import localised
from volunteer.pages.forms import Form


def act(
    perform: Callable[[Form], Any],
    *,
    done: str | Callable[[Any], str],
    then: str | Callable[[], str],
    again: Callable[[Form], ResponseReturnValue] | None = None,
    refusals_on_page: bool = False,
    refusal: Callable[[DomainError], str] | None = None,
    code: int = 302,
) -> ResponseReturnValue:
    """Run `perform(form)`; flash `done` (or `done(result)`) and go to `then`, or say what
    went wrong (see the module's docstring). `then` is a URL, or makes one once the action is
    over; `refusal` words a refusal (default: its message in the user's language); `code` is
    the redirect's status."""
    form = Form()
    try:
        result = perform(form)
    except ValidationError as error:
        db.session.rollback()
        if not form.errors and form.problem is None:  # `load` records its own
            form.field_errors(error.messages)
        if again is not None:
            return again(form)
        flash(said(form), "error")
    except DomainError as error:
        db.session.rollback()
        if again is not None and (error.errors or refusals_on_page):
            if error.errors:
                form.field_errors(error.errors)
            else:
                form.problem = refusal(error) if refusal else localised(error.message)
            return again(form)
        flash(refusal(error) if refusal else localised(error.message), "error")
    else:
        flash(done(result) if callable(done) else done)
    return redirect(then() if callable(then) else then, code)


def said(form: Form) -> str:
    """A form's errors as one line, for a flash: `field: problem` each, then the problem."""
    parts = [f"{field}: {' '.join(problems)}" for field, problems in form.errors.items()]
    return " ".join([*parts, *([form.problem] if form.problem else [])])
