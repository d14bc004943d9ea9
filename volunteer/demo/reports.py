"""Evaluations and employer reports for the demo district: one report sent, one draft."""

from datetime import date

import sqlalchemy as sa

from volunteer.auth.models import RoleGrant, User
from volunteer.extensions import db
from volunteer.organisations.models import Employer
from volunteer.people.models import Member
from volunteer.reports.delivery import send_report
from volunteer.reports.members import evaluate_member, suggestion, today
from volunteer.reports.services import create_report

COMMENTS = {
    "excellent": "服务热情，响应及时，群众评价高。",
    "qualified": "能按要求参加社区服务。",
    "basically_qualified": "参加服务次数较少，希望多参与。",
    "unqualified": "本年度未参加社区服务。",
}


def seed_reports(secretaries: dict[int, User]) -> None:
    """Each secretary takes the suggested grade for this year's active members; the street
    admin sends the hospital's report for this year so far and drafts the power company's."""
    year = today().year
    for member in db.session.scalars(
        sa.select(Member).where(Member.status == "active").order_by(Member.id)
    ):
        grade = suggestion(member, year)["suggested_grade"]
        evaluate_member(
            secretaries[member.community_id], member.id, year, grade=grade, comment=COMMENTS[grade]
        )
    street_admin = db.session.scalar(
        sa.select(User).join(RoleGrant).where(RoleGrant.role == "street_admin")
    )
    assert street_admin is not None  # seeded by demo/district.py
    employers = {e.name: e for e in db.session.scalars(sa.select(Employer))}
    period = {"period_start": date(year, 1, 1), "period_end": today()}
    hospital = create_report(street_admin, employer_id=employers["市第一人民医院"].id, **period)
    send_report(street_admin, hospital.id)
    create_report(street_admin, employer_id=employers["国网城区供电公司"].id, **period)
    db.session.flush()
