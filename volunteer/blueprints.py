"""What every API blueprint shares: pagination defaults (ids in paths: volunteer/converters.py)."""

import flask_smorest

from volunteer.pagination import MAX_PAGE_SIZE, PAGE_SIZE


class ApiBlueprint(flask_smorest.Blueprint):
    """A flask-smorest blueprint with the contract's page size (20, at most 100)."""

    DEFAULT_PAGINATION_PARAMETERS = {
        "page": 1,
        "page_size": PAGE_SIZE,
        "max_page_size": MAX_PAGE_SIZE,
    }
