"""The operator's console: edit and retire streets, communities and employers; the users list
with disable and enable."""

from tests.pages.helpers import log_in, submit
from volunteer.auth.models import User
from volunteer.extensions import db
from volunteer.organisations.models import Community, Employer


def test_the_admin_edits_an_employers_report_addresses(client, district, app):
    log_in(client, "admin")
    assert f'href="/admin/employers/{district.employer}"' in client.get("/admin").data.decode()
    form_page = f"/admin/employers/{district.employer}"
    page = client.get(form_page).data.decode()
    assert "编辑单位" in page
    assert "party" in page  # the addresses as they are, one a line
    response = submit(
        client,
        form_page,
        {
            "name": "市第一人民医院",
            "party_org_name": "市第一人民医院党委",
            "report_emails": "dangwei@hospital.example.cn, office@hospital.example.cn",
        },
        form_page=form_page,
    )
    assert response.status_code == 302
    with app.app_context():
        employer = db.session.get(Employer, district.employer)
        assert employer.report_emails == [
            "dangwei@hospital.example.cn",
            "office@hospital.example.cn",
        ]
    assert "dangwei@hospital.example.cn" in client.get("/admin").data.decode()


def test_a_bad_address_is_shown_next_to_its_field(client, district, app):
    log_in(client, "admin")
    form_page = f"/admin/employers/{district.employer}"
    response = submit(
        client,
        form_page,
        {"name": "市第一人民医院", "party_org_name": "党委", "report_emails": "not-an-address"},
        form_page=form_page,
    )
    assert response.status_code == 422
    assert 'id="report_emails-error"' in response.data.decode()


def test_a_taken_name_is_refused_above_the_form(client, district):
    log_in(client, "admin")
    form_page = f"/admin/communities/{district.community}"
    response = submit(client, form_page, {"name": "和平社区"}, form_page=form_page)
    assert response.status_code == 422
    assert 'class="form-problem"' in response.data.decode()


def test_the_admin_retires_and_restores_a_community(client, district, app):
    log_in(client, "admin")
    form_page = f"/admin/communities/{district.other_community}"
    response = submit(client, form_page + "/retire", form_page=form_page)
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Community, district.other_community).active is False
    assert "已停用" in client.get("/admin").data.decode()
    assert "和平社区" not in client.get("/register").data.decode()
    grants = client.get(f"/admin/grants?user_id={district.resident}").data.decode()
    assert "和平社区（" not in grants
    submit(client, form_page + "/restore", form_page=form_page)
    with app.app_context():
        assert db.session.get(Community, district.other_community).active is True


def test_a_retired_employer_is_not_offered_at_report_in(client, district):
    log_in(client, "admin")
    form_page = f"/admin/employers/{district.other_employer}"
    submit(client, form_page + "/retire", form_page=form_page)
    log_in(client, "jumin")
    page = client.get("/member/report-in").data.decode()
    assert "市第一人民医院" in page
    assert "区税务局" not in page


def test_the_users_list_searches_and_disables(client, district, app):
    log_in(client, "admin")
    page = client.get("/admin/users?q=jumin").data.decode()
    assert "<h1>用户</h1>" in page
    assert "138****8000" in page
    assert "13800138000" not in page
    response = submit(
        client,
        f"/admin/users/{district.resident}/disable?q=jumin",
        form_page="/admin/users?q=jumin",
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/admin/users?q=jumin")
    with app.app_context():
        assert db.session.get(User, district.resident).active is False
    assert "已停用" in client.get("/admin/users?q=jumin").data.decode()
    submit(client, f"/admin/users/{district.resident}/enable", form_page="/admin/users")
    with app.app_context():
        assert db.session.get(User, district.resident).active is True


def test_the_console_is_the_admins_alone(client, district):
    log_in(client, "jiedao")
    assert client.get("/admin/users").status_code == 403
    assert client.get(f"/admin/employers/{district.employer}").status_code == 403
    response = submit(client, f"/admin/users/{district.resident}/disable")
    assert response.status_code == 302  # refused: flashed, nothing changed
    assert client.get("/api/v1/me").status_code == 200
