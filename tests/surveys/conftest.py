"""Closed orders of a past month in the district's street, and its surveyor."""

from datetime import datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from tests import factories
from volunteer.auth.models import User
from volunteer.auth.services import issue_token
from volunteer.extensions import db

MONTH = "2026-10"
SHANGHAI = ZoneInfo("Asia/Shanghai")


def closed_at(day: int) -> datetime:
    return datetime(2026, 10, day, 10, 0, tzinfo=SHANGHAI)


@pytest.fixture
def closed_month(app, client, district):
    """12 orders closed in October 2026 in the first community, 3 in the second, 2 in the
    far street, one closed on 1 November (outside), one still open; and a surveyor of the
    street and one of the other street."""
    from tests.conftest import Api

    with app.app_context():
        community = db.session.get(factories.Community, district.community)
        other = db.session.get(factories.Community, district.other_community)
        far = db.session.get(factories.Community, district.far_community)
        made = {"community": [], "other": [], "far": []}
        for key, where, count in (("community", community, 12), ("other", other, 3)):
            for n in range(count):
                order = factories.OrderFactory(
                    community=where,
                    status="closed",
                    owner_id=district.resident,
                    score=5 if n % 3 else 2,
                    rated_at=closed_at(1 + n),
                    closed_at=closed_at(1 + n),
                    close_reason="rated",
                )
                made[key].append(order.id)
        for n in range(2):
            made["far"].append(
                factories.OrderFactory(
                    community=far, status="closed", closed_at=closed_at(5 + n)
                ).id
            )
        outside = factories.OrderFactory(
            community=community,
            status="closed",
            closed_at=datetime(2026, 11, 1, 0, 30, tzinfo=SHANGHAI),
        ).id
        still_open = factories.OrderFactory(community=community, status="claimed").id
        surveyor = factories.grant(
            factories.UserFactory(username="huifang"), "surveyor", street_id=district.street
        )
        far_surveyor = factories.grant(
            factories.UserFactory(username="huifang_far"),
            "surveyor",
            street_id=district.other_street,
        )
        ids = {"surveyor": surveyor.id, "far_surveyor": far_surveyor.id}
        tokens = {name: issue_token(db.session.get(User, uid))[0] for name, uid in ids.items()}
        db.session.commit()
    return SimpleNamespace(
        orders=made,
        outside=outside,
        still_open=still_open,
        **ids,
        api=SimpleNamespace(**{name: Api(client, token) for name, token in tokens.items()}),
        month=MONTH,
        next_month=(closed_at(1) + timedelta(days=40)).strftime("%Y-%m"),
    )


@pytest.fixture
def drawn(district, closed_month):
    response = district.api.street_admin.post(
        "/samples",
        json={"street_id": district.street, "month": MONTH, "rate": 0.1, "minimum": 5},
    )
    assert response.status_code == 201, response.json
    return response.json
