"""Posting a wish or a need from the pages, with photos; and 代办 by the secretary."""

import io
import re
from pathlib import Path

import pytest
import sqlalchemy as sa
from PIL import Image

from tests.pages.helpers import log_in, submit
from volunteer.auth.models import RoleGrant
from volunteer.extensions import db
from volunteer.orders.models import Order, OrderPhoto

NEW = "/my/orders/new"
PROXY = "/desk/orders/new"


def png(size=(8, 6)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "tomato").save(out, format="PNG")
    return out.getvalue()


def wish(**changes) -> dict:
    data = {
        "kind": "wish",
        "title": "想要一副助行器",
        "description": "老人走路不稳，想要一副带轮子的助行器。",
        "category": "eldercare",
        "address": "幸福里小区7栋1单元302",
        "contact_phone": "13800138000",
        "urgency": "normal",
        "preferred_time": "周末上午",
    }
    data.update(changes)
    return data


def post(client, path=NEW, data=None, photos=()):
    files = {"photo": [(io.BytesIO(content), name) for name, content in photos]}
    return submit(
        client,
        path,
        {**(data if data is not None else wish()), **files},
        form_page=path,
        content_type="multipart/form-data",
    )


def orders(app) -> list[Order]:
    with app.app_context():
        return list(db.session.scalars(sa.select(Order).order_by(Order.id)))


def stored_files(app) -> list[Path]:
    folder = Path(app.config["UPLOAD_FOLDER"])
    return list(folder.iterdir()) if folder.exists() else []


def test_form_is_chinese_phone_friendly_and_prefilled(client, district):
    log_in(client, "jumin")
    page = client.get(NEW).data.decode()
    assert "我要点单" in page
    assert "微心愿" in page and "服务需求" in page
    teams = ("政策宣讲", "义务联防", "民事调解", "居家养老", "家电维修", "环境整治", "法律咨询")
    assert all(team in page for team in (*teams, "医疗保健", "其他"))
    assert 'enctype="multipart/form-data"' in page
    # Photos from the album or the camera: `capture` would force the camera on Android.
    assert re.search(r'type="file" multiple accept="image/\*"\s', page)
    assert "capture" not in page
    assert 'value="13800138000"' in page  # the contact phone is the resident's own
    assert 'name="community_id"' not in page  # one community: nothing to choose


def test_posting_a_wish_with_photos_shows_it_with_its_timeline(client, district, app):
    log_in(client, "jumin")
    response = post(client, photos=[("a.png", png()), ("b.png", png((5, 5)))])
    assert response.status_code == 302
    (order,) = orders(app)
    assert response.headers["Location"] == f"/my/orders/{order.id}"
    assert (order.owner_id, order.kind, order.status) == (district.resident, "wish", "submitted")
    assert order.preferred_time == "周末上午"
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(OrderPhoto)) == 2
    page = client.get(response.headers["Location"]).data.decode()
    assert "点单成功" in page
    assert "想要一副助行器" in page
    assert "全程跟踪" in page
    assert page.count(f"/api/v1/orders/{order.id}/photos/") >= 2
    assert "幸福里小区7栋1单元302" in page  # the owner sees the full address


def test_a_posted_photo_can_be_seen_by_its_owner(client, district, app):
    log_in(client, "jumin")
    post(client, photos=[("a.png", png())])
    page = client.get(f"/my/orders/{orders(app)[0].id}").data.decode()
    url = re.search(r'src="(/api/v1/orders/\d+/photos/\d+)"', page).group(1)
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/png"


def test_an_invalid_photo_posts_nothing_and_keeps_the_text(client, district, app):
    log_in(client, "jumin")
    response = post(client, photos=[("good.png", png()), ("note.png", b"not an image at all")])
    assert response.status_code == 422
    page = response.data.decode()
    assert 'id="photo-error"' in page
    assert "“note.png”不是JPEG、PNG或WebP格式的照片" in page
    assert "请重新选择照片" in page
    assert 'value="想要一副助行器"' in page
    assert "老人走路不稳，想要一副带轮子的助行器。</textarea>" in page
    assert orders(app) == []
    assert stored_files(app) == []  # the good photo stored before it was removed again


def test_a_photo_with_too_many_pixels_is_named_and_nothing_posted(client, district, app):
    log_in(client, "jumin")
    response = post(client, photos=[("bomb.png", png((6300, 6300)))])
    assert response.status_code == 422
    page = response.data.decode()
    assert 'id="photo-error"' in page
    assert "“bomb.png”像素过大" in page
    assert orders(app) == []
    assert stored_files(app) == []


def test_a_too_large_photo_is_named_and_nothing_posted(client, district, app):
    app.config["MAX_PHOTO_BYTES"] = 50
    log_in(client, "jumin")
    response = post(client, photos=[("big.png", png((200, 200)))])
    assert response.status_code == 422
    assert "照片“big.png”超过了" in response.data.decode()
    assert orders(app) == []


def test_at_most_three_photos(client, district, app):
    log_in(client, "jumin")
    response = post(client, photos=[(f"{n}.png", png()) for n in range(4)])
    assert response.status_code == 422
    assert "最多上传3张照片" in response.data.decode()
    assert orders(app) == []
    assert stored_files(app) == []


def test_a_request_over_the_upload_limit_gets_a_friendly_page(client, district, app):
    log_in(client, "jumin")
    app.config["MAX_CONTENT_LENGTH"] = 2000
    response = post(client, photos=[("huge.png", b"x" * 5000)])
    assert response.status_code == 413
    assert "照片太大了" in response.data.decode()
    assert orders(app) == []


def test_validation_errors_sit_next_to_their_fields(client, district, app):
    log_in(client, "jumin")
    data = wish(title="", category="gardening", contact_phone="12345")
    response = post(client, data=data)
    assert response.status_code == 422
    page = response.data.decode()
    for field in ("title", "category", "contact_phone"):
        assert f'id="{field}-error"' in page
        assert f'aria-describedby="{field}-error"' in page
    assert 'id="description-error"' not in page
    assert "老人走路不稳" in page
    assert orders(app) == []


def test_posting_needs_the_csrf_token(client, district, app):
    log_in(client, "jumin")
    assert client.post(NEW, data=wish()).status_code == 400
    assert orders(app) == []


def test_anonymous_is_sent_to_log_in(client, district):
    response = client.get(NEW)
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


@pytest.mark.parametrize("username", ["danwei", "jiedao"])
def test_who_lives_nowhere_has_no_posting_form(client, district, username):
    log_in(client, username)
    assert client.get(NEW).status_code == 403


def test_a_resident_cannot_post_into_another_community(client, district, app):
    log_in(client, "jumin_b")  # lives in 和平社区
    response = post(client, data=wish(community_id=str(district.community)))
    assert response.status_code == 422
    assert 'class="form-problem"' in response.data.decode()
    assert orders(app) == []


def test_a_member_posts_as_the_resident_they_also_are(client, district, app):
    log_in(client, "dangyuan")
    assert post(client).status_code == 302
    assert orders(app)[0].owner_id == district.member_user


# 代办: the secretary posts for a named resident.


def test_proxy_form_asks_for_the_resident(client, district):
    log_in(client, "shuji")
    page = client.get(PROXY).data.decode()
    assert "为居民代办点单" in page
    assert 'name="on_behalf_name"' in page and 'name="on_behalf_phone"' in page
    assert 'name="contact_phone"' not in page
    assert 'name="community_id"' not in page


def test_proxy_posting_names_the_resident(client, district, app):
    log_in(client, "shuji")
    data = wish(on_behalf_name="赵大爷", on_behalf_phone="139 0013 9000")
    del data["contact_phone"]
    response = post(client, PROXY, data, photos=[("a.png", png())])
    assert response.status_code == 302
    (order,) = orders(app)
    expected = f"/desk/orders/{order.id}" if "desk.order" in app.view_functions else "/"
    assert response.headers["Location"] == expected
    assert order.owner_id is None and order.proxy_by_id == district.secretary
    assert (order.contact_name, order.contact_phone) == ("赵大爷", "13900139000")
    assert order.community_id == district.community
    assert "已为赵大爷代办点单" in client.get("/").data.decode()


def test_proxy_errors_sit_next_to_the_resident_fields(client, district, app):
    log_in(client, "shuji")
    response = post(client, PROXY, wish(on_behalf_name="赵大爷", on_behalf_phone="12"))
    assert response.status_code == 422
    page = response.data.decode()
    assert 'id="on_behalf_phone-error"' in page
    assert 'id="on_behalf_name-error"' not in page
    assert 'value="赵大爷"' in page
    assert orders(app) == []


def test_a_secretary_of_two_communities_chooses_one(client, district, app):
    with app.app_context():
        db.session.add(
            RoleGrant(
                user_id=district.secretary, role="secretary", community_id=district.other_community
            )
        )
        db.session.commit()
    log_in(client, "shuji")
    page = client.get(PROXY).data.decode()
    assert 'name="community_id"' in page and "和平社区" in page
    resident = {"on_behalf_name": "赵大爷", "on_behalf_phone": "13900139000"}
    data = wish(**resident, community_id=district.other_community)
    assert post(client, PROXY, data).status_code == 302
    assert orders(app)[0].community_id == district.other_community


def test_residents_cannot_post_on_behalf(client, district, app):
    log_in(client, "jumin")
    assert client.get(PROXY).status_code == 403
    response = post(client, PROXY, wish(on_behalf_name="赵大爷", on_behalf_phone="13900139000"))
    assert response.status_code == 403
    assert orders(app) == []


def test_a_proxy_request_over_the_upload_limit_gets_the_same_friendly_page(client, district, app):
    log_in(client, "shuji")
    app.config["MAX_CONTENT_LENGTH"] = 2000
    data = wish(on_behalf_name="赵大爷", on_behalf_phone="13900139000")
    response = post(client, PROXY, data, photos=[("huge.png", b"x" * 5000)])
    assert response.status_code == 413
    assert "照片太大了" in response.data.decode()
    assert orders(app) == []


def test_the_proxy_form_asks_for_a_login_first(client, district):
    response = client.get(PROXY)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_the_posting_form_offers_the_communitys_grids(client, district):
    log_in(client, "jumin")
    page = client.get(NEW).data.decode()
    select = re.search(r'<select id="grid" name="grid".*?</select>', page, re.S).group()
    assert re.findall(r'<option value="([^"]*)"', select) == ["", "第一网格", "第二网格"]


def test_a_posted_grid_is_the_orders(app, client, district):
    log_in(client, "jumin")
    response = submit(client, NEW, wish(grid="第二网格"), form_page=NEW)
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(sa.select(Order.grid).order_by(Order.id.desc())) == "第二网格"


def test_a_grid_of_no_community_is_an_error_next_to_the_grid(app, client, district):
    log_in(client, "jumin")
    response = submit(client, NEW, wish(grid="第九网格"), form_page=NEW)
    assert response.status_code == 422
    assert 'id="grid-error"' in response.data.decode()
