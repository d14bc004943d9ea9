"""Activities, a certificate and an opinion request for the demo district: a 党员公益日 ten
days ago with attendance and hours, one in three days half full, a certificate issued to a
member, and the hospital asking 幸福里社区 about one of its members."""

from datetime import datetime, time, timedelta

import sqlalchemy as sa

from volunteer.activities import attendance, services
from volunteer.activities.models import Signup
from volunteer.auth.models import RoleGrant, User
from volunteer.certificates.services import issue_certificate
from volunteer.db import utcnow
from volunteer.extensions import db
from volunteer.opinions.services import ask_opinion
from volunteer.orders.timing import zone
from volunteer.people.models import Member, MemberStatus
from volunteer.reports.members import today


def local(days: int, hour: int, minute: int = 0) -> datetime:
    """A local time `days` from today (negative: ago)."""
    return datetime.combine(today() + timedelta(days=days), time(hour, minute), zone())


def seed_activities(secretaries: dict[int, User]) -> None:
    """Seed the first community's activities, a certificate and a waiting opinion request."""
    community_id = min(secretaries)
    secretary = secretaries[community_id]
    members = list(
        db.session.scalars(
            sa.select(Member)
            .where(Member.community_id == community_id, Member.status == MemberStatus.ACTIVE)
            .order_by(Member.id)
        )
    )
    past = services.post_activity(
        secretary,
        community_id=community_id,
        title="党员公益日：小区环境整治",
        description="清理楼道杂物、捡拾绿地垃圾，自带手套。",
        place="幸福里社区党群服务中心门前",
        starts_at=local(-10, 9),
        ends_at=local(-10, 11, 30),
        capacity=10,
    )
    # Ten days ago the members signed up, checked in and out (the QR was scanned then).
    for index, member in enumerate(members[:6]):
        arrived = past.starts_at - timedelta(minutes=10 - index)
        left = (
            past.ends_at + timedelta(minutes=5)
            if index != 4
            else arrived + timedelta(hours=1, minutes=20)
        )
        db.session.add(
            Signup(
                activity_id=past.id,
                member_id=member.id,
                created_at=past.starts_at - timedelta(days=3),
                checked_in_at=arrived,
                checked_out_at=left,
            )
        )
    past.signed_up = min(6, len(members))
    db.session.flush()
    attendance.close_activity(secretary, past.id)
    if len(members) > 5:
        attendance.correct_hours(
            secretary,
            past.id,
            member_id=members[5].id,
            hours_after=2.0,
            reason="提前半小时离开清运垃圾，按实际时长更正",
        )

    upcoming = services.post_activity(
        secretary,
        community_id=community_id,
        title="志愿者社区行：义诊与政策宣讲",
        description="为社区老人量血压、讲解医保政策；需要医务和宣讲志愿者。",
        place="幸福里社区广场",
        starts_at=local(3, 9),
        ends_at=local(3, 11),
        capacity=8,
    )
    for member in members[1:5]:
        services.sign_up(member.user, upcoming.id)

    # A certificate of this year's service, and an employer's question waiting for the desk.
    first = members[0]
    now = utcnow().astimezone(zone()).date()
    issue_certificate(first.user, first.id, start=now.replace(month=1, day=1), end=now)
    contact = db.session.scalar(
        sa.select(User).join(RoleGrant).where(RoleGrant.role == "employer_contact")
    )
    asked = next(
        (
            m
            for m in members
            if contact is not None
            and m.employer_id in contact.contact_of
            and m.consent_employer_feedback
        ),
        None,
    )
    if contact is not None and asked is not None:
        ask_opinion(contact, asked.id, "拟提拔为科室副主任")
    db.session.flush()
