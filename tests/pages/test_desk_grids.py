"""The desk's grids page: the secretary adds a grid, makes a resident its grid worker, and
removes them; the grid worker then has their own pages (我的网格, 代办)."""

import sqlalchemy as sa

from tests.pages.helpers import log_in, submit
from volunteer.auth.models import RoleGrant
from volunteer.extensions import db
from volunteer.orders.models import Order
from volunteer.organisations.models import Grid


def grid_id(app, name: str) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(Grid.id).where(Grid.name == name))


def test_the_secretary_adds_a_grid_and_its_worker(client, district, app):
    log_in(client, "shuji")
    page = client.get("/desk/grids").data.decode()
    assert "<h1>网格</h1>" in page and "第一网格" in page and "第二网格" in page

    response = submit(
        client, "/desk/grids", {"name": "第三网格", "boundary": "7–12 栋"}, form_page="/desk/grids"
    )
    assert response.status_code == 302
    assert "7–12 栋" in client.get("/desk/grids").data.decode()

    found = client.get("/desk/grids?q=13800138000").data.decode()  # the resident's number
    assert "设为网格员" in found
    third = grid_id(app, "第三网格")
    response = submit(
        client,
        "/desk/grids/workers",
        {"user_id": str(district.resident), "grid_id": str(third)},
        form_page="/desk/grids?q=13800138000",
    )
    assert response.status_code == 302
    with app.app_context():
        grant = db.session.scalar(sa.select(RoleGrant).where(RoleGrant.grid_id == third))
        assert grant.user_id == district.resident and grant.role == "grid_worker"
        grant_id = grant.id
    assert "已添加网格员" in client.get("/desk/grids").data.decode()

    response = submit(client, f"/desk/grids/workers/{grant_id}/revoke", {}, form_page="/desk/grids")
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(RoleGrant, grant_id) is None


def test_the_secretary_names_a_grids_party_guide(client, district, app):
    from volunteer.people.models import Member

    log_in(client, "shuji")
    first = grid_id(app, "第一网格")
    response = submit(
        client,
        f"/desk/grids/{first}/guide",
        {"guide_member_id": str(district.member)},
        form_page="/desk/grids",
    )
    assert response.status_code == 302
    with app.app_context():
        member = db.session.get(Member, district.member)
        assert member.grid_id == first and member.grid_guide
    page = client.get("/desk/grids").data.decode()
    assert "已保存网格的党建指导员" in page
    assert f'<option value="{district.member}" selected>' in page
    submit(client, f"/desk/grids/{first}/guide", {"guide_member_id": ""}, form_page="/desk/grids")
    with app.app_context():
        assert not db.session.get(Member, district.member).grid_guide


def test_a_grid_name_is_required_on_the_page(client, district):
    log_in(client, "shuji")
    response = submit(client, "/desk/grids", {"name": ""}, form_page="/desk/grids")
    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.data.decode()


def test_the_grid_worker_files_for_a_resident_from_their_page(client, district, app):
    first = grid_id(app, "第一网格")
    with app.app_context():
        db.session.add(RoleGrant(user_id=district.resident, role="grid_worker", grid_id=first))
        db.session.commit()
    log_in(client, "jumin")
    assert "我的网格" in client.get("/").data.decode()
    home = client.get("/grid/").data.decode()
    assert "第一网格" in home and "为居民代办" in home
    form = {
        "on_behalf_name": "钱大爷",
        "on_behalf_phone": "13700137123",
        "kind": "need",
        "title": "水龙头关不紧",
        "description": "厨房水龙头一直滴水。",
        "category": "repair",
        "address": "1栋101",
        "urgency": "normal",
    }
    response = submit(client, "/grid/orders/new", form, form_page="/grid/orders/new")
    assert response.status_code == 302 and "/my/orders/" in response.headers["Location"]
    with app.app_context():
        order = db.session.scalar(sa.select(Order).where(Order.title == "水龙头关不紧"))
        assert order.grid_id == first and order.first_contact_id == district.resident
    assert "水龙头关不紧" in client.get("/grid/").data.decode()


def test_the_grid_pages_are_for_grid_workers(client, district):
    log_in(client, "jumin")
    assert client.get("/grid/").status_code == 403
