from tests.orders.conftest import post_order  # noqa: F401
