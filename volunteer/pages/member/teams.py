"""My teams (认领岗位): join and leave the 8+N teams, and propose an "N" team."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from volunteer.auth.access import require_actor
from volunteer.auth.communities import access_community
from volunteer.labels import CATEGORY_NAMES, named
from volunteer.pages.actions import act
from volunteer.pages.forms import Form
from volunteer.pages.member.blueprint import bp
from volunteer.teams import services
from volunteer.teams.models import TeamStatus
from volunteer.teams.schemas import TeamSchema

TEAM_ID = "<id:team_id>"


def team_lists(actor, member) -> dict:
    """The community's teams as the member sees them: mine, those I may join, my proposals."""
    teams = services.list_teams(access_community(actor, member.community_id))
    counts = services.member_counts([team.id for team in teams])
    mine = {team.id for team in member.teams}
    for team in teams:
        team.member_count = counts.get(team.id, 0)  # type: ignore[attr-defined]  # for the page
    return {
        "mine": [t for t in teams if t.id in mine and t.status == TeamStatus.ACTIVE],
        "joinable": [t for t in teams if t.id not in mine and t.status == TeamStatus.ACTIVE],
        "proposals": [
            t for t in teams if t.proposed_by_id == member.id and t.status != TeamStatus.ACTIVE
        ],
    }


@bp.route(f"/teams/{TEAM_ID}/join", methods=["POST"])
@login_required
def join_team(team_id):
    """Take a post in a team of my community."""
    actor = require_actor()
    return act(
        lambda _form: services.join_team(actor, team_id),
        done=_("You have joined the team."),
        then=url_for("member.home") + "#teams",
    )


@bp.route(f"/teams/{TEAM_ID}/leave", methods=["POST"])
@login_required
def leave_team(team_id):
    """Give up my post in a team."""
    actor = require_actor()
    member = actor.member
    if member is None:
        return redirect(url_for("member.report_in"))
    return act(
        lambda _form: services.leave_team(actor, team_id, member.id),
        done=_("You have left the team."),
        then=url_for("member.home") + "#teams",
    )


@bp.route("/teams/propose", methods=["GET", "POST"])
@login_required
def propose_team():
    """Propose an "N" team from a specialty; the secretary approves or rejects it."""
    actor = require_actor()
    member = actor.active_member
    if member is None:
        return render_template("pages/member/not_active.html", member=actor.member), 200
    form = Form(lists=("categories",))
    if form.submitted:
        with form.handling():
            data = form.load(TeamSchema(), "name", "description", "categories")
            community = access_community(actor, member.community_id)
            services.create_team(actor, community, **data)
            flash(_("Your team is proposed. The secretary will approve or reject it."))
            return redirect(url_for("member.home") + "#teams")
    return render_template(
        "pages/member/propose_team.html",
        form=form,
        categories=named(CATEGORY_NAMES),
        proposals=team_lists(actor, member)["proposals"],
    ), form.status
