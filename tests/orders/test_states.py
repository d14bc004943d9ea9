"""The TRANSITIONS table, walked pair by pair through transition()."""

import pytest

from tests.factories import OrderFactory
from volunteer.errors import Conflict
from volunteer.extensions import db
from volunteer.orders.models import OrderEvent
from volunteer.orders.states import TRANSITIONS, Action, OrderStatus
from volunteer.orders.transitions import transition

# docs/design.md's table, written out again by hand so that a change to either shows up here.
EXPECTED = {
    ("submitted", "accept"): "accepted",
    ("submitted", "reject"): "rejected",
    ("accepted", "reject"): "rejected",
    ("escalated", "reject"): "rejected",
    ("submitted", "merge"): "merged",
    ("accepted", "merge"): "merged",
    ("submitted", "dispatch"): "dispatched",
    ("accepted", "dispatch"): "dispatched",
    ("escalated", "dispatch"): "dispatched",
    ("dispatched", "dispatch"): "dispatched",
    ("accepted", "escalate"): "escalated",
    ("dispatched", "escalate"): "escalated",
    ("dispatched", "claim"): "claimed",
    ("dispatched", "decline"): "accepted",
    ("claimed", "release"): "dispatched",
    ("claimed", "complete"): "completed",
    ("completed", "rate"): "closed",
    ("completed", "reopen"): "claimed",
    ("submitted", "cancel"): "cancelled",
    ("accepted", "cancel"): "cancelled",
    ("dispatched", "cancel"): "cancelled",
    ("completed", "auto_close"): "closed",
    ("closed", "rework"): "accepted",  # only through a follow-up (回访 → 重办)
}

PAIRS = [(status, action) for status in OrderStatus for action in TRANSITIONS]


def test_the_table_is_the_design():
    table = {
        (source.value, action.value): target.value
        for action, (sources, target) in TRANSITIONS.items()
        for source in sources
    }
    assert table == EXPECTED


@pytest.mark.parametrize(("status", "action"), PAIRS, ids=[f"{s}-{a}" for s, a in PAIRS])
def test_every_status_action_pair(app, status, action):
    with app.app_context():
        order = OrderFactory(status=status.value)
        db.session.commit()
        expected = EXPECTED.get((status.value, action.value))
        if expected is None:
            with pytest.raises(Conflict):
                transition(order, action, None, title="changed")
            db.session.rollback()
            db.session.refresh(order)
            assert order.status == status.value
            assert order.title != "changed"
            assert db.session.query(OrderEvent).count() == 0
        else:
            event = transition(order, action, None, "why")
            db.session.commit()
            assert order.status == expected
            assert (event.from_status, event.to_status, event.action, event.note) == (
                status.value,
                expected,
                action.value,
                "why",
            )
            assert order.version == 2


def test_non_transition_actions_are_not_in_the_table():
    for action in (Action.SUBMIT, Action.REMIND_CLAIM, Action.REMIND_DUE, Action.SUPERVISE):
        assert action not in TRANSITIONS
