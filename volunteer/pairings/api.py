"""/pairings (结对帮扶) and the households' 爱心永驻联系卡."""

from flask import Response

from volunteer.auth.access import require_actor
from volunteer.blueprints import ApiBlueprint as Blueprint
from volunteer.pagination import paginate
from volunteer.pairings import card, services
from volunteer.pairings.schemas import PairingQuerySchema, PairingSchema

blp = Blueprint("pairings", __name__, url_prefix="/api/v1", description="Pairings (结对帮扶)")

BINARY = {"format": "binary", "type": "string"}


def shown(pairing):
    pairing.visit_order_ids = [visit.order_id for visit in pairing.visits]
    return pairing


@blp.route("/pairings", methods=["POST"])
@blp.arguments(PairingSchema)
@blp.response(201, PairingSchema)
def create_pairing(data):
    """Pair a member (`member_id`) or resident volunteer (`volunteer_id`) with a household."""
    return shown(services.create_pairing(require_actor(), **data))


@blp.route("/pairings")
@blp.arguments(PairingQuerySchema, location="query")
@blp.response(200, PairingSchema(many=True))
@blp.paginate()
def list_pairings(args, pagination_parameters):
    """The pairings the caller manages or is the paired person of."""
    select = services.pairings_query(require_actor(), **args)
    return [shown(p) for p in paginate(select, pagination_parameters)]


@blp.route("/pairings/<id:pairing_id>")
@blp.response(200, PairingSchema)
def get_pairing(pairing_id):
    """One pairing (the paired person, the secretary)."""
    return shown(services.access_pairing(require_actor(), pairing_id))


@blp.route("/pairings/<id:pairing_id>/end", methods=["POST"])
@blp.response(200, PairingSchema)
def end_pairing(pairing_id):
    """End a pairing: no more visits (the secretary)."""
    return shown(services.end_pairing(require_actor(), pairing_id))


@blp.route("/pairings/<id:pairing_id>/card.pdf")
@blp.response(200, BINARY, content_type=card.CONTENT_TYPE)
def contact_card(pairing_id):
    """The household's 爱心永驻联系卡 as a one-page PDF in large print (the secretary)."""
    data, filename = card.card_pdf(require_actor(), pairing_id)
    return Response(
        data,
        content_type=card.CONTENT_TYPE,
        headers={
            "Content-Disposition": f'inline; filename="{filename}"',
            "Cache-Control": "private, no-store",
        },
    )
