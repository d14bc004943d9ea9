"""What every API blueprint shares: pagination defaults and bounded id converters."""

import flask_smorest

from volunteer.pagination import MAX_PAGE_SIZE, PAGE_SIZE

# Path ids are positive and fit the database's integer: anything else is a 404 at routing.
MAX_ID = 2**31 - 1


class ApiBlueprint(flask_smorest.Blueprint):
    """A flask-smorest blueprint with the contract's page size (20, at most 100)."""

    DEFAULT_PAGINATION_PARAMETERS = {
        "page": 1,
        "page_size": PAGE_SIZE,
        "max_page_size": MAX_PAGE_SIZE,
    }
