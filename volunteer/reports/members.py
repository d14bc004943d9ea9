"""One member's service record (GET /members/{id}/record) and yearly evaluation (PUT …)."""

from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from volunteer.activities.records import attended_activities
from volunteer.auth.access import Actor, manages_community
from volunteer.db import utcnow
from volunteer.errors import Forbidden, Invalid
from volunteer.extensions import db
from volunteer.orders.timing import zone
from volunteer.people.models import Member, MemberStatus
from volunteer.people.services import access_member, manage_member
from volunteer.reports import records
from volunteer.reports.grades import GRADES, suggest_grade
from volunteer.reports.models import Evaluation


def access_record(actor: Actor, member_id: int) -> tuple[Member, bool]:
    """The member whose record the caller may read, and whether the caller is its employer's
    contact (who sees figures only). An employer contact may read the record of a member who
    consented to share it; without consent the member is in scope but the record is not: 403.
    """
    member = access_member(actor, member_id)
    if member.user_id == actor.id or manages_community(actor, member.community):
        return member, False
    if not member.consent_employer_feedback:
        raise Forbidden(_l("The member has not consented to share the service record."))
    return member, True


def today() -> date:
    return utcnow().astimezone(zone()).date()


def member_record(
    actor: Actor, member_id: int, start: date | None = None, end: date | None = None
) -> dict:
    """Orders completed, on time, hours, average score and satisfaction over a period
    (default: this year so far), with the orders themselves."""
    member, employer_view = access_record(actor, member_id)
    end = end or today()
    start = start or date(end.year, 1, 1)
    if start > end:
        raise Invalid("from", _l("The period starts after it ends."))
    ids = sa.select(sa.literal(member.id))
    figures = records.tallies(ids, start, end).get(member.id, records.EMPTY)
    orders = [
        order_line(order, employer_view)
        for order in records.completed_orders(member.id, start, end)
    ]
    return {
        "member_id": member.id,
        "display_name": member.display_name,
        "start": start,
        "end": end,
        **figures,
        "orders": orders,
        "attended_activities": attended_activities(member.id, *records.bounds(start, end)),
    }


def order_line(order, employer_view: bool) -> dict:
    """A completed order in a record; an employer sees no resident's words (title, comment)."""
    line = {
        "id": order.id,
        "kind": order.kind,
        "category": order.category,
        "community_id": order.community_id,
        "completed_at": order.completed_at,
        "due_at": order.due_at,
        "on_time": order.due_at is not None and order.completed_at <= order.due_at,
        "hours": float(order.completion_hours or 0),
        "score": order.score,
    }
    if not employer_view:
        line["title"] = order.title
        line["comment"] = order.rating_comment
    return line


def check_year(year: int) -> None:
    if not 2000 <= year <= today().year + 1:
        raise Invalid("year", _l("Not a year that can be evaluated."))


def suggestion(member: Member, year: int) -> dict:
    """The grade the year's record suggests, with the record it was read from."""
    ids = sa.select(sa.literal(member.id))
    figures = records.tallies(ids, date(year, 1, 1), date(year, 12, 31)).get(
        member.id, records.EMPTY
    )
    return {"suggested_grade": suggest_grade(records.tally_of(figures)), "record": figures}


def evaluation_view(
    member: Member, year: int, evaluation: Evaluation | None, record: dict | None = None
) -> dict:
    """The evaluation beside the suggested grade; `record` when the year's figures are known."""
    if record is None:
        record = suggestion(member, year)["record"]
    suggested = suggest_grade(records.tally_of(record))
    grade = evaluation.grade if evaluation else None
    return {
        "member_id": member.id,
        "display_name": member.display_name,
        "year": year,
        "grade": grade,
        "grade_label": GRADES.get(grade),
        "comment": evaluation.comment if evaluation else None,
        "suggested_grade": suggested,
        "suggested_grade_label": GRADES[suggested],
        "record": record,
        "evaluated_by": (
            {"id": evaluation.evaluated_by_id, "display_name": evaluation.evaluated_by.display_name}
            if evaluation
            else None
        ),
        "evaluated_at": evaluation.evaluated_at if evaluation else None,
    }


def find_evaluation(member_id: int, year: int) -> Evaluation | None:
    return db.session.scalar(
        sa.select(Evaluation).where(Evaluation.member_id == member_id, Evaluation.year == year)
    )


def evaluate_member(
    actor: Actor, member_id: int, year: int, *, grade: str, comment: str = ""
) -> dict:
    """The community's secretary records (or changes) the year's grade and comment."""
    member = manage_member(actor, member_id)
    check_year(year)
    evaluation = find_evaluation(member.id, year)
    if evaluation is None:
        evaluation = Evaluation(member_id=member.id, year=year)
        db.session.add(evaluation)
    evaluation.grade = grade  # type: ignore[assignment]  # the enum column validates the string
    evaluation.comment = comment
    evaluation.evaluated_by_id = actor.id
    evaluation.evaluated_at = utcnow()
    db.session.flush()
    db.session.refresh(evaluation)
    return evaluation_view(member, year, evaluation)


def member_evaluation(actor: Actor, member_id: int, year: int) -> dict:
    """The year's evaluation (grade null until decided) beside the suggested grade; for the
    member and the community's managers."""
    member = access_member(actor, member_id)
    if member.user_id != actor.id and not manages_community(actor, member.community):
        raise Forbidden(_l("Evaluations are for the member and the community's secretary."))
    check_year(year)
    return evaluation_view(member, year, find_evaluation(member.id, year))


def community_evaluations(actor: Actor, community, year: int) -> list[dict]:
    """The year's evaluation of each active member of the community beside the suggested
    grade, for its managers; a fixed number of queries however many members."""
    if not manages_community(actor, community):
        raise Forbidden(_l("Evaluations are for the member and the community's secretary."))
    check_year(year)
    ids = sa.select(Member.id).where(
        Member.community_id == community.id, Member.status == MemberStatus.ACTIVE
    )
    members = db.session.scalars(sa.select(Member).where(Member.id.in_(ids))).all()
    figures = records.tallies(ids, date(year, 1, 1), date(year, 12, 31))
    decided = {
        evaluation.member_id: evaluation
        for evaluation in db.session.scalars(
            sa.select(Evaluation).where(Evaluation.member_id.in_(ids), Evaluation.year == year)
        )
    }
    return [
        evaluation_view(member, year, decided.get(member.id), figures.get(member.id, records.EMPTY))
        for member in sorted(members, key=lambda m: (m.display_name, m.id))
    ]
