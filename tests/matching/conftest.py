from tests.orders.conftest import claimed, completed, dispatched, post_order  # noqa: F401
