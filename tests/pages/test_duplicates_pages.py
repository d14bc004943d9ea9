"""Likely duplicates on the pages without JavaScript: the desk's order page lists them with a
one-click merge; a resident posting the same request as a neighbour is asked once (这件事邻居
已经反映过了) and may follow that request instead; the follower's view hides contact data."""

import re

import pytest
import sqlalchemy as sa

from tests.factories import resident_of
from tests.pages.helpers import log_in, submit
from volunteer.extensions import db
from volunteer.orders.models import Order, OrderFollower
from volunteer.organisations.models import Community

LAMP = {
    "kind": "need",
    "title": "楼道灯坏了",
    "description": "3栋2单元楼道的灯不亮，晚上上下楼看不见。",
    "category": "repair",
    "address": "幸福里小区3栋2单元101",
    "contact_phone": "13800138000",
    "urgency": "normal",
}


@pytest.fixture
def lamp(district):
    """The district's resident reported the broken lamp."""
    response = district.api.resident.post("/orders", json=LAMP)
    assert response.status_code == 201
    return response.json


@pytest.fixture
def neighbour(app, district):
    with app.app_context():
        user = resident_of(db.session.get(Community, district.community), username="linju")
        db.session.commit()
        return user.id


def post_form(client, data):
    return submit(client, "/my/orders/new", data, form_page="/my/orders/new")


def test_resident_is_asked_once_and_may_follow_instead(client, app, district, lamp, neighbour):
    log_in(client, "linju")
    again = {**LAMP, "title": "3栋楼道灯不亮", "address": "幸福里小区3栋2单元502"}
    asked = post_form(client, again)
    page = asked.get_data(as_text=True)
    assert asked.status_code == 200
    assert "这件事邻居已经反映过了" in page
    assert "楼道灯坏了" in page
    assert "幸福里小区3栋2单元101" not in page  # the neighbour's address, never shown
    assert 'name="confirmed" value="1"' in page
    assert "仍然提交" in page
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Order)) == 1
    # Following instead: no new order, the neighbour's request opens without contact data.
    followed = submit(client, f"/my/orders/{lamp['id']}/follow", form_page="/my/orders/new")
    assert followed.status_code == 303
    page = client.get(followed.headers["Location"]).get_data(as_text=True)
    assert "这是您关注的邻居诉求" in page
    assert "幸福里小区3栋2单元101" not in page and "138****8000" not in page
    assert "楼道灯坏了" in client.get("/my/orders").get_data(as_text=True)
    with app.app_context():
        assert db.session.get(OrderFollower, (lamp["id"], neighbour)) is not None
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Order)) == 1


def test_posting_it_anyway_posts(client, app, district, lamp, neighbour):
    log_in(client, "linju")
    posted = post_form(client, {**LAMP, "confirmed": "1"})
    assert posted.status_code == 302
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Order)) == 2


def test_an_unrelated_request_is_posted_at_once(client, app, district, lamp, neighbour):
    log_in(client, "linju")
    posted = post_form(
        client,
        {
            **LAMP,
            "title": "陪老人看病",
            "description": "需要人陪同去医院复诊",
            "category": "health",
        },
    )
    assert posted.status_code == 302


def test_the_hint_as_json_for_the_script(client, district, lamp, neighbour):
    log_in(client, "linju")
    found = client.get("/my/orders/similar?title=楼道灯不亮&category=repair").json
    assert found == [{"order_id": lamp["id"], "title": "楼道灯坏了", "following": False}]
    assert client.get("/my/orders/similar?title=").json == []


def test_desk_page_lists_duplicates_and_merges_in_one_click(client, app, district, lamp, neighbour):
    duplicate = district.api.member.post(
        "/orders", json={**LAMP, "address": "幸福里小区3栋2单元301"}
    ).json
    log_in(client, "shuji")
    page = client.get(f"/desk/orders/{duplicate['id']}").get_data(as_text=True)
    assert 'id="similar"' in page and "疑似重复诉求" in page
    assert f"将本单并入 #{lamp['id']}" in page
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    merged = client.post(
        f"/desk/orders/{duplicate['id']}/merge",
        data={"csrf_token": token, "into_order_id": str(lamp["id"])},
    )
    assert merged.status_code == 302
    after = district.api.secretary.get(f"/orders/{duplicate['id']}").json
    assert after["status"] == "merged" and after["merged_into_id"] == lamp["id"]
    # The merged resident's page links to the kept request.
    submit(client, "/logout")
    log_in(client, "dangyuan")
    mine = client.get(f"/my/orders/{duplicate['id']}").get_data(as_text=True)
    assert f"已并入 #{lamp['id']}" in mine
    assert client.get(f"/my/orders/{lamp['id']}").status_code == 200


def test_a_followers_notification_opens_the_request_as_a_resident_reads_it(
    client, district, lamp, neighbour
):
    log_in(client, "linju")
    submit(client, f"/my/orders/{lamp['id']}/follow", form_page="/my/orders/new")
    district.api.secretary.post(f"/orders/{lamp['id']}/accept", json={})
    page = client.get("/notifications").get_data(as_text=True)
    assert "您关注的“楼道灯坏了”已受理" in page
    assert f'href="/my/orders/{lamp["id"]}"' in page
    assert "/desk/" not in page.split("<main", 1)[1]
