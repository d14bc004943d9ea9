"""factory-boy factories over the real models, and the small district most tests start from."""

from types import SimpleNamespace

import factory
from factory.alchemy import SQLAlchemyModelFactory

from volunteer.auth.models import RoleGrant, User
from volunteer.auth.services import hash_password
from volunteer.db import utcnow
from volunteer.district.grids import add_grids
from volunteer.extensions import db
from volunteer.orders.models import Order
from volunteer.organisations.models import Community, Employer, Street
from volunteer.people.models import Member
from volunteer.people.skills import index_skills
from volunteer.teams.models import Team, TeamMembership
from volunteer.teams.services import create_standard_teams

PASSWORD = "correct-horse"


class Base(SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "flush"


class StreetFactory(Base):
    class Meta:
        model = Street

    name = factory.Sequence(lambda n: f"街道{n}")


class CommunityFactory(Base):
    class Meta:
        model = Community

    name = factory.Sequence(lambda n: f"社区{n}")
    street = factory.SubFactory(StreetFactory)

    @factory.post_generation
    def grids(self, create, extracted, **kwargs):
        if create:
            add_grids(self, ["第一网格", "第二网格"] if extracted is None else extracted)

    @factory.post_generation
    def teams(self, create, extracted, **kwargs):
        if create:
            create_standard_teams(self)


class EmployerFactory(Base):
    class Meta:
        model = Employer

    name = factory.Sequence(lambda n: f"单位{n}")
    party_org_name = factory.LazyAttribute(lambda e: f"{e.name}党委")
    report_emails = factory.Sequence(lambda n: [f"party{n}@employer.example.cn"])


class UserFactory(Base):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.Sequence(lambda n: f"用户{n}")
    password_hash = factory.LazyFunction(lambda: hash_password(PASSWORD))


class MemberFactory(Base):
    class Meta:
        model = Member

    user = factory.SubFactory(UserFactory)
    community = factory.SubFactory(CommunityFactory)
    member_type = "in_service"
    employer = factory.SubFactory(EmployerFactory)
    phone = factory.Sequence(lambda n: f"139{n:08d}")
    skills = ["电工"]
    status = "active"
    confirmed_at = factory.LazyFunction(utcnow)
    consent_employer_feedback = True
    consent_version = "2026-01"
    consent_at = factory.LazyFunction(utcnow)

    @factory.post_generation
    def skill_index(self, create, extracted, **kwargs):
        if create:
            db.session.flush()
            index_skills(self)
            db.session.flush()


def grant(user: User, role: str, **scope) -> User:
    db.session.add(RoleGrant(user=user, role=role, **scope))
    db.session.flush()
    return user


def resident_of(community: Community, **kwargs) -> User:
    user = UserFactory(community_id=community.id, **kwargs)
    return grant(user, "resident", community_id=community.id)


def team(community: Community, key: str) -> Team:
    return db.session.scalar(
        db.select(Team).where(Team.community_id == community.id, Team.key == key)
    )


def district() -> SimpleNamespace:
    """Street S with communities A and B; street T with community C; a person per role."""
    street = StreetFactory(name="金桥街道")
    other_street = StreetFactory(name="银杏街道")
    community = CommunityFactory(name="幸福里社区", street=street)
    other_community = CommunityFactory(name="和平社区", street=street)
    far_community = CommunityFactory(name="远方社区", street=other_street)
    employer = EmployerFactory(name="市第一人民医院")
    other_employer = EmployerFactory(name="区税务局")

    admin = grant(UserFactory(username="admin"), "admin")
    street_admin = grant(UserFactory(username="jiedao"), "street_admin", street_id=street.id)
    secretary = grant(UserFactory(username="shuji"), "secretary", community_id=community.id)
    other_secretary = grant(
        UserFactory(username="shuji_b"), "secretary", community_id=other_community.id
    )
    contact = grant(UserFactory(username="danwei"), "employer_contact", employer_id=employer.id)
    resident = resident_of(community, username="jumin", phone="13800138000")
    other_resident = resident_of(other_community, username="jumin_b")

    member = MemberFactory(
        user=resident_of(community, username="dangyuan"), community=community, employer=employer
    )
    repair = team(community, "repair")
    db.session.add(TeamMembership(team_id=repair.id, member_id=member.id))
    pending = MemberFactory(
        user=resident_of(community, username="pending"),
        community=community,
        employer=employer,
        status="pending",
        confirmed_at=None,
    )
    other_member = MemberFactory(
        user=resident_of(other_community, username="dangyuan_b"),
        community=other_community,
        employer=other_employer,
    )
    db.session.flush()
    return SimpleNamespace(
        street=street,
        other_street=other_street,
        community=community,
        other_community=other_community,
        far_community=far_community,
        employer=employer,
        other_employer=other_employer,
        admin=admin,
        street_admin=street_admin,
        secretary=secretary,
        other_secretary=other_secretary,
        contact=contact,
        resident=resident,
        other_resident=other_resident,
        member_user=member.user,
        member=member,
        pending_member=pending,
        pending_member_user=pending.user,
        other_member=other_member,
        other_member_user=other_member.user,
        repair_team=repair,
    )


class OrderFactory(Base):
    class Meta:
        model = Order

    kind = "need"
    title = factory.Sequence(lambda n: f"修理暖气{n}")
    description = "家里暖气片不热，需要师傅上门看看。"
    category = "repair"
    community = factory.SubFactory(CommunityFactory)
    address = "幸福里小区3栋2单元501"
    contact_name = "王秀英"
    contact_phone = "13800138000"
    status = "submitted"
