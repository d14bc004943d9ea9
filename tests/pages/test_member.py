"""The member's own pages: report in (报到), my service, consent, teams and the service record."""

import re

import pytest

from tests.pages.helpers import csrf_token, log_in, submit
from volunteer.extensions import db
from volunteer.people import consent
from volunteer.people.models import Member
from volunteer.teams.models import Team, TeamMembership

CONSENT_WORDS = "不提供任何居民的姓名、住址和电话"


def report_in_form(district, **changes) -> dict:
    form = {
        "community_id": str(district.community),
        "member_type": "in_service",
        "employer_id": str(district.employer),
        "phone": "13912345678",
        "grid": "第一网格",
        "skills": "电工，法律咨询、 陪伴老人",
        "consent": "yes",
    }
    form.update(changes)
    return {key: value for key, value in form.items() if value is not None}


def member_of(app, user_id):
    with app.app_context():
        member = db.session.scalar(db.select(Member).where(Member.user_id == user_id))
        if member is None:
            return None
        db.session.expunge(member)
        return member


def test_report_in_page_shows_the_consent_text_and_its_version(client, district):
    log_in(client, "jumin")
    page = client.get("/member/report-in").data.decode()
    assert "<h1>党员报到</h1>" in page
    assert CONSENT_WORDS in page
    assert f"授权书版本 {consent.VERSION}" in page
    assert 'name="consent" value="yes"' in page
    assert "checked" not in re.search(r'<input type="checkbox" name="consent"[^>]*>', page).group()
    # The user's community and phone are filled in from their registration.
    assert f'<option value="{district.community}" selected>' in page
    assert 'value="13800138000"' in page


def test_report_in_with_consent_keeps_the_version(app, client, district):
    log_in(client, "jumin")
    response = submit(client, "/member/report-in", report_in_form(district), form_page="/member")
    assert response.status_code == 302
    assert response.headers["Location"] == "/member"
    page = client.get("/member").data.decode()
    assert "等待书记确认" in page
    assert "报到已提交" in page
    member = member_of(app, district.resident)
    assert member.status == "pending"
    assert member.member_type == "in_service"
    assert member.employer_id == district.employer
    assert member.skills == ["电工", "法律咨询", "陪伴老人"]
    assert member.consent_employer_feedback is True
    assert member.consent_version == consent.VERSION
    # The same report-in as the API's: GET /me shows it.
    assert district.api.resident.get("/me").json["member"]["status"] == "pending"


def test_report_in_without_consent(app, client, district):
    log_in(client, "jumin")
    form = report_in_form(district, consent=None, member_type="community", employer_id="")
    response = submit(client, "/member/report-in", form, form_page="/member")
    assert response.status_code == 302
    member = member_of(app, district.resident)
    assert member.consent_employer_feedback is False
    assert member.consent_version is None
    assert member.member_type == "community" and member.employer_id is None
    page = client.get("/member").data.decode()
    assert "未授权" in page
    assert "同意反馈服务记录" in page


def test_in_service_without_employer_is_an_error_next_to_the_employer(app, client, district):
    log_in(client, "jumin")
    form = report_in_form(district, employer_id="")
    response = submit(client, "/member/report-in", form, form_page="/member")
    assert response.status_code == 422
    page = response.data.decode()
    assert 'id="employer_id-error"' in page
    assert 'aria-describedby="employer_id-error"' in page
    assert 'value="13912345678"' in page  # what was typed stays
    assert member_of(app, district.resident) is None


def test_a_bad_phone_and_no_type_are_errors_next_to_their_fields(app, client, district):
    log_in(client, "jumin")
    form = report_in_form(district, phone="12345", member_type=None)
    response = submit(client, "/member/report-in", form, form_page="/member")
    assert response.status_code == 422
    page = response.data.decode()
    assert 'id="phone-error"' in page
    assert 'id="member_type-error"' in page
    assert member_of(app, district.resident) is None


def test_reporting_in_twice_goes_to_my_page(client, district):
    log_in(client, "pending")
    response = client.get("/member/report-in")
    assert response.status_code == 302
    assert response.headers["Location"] == "/member"
    response = submit(client, "/member/report-in", report_in_form(district), form_page="/member")
    assert response.status_code == 302
    assert "您已经报到过了" in client.get("/member").data.decode()


def test_report_in_needs_the_csrf_token(app, client, district):
    log_in(client, "jumin")
    response = client.post("/member/report-in", data=report_in_form(district))
    assert response.status_code == 400
    assert member_of(app, district.resident) is None


def test_pages_need_a_login(client, district):
    for path in ("/member", "/member/pool", "/member/report-in", "/member/record"):
        response = client.get(path)
        assert response.status_code == 302
        assert "/login" in response.headers["Location"]


def test_pending_member_sees_the_waiting_state_everywhere(client, district):
    log_in(client, "pending")
    home = client.get("/member").data.decode()
    assert "等待书记确认" in home
    assert "我的服务队" not in home  # teams come after the confirmation
    pool = client.get("/member/pool")
    assert pool.status_code == 200
    assert "等待书记确认" in pool.data.decode()
    assert "幸福里社区" in pool.data.decode()


def test_a_non_member_is_asked_to_report_in(client, district):
    log_in(client, "jumin")
    home = client.get("/member").data.decode()
    assert "您还没有向社区报到" in home
    pool = client.get("/member/pool")
    assert pool.status_code == 200
    assert "请先报到" in pool.data.decode()
    assert 'href="/member/report-in"' in pool.data.decode()


def test_the_role_bar_links_my_pages(client, district):
    log_in(client, "dangyuan")
    page = client.get("/").data.decode()
    assert 'href="/member/pool"' in page and 'href="/member"' in page
    client.post("/logout", data={"csrf_token": csrf_token(page.encode())})
    log_in(client, "jumin")
    assert 'href="/member/report-in"' in client.get("/").data.decode()


def test_active_member_home(client, district, claimed):
    log_in(client, "dangyuan")
    page = client.get("/member").data.decode()
    assert "我的服务" in page
    assert "已确认报到" in page
    assert "我正在办理的工单" in page
    assert f'href="/member/orders/{claimed["id"]}"' in page
    assert "家电维修服务队" in page  # my team
    assert "已授权" in page


def test_withdraw_and_give_consent(app, client, district):
    log_in(client, "dangyuan")
    response = submit(client, "/member/consent", {"consent": "no"}, form_page="/member")
    assert response.status_code == 302
    member = member_of(app, district.member_user)
    assert member.consent_employer_feedback is False
    assert member.consent_withdrawn_at is not None
    page = client.get("/member").data.decode()
    assert "已撤回授权" in page
    assert "未授权" in page
    submit(client, "/member/consent", {"consent": "yes"}, form_page="/member")
    member = member_of(app, district.member_user)
    assert member.consent_employer_feedback is True
    assert member.consent_version == consent.VERSION


def test_consent_needs_the_csrf_token(app, client, district):
    log_in(client, "dangyuan")
    assert client.post("/member/consent", data={"consent": "no"}).status_code == 400
    assert member_of(app, district.member_user).consent_employer_feedback is True


def team_named(app, name):
    with app.app_context():
        team = db.session.scalar(db.select(Team).where(Team.name == name))
        db.session.expunge(team)
        return team


def test_propose_an_n_team_appears_as_waiting(app, client, district):
    log_in(client, "dangyuan")
    form = {"name": "心理疏导服务队", "description": "倾听和陪伴", "categories": ["mediation"]}
    response = submit(client, "/member/teams/propose", form, form_page="/member/teams/propose")
    assert response.status_code == 302
    team = team_named(app, "心理疏导服务队")
    assert team.status == "proposed" and team.kind == "custom"
    assert team.categories == ["mediation"]
    page = client.get("/member").data.decode()
    assert "心理疏导服务队" in page and "待审批" in page
    assert "心理疏导服务队" in client.get("/member/teams/propose").data.decode()
    # The secretary sees it through the API as proposed.
    teams = district.api.secretary.get(f"/communities/{district.community}/teams").json
    assert {"name": "心理疏导服务队", "status": "proposed"}.items() <= next(
        t for t in teams if t["name"] == "心理疏导服务队"
    ).items()


def test_propose_a_team_without_a_name_is_an_error_next_to_the_name(client, district):
    log_in(client, "dangyuan")
    response = submit(
        client, "/member/teams/propose", {"description": "x"}, form_page="/member/teams/propose"
    )
    assert response.status_code == 422
    assert 'id="name-error"' in response.data.decode()


def test_propose_a_team_twice_is_refused(client, district):
    log_in(client, "dangyuan")
    form = {"name": "家电维修服务队"}  # a standard team's name
    response = submit(client, "/member/teams/propose", form, form_page="/member/teams/propose")
    assert response.status_code == 422
    assert 'class="form-problem"' in response.data.decode()


def test_a_pending_member_cannot_propose(client, district):
    log_in(client, "pending")
    page = client.get("/member/teams/propose").data.decode()
    assert "等待书记确认" in page
    assert 'name="name"' not in page


def memberships(app, member_id) -> set[int]:
    with app.app_context():
        return set(
            db.session.scalars(
                db.select(TeamMembership.team_id).where(TeamMembership.member_id == member_id)
            )
        )


def team_of(app, community_id, key) -> int:
    with app.app_context():
        return db.session.scalar(
            db.select(Team.id).where(Team.community_id == community_id, Team.key == key)
        )


def test_join_and_leave_a_team(app, client, district):
    log_in(client, "dangyuan")
    legal_id = team_of(app, district.community, "legal")
    home = client.get("/member").data.decode()
    assert f'action="/member/teams/{legal_id}/join"' in home
    response = submit(client, f"/member/teams/{legal_id}/join", form_page="/member")
    assert response.status_code == 302
    assert legal_id in memberships(app, district.member)
    home = client.get("/member").data.decode()
    assert "已加入服务队" in home
    assert f'action="/member/teams/{legal_id}/leave"' in home
    submit(client, f"/member/teams/{legal_id}/leave", form_page="/member")
    assert legal_id not in memberships(app, district.member)
    assert "已退出服务队" in client.get("/member").data.decode()


def test_joining_twice_or_another_communitys_team_is_refused(app, client, district):
    log_in(client, "dangyuan")
    submit(client, f"/member/teams/{district.repair_team}/join", form_page="/member")
    page = client.get("/member").data.decode()
    assert 'class="error"' in page
    far_team = team_of(app, district.other_community, "legal")
    before = memberships(app, district.member)
    submit(client, f"/member/teams/{far_team}/join", form_page="/member")
    assert memberships(app, district.member) == before
    assert 'class="error"' in client.get("/member").data.decode()


@pytest.fixture
def rated(district, completed):
    response = district.api.resident.post(
        f"/orders/{completed['id']}/rate", json={"score": 5, "comment": "很及时，谢谢"}
    )
    assert response.status_code == 200, response.json
    return response.json


def figure(page: str, name: str) -> str:
    return re.search(rf'data-figure="{name}">([^<]*)<', page).group(1)


def test_service_record_matches_the_api(client, district, rated):
    api = district.api.member.get(f"/members/{district.member}/record").json
    assert api["orders_completed"] == 1
    log_in(client, "dangyuan")
    for path in ("/member/record", "/member"):
        page = client.get(path).data.decode()
        assert figure(page, "orders_completed") == str(api["orders_completed"])
        assert figure(page, "on_time") == str(api["on_time"])
        assert float(figure(page, "hours")) == api["hours"] == 1.5
        assert float(figure(page, "average_score")) == api["average_score"]
    page = client.get("/member/record").data.decode()
    assert "我的服务记录" in page
    assert rated["title"] in page and "很及时，谢谢" in page
    assert figure(page, "satisfaction_rate") == "100%"


def test_service_record_of_a_period(client, district, rated):
    log_in(client, "dangyuan")
    page = client.get("/member/record?from=2001-01-01&to=2001-12-31").data.decode()
    assert figure(page, "orders_completed") == "0"
    assert "这段时间没有办结的工单" in page


def test_service_record_with_a_bad_period_shows_the_error(client, district):
    log_in(client, "dangyuan")
    response = client.get("/member/record?from=not-a-day")
    assert response.status_code == 422
    assert 'id="from-error"' in response.data.decode()
    response = client.get("/member/record?from=2026-05-01&to=2026-01-01")
    assert response.status_code == 422
    assert 'class="form-problem"' in response.data.decode()


def test_english_on_request(client, district):
    log_in(client, "dangyuan")
    page = client.get("/member?lang=en").data.decode()
    assert "My service" in page and "My teams" in page


def test_report_in_makes_the_member_type_an_explicit_choice(client, district):
    """在职党员 used to be preselected with the employer "none": the form failed on its own
    defaults. Now neither is chosen for the member."""
    log_in(client, "jumin")
    page = client.get("/member/report-in").data.decode()
    radios = re.findall(r'<input type="radio" name="member_type"[^>]*>', page)
    assert len(radios) == 2
    assert not any("checked" in radio for radio in radios)
    blank = re.search(r'<select[^>]*name="employer_id".*?<option value="">([^<]*)<', page, re.S)
    assert "无" not in blank.group(1)


def test_report_in_on_the_forms_defaults_asks_for_the_choice_only(app, client, district):
    log_in(client, "jumin")
    form = {"community_id": str(district.community), "phone": "13912345678"}
    response = submit(client, "/member/report-in", form, form_page="/member/report-in")
    assert response.status_code == 422
    page = response.data.decode()
    assert 'id="member_type-error"' in page
    assert 'id="employer_id-error"' not in page
    assert member_of(app, district.resident) is None


def test_a_community_member_reports_in_without_an_employer(app, client, district):
    log_in(client, "jumin")
    form = report_in_form(district, member_type="community", employer_id="")
    response = submit(client, "/member/report-in", form, form_page="/member/report-in")
    assert response.status_code == 302
    assert member_of(app, district.resident).employer_id is None
