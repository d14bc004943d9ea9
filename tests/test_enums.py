"""Coded columns are typed by their enums: the stored value is the plain string it always was,
a value outside the enum is refused before it is written, and every member has its label."""

import pytest
import sqlalchemy as sa
from flask_babel import force_locale
from sqlalchemy.exc import StatementError

from tests.factories import OrderFactory
from volunteer import models  # noqa: F401  (every model, so every enum, is defined)
from volunteer.auth.roles import Role
from volunteer.enums import Labelled
from volunteer.extensions import db
from volunteer.orders.models import Order, OrderEvent
from volunteer.orders.states import Action, OrderStatus


def labelled_enums() -> list[type[Labelled]]:
    found, todo = [], list(Labelled.__subclasses__())
    while todo:
        enum = todo.pop()
        found.append(enum)
        todo.extend(enum.__subclasses__())
    return sorted(found, key=lambda enum: enum.__name__)


def test_the_coded_columns_are_typed_by_their_enums():
    assert Order.__table__.c.status.type.enum_class is OrderStatus
    assert OrderEvent.__table__.c.action.type.enum_class is Action
    assert Order.__table__.c.status.type.length == 12
    assert len(labelled_enums()) >= 10


@pytest.mark.parametrize("enum", labelled_enums(), ids=lambda enum: enum.__name__)
def test_every_member_has_its_label(enum):
    unlabelled = {Role.MEMBER}  # members report in: no page names a member grant
    assert {m for m in enum if m not in enum.__labels__} <= unlabelled
    assert set(enum.labels()) == {m.value for m in enum}


def test_labels_are_translated_when_shown(app):
    with app.test_request_context(), force_locale("zh_Hans_CN"):
        assert str(OrderStatus.CLAIMED.label) != "claimed"
    with app.test_request_context(), force_locale("en"):
        assert str(OrderStatus.CLAIMED.label) == "claimed"


def test_the_stored_value_is_the_plain_string(app):
    with app.app_context():
        order = OrderFactory(status="dispatched")
        db.session.flush()
        stored = db.session.scalar(
            sa.text("SELECT status FROM orders WHERE id = :id"), {"id": order.id}
        )
        assert stored == "dispatched" and type(stored) is str
        db.session.expire_all()
        assert db.session.get(Order, order.id).status is OrderStatus.DISPATCHED


def test_a_value_outside_the_enum_is_refused_before_it_is_written(app):
    with app.app_context():
        order = OrderFactory()
        db.session.flush()
        order.status = "lost"
        with pytest.raises(StatementError, match="lost"):
            db.session.flush()
        db.session.rollback()
