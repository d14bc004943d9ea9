"""The secretary's roster: report-ins and members, yearly evaluations, the 8+N teams and the
auto-dispatch mapping. A secretary of several communities chooses one with `community_id`."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required
from sqlalchemy.orm import selectinload

from volunteer.auth.access import require_actor
from volunteer.auth.communities import manage_community, managed_communities
from volunteer.errors import Forbidden
from volunteer.extensions import db
from volunteer.labels import category_name
from volunteer.matching.schemas import DispatchRuleSchema
from volunteer.orders import auto_dispatch
from volunteer.pages.actions import act
from volunteer.pages.forms import Form
from volunteer.pages.paging import page_of
from volunteer.people import services as people
from volunteer.people.models import Member, MemberStatus
from volunteer.people.schemas import MemberQuerySchema
from volunteer.reports import members as evaluations_service
from volunteer.reports.grades import Grade
from volunteer.reports.schemas import EvaluationInputSchema
from volunteer.teams import services as teams
from volunteer.teams.models import CATEGORIES, Team, TeamStatus
from volunteer.teams.schemas import DecisionSchema

bp = Blueprint("roster", __name__, url_prefix="/desk")

PAGE_SIZE = 50


def chosen_community(actor):
    """The community in `?community_id=` (or the caller's first) and all the caller manages."""
    communities = managed_communities(actor)
    if not communities:
        raise Forbidden(_l("Only a community's secretary may do this."))
    wanted = request.args.get("community_id", type=int)
    if wanted is None:
        return communities[0], communities
    return manage_community(actor, wanted), communities


def back(endpoint: str, **params) -> str:
    """Back to a roster page, keeping the chosen community (POST-redirect-GET)."""
    return url_for(endpoint, community_id=request.args.get("community_id", type=int), **params)


# --- members and report-ins -------------------------------------------------------------


@bp.route("/members")
@login_required
def members():
    """Pending report-ins to confirm, and the community's members, filtered."""
    actor = require_actor()
    community, communities = chosen_community(actor)
    form = Form(request.args)
    if "status" not in request.args:
        form.data["status"] = "active"
    filters = {}
    with form.handling():
        filters = form.load(MemberQuerySchema(), "status", "team_id", "q")
    with_details = (selectinload(Member.teams), selectinload(Member.employer))
    pending = db.session.scalars(
        people.members_query(actor, community_id=community.id, status="pending").options(
            *with_details
        )
    ).all()
    listed = page_of(
        people.members_query(actor, community_id=community.id, **filters).options(*with_details),
        PAGE_SIZE,
    )
    return render_template(
        "pages/roster/members.html",
        community=community,
        communities=communities,
        pending=pending,
        listed=listed,
        form=form,
        status_choices=[(status.value, str(status.label)) for status in MemberStatus],
        status_names=MemberStatus.labels(),
        team_choices=[
            (team.id, team.name)
            for team in teams.list_teams(community)
            if team.status == TeamStatus.ACTIVE
        ],
        page_url=lambda page: url_for("roster.members", **{**request.args.to_dict(), "page": page}),
    )


@bp.route("/members/<id:member_id>/confirm", methods=["POST"])
@login_required
def confirm(member_id):
    """Confirm a pending report-in."""
    actor = require_actor()
    return act(
        lambda _form: people.confirm_member(actor, member_id),
        done=_("The report-in is confirmed."),
        then=back("roster.members"),
    )


# --- evaluations ------------------------------------------------------------------------


def years() -> list[int]:
    this_year = evaluations_service.today().year
    return [this_year, this_year - 1]


@bp.route("/evaluations")
@login_required
def evaluations():
    """The year's evaluation of each active member beside the grade the record suggests."""
    actor = require_actor()
    community, communities = chosen_community(actor)
    year = request.args.get("year", years()[0], type=int)
    return render_template(
        "pages/roster/evaluations.html",
        community=community,
        communities=communities,
        year=year,
        years=years(),
        evaluations=evaluations_service.community_evaluations(actor, community, year),
        grades=Grade.labels(),
    )


@bp.route(
    "/evaluations/<id:member_id>/<int(min=2000, max=9999):year>",
    methods=["GET", "POST"],
)
@login_required
def evaluate(member_id, year):
    """Record (or change) one member's grade and comment for the year."""
    actor = require_actor()
    member = people.manage_member(actor, member_id)
    form = Form()
    if form.submitted:
        with form.handling():
            data = form.load(EvaluationInputSchema(), "grade", "comment")
            evaluations_service.evaluate_member(actor, member.id, year, **data)
            flash(_("The evaluation of %(name)s is saved.", name=member.display_name))
            return redirect(
                url_for("roster.evaluations", community_id=member.community_id, year=year)
            )
    evaluation = evaluations_service.member_evaluation(actor, member.id, year)
    if not form.submitted:
        form.data["grade"] = evaluation["grade"] or evaluation["suggested_grade"]
        form.data["comment"] = evaluation["comment"] or ""
    return render_template(
        "pages/roster/evaluate.html",
        member=member,
        evaluation=evaluation,
        form=form,
        grades=Grade.labels(),
    ), form.status


# --- teams and the auto-dispatch mapping ------------------------------------------------


def render_teams(actor, community, communities, *, form=None, target=None):
    """The teams page; `form` and `target` (a team id or a category) when sent back."""
    all_teams = teams.list_teams(community)
    counts = teams.member_counts([team.id for team in all_teams])
    rules = {rule.category: rule for rule in auto_dispatch.rules_of(actor, community)}
    form = form or Form({})
    return render_template(
        "pages/roster/teams.html",
        community=community,
        communities=communities,
        proposals=[team for team in all_teams if team.status == TeamStatus.PROPOSED],
        proposers=teams.proposers_of(all_teams),
        teams=[team for team in all_teams if team.status != TeamStatus.PROPOSED],
        active=[team for team in all_teams if team.status == TeamStatus.ACTIVE],
        counts=counts,
        team_names={team.id: team.name for team in all_teams},
        team_status_names=TeamStatus.labels(),
        rules=rules,
        categories=CATEGORIES,
        form=form,
        target=target,
    ), form.status


@bp.route("/teams", endpoint="teams")
@login_required
def teams_page():
    """The community's 8+N teams, the proposed N teams, and auto-dispatch by category."""
    actor = require_actor()
    community, communities = chosen_community(actor)
    return render_teams(actor, community, communities)


def decide(team_id: int, approve: bool):
    actor = require_actor()
    team = teams.access_team(actor, team_id)
    manage_community(actor, team.community_id)  # 403 for members and residents

    def perform(form):
        data = form.load(DecisionSchema(), "note")
        teams.decide_team(actor, team_id, approve=approve, **data)

    def again(form):
        community, communities = chosen_community(actor)
        return render_teams(actor, community, communities, form=form, target=team_id)

    # A refusal, e.g. decided a moment ago, is flashed: nothing to correct on the page.
    return act(
        perform,
        done=_("%(team)s is approved; it joins the dispatch catalogue.", team=team.name)
        if approve
        else _("%(team)s is rejected.", team=team.name),
        then=back("roster.teams"),
        again=again,
    )


@bp.route("/teams/<id:team_id>/approve", methods=["POST"])
@login_required
def approve_team(team_id):
    """Approve a proposed N team."""
    return decide(team_id, approve=True)


@bp.route("/teams/<id:team_id>/reject", methods=["POST"])
@login_required
def reject_team(team_id):
    """Reject a proposed N team (with a note)."""
    return decide(team_id, approve=False)


CATEGORY = "any(" + ", ".join(CATEGORIES) + "):category"
RULE = "/communities/<id:community_id>/dispatch-rules/<" + CATEGORY + ">"


@bp.route(RULE, methods=["POST"])
@login_required
def set_rule(community_id, category):
    """Send new orders of a category straight to a team."""
    actor = require_actor()
    community = manage_community(actor, community_id)

    def perform(form):
        data = form.load(DispatchRuleSchema(), "team_id", coerce={"team_id": int})
        return auto_dispatch.set_rule(actor, community, category, **data)

    return act(
        perform,
        done=lambda rule: _(
            "New %(category)s orders now go straight to %(team)s.",
            category=category_name(category),
            team=db.session.get(Team, rule.team_id).name,
        ),
        then=url_for("roster.teams", community_id=community.id),
        again=lambda form: render_teams(
            actor, community, managed_communities(actor), form=form, target=category
        ),
        refusals_on_page=True,
    )


@bp.route(RULE + "/clear", methods=["POST"])
@login_required
def clear_rule(community_id, category):
    """Stop auto-dispatching a category: its orders wait for the secretary again."""
    actor = require_actor()
    community = manage_community(actor, community_id)
    return act(
        lambda _form: auto_dispatch.delete_rule(actor, community, category),
        done=_(
            "%(category)s orders wait for the secretary again.", category=category_name(category)
        ),
        then=url_for("roster.teams", community_id=community.id),
    )
