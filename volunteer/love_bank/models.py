"""Accounts, transfers and their entries (the ledger), the shop's items and redemptions.

After TimeOverflow's transfers: a transfer moves points from one account to another and is
written as two entries that sum to zero, so the sum over all accounts is always zero. Nothing
is ever updated or deleted in the ledger; a correction is a reversing transfer.
"""

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from volunteer.db import utcnow
from volunteer.enums import Labelled, enum_column
from volunteer.extensions import Model


class AccountKind(Labelled):
    PERSON = "person"
    COMMUNITY = "community"


AccountKind.__labels__ = {
    AccountKind.PERSON: _l("personal account"),
    AccountKind.COMMUNITY: _l("community account"),
}


class EntryReason(Labelled):
    """Why points moved (the person's side; the community's counter-entry says the same)."""

    ORDER = "order"
    SATISFIED = "satisfied"
    ACTIVITY = "activity"
    REDEMPTION = "redemption"
    REFUND = "refund"
    REVERSAL = "reversal"


EntryReason.__labels__ = {
    EntryReason.ORDER: _l("service hours of an order"),
    EntryReason.SATISFIED: _l("rated satisfied"),
    EntryReason.ACTIVITY: _l("activity attended"),
    EntryReason.REDEMPTION: _l("redeemed in the love shop"),
    EntryReason.REFUND: _l("redemption cancelled, refunded"),
    EntryReason.REVERSAL: _l("correction (reversed)"),
}


class Account(Model):
    """A person's time-credit account, or a community's (the counter-side of every entry).

    `balance` is the sum of the account's entries, kept beside them so that spending can be
    a conditional UPDATE (`balance >= amount`): of concurrent spends only those covered win.
    """

    __tablename__ = "accounts"
    __table_args__ = (
        sa.CheckConstraint("kind = 'community' OR balance >= 0", name="balance_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # "user:<id>" or "community:<id>": one account per owner, created on first use.
    owner_key: Mapped[str] = mapped_column(sa.String(30), unique=True)
    kind: Mapped[AccountKind] = mapped_column(enum_column(AccountKind, 10))
    community_id: Mapped[int] = mapped_column(sa.ForeignKey("communities.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    balance: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user = relationship("User")
    community = relationship("Community")


class Transfer(Model):
    """One movement of points between two accounts: the pair of entries that sum to zero."""

    __tablename__ = "ledger_transfers"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    reason: Mapped[EntryReason] = mapped_column(enum_column(EntryReason, 12))
    community_id: Mapped[int] = mapped_column(sa.ForeignKey("communities.id"), index=True)
    # What it is for: at most one of these.
    order_id: Mapped[int | None] = mapped_column(sa.ForeignKey("orders.id"), index=True)
    activity_id: Mapped[int | None]
    redemption_id: Mapped[int | None] = mapped_column(sa.ForeignKey("redemptions.id"))
    reverses_id: Mapped[int | None] = mapped_column(sa.ForeignKey("ledger_transfers.id"))
    # Makes automatic credits idempotent: "order:12:0:hours", "reverse:7" …
    key: Mapped[str | None] = mapped_column(sa.String(60), unique=True)
    note: Mapped[str | None] = mapped_column(sa.String(200))
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    entries: Mapped[list["Entry"]] = relationship(back_populates="transfer", lazy="selectin")

    @property
    def amount(self) -> int:
        """The points moved (the positive side)."""
        return max((entry.amount for entry in self.entries), default=0)


class Entry(Model):
    """One side of a transfer on one account; never edited or deleted."""

    __tablename__ = "ledger_entries"
    __table_args__ = (sa.Index("ix_ledger_entries_account", "account_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    transfer_id: Mapped[int] = mapped_column(sa.ForeignKey("ledger_transfers.id"), index=True)
    account_id: Mapped[int] = mapped_column(sa.ForeignKey("accounts.id"))
    amount: Mapped[int]

    transfer: Mapped[Transfer] = relationship(back_populates="entries", lazy="joined")
    account: Mapped[Account] = relationship()


class ShopItem(Model):
    """An item of the community's 爱心超市: a price in points and a stock that never goes
    below zero (a redemption takes one with a conditional UPDATE)."""

    __tablename__ = "shop_items"
    __table_args__ = (sa.CheckConstraint("stock >= 0", name="stock_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(sa.ForeignKey("communities.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(60))
    points: Mapped[int]
    stock: Mapped[int]
    picture_key: Mapped[str | None] = mapped_column(sa.String(100))
    picture_type: Mapped[str | None] = mapped_column(sa.String(20))
    active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    community = relationship("Community")

    @property
    def has_picture(self) -> bool:
        return self.picture_key is not None


class RedemptionStatus(Labelled):
    RESERVED = "reserved"
    HANDED_OVER = "handed_over"
    CANCELLED = "cancelled"


RedemptionStatus.__labels__ = {
    RedemptionStatus.RESERVED: _l("reserved"),
    RedemptionStatus.HANDED_OVER: _l("handed over"),
    RedemptionStatus.CANCELLED: _l("cancelled"),
}


class Redemption(Model):
    """An item reserved for a person with a short code, handed over by the secretary."""

    __tablename__ = "redemptions"
    __table_args__ = (sa.Index("ix_redemptions_user", "user_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(sa.ForeignKey("shop_items.id"))
    community_id: Mapped[int] = mapped_column(sa.ForeignKey("communities.id"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    points: Mapped[int]
    code: Mapped[str] = mapped_column(sa.String(8), unique=True)
    status: Mapped[RedemptionStatus] = mapped_column(
        enum_column(RedemptionStatus, 12), default=RedemptionStatus.RESERVED
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    handed_over_at: Mapped[datetime | None]
    handed_over_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    cancelled_at: Mapped[datetime | None]

    item: Mapped[ShopItem] = relationship(lazy="joined")
    user = relationship("User", foreign_keys=[user_id])
