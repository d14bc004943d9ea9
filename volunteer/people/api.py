"""/members: report in (报到), confirm, list, see, consent, leave."""

from volunteer.auth.access import manages_community, require_actor
from volunteer.blueprints import ApiBlueprint as Blueprint
from volunteer.pagination import paginate
from volunteer.people import services
from volunteer.people.schemas import (
    EMPLOYER_VIEW,
    ConsentSchema,
    MemberOutSchema,
    MemberQuerySchema,
    MemberSchema,
)

blp = Blueprint("people", __name__, url_prefix="/api/v1", description="Members (报到)")


def as_seen_by(actor, member):
    """Employer contacts see the record fields of consenting members, nothing more."""
    if member.user_id == actor.id or manages_community(actor, member.community):
        return member
    if not member.consent_employer_feedback:
        return {
            "id": member.id,
            "display_name": member.display_name,
            "consent_employer_feedback": False,
        }
    return {field: getattr(member, field) for field in EMPLOYER_VIEW}


@blp.route("/members", methods=["POST"])
@blp.arguments(MemberSchema)
@blp.response(201, MemberOutSchema)
def report_in(data):
    """Report in to the community where you live (pending until the secretary confirms)."""
    return services.report_in(require_actor(), **data)


@blp.route("/members")
@blp.arguments(MemberQuerySchema, location="query")
@blp.response(200, MemberOutSchema(many=True))
@blp.paginate()
def list_members(args, pagination_parameters):
    """Members in the caller's communities (secretary, street admin)."""
    return paginate(services.members_query(require_actor(), **args), pagination_parameters)


@blp.route("/members/<id:member_id>")
@blp.response(200, MemberOutSchema)
def get_member(member_id):
    """One member, as far as the caller may see it."""
    actor = require_actor()
    return as_seen_by(actor, services.access_member(actor, member_id))


@blp.route("/members/<id:member_id>/confirm", methods=["POST"])
@blp.response(200, MemberOutSchema)
def confirm_member(member_id):
    """Confirm a report-in (the community's secretary)."""
    return services.confirm_member(require_actor(), member_id)


@blp.route("/members/<id:member_id>/consent", methods=["PUT"])
@blp.arguments(ConsentSchema)
@blp.response(200, MemberOutSchema)
def set_consent(data, member_id):
    """Give or withdraw consent to share the service record with the employer (the member)."""
    return services.set_consent(require_actor(), member_id, data["consent_employer_feedback"])


@blp.route("/members/<id:member_id>/leave", methods=["POST"])
@blp.response(200, MemberOutSchema)
def leave_community(member_id):
    """End the report-in (transferred out)."""
    return services.leave_community(require_actor(), member_id)
