"""/accounts/me, a community's ledger, the love shop (爱心超市): items, redeem, hand over."""

from volunteer.auth.access import require_actor
from volunteer.blueprints import ApiBlueprint as Blueprint
from volunteer.love_bank import services, shop
from volunteer.love_bank.schemas import (
    CommunityBooksSchema,
    HandOverSchema,
    RedemptionSchema,
    ShopItemSchema,
    ShopItemUpdateSchema,
    StatementSchema,
)
from volunteer.pagination import paginate

blp = Blueprint(
    "love_bank", __name__, url_prefix="/api/v1", description="The love bank (爱心银行) and shop"
)


@blp.route("/accounts/me")
@blp.response(200, StatementSchema)
def my_account():
    """My time credits: the balance and the entries, newest first."""
    return services.my_account(require_actor())


@blp.route("/communities/<id:community_id>/ledger")
@blp.response(200, CommunityBooksSchema)
def community_ledger(community_id):
    """The community's books: its account, its people's balances, recent transfers."""
    books = services.community_books(require_actor(), community_id)
    return {
        "community_id": books.community_id,
        "balance": books.balance,
        "people": [
            {"user_id": user.id, "display_name": user.display_name, "balance": account.balance}
            for account, user in books.people
        ],
        "transfers": books.transfers,
    }


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
def hand_over(data):
    """Hand the item over to whoever shows the code (the secretary)."""
    return shop.hand_over(require_actor(), data["code"])


@blp.route("/redemptions/<id:redemption_id>/cancel", methods=["POST"])
@blp.response(200, RedemptionSchema)
def cancel(redemption_id):
    """Cancel a reservation: the item goes back, the points are refunded."""
    return shop.cancel(require_actor(), redemption_id)
