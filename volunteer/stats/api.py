"""GET /stats: 办结率, 按时办结率, 满意率, response and handling times, participation."""

from urllib.parse import quote

from flask import Response

from volunteer.auth.access import require_actor
from volunteer.blueprints import ApiBlueprint as Blueprint
from volunteer.extensions import db
from volunteer.orders.models import Order
from volunteer.orders.queries import filtered_orders
from volunteer.orders.schemas import OrderQuerySchema
from volunteer.stats import exports, services
from volunteer.stats.schemas import StatsQuerySchema, StatsSchema

blp = Blueprint("stats", __name__, url_prefix="/api/v1", description="Statistics")


@blp.route("/stats")
@blp.arguments(StatsQuerySchema, location="query")
@blp.response(200, StatsSchema)
def stats(args):
    """Figures for a community, a street or (admin) everything over a date range; add
    `group_by=category|team|grid|month` for breakdowns."""
    return services.statistics(require_actor(), **args)


CONTENT_TYPES = {"csv": "text/csv", "xlsx": exports.XLSX}
BINARY = {"type": "string", "format": "binary"}


def export_views(fmt: str) -> None:
    """GET /exports/orders.<fmt> and /exports/stats.<fmt>, each documenting its file type."""

    @blp.route(f"/exports/orders.{fmt}", endpoint=f"export_orders_{fmt}")
    @blp.arguments(OrderQuerySchema, location="query")
    @blp.response(200, BINARY, content_type=CONTENT_TYPES[fmt])
    def export_orders(args):
        """The orders the caller may see (same filters as GET /orders)."""
        actor = require_actor()
        select = filtered_orders(actor, args).order_by(Order.id).execution_options(yield_per=500)
        rows = (exports.order_row(order, actor) for order in db.session.scalars(select))
        return download("工单", fmt, exports.ORDER_COLUMNS, rows)

    @blp.route(f"/exports/stats.{fmt}", endpoint=f"export_stats_{fmt}")
    @blp.arguments(StatsQuerySchema, location="query")
    @blp.response(200, BINARY, content_type=CONTENT_TYPES[fmt])
    def export_stats(args):
        """GET /stats as a table: one row overall, then one per group (by month unless
        group_by says otherwise)."""
        figures = services.statistics(require_actor(), **{"group_by": "month", **args})
        return download("统计", fmt, exports.STATS_COLUMNS, exports.stats_rows(figures))


for fmt in CONTENT_TYPES:
    export_views(fmt)


def download(name: str, fmt: str, columns, rows):
    """A file download with a Chinese file name (RFC 5987)."""
    filename = f"{name}.{fmt}"
    disposition = f"attachment; filename=export.{fmt}; filename*=UTF-8''{quote(filename)}"
    if fmt == "csv":
        # Written out inside the request: rows are read in batches while the session is open.
        response = Response("".join(exports.csv_stream(columns, rows)), mimetype="text/csv")
        response.headers["Content-Type"] = "text/csv; charset=utf-8"
    else:
        response = Response(exports.xlsx_bytes(name, columns, rows), mimetype=exports.XLSX)
    response.headers["Content-Disposition"] = disposition
    return response
