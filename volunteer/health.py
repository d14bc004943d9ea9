"""GET /health: is the service up and can it reach its database."""

import sqlalchemy as sa
from marshmallow import fields

from volunteer.blueprints import ApiBlueprint as Blueprint
from volunteer.blueprints import public
from volunteer.extensions import db
from volunteer.schemas import Schema

blp = Blueprint("health", __name__, url_prefix="/api/v1", description="Health")


class HealthSchema(Schema):
    status = fields.String()
    database = fields.String()


@blp.route("/health")
@public
@blp.response(200, HealthSchema)
@blp.alt_response(503, schema=HealthSchema)
def health():
    """Liveness and database reachability."""
    try:
        db.session.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        return {"status": "degraded", "database": "error"}, 503
    return {"status": "ok", "database": "ok"}
