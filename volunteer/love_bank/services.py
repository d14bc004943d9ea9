"""Reading the love bank: my account, and a community's books for its secretary."""

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from volunteer.auth.access import Actor, manages_community
from volunteer.auth.communities import access_community
from volunteer.auth.models import User
from volunteer.errors import Forbidden
from volunteer.extensions import db
from volunteer.love_bank import ledger
from volunteer.love_bank.models import Account, AccountKind, Entry, Transfer


@dataclass
class Statement:
    """An account's balance and its entries, newest first."""

    balance: int
    entries: list[Entry]
    account: Account | None = None


def my_account(actor: Actor, limit: int = 200) -> Statement:
    """The caller's time credits (an account nobody has earned into yet reads 0)."""
    account = ledger.find_person_account(actor.id)
    return Statement(
        balance=account.balance if account is not None else 0,
        entries=ledger.entries_of(account, limit),
        account=account,
    )


@dataclass
class CommunityBooks:
    """A community's account (what it has issued), its people's balances, recent transfers."""

    community_id: int
    balance: int
    people: list[tuple[Account, User]]
    transfers: list[Transfer]


def community_books(actor: Actor, community_id: int, limit: int = 100) -> CommunityBooks:
    """The community's ledger (its secretary, the street admin)."""
    community = access_community(actor, community_id)
    if not manages_community(actor, community):
        raise Forbidden(_l("Only the community's secretary sees its ledger."))
    own = db.session.scalar(
        sa.select(Account).where(Account.owner_key == ledger.community_key(community.id))
    )
    people = [
        (account, user)
        for account, user in db.session.execute(
            sa.select(Account, User)
            .join(User, User.id == Account.user_id)
            .where(Account.community_id == community.id, Account.kind == AccountKind.PERSON)
            .order_by(Account.balance.desc(), Account.id)
        )
    ]
    transfers = list(
        db.session.scalars(
            sa.select(Transfer)
            .where(Transfer.community_id == community.id)
            .order_by(Transfer.id.desc())
            .limit(limit)
        )
    )
    return CommunityBooks(
        community_id=community.id,
        balance=own.balance if own is not None else 0,
        people=people,
        transfers=transfers,
    )
