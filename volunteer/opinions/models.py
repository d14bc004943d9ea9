"""An opinion request (征求意见) and its answer."""

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from volunteer.db import utcnow
from volunteer.enums import Labelled, enum_column
from volunteer.extensions import Model
from volunteer.reports.grades import Grade


class OpinionStatus(Labelled):
    WAITING = "waiting"
    ANSWERED = "answered"


OpinionStatus.__labels__ = {
    OpinionStatus.WAITING: _l("waiting for the community"),
    OpinionStatus.ANSWERED: _l("answered"),
}


class OpinionRequest(Model):
    """An employer contact asks about one member for a purpose (e.g. 拟提拔); the community's
    secretary answers with an opinion and a grade."""

    __tablename__ = "opinion_requests"
    __table_args__ = (
        sa.Index("ix_opinion_requests_member", "member_id"),
        sa.Index("ix_opinion_requests_employer", "employer_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(sa.ForeignKey("members.id"))
    employer_id: Mapped[int] = mapped_column(sa.ForeignKey("employers.id"))
    requested_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    purpose: Mapped[str] = mapped_column(sa.String(200))
    status: Mapped[OpinionStatus] = mapped_column(
        enum_column(OpinionStatus, 10), default=OpinionStatus.WAITING
    )
    opinion: Mapped[str | None] = mapped_column(sa.String(2000))
    grade: Mapped[Grade | None] = mapped_column(enum_column(Grade, 20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    answered_at: Mapped[datetime | None]
    answered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    member = relationship("Member", lazy="joined")
    employer = relationship("Employer")
