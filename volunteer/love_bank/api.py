"""/accounts/me and a community's ledger (爱心银行)."""

from volunteer.auth.access import require_actor
from volunteer.blueprints import ApiBlueprint as Blueprint
from volunteer.love_bank import services
from volunteer.love_bank.schemas import CommunityBooksSchema, StatementSchema

blp = Blueprint("love_bank", __name__, url_prefix="/api/v1", description="The love bank (爱心银行)")


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
