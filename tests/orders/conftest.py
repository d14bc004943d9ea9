# The order fixtures live in tests/order_fixtures.py (shared by every test package); these
# names stay importable from here for the tests that import them.
from tests.order_fixtures import (  # noqa: F401
    claimed,
    completed,
    dispatched,
    order_body,
    post_order,
)
