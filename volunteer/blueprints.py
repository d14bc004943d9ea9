"""What every API blueprint shares: authentication before anything else, pagination defaults,
and the documented error responses of every operation."""

from collections.abc import Callable

import flask_smorest
from flask import current_app, request

from volunteer.pagination import MAX_PAGE_SIZE, PAGE_SIZE

# Path ids are positive and fit the database's integer: anything else is a 404 at routing.
MAX_ID = 2**31 - 1


def public(view: Callable) -> Callable:
    """Mark an operation anyone may call; every other one needs credentials."""
    view.public = True
    return view


def is_public(view: Callable | None) -> bool:
    """Marked by `public` (the mark rides along functools.wraps on every wrapper)."""
    return bool(getattr(view, "public", False))


def authenticate() -> None:
    """401 before the body is parsed or a row is read, unless the operation is public."""
    from volunteer.auth.access import require_actor

    if request.method == "OPTIONS" or request.endpoint is None:
        return
    if not is_public(current_app.view_functions.get(request.endpoint)):
        require_actor()


class ApiBlueprint(flask_smorest.Blueprint):
    """A flask-smorest blueprint that authenticates first, with the contract's page size."""

    DEFAULT_PAGINATION_PARAMETERS = {
        "page": 1,
        "page_size": PAGE_SIZE,
        "max_page_size": MAX_PAGE_SIZE,
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.before_request(authenticate)
