"""`act`, the one way a page performs a service action: what the user is shown when the action
is done, when a field is wrong and when the service refuses; and that a failure changes no
data."""

import sqlalchemy as sa
from flask import get_flashed_messages
from marshmallow import Schema, fields

from volunteer.errors import Conflict, Invalid
from volunteer.extensions import db
from volunteer.organisations.models import Street
from volunteer.pages.actions import act


class NameSchema(Schema):
    name = fields.String(required=True)


def post(app, data):
    return app.test_request_context("/anywhere", method="POST", data=data)


def shown_again(form):
    return f"again: {sorted(form.errors)} {form.problem}", 422


def add_street_then(failure):
    """An action that writes a street, then fails (or not) as the service would."""

    def perform(form):
        data = form.load(NameSchema(), "name")
        db.session.add(Street(name=data["name"]))
        db.session.flush()
        if failure is not None:
            raise failure
        return data["name"]

    return perform


def streets() -> list[str]:
    return list(db.session.scalars(sa.select(Street.name)))


def test_done_flashes_and_redirects(app):
    with post(app, {"name": "梧桐街道"}):
        response = act(add_street_then(None), done=lambda name: f"{name} ok", then="/next")
        assert (response.status_code, response.location) == (302, "/next")
        assert get_flashed_messages(with_categories=True) == [("message", "梧桐街道 ok")]
        assert streets() == ["梧桐街道"]


def test_invalid_fields_come_back_on_the_page(app):
    with post(app, {}):
        shown = act(add_street_then(None), done="ok", then="/next", again=shown_again)
        assert shown == ("again: ['name'] None", 422)
        assert get_flashed_messages() == []


def test_invalid_fields_without_a_page_are_flashed_with_their_names(app):
    with post(app, {}):
        response = act(add_street_then(None), done="ok", then="/next")
        assert response.status_code == 302
        [(category, message)] = get_flashed_messages(with_categories=True)
        assert category == "error" and message.startswith("name: ")


def test_a_refusal_is_flashed_and_changes_nothing(app):
    with post(app, {"name": "梧桐街道"}):
        refused = Conflict("Taken.")
        response = act(add_street_then(refused), done="ok", then="/next", again=shown_again)
        assert response.status_code == 302
        assert get_flashed_messages(with_categories=True) == [("error", "Taken.")]
        assert streets() == []


def test_a_refusal_naming_a_field_comes_back_next_to_it(app):
    with post(app, {"name": "梧桐街道"}):
        refused = Invalid("name", "Taken.")
        shown = act(add_street_then(refused), done="ok", then="/next", again=shown_again)
        assert shown == ("again: ['name'] None", 422)
        assert streets() == []


def test_a_refusal_on_the_page_and_in_its_own_words(app):
    with post(app, {"name": "梧桐街道"}):
        shown = act(
            add_street_then(Conflict("Taken.")),
            done="ok",
            then="/next",
            again=shown_again,
            refusals_on_page=True,
            refusal=lambda error: f"sorry: {error.message}",
        )
        assert shown == ("again: [] sorry: Taken.", 422)


def test_then_is_worked_out_after_the_action(app):
    with post(app, {"name": "梧桐街道"}):
        response = act(
            add_street_then(None), done="ok", then=lambda: f"/after/{len(streets())}", code=303
        )
        assert (response.status_code, response.location) == (303, "/after/1")
