"""Users, their role grants, API tokens, page login sessions, failed logins and password
reset codes."""

from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from volunteer.auth.roles import Role
from volunteer.db import utcnow
from volunteer.enums import enum_column
from volunteer.extensions import Model


class User(UserMixin, Model):
    """A person who can log in; what they may do comes from their grants and member record."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(32), unique=True)
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    display_name: Mapped[str] = mapped_column(sa.String(60))
    # A mainland mobile number (11 digits), unique: one may log in with it.
    phone: Mapped[str | None] = mapped_column(sa.String(20), unique=True)
    email: Mapped[str | None] = mapped_column(sa.String(254))
    community_id: Mapped[int | None] = mapped_column(sa.ForeignKey("communities.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    grants: Mapped[list["RoleGrant"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )
    member = relationship(
        "Member",
        back_populates="user",
        uselist=False,
        foreign_keys="Member.user_id",
    )

    # The key of the login session this request runs in (set when logging in through the
    # pages, and by the session loader); Flask-Login keeps it in the cookie (see get_id).
    if TYPE_CHECKING:  # not a column: the ORM reads annotations at run time
        login_session_key: str | None
    login_session_key = None

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str | None:
        """What the session cookie holds: the login session's key, never the bare user id, so
        that ending the session on the server ends the cookie."""
        return self.login_session_key

    def grants_of(self, role: str) -> list["RoleGrant"]:
        """This user's grants of one role."""
        return [grant for grant in self.grants if grant.role == role]

    @property
    def is_admin(self) -> bool:
        return bool(self.grants_of(Role.ADMIN))

    @property
    def secretary_of(self) -> set[int | None]:
        """Ids of the communities this user is secretary of."""
        return {g.community_id for g in self.grants_of(Role.SECRETARY)}

    @property
    def street_admin_of(self) -> set[int | None]:
        """Ids of the streets this user administers."""
        return {g.street_id for g in self.grants_of(Role.STREET_ADMIN)}

    @property
    def surveyor_of(self) -> set[int | None]:
        """Ids of the streets this user calls back sampled orders for (回访员)."""
        return {g.street_id for g in self.grants_of(Role.SURVEYOR)}

    @property
    def grid_worker_of(self) -> set[int]:
        """Ids of the grids this user walks as their grid worker (网格员)."""
        return {g.grid_id for g in self.grants_of(Role.GRID_WORKER) if g.grid_id is not None}

    @property
    def contact_of(self) -> set[int | None]:
        """Ids of the employers this user is the party-organisation contact of."""
        return {g.employer_id for g in self.grants_of(Role.EMPLOYER_CONTACT)}

    @property
    def active_member(self):
        """The member record when this user's report-in is confirmed, else None."""
        member = self.member
        return member if member is not None and member.is_active else None


class RoleGrant(Model):
    """One role held by one user over one scope (a community, a street, an employer, or all)."""

    __tablename__ = "role_grants"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(enum_column(Role, 20))
    community_id: Mapped[int | None] = mapped_column(sa.ForeignKey("communities.id"), index=True)
    street_id: Mapped[int | None] = mapped_column(sa.ForeignKey("streets.id"), index=True)
    employer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("employers.id"), index=True)
    grid_id: Mapped[int | None] = mapped_column(sa.ForeignKey("grids.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(back_populates="grants")


class ApiToken(Model):
    """A bearer token; only its SHA-256 is stored, so a database leak reveals no token."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(lazy="joined")


class LoginSession(Model):
    """A login through the pages; the cookie carries its key (only the SHA-256 is stored).

    Logging out ends it; a password change ends every one of the user's.
    """

    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    key_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(lazy="joined")


class LoginFailure(Model):
    """A failed login, counted in the database so the lockout holds across workers: per
    username and client address, and per username alone up to a higher ceiling."""

    __tablename__ = "login_failures"
    __table_args__ = (
        sa.Index("ix_login_failures_username_at", "username", "at"),
        sa.Index("ix_login_failures_username_address_at", "username", "address", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(64))
    address: Mapped[str | None] = mapped_column(sa.String(64))
    at: Mapped[datetime] = mapped_column(default=utcnow)


class ResetCode(Model):
    """A one-time code the desk issues for a forgotten password; only its hash is stored.

    It works once, until `expires_at`, and burns after `MAX_TRIES` wrong guesses; issuing a new
    one spends the user's earlier ones.
    """

    __tablename__ = "reset_codes"

    MAX_TRIES = 5

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    issued_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    code_hash: Mapped[str] = mapped_column(sa.String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    wrong_tries: Mapped[int] = mapped_column(default=0)

    user: Mapped[User] = relationship(foreign_keys=[user_id])


class CallerGeneration(Model):
    """One row: a counter that every change to users, API tokens, role grants or member
    records bumps when it commits (volunteer/auth/callers.py), so that each process knows
    whether the callers it keeps are still as the database has them."""

    __tablename__ = "caller_generations"

    id: Mapped[int] = mapped_column(primary_key=True)
    generation: Mapped[int] = mapped_column(sa.BigInteger, default=0)


# The row exists as soon as the table does (create_all; migration 0027 inserts it as well).
sa.event.listen(
    CallerGeneration.__table__,
    "after_create",
    sa.DDL("INSERT INTO caller_generations (id, generation) VALUES (1, 0)"),
)
