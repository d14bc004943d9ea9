"""Issuing, listing, revoking and verifying certificates of volunteer service.

Numbers run per issuing community and year (ZY2026-003-0001, …-0002): the next number is
the year's highest plus one, and the unique constraint on (community, year, sequence) makes a
simultaneous issue take the next one (retried inside a savepoint) instead of a duplicate.
"""

from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from volunteer.auth.access import Actor, manages_community
from volunteer.certificates.models import Certificate
from volunteer.db import utcnow
from volunteer.errors import Conflict, Forbidden, Invalid, NotFound
from volunteer.extensions import db
from volunteer.orders.timing import zone
from volunteer.people.models import Member
from volunteer.people.services import access_member
from volunteer.reports import records

ATTEMPTS = 5


def member_or_secretary(actor: Actor, member_id: int) -> Member:
    """The member themself or the community's managers; an employer's contact: 403."""
    member = access_member(actor, member_id)
    if member.user_id != actor.id and not manages_community(actor, member.community):
        raise Forbidden(_l("Certificates are issued to the member or by the secretary."))
    return member


def mask_name(name: str) -> str:
    """王*明, 李*: enough to match the paper, not enough to find the person."""
    name = name.strip()
    if len(name) <= 1:
        return "*"
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def issuer_of(member: Member) -> str:
    community = member.community
    return f"{community.street.name}{community.name}"


def issue_certificate(actor: Actor, member_id: int, *, start: date, end: date) -> Certificate:
    """A numbered certificate of the member's service over the period, figures frozen."""
    member = member_or_secretary(actor, member_id)
    today = utcnow().astimezone(zone()).date()
    if start > end:
        raise Invalid("from", _l("The period starts after it ends."))
    if end > today:
        raise Invalid(
            "to", _l("A certificate covers service already done: end today at the latest.")
        )
    ids = sa.select(sa.literal(member.id))
    orders = attended = records.tallies(ids, start, end).get(member.id, records.EMPTY)
    for _ in range(ATTEMPTS):
        sequence = next_sequence(member.community_id, today.year)
        certificate = Certificate(
            member_id=member.id,
            community_id=member.community_id,
            year=today.year,
            sequence=sequence,
            number=f"ZY{today.year}-{member.community_id:03d}-{sequence:04d}",
            period_start=start,
            period_end=end,
            display_name=member.display_name,
            issuer=issuer_of(member),
            orders_completed=orders["orders_completed"],
            order_hours=orders["hours"],
            activities=attended["activities"],
            activity_hours=attended["activity_hours"],
            issued_by_id=actor.id,
        )
        try:
            with db.session.begin_nested():
                db.session.add(certificate)
        except IntegrityError:
            continue  # someone took this number at the same moment: take the next
        return certificate
    raise Conflict(_l("Too many certificates at once; please try again."))


def next_sequence(community_id: int, year: int) -> int:
    highest = db.session.scalar(
        sa.select(sa.func.max(Certificate.sequence)).where(
            Certificate.community_id == community_id, Certificate.year == year
        )
    )
    return (highest or 0) + 1


def access_certificate(actor: Actor, certificate_id: int) -> Certificate:
    """A certificate of the caller, or of a member of a community the caller manages."""
    certificate = db.session.get(Certificate, certificate_id)
    if certificate is None:
        raise NotFound(_l("No such certificate."))
    member = certificate.member
    if member.user_id != actor.id and not manages_community(actor, member.community):
        raise NotFound(_l("No such certificate."))
    return certificate


def certificates_of(actor: Actor, member_id: int) -> list[Certificate]:
    member = member_or_secretary(actor, member_id)
    return list(
        db.session.scalars(
            sa.select(Certificate)
            .where(Certificate.member_id == member.id)
            .order_by(Certificate.id.desc())
        )
    )


def revoke_certificate(actor: Actor, certificate_id: int, reason: str) -> Certificate:
    """The secretary withdraws a certificate; it verifies as revoked from then on."""
    certificate = access_certificate(actor, certificate_id)
    if not manages_community(actor, certificate.member.community):
        raise Forbidden(_l("Only the community's secretary revokes a certificate."))
    if certificate.revoked_at is not None:
        raise Conflict(_l("The certificate is already revoked."))
    certificate.revoked_at = utcnow()
    certificate.revoked_by_id = actor.id
    certificate.revoke_reason = reason
    db.session.flush()
    return certificate


def verify(number: str, code: str) -> dict:
    """What anyone may learn from a number and its code: the masked name, the hours, the
    period, the issuer, and whether it still stands. A wrong pair: 404."""
    certificate = db.session.scalar(
        sa.select(Certificate).where(Certificate.number == number.strip().upper())
    )
    if certificate is None or certificate.verification_code != code.strip().upper():
        raise NotFound(_l("No certificate has this number and code."))
    revoked = certificate.revoked_at is not None
    return {
        "valid": not revoked,
        "status": "revoked" if revoked else "valid",
        "number": certificate.number,
        "display_name": mask_name(certificate.display_name),
        "hours": certificate.hours,
        "order_hours": certificate.order_hours,
        "activity_hours": certificate.activity_hours,
        "orders_completed": certificate.orders_completed,
        "activities": certificate.activities,
        "period": {"from": certificate.period_start, "to": certificate.period_end},
        "issuer": certificate.issuer,
        "issued_on": certificate.issued_at.astimezone(zone()).date(),
        "revoked_at": certificate.revoked_at,
    }


def certificate_view(certificate: Certificate) -> dict:
    return {
        "id": certificate.id,
        "member_id": certificate.member_id,
        "number": certificate.number,
        "verification_code": certificate.verification_code,
        "display_name": certificate.display_name,
        "issuer": certificate.issuer,
        "from": certificate.period_start,
        "to": certificate.period_end,
        "hours": certificate.hours,
        "order_hours": certificate.order_hours,
        "activity_hours": certificate.activity_hours,
        "orders_completed": certificate.orders_completed,
        "activities": certificate.activities,
        "issued_at": certificate.issued_at,
        "status": "revoked" if certificate.revoked_at else "valid",
        "revoked_at": certificate.revoked_at,
        "revoke_reason": certificate.revoke_reason,
    }
