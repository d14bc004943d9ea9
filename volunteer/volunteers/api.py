"""/volunteers: a resident applies (居民志愿者), the secretary confirms."""

from volunteer.auth.access import require_actor
from volunteer.blueprints import ApiBlueprint as Blueprint
from volunteer.pagination import paginate
from volunteer.volunteers import services
from volunteer.volunteers.schemas import VolunteerQuerySchema, VolunteerSchema

blp = Blueprint(
    "volunteers", __name__, url_prefix="/api/v1", description="Resident volunteers (居民志愿者)"
)


@blp.route("/volunteers", methods=["POST"])
@blp.arguments(VolunteerSchema)
@blp.response(201, VolunteerSchema)
def apply(data):
    """Apply to help neighbours in my community (pending until the secretary confirms)."""
    return services.apply(require_actor(), **data)


@blp.route("/volunteers")
@blp.arguments(VolunteerQuerySchema, location="query")
@blp.response(200, VolunteerSchema(many=True))
@blp.paginate()
def list_volunteers(args, pagination_parameters):
    """The volunteers of the caller's communities (secretary, street admin)."""
    return paginate(services.volunteers_query(require_actor(), **args), pagination_parameters)


@blp.route("/volunteers/<id:volunteer_id>")
@blp.response(200, VolunteerSchema)
def get_volunteer(volunteer_id):
    """One volunteer (themself, their secretary)."""
    return services.access_volunteer(require_actor(), volunteer_id)


@blp.route("/volunteers/<id:volunteer_id>/confirm", methods=["POST"])
@blp.response(200, VolunteerSchema)
def confirm(volunteer_id):
    """Confirm an application (the community's secretary)."""
    return services.confirm(require_actor(), volunteer_id)
