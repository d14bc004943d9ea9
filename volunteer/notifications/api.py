"""/notifications (everyone) and /follow-ups (回访, secretaries)."""

from volunteer.auth.access import require_actor
from volunteer.blueprints import ApiBlueprint as Blueprint
from volunteer.notifications import services
from volunteer.notifications.schemas import (
    FollowUpQuerySchema,
    FollowUpSchema,
    NotificationQuerySchema,
    NotificationSchema,
)
from volunteer.pagination import paginate

blp = Blueprint("notifications", __name__, url_prefix="/api/v1", description="Notifications")


@blp.route("/notifications")
@blp.arguments(NotificationQuerySchema, location="query")
@blp.response(200, NotificationSchema(many=True))
@blp.paginate()
def list_notifications(args, pagination_parameters):
    """The caller's in-app notifications, newest first."""
    select = services.notifications_of(require_actor(), **args)
    return paginate(select, pagination_parameters)


@blp.route("/notifications/<id:notification_id>/read", methods=["POST"])
@blp.response(200, NotificationSchema)
def read_notification(notification_id):
    """Mark a notification read."""
    return services.mark_read(require_actor(), notification_id)


@blp.route("/notifications/read-all", methods=["POST"])
@blp.response(204)
def read_all_notifications():
    """Mark every notification of the caller read."""
    services.mark_all_read(require_actor())


@blp.route("/follow-ups")
@blp.arguments(FollowUpQuerySchema, location="query")
@blp.response(200, FollowUpSchema(many=True))
@blp.paginate()
def list_follow_ups(args, pagination_parameters):
    """回访 items after low ratings, in the caller's communities."""
    return paginate(services.follow_ups_of(require_actor(), **args), pagination_parameters)
