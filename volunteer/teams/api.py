"""/communities/{id}/teams and /teams/{id}: the 8+N catalogue, proposals and posts."""

from volunteer.auth.access import require_actor
from volunteer.auth.communities import access_community
from volunteer.blueprints import ApiBlueprint as Blueprint
from volunteer.teams import services
from volunteer.teams.schemas import DecisionSchema, MembershipSchema, TeamSchema

blp = Blueprint("teams", __name__, url_prefix="/api/v1", description="Volunteer teams (8+N)")


def with_counts(teams):
    counts = services.member_counts([team.id for team in teams])
    for team in teams:
        team.member_count = counts.get(team.id, 0)
    return teams


@blp.route("/communities/<id:community_id>/teams")
@blp.response(200, TeamSchema(many=True))
def list_teams(community_id):
    """The community's teams with their member counts."""
    community = access_community(require_actor(), community_id)
    return with_counts(services.list_teams(community))


@blp.route("/communities/<id:community_id>/teams", methods=["POST"])
@blp.arguments(TeamSchema)
@blp.response(201, TeamSchema)
def create_team(data, community_id):
    """Propose an N team (active member) or create one (secretary)."""
    actor = require_actor()
    community = access_community(actor, community_id)
    return with_counts([services.create_team(actor, community, **data)])[0]


@blp.route("/teams/<id:team_id>/approve", methods=["POST"])
@blp.arguments(DecisionSchema, required=False)
@blp.response(200, TeamSchema)
def approve_team(data, team_id):
    """Approve a proposed team; it joins the dispatch catalogue."""
    team = services.decide_team(require_actor(), team_id, approve=True, **(data or {}))
    return with_counts([team])[0]


@blp.route("/teams/<id:team_id>/reject", methods=["POST"])
@blp.arguments(DecisionSchema, required=False)
@blp.response(200, TeamSchema)
def reject_team(data, team_id):
    """Reject a proposed team."""
    team = services.decide_team(require_actor(), team_id, approve=False, **(data or {}))
    return with_counts([team])[0]


@blp.route("/teams/<id:team_id>/members", methods=["POST"])
@blp.response(201, MembershipSchema)
def join_team(team_id):
    """Join a team (the caller, an active member of its community)."""
    return services.join_team(require_actor(), team_id)


@blp.route(
    "/teams/<id:team_id>/members/<id:member_id>",
    methods=["DELETE"],
)
@blp.response(204)
def leave_team(team_id, member_id):
    """Leave a team (the member) or take a member off it (the secretary)."""
    services.leave_team(require_actor(), team_id, member_id)
