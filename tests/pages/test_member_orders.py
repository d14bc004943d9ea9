"""The pool and one order: claim, decline, release and complete (with photos) as a member."""

import io

import pytest
from PIL import Image

from tests import factories
from tests.pages.helpers import log_in, submit
from volunteer.extensions import db
from volunteer.orders.models import Order, OrderPhoto
from volunteer.teams.models import TeamMembership

PHONE = "13800138000"
MASKED_PHONE = "138****8000"
ADDRESS = "幸福里小区3栋2单元501"


def order_row(app, order_id) -> Order:
    with app.app_context():
        order = db.session.get(Order, order_id)
        db.session.expunge(order)
        return order


@pytest.fixture
def second_member(app, district):
    """Another active member of the community, in the repair team too."""
    with app.app_context():
        community = db.session.get(factories.Community, district.community)
        member = factories.MemberFactory(
            user=factories.resident_of(community, username="dangyuan_c"), community=community
        )
        db.session.add(TeamMembership(team_id=district.repair_team, member_id=member.id))
        db.session.commit()
        return member.id


def test_pool_lists_only_claimable_orders_with_the_phone_masked(
    client, district, post_order, dispatched
):
    waiting = post_order(title="还没派单的需求")  # submitted, not dispatched
    elsewhere = post_order(api=district.api.other_resident, title="和平社区的需求")
    district.api.other_secretary.post(f"/orders/{elsewhere['id']}/dispatch", json={"pool": True})
    log_in(client, "dangyuan")
    page = client.get("/member/pool").data.decode()
    assert "<h1>接单</h1>" in page
    assert dispatched["title"] in page
    assert f'action="/member/orders/{dispatched["id"]}/claim"' in page
    assert waiting["title"] not in page
    assert elsewhere["title"] not in page
    assert MASKED_PHONE in page and PHONE not in page
    assert ADDRESS not in page
    assert "家电维修" in page  # the category
    assert "接单后可查看完整地址和电话" in page
    # The same orders as GET /pool.
    api = district.api.member.get("/pool").json
    assert [order["id"] for order in api] == [dispatched["id"]]


def test_an_empty_pool_says_so(client, district):
    log_in(client, "dangyuan")
    assert "目前没有可接的工单" in client.get("/member/pool").data.decode()


def test_claim_shows_the_contact(app, client, district, dispatched):
    log_in(client, "dangyuan")
    order_page = f"/member/orders/{dispatched['id']}"
    before = client.get(order_page).data.decode()
    assert MASKED_PHONE in before and PHONE not in before
    response = submit(client, f"{order_page}/claim", form_page=order_page)
    assert response.status_code == 302
    assert response.headers["Location"] == order_page
    page = client.get(order_page).data.decode()
    assert "接单成功" in page
    assert f'href="tel:{PHONE}"' in page and ADDRESS in page
    assert f'action="{order_page}/complete#complete"' in page
    assert order_row(app, dispatched["id"]).status == "claimed"
    assert "办理进度" in page  # the timeline


def test_second_claim_by_another_member_is_refused_and_changes_nothing(
    app, client, district, dispatched, second_member
):
    log_in(client, "dangyuan_c")
    pool = client.get("/member/pool").data.decode()
    assert dispatched["title"] in pool
    # Meanwhile the first member takes it.
    assert district.api.member.post(f"/orders/{dispatched['id']}/claim").status_code == 200
    response = submit(client, f"/member/orders/{dispatched['id']}/claim", form_page="/member/pool")
    assert response.status_code == 302
    assert response.headers["Location"] == "/member/pool"
    page = client.get("/member/pool").data.decode()
    assert '<li class="error">该工单已被其他党员抢先接单' in page
    order = order_row(app, dispatched["id"])
    assert order.status == "claimed" and order.claimed_by_id == district.member
    assert client.get(f"/member/orders/{dispatched['id']}").status_code == 404


def test_claim_needs_the_csrf_token(app, client, district, dispatched):
    log_in(client, "dangyuan")
    assert client.post(f"/member/orders/{dispatched['id']}/claim").status_code == 400
    assert order_row(app, dispatched["id"]).status == "dispatched"


def test_a_pending_member_cannot_claim(app, client, district, dispatched):
    log_in(client, "pending")
    assert client.get(f"/member/orders/{dispatched['id']}").status_code == 404
    submit(client, f"/member/orders/{dispatched['id']}/claim", form_page="/member")
    assert order_row(app, dispatched["id"]).status == "dispatched"


def test_another_communitys_member_sees_no_such_order(client, district, dispatched):
    log_in(client, "dangyuan_b")
    response = client.get(f"/member/orders/{dispatched['id']}")
    assert response.status_code == 404
    assert "找不到" in response.data.decode() or "不存在" in response.data.decode()


def test_complete_with_hours_in_wrong_steps_is_an_error_next_to_hours(
    app, client, district, claimed
):
    log_in(client, "dangyuan")
    order_page = f"/member/orders/{claimed['id']}"
    response = submit(
        client,
        f"{order_page}/complete",
        {"note": "更换了阀门", "hours": "1.3"},
        form_page=order_page,
    )
    assert response.status_code == 422
    page = response.data.decode()
    assert 'id="hours-error"' in page
    assert 'aria-describedby="hours-error"' in page
    assert "更换了阀门" in page  # the note stays
    assert order_row(app, claimed["id"]).status == "claimed"


def test_complete_without_a_note_is_an_error_next_to_the_note(app, client, district, claimed):
    log_in(client, "dangyuan")
    order_page = f"/member/orders/{claimed['id']}"
    response = submit(client, f"{order_page}/complete", {"hours": "1"}, form_page=order_page)
    assert response.status_code == 422
    assert 'id="note-error"' in response.data.decode()
    assert order_row(app, claimed["id"]).status == "claimed"


def png(color=(200, 30, 30)) -> io.BytesIO:
    data = io.BytesIO()
    Image.new("RGB", (40, 30), color).save(data, format="PNG")
    data.seek(0)
    return data


def test_complete_with_a_photo(app, client, district, claimed):
    log_in(client, "dangyuan")
    order_page = f"/member/orders/{claimed['id']}"
    form = {"note": "更换了阀门，暖气恢复。", "hours": "1.5", "photo": (png(), "work.png")}
    response = submit(
        client,
        f"{order_page}/complete",
        form,
        form_page=order_page,
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    order = order_row(app, claimed["id"])
    assert order.status == "completed"
    assert float(order.completion_hours) == 1.5
    with app.app_context():
        photos = db.session.scalars(
            db.select(OrderPhoto).where(OrderPhoto.order_id == claimed["id"])
        ).all()
    assert [photo.stage for photo in photos] == ["completion"]
    page = client.get(order_page).data.decode()
    assert "已办结" in page and "更换了阀门，暖气恢复。" in page
    assert f"/api/v1/orders/{claimed['id']}/photos/{photos[0].id}" in page
    assert client.get(f"/api/v1/orders/{claimed['id']}/photos/{photos[0].id}").status_code == 200


def test_a_broken_photo_undoes_the_completion(app, client, district, claimed):
    log_in(client, "dangyuan")
    order_page = f"/member/orders/{claimed['id']}"
    form = {"note": "修好了", "hours": "1", "photo": (io.BytesIO(b"not an image"), "x.png")}
    response = submit(
        client,
        f"{order_page}/complete",
        form,
        form_page=order_page,
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert 'id="photo-error"' in response.data.decode()
    assert order_row(app, claimed["id"]).status == "claimed"


def test_add_photos_after_completing(app, client, district, completed):
    log_in(client, "dangyuan")
    order_page = f"/member/orders/{completed['id']}"
    assert f'action="{order_page}/photos#photos"' in client.get(order_page).data.decode()
    response = submit(
        client,
        f"{order_page}/photos",
        {"photo": [(png(), "a.png"), (png((0, 90, 0)), "b.png")]},
        form_page=order_page,
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    with app.app_context():
        count = db.session.scalar(
            db.select(db.func.count(OrderPhoto.id)).where(OrderPhoto.order_id == completed["id"])
        )
    assert count == 2
    response = submit(client, f"{order_page}/photos", form_page=order_page)
    assert response.status_code == 422
    assert "请先选择照片" in response.data.decode()


def test_release_needs_a_reason_and_gives_the_order_back(app, client, district, claimed):
    log_in(client, "dangyuan")
    order_page = f"/member/orders/{claimed['id']}"
    response = submit(client, f"{order_page}/release", {"reason": " "}, form_page=order_page)
    assert response.status_code == 422
    assert 'id="reason-error"' in response.data.decode()
    assert order_row(app, claimed["id"]).status == "claimed"
    response = submit(
        client, f"{order_page}/release", {"reason": "临时出差，无法上门"}, form_page=order_page
    )
    assert response.status_code == 302
    order = order_row(app, claimed["id"])
    assert order.status == "dispatched" and order.claimed_by_id is None
    page = client.get(response.headers["Location"]).data.decode()
    assert "已退回该工单" in page
    assert MASKED_PHONE in page  # no longer mine: masked again


def test_release_by_someone_else_is_refused(app, client, district, claimed, second_member):
    log_in(client, "dangyuan_c")
    order_page = f"/member/orders/{claimed['id']}"
    response = submit(client, f"{order_page}/release", {"reason": "不想"}, form_page="/member")
    # Claimed by another member, the order is no longer one this member may see: the page
    # answers as its GET does (404), where POST /api/v1/orders/{id}/release answers 403.
    assert response.status_code == 404
    assert order_row(app, claimed["id"]).status == "claimed"


@pytest.fixture
def offered(district, post_order):
    """An order offered to the district's member directly."""
    order = post_order(title="点名派单的需求")
    response = district.api.secretary.post(
        f"/orders/{order['id']}/dispatch", json={"member_id": district.member}
    )
    assert response.status_code == 200, response.json
    return response.json


def test_direct_offers_come_first_and_can_be_declined(app, client, district, dispatched, offered):
    log_in(client, "dangyuan")
    page = client.get("/member/pool").data.decode()
    assert "点名派给您的" in page
    assert page.index(offered["title"]) < page.index(dispatched["title"])
    assert f'action="/member/orders/{offered["id"]}/decline"' in page
    assert f'action="/member/orders/{dispatched["id"]}/decline"' not in page
    response = submit(
        client,
        f"/member/orders/{offered['id']}/decline",
        {"reason": "本周在外地"},
        form_page="/member/pool",
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/member/pool"
    order = order_row(app, offered["id"])
    assert order.status == "accepted" and order.dispatch_member_id is None
    page = client.get("/member/pool").data.decode()
    assert "已婉拒" in page and offered["title"] not in page


def test_decline_without_a_reason_is_an_error_next_to_it(app, client, district, offered):
    log_in(client, "dangyuan")
    order_page = f"/member/orders/{offered['id']}"
    response = submit(client, f"{order_page}/decline", {}, form_page=order_page)
    assert response.status_code == 422
    page = response.data.decode()
    assert 'id="reason-error"' in page
    assert order_row(app, offered["id"]).status == "dispatched"


def test_my_orders_in_progress_on_my_page(client, district, claimed):
    log_in(client, "dangyuan")
    page = client.get("/member").data.decode()
    assert claimed["title"] in page
    assert "办结或退回" in page


def test_an_order_offered_to_me_is_on_my_page_to_take_or_decline(client, district, offered):
    log_in(client, "dangyuan")
    page = client.get("/member").data.decode()
    assert 'id="offers"' in page
    assert offered["title"] in page
    assert f'action="/member/orders/{offered["id"]}/claim"' in page
    assert f'action="/member/orders/{offered["id"]}/decline"' in page


def test_my_page_has_no_offers_section_without_offers(client, district, dispatched):
    log_in(client, "dangyuan")
    page = client.get("/member").data.decode()
    assert 'id="offers"' not in page
    assert dispatched["title"] not in page  # a team's order is in the pool, not on my page


def test_the_pool_shows_the_first_photo_of_an_order(client, district, post_order):
    from tests.orders.test_photos import image_bytes, upload

    order = post_order(title="有照片的需求")
    assert upload(district.api.resident, order["id"], image_bytes("PNG")).status_code == 201
    assert upload(district.api.resident, order["id"], image_bytes("PNG")).status_code == 201
    district.api.secretary.post(f"/orders/{order['id']}/dispatch", json={"pool": True})
    log_in(client, "dangyuan")
    page = client.get("/member/pool").data.decode()
    card = page[page.index(f'id="order-{order["id"]}"') :]
    card = card[: card.index("</article>")]
    assert card.count("<img") == 1
    assert f'src="/api/v1/orders/{order["id"]}/photos/' in card
