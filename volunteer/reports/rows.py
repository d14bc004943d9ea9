"""The rows of an employer's report, built with a fixed handful of queries per report."""

from datetime import date

import sqlalchemy as sa

from volunteer.auth.models import User
from volunteer.extensions import db
from volunteer.organisations.models import Community, Street
from volunteer.people.models import Member, MemberStatus, MemberType
from volunteer.reports import records
from volunteer.reports.grades import GRADES
from volunteer.reports.models import Evaluation
from volunteer.teams.models import Team, TeamMembership, TeamStatus

# What a row shows of a member who has not consented (or withdrew): the name, nothing more.
PRIVATE_FIELDS = ("member_id", "display_name", "consent")
NOT_SHARED = "未授权共享"


def members_of(employer_id: int, start: date, end: date) -> sa.Select:
    """Ids of the employer's in-service members reported in during the period, or now."""
    first, after = records.bounds(start, end)
    return sa.select(Member.id).where(
        Member.employer_id == employer_id,
        Member.member_type == MemberType.IN_SERVICE,
        sa.or_(
            Member.status == MemberStatus.ACTIVE,
            sa.and_(
                Member.status == MemberStatus.LEFT,
                Member.confirmed_at < after,
                Member.left_at >= first,
            ),
        ),
    )


def build_rows(employer_id: int, start: date, end: date) -> tuple[list[dict], list[str]]:
    """The report's rows (by community, then name) and the streets they come from."""
    ids = members_of(employer_id, start, end)
    people = db.session.execute(
        sa.select(
            Member.id,
            User.display_name,
            Member.community_id,
            Community.name,
            Street.name,
            Member.reported_at,
            Member.consent_employer_feedback,
        )
        .join(User, User.id == Member.user_id)
        .join(Community, Community.id == Member.community_id)
        .join(Street, Street.id == Community.street_id)
        .where(Member.id.in_(ids))
        .order_by(Community.name, User.display_name, Member.id)
    ).all()
    shared = sa.select(Member.id).where(
        Member.id.in_(ids), Member.consent_employer_feedback.is_(True)
    )
    figures = records.tallies(shared, start, end)
    comments = records.selected_comments(shared, start, end)
    teams = teams_of(shared)
    evaluations = evaluations_of(shared, end.year)
    rows = []
    for member_id, name, community_id, community, _, reported_at, consent in people:
        if not consent:
            rows.append({"member_id": member_id, "display_name": name, "consent": False})
            continue
        record = figures.get(member_id, records.EMPTY)
        grade, comment = evaluations.get(member_id, (None, None))
        rows.append(
            {
                "member_id": member_id,
                "display_name": name,
                "community_id": community_id,
                "community_name": community,
                "reported_at": reported_at.isoformat(),
                "teams": teams.get(member_id, []),
                "consent": True,
                "orders_completed": record["orders_completed"],
                "on_time": record["on_time"],
                "hours": record["hours"],
                "activities": record["activities"],
                "activity_hours": record["activity_hours"],
                "average_score": record["average_score"],
                "rated": record["rated"],
                "satisfaction_rate": record["satisfaction_rate"],
                "comments": comments.get(member_id, []),
                "grade": grade,
                "grade_label": GRADES.get(grade),
                "comment": comment,
            }
        )
    streets = sorted({street for *_, street, _, _ in people})
    return rows, streets


def teams_of(member_ids: sa.Select) -> dict[int, list[str]]:
    """Names of the active teams each member serves in."""
    teams: dict[int, list[str]] = {}
    for member_id, name in db.session.execute(
        sa.select(TeamMembership.member_id, Team.name)
        .join(Team, Team.id == TeamMembership.team_id)
        .where(TeamMembership.member_id.in_(member_ids), Team.status == TeamStatus.ACTIVE)
        .order_by(TeamMembership.member_id, Team.id)
    ):
        teams.setdefault(member_id, []).append(name)
    return teams


def evaluations_of(member_ids: sa.Select, year: int) -> dict[int, tuple[str, str]]:
    return {
        member_id: (grade, comment)
        for member_id, grade, comment in db.session.execute(
            sa.select(Evaluation.member_id, Evaluation.grade, Evaluation.comment).where(
                Evaluation.member_id.in_(member_ids), Evaluation.year == year
            )
        )
    }


def hide_unshared(rows: list[dict], consenting: set[int]) -> list[dict]:
    """Rows as they may be shown now: a member who withdrew consent since the snapshot is
    reduced to the name (withdrawing stops any further sharing)."""
    return [
        row
        if row["member_id"] in consenting or not row.get("consent")
        else {"member_id": row["member_id"], "display_name": row["display_name"], "consent": False}
        for row in rows
    ]


def consenting_among(rows: list[dict]) -> set[int]:
    ids = [row["member_id"] for row in rows if row.get("consent")]
    if not ids:
        return set()
    return set(
        db.session.scalars(
            sa.select(Member.id).where(
                Member.id.in_(ids), Member.consent_employer_feedback.is_(True)
            )
        )
    )
