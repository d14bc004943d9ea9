"""/members/{id}/opinion-requests and /opinion-requests/{id} (干部考察进社区)."""

from volunteer.auth.access import require_actor
from volunteer.blueprints import ApiBlueprint as Blueprint
from volunteer.opinions import services
from volunteer.opinions.schemas import AnswerInputSchema, AskInputSchema, OpinionRequestSchema

blp = Blueprint(
    "opinions",
    __name__,
    url_prefix="/api/v1",
    description="The employer asks the community's opinion (干部考察进社区)",
)


@blp.route("/members/<id:member_id>/opinion-requests", methods=["POST"])
@blp.arguments(AskInputSchema)
@blp.response(201, OpinionRequestSchema)
def ask_opinion(data, member_id):
    """Ask the residential community's opinion of a consenting member (employer contact)."""
    actor = require_actor()
    return services.request_view(actor, services.ask_opinion(actor, member_id, data["purpose"]))


@blp.route("/opinion-requests/<id:request_id>")
@blp.response(200, OpinionRequestSchema)
def get_opinion_request(request_id):
    """The request and, once given, the answer (the asking employer, the member's secretary)."""
    actor = require_actor()
    return services.request_view(actor, services.access_request(actor, request_id))


@blp.route("/opinion-requests/<id:request_id>/answer", methods=["POST"])
@blp.arguments(AnswerInputSchema)
@blp.response(200, OpinionRequestSchema)
def answer_opinion(data, request_id):
    """Answer with an opinion and a grade (the secretary of the member's community)."""
    actor = require_actor()
    return services.request_view(actor, services.answer_opinion(actor, request_id, **data))
