"""The ledger's one way to move points, the credits earned by service, and the books check.

Every movement is a `Transfer` written as two entries that sum to zero: a credit to a person
is a debit to their community's account, a redemption the other way round. Accounts' balances
change by conditional UPDATEs in the same transaction, so a person's balance never goes below
zero however many spend at once (the losers get 409). Nothing here edits or deletes an entry;
a correction is a reversing transfer.

Other features call in through plain functions that take what they need, so that the ledger
imports none of them: `credit_closed_order` and `reverse_order_credits` (orders),
`credit_activity_attendance` (activities, once they exist).
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from volunteer.errors import Conflict
from volunteer.extensions import db
from volunteer.love_bank.models import Account, AccountKind, Entry, EntryReason, Transfer

SATISFIED_SCORE = 4  # 5–4 is 满意 (volunteer/satisfaction.py)


def user_key(user_id: int) -> str:
    return f"user:{user_id}"


def community_key(community_id: int) -> str:
    return f"community:{community_id}"


def _account(key: str, **fields: Any) -> Account:
    """The account with this owner key, created on first use (once, even when two requests
    create it at the same moment: the unique key decides, the loser reads the winner's)."""
    account = db.session.scalar(sa.select(Account).where(Account.owner_key == key))
    if account is not None:
        return account
    try:
        with db.session.begin_nested():
            account = Account(owner_key=key, balance=0, **fields)
            db.session.add(account)
    except IntegrityError:
        account = db.session.scalar(sa.select(Account).where(Account.owner_key == key))
    assert account is not None
    return account


def community_account(community_id: int) -> Account:
    """The community's account: the counter-side of its people's entries (it goes negative
    by what it has issued and not yet taken back)."""
    return _account(
        community_key(community_id), kind=AccountKind.COMMUNITY, community_id=community_id
    )


def person_account(user_id: int, community_id: int) -> Account:
    """A person's account (opened in the community where they first earn or spend)."""
    return _account(
        user_key(user_id), kind=AccountKind.PERSON, community_id=community_id, user_id=user_id
    )


def find_person_account(user_id: int) -> Account | None:
    return db.session.scalar(sa.select(Account).where(Account.owner_key == user_key(user_id)))


def transfer(
    source: Account,
    destination: Account,
    amount: int,
    reason: EntryReason,
    *,
    key: str | None = None,
    actor_id: int | None = None,
    **refs: Any,
) -> Transfer | None:
    """Move `amount` points from `source` to `destination`: two entries, both balances.

    A person's account is debited only while it covers the amount (a conditional UPDATE),
    else 409 and nothing is written. With a `key` the transfer happens at most once: a
    second call with the same key returns None."""
    if amount <= 0:
        raise ValueError("a transfer moves a positive amount")
    if key is not None and db.session.scalar(sa.select(Transfer.id).where(Transfer.key == key)):
        return None
    # Lock the two rows in id order, so that two transfers between the same accounts in
    # opposite directions cannot deadlock on PostgreSQL.
    for account, change in sorted(
        ((source, -amount), (destination, amount)), key=lambda pair: pair[0].id
    ):
        update = sa.update(Account).where(Account.id == account.id)
        if change < 0 and account.kind == AccountKind.PERSON:
            update = update.where(Account.balance >= -change)
        result = db.session.execute(
            update.values(balance=Account.balance + change).execution_options(
                synchronize_session=False
            )
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise Conflict(_l("The balance is too low."))
    record = Transfer(
        reason=reason,
        community_id=destination.community_id
        if destination.kind == AccountKind.COMMUNITY
        else source.community_id,
        key=key,
        created_by_id=actor_id,
        **refs,
    )
    record.entries = [
        Entry(account_id=source.id, amount=-amount),
        Entry(account_id=destination.id, amount=amount),
    ]
    db.session.add(record)
    db.session.flush()
    db.session.expire(source, ["balance"])
    db.session.expire(destination, ["balance"])
    return record


def credit(
    user_id: int, community_id: int, amount: int, reason: EntryReason, **kwargs: Any
) -> Transfer | None:
    """Points from the community to a person (their service)."""
    if amount <= 0:
        return None
    return transfer(
        community_account(community_id),
        person_account(user_id, community_id),
        amount,
        reason,
        **kwargs,
    )


def points_for(hours: Decimal | float | None) -> int:
    """`hours × LOVE_BANK_POINTS_PER_HOUR`, whole points."""
    if not hours:
        return 0
    return int(Decimal(str(hours)) * current_app.config["LOVE_BANK_POINTS_PER_HOUR"])


def credit_closed_order(order: Any) -> list[Transfer]:
    """The claimer of a closed order (rated or auto-closed) earns its hours, and the bonus
    when it was rated 满意; once per round of the order (a rework starts a new round)."""
    if order.claimed_by is None:
        return []
    user_id, community_id = order.claimed_by.user_id, order.community_id
    round_key = f"order:{order.id}:{order.rework_count}"
    done = [
        credit(
            user_id,
            community_id,
            points_for(order.completion_hours),
            EntryReason.ORDER,
            key=f"{round_key}:hours",
            order_id=order.id,
        )
    ]
    if order.score is not None and order.score >= SATISFIED_SCORE:
        done.append(
            credit(
                user_id,
                community_id,
                current_app.config["LOVE_BANK_SATISFIED_BONUS"],
                EntryReason.SATISFIED,
                key=f"{round_key}:satisfied",
                order_id=order.id,
            )
        )
    return [t for t in done if t is not None]


def reverse(original: Transfer, *, actor_id: int | None = None, note: str | None = None):
    """The correction of a transfer: the same points back (as far as the account that got
    them still holds them, since no balance goes below zero). Once per transfer."""
    entries = {entry.amount > 0: entry for entry in original.entries}
    receiver = db.session.get(Account, entries[True].account_id)
    payer = db.session.get(Account, entries[False].account_id)
    assert receiver is not None and payer is not None
    db.session.refresh(receiver, ["balance"])
    amount = entries[True].amount
    if receiver.kind == AccountKind.PERSON:
        amount = min(amount, receiver.balance)
    if amount <= 0:
        return None
    return transfer(
        receiver,
        payer,
        amount,
        EntryReason.REVERSAL,
        key=f"reverse:{original.id}",
        actor_id=actor_id,
        reverses_id=original.id,
        order_id=original.order_id,
        activity_id=original.activity_id,
        redemption_id=original.redemption_id,
        note=note,
    )


def reverse_order_credits(order: Any, actor_id: int | None = None) -> list[Transfer]:
    """A rework sends the order back: what its closed round earned is reversed."""
    reversed_ids = sa.select(Transfer.reverses_id).where(Transfer.reverses_id.is_not(None))
    credits = db.session.scalars(
        sa.select(Transfer)
        .where(
            Transfer.order_id == order.id,
            Transfer.reason.in_([EntryReason.ORDER, EntryReason.SATISFIED]),
            Transfer.id.not_in(reversed_ids),
        )
        .order_by(Transfer.id)
    ).all()
    done = [reverse(t, actor_id=actor_id, note="重办：撤销前次积分") for t in credits]
    return [t for t in done if t is not None]


def credit_activity_attendance(
    *, user_id: int, community_id: int, activity_id: int, hours: Decimal | float
) -> Transfer | None:
    """An attendee of a closed activity earns `hours × LOVE_BANK_POINTS_PER_HOUR`, once per
    activity (the hook for the activities feature: call it for each attendee on close)."""
    return credit(
        user_id,
        community_id,
        points_for(hours),
        EntryReason.ACTIVITY,
        key=f"activity:{activity_id}:user:{user_id}",
        activity_id=activity_id,
    )


def recredit_activity_attendance(
    *,
    user_id: int,
    community_id: int,
    activity_id: int,
    hours: Decimal | float,
    correction_id: int,
    actor_id: int | None = None,
) -> Transfer | None:
    """The secretary corrected an attendee's hours: what the activity earned them so far is
    reversed and the corrected hours are credited (entries are never edited)."""
    prefix = f"activity:{activity_id}:user:{user_id}"
    reversed_ids = sa.select(Transfer.reverses_id).where(Transfer.reverses_id.is_not(None))
    earlier = db.session.scalars(
        sa.select(Transfer).where(
            Transfer.activity_id == activity_id,
            Transfer.reason == EntryReason.ACTIVITY,
            sa.or_(Transfer.key == prefix, Transfer.key.startswith(prefix + ":")),
            Transfer.id.not_in(reversed_ids),
        )
    ).all()
    for original in earlier:
        reverse(original, actor_id=actor_id, note="活动时长更正：撤销前次积分")
    return credit(
        user_id,
        community_id,
        points_for(hours),
        EntryReason.ACTIVITY,
        key=f"{prefix}:fix:{correction_id}",
        activity_id=activity_id,
    )


def entries_of(account: Account | None, limit: int = 200) -> list[Entry]:
    """An account's entries, newest first."""
    if account is None:
        return []
    return list(
        db.session.scalars(
            sa.select(Entry)
            .where(Entry.account_id == account.id)
            .order_by(Entry.id.desc())
            .limit(limit)
        )
    )


@dataclass
class BooksCheck:
    """What `volunteer ledger check` found; `balanced` when every rule holds."""

    transfers: int = 0
    entries: int = 0
    total: int = 0
    unbalanced_transfers: list[int] = field(default_factory=list)
    mismatched_accounts: list[int] = field(default_factory=list)
    negative_accounts: list[int] = field(default_factory=list)

    @property
    def balanced(self) -> bool:
        return not (
            self.total
            or self.unbalanced_transfers
            or self.mismatched_accounts
            or self.negative_accounts
        )


def check_books() -> BooksCheck:
    """All entries sum to zero, each transfer has exactly its two entries summing to zero,
    each account's balance is the sum of its entries, and no person's balance is negative."""
    check = BooksCheck()
    check.transfers = db.session.scalar(sa.select(sa.func.count(Transfer.id))) or 0
    check.entries = db.session.scalar(sa.select(sa.func.count(Entry.id))) or 0
    check.total = int(
        db.session.scalar(sa.select(sa.func.coalesce(sa.func.sum(Entry.amount), 0))) or 0
    )
    check.unbalanced_transfers = list(
        db.session.scalars(
            sa.select(Transfer.id)
            .outerjoin(Entry, Entry.transfer_id == Transfer.id)
            .group_by(Transfer.id)
            .having(
                sa.or_(
                    sa.func.count(Entry.id) != 2,
                    sa.func.coalesce(sa.func.sum(Entry.amount), 0) != 0,
                )
            )
        )
    )
    sums = (
        sa.select(Entry.account_id, sa.func.sum(Entry.amount).label("total"))
        .group_by(Entry.account_id)
        .subquery()
    )
    check.mismatched_accounts = list(
        db.session.scalars(
            sa.select(Account.id)
            .outerjoin(sums, sums.c.account_id == Account.id)
            .where(Account.balance != sa.func.coalesce(sums.c.total, 0))
        )
    )
    check.negative_accounts = list(
        db.session.scalars(
            sa.select(Account.id).where(Account.kind == AccountKind.PERSON, Account.balance < 0)
        )
    )
    return check
