"""The operator's pages: streets, communities, employers, and role grants."""

import sqlalchemy as sa

from tests.pages.helpers import log_in, submit
from volunteer.auth.models import RoleGrant
from volunteer.extensions import db
from volunteer.organisations.models import Community, Employer, Street
from volunteer.teams.models import Team


def count(app, model, *where) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))


def test_admin_page_lists_the_organisation_in_chinese(client, district):
    log_in(client, "admin")
    response = client.get("/admin")
    assert response.status_code == 200
    page = response.data.decode()
    assert "<h1>系统管理</h1>" in page
    for text in (
        "金桥街道",
        "幸福里社区",
        "市第一人民医院",
        "市第一人民医院党委",
        "employer.example.cn",
    ):
        assert text in page
    for form in ("新建街道", "新建社区", "添加单位"):
        assert form in page


def test_admin_creates_a_street(client, district, app):
    log_in(client, "admin")
    response = submit(client, "/admin/streets", {"name": "梧桐街道"}, form_page="/admin")
    assert response.status_code == 302
    assert count(app, Street, Street.name == "梧桐街道") == 1
    assert "已创建街道：梧桐街道" in client.get("/admin").data.decode()


def test_admin_creates_a_community_with_its_teams(client, district, app):
    log_in(client, "admin")
    response = submit(
        client,
        "/admin/communities",
        {"name": "春晖社区", "street_id": str(district.street), "grids": "第一网格，第二网格"},
        form_page="/admin",
    )
    assert response.status_code == 302
    with app.app_context():
        community = db.session.scalar(sa.select(Community).where(Community.name == "春晖社区"))
        assert community.street_id == district.street
        assert community.grids == ["第一网格", "第二网格"]
        community_id = community.id
    assert count(app, Team, Team.community_id == community_id) == 8


def test_admin_adds_an_employer(client, district, app):
    log_in(client, "admin")
    response = submit(
        client,
        "/admin/employers",
        {
            "name": "区教育局",
            "party_org_name": "区教育局机关党委",
            "report_emails": "dangwei@jyj.example.cn\nrenshi@jyj.example.cn",
        },
        form_page="/admin",
    )
    assert response.status_code == 302
    with app.app_context():
        employer = db.session.scalar(sa.select(Employer).where(Employer.name == "区教育局"))
        assert employer.report_emails == ["dangwei@jyj.example.cn", "renshi@jyj.example.cn"]


def test_bad_input_is_422_with_the_error_next_to_the_field(client, district, app):
    log_in(client, "admin")
    response = submit(
        client,
        "/admin/employers",
        {"name": "区教育局", "party_org_name": "", "report_emails": "not-an-address"},
        form_page="/admin",
    )
    assert response.status_code == 422
    page = response.data.decode()
    assert 'id="employers-party_org_name-error"' in page
    assert 'id="employers-report_emails-error"' in page
    assert 'value="区教育局"' in page  # what was typed stays
    assert 'id="streets-name-error"' not in page
    assert count(app, Employer, Employer.name == "区教育局") == 0

    response = submit(client, "/admin/communities", {"name": "春晖社区"}, form_page="/admin")
    assert response.status_code == 422
    assert 'id="communities-street_id-error"' in response.data.decode()
    assert count(app, Community, Community.name == "春晖社区") == 0


def test_a_duplicate_street_is_refused_above_the_form(client, district, app):
    log_in(client, "admin")
    response = submit(client, "/admin/streets", {"name": "金桥街道"}, form_page="/admin")
    assert response.status_code == 422
    assert 'class="form-problem"' in response.data.decode()
    assert count(app, Street, Street.name == "金桥街道") == 1


def test_admin_chooses_a_user_from_a_search_and_sees_their_grants(client, district):
    log_in(client, "admin")
    found = client.get("/admin/grants?q=shu").data.decode()
    assert "<h1>角色授权</h1>" in found
    assert "shuji_b" in found
    assert f'href="/admin/grants?user_id={district.secretary}"' in found
    page = client.get(f"/admin/grants?user_id={district.secretary}").data.decode()
    assert "支部书记（社区）" in page
    assert "幸福里社区" in page
    assert "找不到" in client.get("/admin/grants?q=nobody").data.decode()
    assert client.get("/admin/grants?user_id=99999").status_code == 404


def test_admin_grants_and_revokes_a_role(client, district, app):
    log_in(client, "admin")
    form_page = f"/admin/grants?user_id={district.resident}"
    response = submit(
        client,
        f"/admin/grants?user_id={district.resident}",
        {
            "user_id": str(district.resident),
            "role": "secretary",
            "community_id": str(district.other_community),
        },
        form_page=form_page,
    )
    assert response.status_code == 302
    assert f"user_id={district.resident}" in response.headers["Location"]
    with app.app_context():
        grant = db.session.scalar(
            sa.select(RoleGrant).where(
                RoleGrant.user_id == district.resident, RoleGrant.role == "secretary"
            )
        )
        assert grant.community_id == district.other_community
        grant_id = grant.id
    assert "已授予角色" in client.get(form_page).data.decode()

    response = submit(
        client, f"/admin/grants/{grant_id}/revoke?user_id={district.resident}", form_page=form_page
    )
    assert response.status_code == 302
    assert count(app, RoleGrant, RoleGrant.id == grant_id) == 0
    assert "已撤销角色" in client.get(form_page).data.decode()


def test_a_grant_needs_the_scope_of_its_role(client, district, app):
    log_in(client, "admin")
    response = submit(
        client,
        f"/admin/grants?user_id={district.resident}",
        {"user_id": str(district.resident), "role": "secretary", "street_id": str(district.street)},
        form_page=f"/admin/grants?user_id={district.resident}",
    )
    assert response.status_code == 422
    page = response.data.decode()
    assert 'id="community_id-error"' in page
    assert 'id="street_id-error"' in page
    assert count(app, RoleGrant, RoleGrant.user_id == district.resident) == 1  # resident only


def test_a_secretary_opening_admin_gets_403(client, district, app):
    log_in(client, "shuji")
    assert client.get("/admin").status_code == 403
    assert client.get("/admin/grants").status_code == 403
    response = submit(client, "/admin/streets", {"name": "梧桐街道"})
    assert response.status_code == 403
    assert count(app, Street, Street.name == "梧桐街道") == 0
    response = submit(
        client,
        "/admin/grants",
        {"user_id": str(district.secretary), "role": "admin"},
    )
    assert response.status_code == 403
    assert count(app, RoleGrant, RoleGrant.role == "admin") == 1


def test_admin_forms_need_the_csrf_token(client, district, app):
    log_in(client, "admin")
    response = client.post("/admin/streets", data={"name": "梧桐街道"})
    assert response.status_code == 400
    assert count(app, Street, Street.name == "梧桐街道") == 0


def test_the_admin_link_shows_in_the_role_bar(client, district):
    log_in(client, "admin")
    assert 'href="/admin"' in client.get("/").data.decode()
