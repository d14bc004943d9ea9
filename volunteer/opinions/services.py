"""干部考察进社区: an employer contact asks about a consenting member; the community's
secretary answers from a draft built from the record and the evaluations.

Who sees a request: the contacts of the asking employer and the managers of the member's
community; anyone else gets 404. The employer hears the answer in the app and by e-mail (the
outbox), to its report addresses.
"""

from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from volunteer.auth.access import Actor, manages_community
from volunteer.auth.communities import managed_communities
from volunteer.auth.models import RoleGrant
from volunteer.auth.roles import Role
from volunteer.db import utcnow
from volunteer.errors import Conflict, Forbidden, NotFound
from volunteer.extensions import db
from volunteer.notifications.services import notify, queue_email, secretaries_of
from volunteer.opinions.models import OpinionRequest, OpinionStatus
from volunteer.orders.timing import zone
from volunteer.people.models import Member, MemberStatus
from volunteer.people.services import access_member
from volunteer.reports import records
from volunteer.reports.grades import GRADES, suggest_grade
from volunteer.reports.models import Evaluation
from volunteer.reports.rows import teams_of


def ask_opinion(actor: Actor, member_id: int, purpose: str) -> OpinionRequest:
    """The employer's contact asks the residential community's opinion of a member."""
    member = access_member(actor, member_id)
    if member.employer_id is None or member.employer_id not in actor.contact_of:
        raise Forbidden(_l("Only the party organisation of the member's employer may ask."))
    if not member.consent_employer_feedback:
        raise Forbidden(_l("The member has not consented to share the service record."))
    request = OpinionRequest(
        member_id=member.id,
        employer_id=member.employer_id,
        requested_by_id=actor.id,
        purpose=purpose,
        status=OpinionStatus.WAITING,
    )
    db.session.add(request)
    db.session.flush()
    notify(
        secretaries_of(member.community_id),
        "opinion_request",
        f"{member.employer.name}就党员{member.display_name}（{purpose}）征求社区意见，请回复。",
    )
    return request


def access_request(actor: Actor, request_id: int) -> OpinionRequest:
    """A request of the caller's employer, or about a member of a community they manage."""
    request = db.session.get(OpinionRequest, request_id)
    if request is None or not (
        request.employer_id in actor.contact_of
        or manages_community(actor, request.member.community)
    ):
        raise NotFound(_l("No such opinion request."))
    return request


def answer_opinion(actor: Actor, request_id: int, *, opinion: str, grade: str) -> OpinionRequest:
    """The community's secretary answers; the employer hears it in the app and by e-mail."""
    request = access_request(actor, request_id)
    if not manages_community(actor, request.member.community):
        raise Forbidden(_l("Only the secretary of the member's community answers."))
    if request.status != OpinionStatus.WAITING:
        raise Conflict(_l("The request has already been answered."))
    request.opinion = opinion
    request.grade = grade  # type: ignore[assignment]  # the enum column validates the string
    request.status = OpinionStatus.ANSWERED
    request.answered_at = utcnow()
    request.answered_by_id = actor.id
    db.session.flush()
    tell_employer(request)
    return request


def tell_employer(request: OpinionRequest) -> None:
    member = request.member
    subject = f"社区对党员{member.display_name}的考察意见（{request.purpose}）"
    body = (
        f"{request.employer.party_org_name}：\n\n"
        f"贵单位就党员{member.display_name}（{request.purpose}）征求居住地社区意见，"
        f"{member.community.name}党组织回复如下：\n\n"
        f"评价等次：{GRADES.get(request.grade)}\n意见：{request.opinion}\n\n"
        "—— 三单制志愿服务"
    )
    contacts = db.session.scalars(
        sa.select(RoleGrant.user_id).where(
            RoleGrant.role == Role.EMPLOYER_CONTACT, RoleGrant.employer_id == request.employer_id
        )
    )
    notify(list(contacts), "opinion_answered", subject)
    for address in request.employer.report_emails or []:
        queue_email(address, subject, body, subject_type="opinion_request", subject_id=request.id)


def draft_of(request: OpinionRequest) -> dict:
    """A draft opinion from the member's record (this year and last) and evaluations."""
    member = request.member
    today = utcnow().astimezone(zone()).date()
    start = date(today.year - 1, 1, 1)
    ids = sa.select(sa.literal(member.id))
    figures = attended = records.tallies(ids, start, today).get(member.id, records.EMPTY)
    evaluations = list(
        db.session.scalars(
            sa.select(Evaluation)
            .where(Evaluation.member_id == member.id)
            .order_by(Evaluation.year.desc())
            .limit(2)
        )
    )
    teams = teams_of(ids).get(member.id, [])
    rate = figures["satisfaction_rate"]
    parts = [
        f"{member.display_name}同志于{member.reported_at.astimezone(zone()).date():%Y年%m月}"
        f"到{member.community.name}报到" + (f"，参加{'、'.join(teams)}" if teams else "") + "。",
        f"{start.year}年以来完成居民点单{figures['orders_completed']}件"
        f"（按时办结{figures['on_time']}件），服务时长{figures['hours']:g}小时"
        + (f"，居民满意率{rate * 100:.0f}%" if rate is not None else "")
        + f"；参加社区活动{attended['activities']}次、{attended['activity_hours']:g}小时。",
    ]
    for evaluation in evaluations:
        parts.append(f"{evaluation.year}年度社区评价等次：{GRADES.get(evaluation.grade)}。")
    suggested = suggest_grade(records.tally_of(figures))
    grade = evaluations[0].grade if evaluations else suggested
    return {"opinion": "".join(parts), "grade": str(grade)}


def requests_of_employers(actor: Actor) -> list[OpinionRequest]:
    """The requests of the caller's employers, newest first."""
    return list(
        db.session.scalars(
            sa.select(OpinionRequest)
            .where(OpinionRequest.employer_id.in_(actor.contact_of))
            .order_by(OpinionRequest.id.desc())
        )
    )


def requests_for_desk(actor: Actor) -> list[OpinionRequest]:
    """Requests about members of the communities the caller manages, waiting ones first."""
    ids = [community.id for community in managed_communities(actor)]
    return list(
        db.session.scalars(
            sa.select(OpinionRequest)
            .join(Member, Member.id == OpinionRequest.member_id)
            .where(Member.community_id.in_(ids))
            .order_by(
                sa.case((OpinionRequest.status == OpinionStatus.WAITING, 0), else_=1),
                OpinionRequest.id.desc(),
            )
        )
    )


def askable_members(actor: Actor) -> list[Member]:
    """The consenting in-service members of the caller's employers, by name."""
    if not actor.contact_of:
        return []
    return sorted(
        db.session.scalars(
            sa.select(Member).where(
                Member.employer_id.in_(actor.contact_of),
                Member.status == MemberStatus.ACTIVE,
                Member.consent_employer_feedback.is_(True),
            )
        ),
        key=lambda member: (member.display_name, member.id),
    )


def request_view(actor: Actor, request: OpinionRequest) -> dict:
    view = {
        "id": request.id,
        "member_id": request.member_id,
        "display_name": request.member.display_name,
        "employer_id": request.employer_id,
        "employer_name": request.employer.name,
        "purpose": request.purpose,
        "status": request.status,
        "opinion": request.opinion,
        "grade": request.grade,
        "grade_label": GRADES.get(request.grade),
        "created_at": request.created_at,
        "answered_at": request.answered_at,
    }
    if request.status == OpinionStatus.WAITING and manages_community(
        actor, request.member.community
    ):
        view["draft"] = draft_of(request)
    return view
