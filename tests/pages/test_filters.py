"""Template filters shared by the pages."""

import re
from decimal import Decimal

import pytest

from tests.pages.helpers import log_in
from volunteer.pages.filters import hours


@pytest.mark.parametrize(
    ("value", "shown"),
    [(Decimal("1.0"), "1"), (Decimal("1.50"), "1.5"), (2.0, "2"), (12.25, "12.25"), (None, "")],
)
def test_hours_are_written_as_people_write_them(value, shown):
    assert hours(value) == shown


def test_the_resident_and_the_member_see_the_same_hours(client, district, claimed):
    district.api.member.post(f"/orders/{claimed['id']}/complete", json={"note": "好了", "hours": 1})
    log_in(client, "jumin")
    assert "服务1小时" in client.get(f"/my/orders/{claimed['id']}").data.decode()
    log_in(client, "dangyuan")
    assert "1小时 ·" in client.get(f"/member/orders/{claimed['id']}").data.decode()
    for path in (f"/my/orders/{claimed['id']}", f"/member/orders/{claimed['id']}"):
        # (the hours as written: the page's CSRF token may hold "1.0" by chance)
        assert not re.search(r"1\.0\s*小时", client.get(path).data.decode())
