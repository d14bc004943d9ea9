"""The secretary's roster pages: report-ins, members, evaluations, N teams, auto-dispatch."""

import re

import pytest
import sqlalchemy as sa

from tests import factories
from tests.pages.helpers import log_in, submit
from volunteer.errors import Forbidden
from volunteer.extensions import db
from volunteer.orders.models import DispatchRule
from volunteer.organisations.models import Community
from volunteer.people.models import Member
from volunteer.reports.members import today
from volunteer.reports.models import Evaluation
from volunteer.teams.models import Team


def this_year(app) -> int:
    with app.app_context():
        return today().year


def fetch(app, model, ident):
    with app.app_context():
        thing = db.session.get(model, ident)
        db.session.expunge_all()
        return thing


@pytest.fixture
def proposal(district):
    """An N team the active member proposed in the secretary's community."""
    response = district.api.member.post(
        f"/communities/{district.community}/teams",
        json={"name": "少儿托管服务队", "description": "放学后照看孩子。"},
    )
    assert response.status_code == 201, response.json
    return response.json["id"]


# --- members -----------------------------------------------------------------------------


def test_members_page_lists_pending_and_active_members_in_chinese(client, district):
    log_in(client, "shuji")
    response = client.get("/desk/members")
    assert response.status_code == 200
    page = response.data.decode()
    assert "<h1>党员</h1>" in page
    assert "待确认的报到" in page
    assert f'id="pending-{district.pending_member}"' in page
    assert "幸福里社区" in page
    # The active member with type, employer, team, skills and consent state.
    assert "家电维修服务队" in page
    assert "市第一人民医院" in page
    assert "电工" in page
    assert "已授权" in page
    # The other community's member is not on the page.
    assert "dangyuan_b" not in page


def test_secretary_confirms_a_report_in(client, district, app):
    log_in(client, "shuji")
    response = submit(
        client,
        f"/desk/members/{district.pending_member}/confirm?community_id={district.community}",
        form_page="/desk/members",
    )
    assert response.status_code == 302
    assert f"community_id={district.community}" in response.headers["Location"]
    assert fetch(app, Member, district.pending_member).status == "active"
    page = client.get(response.headers["Location"]).data.decode()
    assert "报到已确认" in page
    assert f'id="pending-{district.pending_member}"' not in page


def test_confirming_twice_is_an_error_flash_and_changes_nothing(client, district, app):
    log_in(client, "shuji")
    path = f"/desk/members/{district.member}/confirm"
    response = submit(client, path, form_page="/desk/members", follow_redirects=True)
    assert response.status_code == 200
    assert 'class="error"' in response.data.decode()
    assert fetch(app, Member, district.member).status == "active"


def test_confirm_needs_the_csrf_token(client, district, app):
    log_in(client, "shuji")
    response = client.post(f"/desk/members/{district.pending_member}/confirm")
    assert response.status_code == 400
    assert fetch(app, Member, district.pending_member).status == "pending"


def test_another_communitys_secretary_cannot_confirm(client, district, app):
    log_in(client, "shuji_b")
    response = submit(client, f"/desk/members/{district.pending_member}/confirm")
    assert response.status_code == 302
    assert fetch(app, Member, district.pending_member).status == "pending"
    assert "error" in client.get("/desk/members").data.decode()


def test_member_filters(client, district):
    log_in(client, "shuji")
    pending_only = client.get("/desk/members?status=pending").data.decode()
    assert "<td>待确认</td>" in pending_only
    assert "<td>已报到</td>" not in pending_only
    by_team = client.get(f"/desk/members?status=&team_id={district.repair_team}").data.decode()
    table = by_team.split("本社区党员")[-1]  # the heading, then the table box named so
    assert "家电维修服务队" in table
    assert "待确认" not in table.split("</table>")[0].split("<tbody>")[1]
    nobody = client.get("/desk/members?q=no-such-name").data.decode()
    assert "没有符合条件的党员" in nobody


def test_a_bad_filter_shows_its_error_next_to_the_field(client, district):
    log_in(client, "shuji")
    page = client.get("/desk/members?status=sleeping").data.decode()
    assert 'id="status-error"' in page


def test_residents_and_members_may_not_open_the_roster(client, district):
    log_in(client, "jumin")
    assert client.get("/desk/members").status_code == 403
    assert client.get("/desk/teams").status_code == 403
    assert client.get("/desk/evaluations").status_code == 403


def test_a_community_outside_the_scope_is_404(client, district):
    log_in(client, "shuji")
    assert client.get(f"/desk/members?community_id={district.far_community}").status_code == 404


def test_a_secretary_of_two_communities_chooses_one(client, district, app):
    with app.app_context():
        from volunteer.auth.models import RoleGrant

        db.session.add(
            RoleGrant(
                user_id=district.secretary, role="secretary", community_id=district.other_community
            )
        )
        db.session.commit()
    log_in(client, "shuji")
    page = client.get("/desk/members").data.decode()
    assert 'id="community_id"' in page
    other = client.get(f"/desk/members?community_id={district.other_community}").data.decode()
    assert "和平社区" in other
    assert f'id="pending-{district.pending_member}"' not in other


# --- evaluations -------------------------------------------------------------------------


def test_evaluations_page_shows_the_suggestion(client, district, app):
    log_in(client, "shuji")
    response = client.get("/desk/evaluations")
    assert response.status_code == 200
    page = response.data.decode()
    assert f"{this_year(app)}年度评议" in page
    assert "建议等次" in page
    # No completed order this year: the record suggests 不合格.
    row = page.split(f'id="evaluation-{district.member}"')[1].split("</tr>")[0]
    assert "不合格" in row
    assert "未评定" in row


def test_secretary_records_an_evaluation(client, district, app):
    log_in(client, "shuji")
    year = this_year(app)
    path = f"/desk/evaluations/{district.member}/{year}"
    form = client.get(path)
    assert form.status_code == 200
    assert "建议等次" in form.data.decode()
    response = submit(
        client, path, {"grade": "qualified", "comment": "能按要求参加服务。"}, form_page=path
    )
    assert response.status_code == 302
    with app.app_context():
        evaluation = db.session.scalar(
            sa.select(Evaluation).where(Evaluation.member_id == district.member)
        )
        assert (evaluation.year, evaluation.grade, evaluation.comment) == (
            year,
            "qualified",
            "能按要求参加服务。",
        )
    page = client.get(response.headers["Location"]).data.decode()
    assert "评议已保存" in page
    assert "能按要求参加服务。" in page
    # The API reads the same evaluation.
    assert (
        district.api.secretary.get(f"/members/{district.member}/evaluations/{year}").json["grade"]
        == "qualified"
    )


def test_taking_the_suggestion_is_one_button(client, district, app):
    log_in(client, "shuji")
    year = this_year(app)
    response = submit(
        client,
        f"/desk/evaluations/{district.member}/{year}",
        {"grade": "unqualified"},
        form_page="/desk/evaluations",
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(sa.select(Evaluation.grade)) == "unqualified"


def test_an_evaluation_needs_a_grade(client, district, app):
    log_in(client, "shuji")
    path = f"/desk/evaluations/{district.member}/{this_year(app)}"
    response = submit(client, path, {"grade": "", "comment": "x" * 501}, form_page=path)
    assert response.status_code == 422
    page = response.data.decode()
    assert 'id="grade-error"' in page
    assert 'id="comment-error"' in page
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Evaluation)) == 0


def test_another_secretary_may_not_evaluate(client, district, app):
    log_in(client, "shuji_b")
    path = f"/desk/evaluations/{district.member}/{this_year(app)}"
    assert client.get(path).status_code == 404


# --- teams and auto-dispatch -------------------------------------------------------------


def test_teams_page_shows_the_eight_standard_teams_with_counts(client, district, proposal):
    log_in(client, "shuji")
    page = client.get("/desk/teams").data.decode()
    assert "<h1>服务队</h1>" in page
    for name in ("政策宣讲服务队", "家电维修服务队", "医疗保健服务队"):
        assert name in page
    assert f'id="proposal-{proposal}"' in page
    assert "少儿托管服务队" in page
    assert "自动派单" in page


def test_secretary_approves_an_n_team(client, district, app, proposal):
    log_in(client, "shuji")
    response = submit(
        client,
        f"/desk/teams/{proposal}/approve?community_id={district.community}",
        {"note": "同意成立。"},
        form_page="/desk/teams",
    )
    assert response.status_code == 302
    team = fetch(app, Team, proposal)
    assert (team.status, team.decision_note) == ("active", "同意成立。")
    page = client.get(response.headers["Location"]).data.decode()
    assert "已批准" in page
    assert f'id="proposal-{proposal}"' not in page


def test_secretary_rejects_an_n_team_with_a_note(client, district, app, proposal):
    log_in(client, "shuji")
    response = submit(
        client,
        f"/desk/teams/{proposal}/reject",
        {"note": "与居家养老服务队重复。"},
        form_page="/desk/teams",
    )
    assert response.status_code == 302
    team = fetch(app, Team, proposal)
    assert (team.status, team.decision_note) == ("rejected", "与居家养老服务队重复。")
    assert "与居家养老服务队重复。" in client.get("/desk/teams").data.decode()


def test_a_decided_team_cannot_be_decided_again(client, district, app, proposal):
    log_in(client, "shuji")
    submit(client, f"/desk/teams/{proposal}/reject", form_page="/desk/teams")
    response = submit(client, f"/desk/teams/{proposal}/approve", form_page="/desk/teams")
    assert response.status_code == 302
    assert fetch(app, Team, proposal).status == "rejected"
    assert 'class="error"' in client.get("/desk/teams").data.decode()


def test_a_too_long_note_is_shown_next_to_the_field(client, district, app, proposal):
    log_in(client, "shuji")
    response = submit(
        client, f"/desk/teams/{proposal}/reject", {"note": "长" * 501}, form_page="/desk/teams"
    )
    assert response.status_code == 422
    assert f'id="note-{proposal}-error"' in response.data.decode()
    assert fetch(app, Team, proposal).status == "proposed"


def test_a_member_may_not_decide(client, district, app, proposal):
    log_in(client, "dangyuan")
    response = submit(client, f"/desk/teams/{proposal}/approve")
    assert response.status_code == 403
    assert fetch(app, Team, proposal).status == "proposed"


def test_secretary_sets_and_clears_an_auto_dispatch_rule(client, district, app):
    log_in(client, "shuji")
    path = f"/desk/communities/{district.community}/dispatch-rules/repair"
    response = submit(client, path, {"team_id": district.repair_team}, form_page="/desk/teams")
    assert response.status_code == 302
    with app.app_context():
        rule = db.session.scalar(sa.select(DispatchRule))
        assert (rule.category, rule.team_id) == ("repair", district.repair_team)
    page = client.get(response.headers["Location"]).data.decode()
    assert "家电维修" in page.split('id="rule-repair"')[1].split("</tr>")[0]
    assert "停止自动派单" in page
    # The API sees the same rule.
    rules = district.api.secretary.get(f"/communities/{district.community}/dispatch-rules").json
    assert rules == [
        {"community_id": district.community, "category": "repair", "team_id": district.repair_team}
    ]

    response = submit(client, path + "/clear", form_page="/desk/teams")
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(DispatchRule)) == 0
    assert "error" not in client.get("/desk/teams").data.decode().split('class="flashes"')[1][:80]


def test_an_auto_dispatch_rule_needs_an_active_team_of_the_community(client, district, app):
    log_in(client, "shuji")
    with app.app_context():
        foreign = factories.team(db.session.get(Community, district.other_community), "repair").id
    path = f"/desk/communities/{district.community}/dispatch-rules/repair"
    for team_id in ("", foreign):
        response = submit(client, path, {"team_id": team_id}, form_page="/desk/teams")
        assert response.status_code == 422
        assert 'id="team_id-repair-error"' in response.data.decode()
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(DispatchRule)) == 0


def test_clearing_a_missing_rule_is_an_error_flash(client, district):
    log_in(client, "shuji")
    path = f"/desk/communities/{district.community}/dispatch-rules/legal/clear"
    response = submit(client, path, form_page="/desk/teams", follow_redirects=True)
    assert 'class="error"' in response.data.decode()


def test_another_secretary_may_not_set_rules_here(client, district, app):
    log_in(client, "shuji_b")
    path = f"/desk/communities/{district.community}/dispatch-rules/repair"
    response = submit(client, path, {"team_id": district.repair_team}, form_page="/desk/teams")
    assert response.status_code == 404
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(DispatchRule)) == 0


def test_the_roster_links_show_in_the_role_bar(client, district):
    log_in(client, "shuji")
    page = client.get("/desk/members").data.decode()
    nav = re.search(r'<nav class="role-nav".*?</nav>', page, re.S).group(0)
    assert "/desk/members" in nav
    assert "/desk/teams" in nav


# --- the services the roster added --------------------------------------------------------


def test_community_evaluations_agree_with_each_members_evaluation(app, district):
    from tests.reports.conftest import done
    from volunteer.auth.communities import managed_communities
    from volunteer.auth.models import User
    from volunteer.reports import members as evaluations

    with app.app_context():
        community = db.session.get(Community, district.community)
        member = db.session.get(Member, district.member)
        secretary = db.session.get(User, district.secretary)
        year = today().year
        for _ in range(2):
            done(member, community, evaluations.utcnow(), score=5)
        evaluations.evaluate_member(secretary, member.id, year, grade="excellent", comment="好")
        listed = evaluations.community_evaluations(secretary, community, year)
        assert [e["member_id"] for e in listed] == [district.member]  # active members only
        assert listed == [evaluations.member_evaluation(secretary, member.id, year)]
        assert listed[0]["record"]["orders_completed"] == 2
        assert listed[0]["suggested_grade"] == "qualified"

        assert [c.id for c in managed_communities(secretary)] == [district.community]
        street_admin = db.session.get(User, district.street_admin)
        assert {c.id for c in managed_communities(street_admin)} == {
            district.community,
            district.other_community,
        }
        resident = db.session.get(User, district.resident)
        assert managed_communities(resident) == []
        with pytest.raises(Forbidden):
            evaluations.community_evaluations(resident, community, year)
        db.session.rollback()


def test_the_roster_speaks_english_too(client, district, proposal):
    log_in(client, "shuji")
    client.get("/lang/en")
    assert "<h1>Members</h1>" in client.get("/desk/members").data.decode()
    teams = client.get("/desk/teams").data.decode()
    assert "Proposed N teams" in teams
    assert "awaiting approval" not in teams  # proposals are listed apart, not in the table
    assert "Evaluations" in client.get("/desk/evaluations").data.decode()
