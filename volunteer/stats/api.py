"""GET /stats: 办结率, 按时办结率, 满意率, response and handling times, participation."""

from volunteer.auth.access import require_actor
from volunteer.blueprints import ApiBlueprint as Blueprint
from volunteer.stats import services
from volunteer.stats.schemas import StatsQuerySchema, StatsSchema

blp = Blueprint("stats", __name__, url_prefix="/api/v1", description="Statistics")


@blp.route("/stats")
@blp.arguments(StatsQuerySchema, location="query")
@blp.response(200, StatsSchema)
def stats(args):
    """Figures for a community, a street or (admin) everything over a date range; add
    `group_by=category|team|grid|month` for breakdowns."""
    return services.statistics(require_actor(), **args)
