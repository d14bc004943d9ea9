"""The love shop (爱心超市): items, their pictures, redeem, hand over by code, cancel."""

from flask import make_response

from volunteer.auth.access import require_actor
from volunteer.blueprints import ApiBlueprint as Blueprint
from volunteer.love_shop import services as shop
from volunteer.love_shop.schemas import (
    HandOverSchema,
    PictureUploadSchema,
    RedemptionSchema,
    ShopItemSchema,
    ShopItemUpdateSchema,
)
from volunteer.pagination import paginate

blp = Blueprint("love_shop", __name__, url_prefix="/api/v1", description="The love shop (爱心超市)")


@blp.route("/communities/<id:community_id>/shop-items", methods=["POST"])
@blp.arguments(ShopItemSchema)
@blp.response(201, ShopItemSchema)
def add_item(data, community_id):
    """Add an item to the community's love shop (the secretary)."""
    return shop.add_item(require_actor(), community_id, **data)


@blp.route("/communities/<id:community_id>/shop-items")
@blp.response(200, ShopItemSchema(many=True))
@blp.paginate()
def list_items(community_id, pagination_parameters):
    """The items on offer in the community's love shop."""
    return paginate(shop.items_query(require_actor(), community_id), pagination_parameters)


@blp.route("/shop-items/<id:item_id>", methods=["PATCH"])
@blp.arguments(ShopItemUpdateSchema)
@blp.response(200, ShopItemSchema)
def update_item(data, item_id):
    """Restock, reprice, rename or withdraw an item (the secretary)."""
    return shop.update_item(require_actor(), item_id, **data)


@blp.route("/shop-items/<id:item_id>/redeem", methods=["POST"])
@blp.response(201, RedemptionSchema)
def redeem(item_id):
    """Reserve one of the item against my points; the code is shown at the hand-over."""
    return shop.redeem(require_actor(), item_id)


@blp.route("/redemptions/mine")
@blp.response(200, RedemptionSchema(many=True))
def my_redemptions():
    """My redemptions, newest first."""
    return shop.redemptions_of(require_actor())


@blp.route("/redemptions/hand-over", methods=["POST"])
@blp.arguments(HandOverSchema)
@blp.response(200, RedemptionSchema)
@blp.refuses(404)
def hand_over(data):
    """Hand the item over to whoever shows the code (the secretary); a code unknown in the
    caller's communities answers 404."""
    return shop.hand_over(require_actor(), data["code"])


@blp.route("/redemptions/<id:redemption_id>/cancel", methods=["POST"])
@blp.response(200, RedemptionSchema)
def cancel(redemption_id):
    """Cancel a reservation: the item goes back, the points are refunded."""
    return shop.cancel(require_actor(), redemption_id)


@blp.route("/shop-items/<id:item_id>/picture", methods=["POST"])
@blp.arguments(PictureUploadSchema, location="files")
@blp.response(200, ShopItemSchema)
def set_picture(files, item_id):
    """The item's picture (multipart field `picture`): JPEG, PNG or WebP, at most 5 MB."""
    return shop.set_picture(require_actor(), item_id, files["picture"].read())


@blp.route("/shop-items/<id:item_id>/picture")
@blp.response(200, {"format": "binary", "type": "string"}, content_type="image/jpeg")
def get_picture(item_id):
    """The item's picture, for those who see the shop."""
    data, content_type = shop.read_picture(require_actor(), item_id)
    response = make_response(data)
    response.headers["Content-Type"] = content_type
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response
