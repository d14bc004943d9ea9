"""The demo district's organisation and people: one street, three communities, employers, their
secretaries and contacts, residents, and members in 8+N teams (one N team waiting)."""

from datetime import timedelta

from volunteer.auth.models import RoleGrant, User
from volunteer.auth.services import create_user, register_resident
from volunteer.db import utcnow
from volunteer.district.grids import update_grid
from volunteer.district.services import create_community, create_employer, create_street
from volunteer.extensions import db
from volunteer.people.services import confirm_member, report_in
from volunteer.teams.models import Team, TeamMembership
from volunteer.teams.services import create_team, join_team

DEMO_PASSWORD = "demo12345"  # noqa: S105  (printed and documented on purpose)

COMMUNITIES = (
    ("幸福里社区", ["第一网格", "第二网格", "第三网格"]),
    ("和平社区", ["东区网格", "西区网格"]),
    ("新华社区", ["一网格", "二网格"]),
)

EMPLOYERS = (
    ("市第一人民医院", "市第一人民医院党委", ["dangwei@hospital1.example.cn"]),
    ("区税务局", "区税务局机关党委", ["jiguan@tax.example.cn"]),
    ("市第三中学", "市第三中学党总支", ["dangzongzhi@school3.example.cn"]),
    ("国网城区供电公司", "国网城区供电公司党委", ["dangwei@grid.example.cn", "hr@grid.example.cn"]),
)

# username, name, community index, employer index (None: community member), skills, teams
MEMBERS: tuple[tuple[str, str, int, int | None, list[str], list[str]], ...] = (
    ("dangyuan01", "张伟", 0, 0, ["护理", "测血压", "健康讲座"], ["health", "eldercare"]),
    ("dangyuan02", "王芳", 0, 1, ["政策宣讲", "个税申报"], ["policy"]),
    ("dangyuan03", "李强", 0, 3, ["电工", "家电维修", "水暖"], ["repair"]),
    ("dangyuan04", "刘洋", 0, 2, ["心理咨询", "辅导作业"], ["eldercare", "mediation"]),
    ("dangyuan05", "陈静", 0, None, ["调解", "邻里沟通"], ["mediation"]),
    ("dangyuan06", "杨磊", 0, 3, ["电工", "安全巡查"], ["patrol", "repair"]),
    ("dangyuan07", "赵敏", 0, 0, ["康复护理", "陪诊"], ["health"]),
    ("dangyuan08", "黄勇", 0, None, ["垃圾分类", "绿化"], ["environment"]),
    ("dangyuan09", "周丽", 1, 1, ["法律咨询", "合同审查"], ["legal"]),
    ("dangyuan10", "吴军", 1, 3, ["家电维修", "空调清洗"], ["repair"]),
    ("dangyuan11", "徐娟", 1, 0, ["护理", "急救培训"], ["health"]),
    ("dangyuan12", "孙涛", 1, 2, ["政策宣讲", "书法"], ["policy"]),
    ("dangyuan13", "马超", 1, None, ["巡逻", "消防安全"], ["patrol"]),
    ("dangyuan14", "朱琳", 1, 1, ["调解", "心理疏导"], ["mediation"]),
    ("dangyuan15", "胡斌", 2, 3, ["水暖", "电工"], ["repair"]),
    ("dangyuan16", "郭燕", 2, 0, ["陪伴老人", "理发"], ["eldercare"]),
    ("dangyuan17", "何平", 2, 2, ["法律咨询"], ["legal"]),
    ("dangyuan18", "高翔", 2, None, ["环境整治", "垃圾分类"], ["environment"]),
    ("dangyuan19", "林霞", 0, 2, ["少儿托管", "辅导作业"], []),
    ("dangyuan20", "罗刚", 1, 1, ["政策宣讲"], []),
)

GRID_WORKERS = ("周网格员", "郑网格员", "冯网格员")
GRID_FACTS = (
    ("1–4 栋", "dangyuan01"),
    ("5–8 栋及幼儿园", "dangyuan04"),
    ("9–12 栋及沿街商铺", "dangyuan07"),
)

RESIDENTS = (
    ("jumin_wang", "王秀英", 0, "13800138001"),
    ("jumin_li", "李桂兰", 0, "13800138002"),
    ("jumin_zhang", "张建国", 1, "13800138003"),
    ("jumin_liu", "刘淑珍", 2, "13800138004"),
)


def seed_district() -> tuple[list[tuple[str, str]], list[User]]:
    """Seed the organisation and people through the services; returns the (username,
    description) logins and the communities' secretaries."""
    logins = []
    admin = create_user(username="admin", password=DEMO_PASSWORD, display_name="系统管理员")
    admin.grants.append(RoleGrant(role="admin"))
    db.session.flush()
    logins.append(("admin", "administrator · 系统管理员"))

    street = create_street(admin, name="金桥街道")
    communities = [
        create_community(admin, name=name, street_id=street.id, grids=grids)
        for name, grids in COMMUNITIES
    ]
    employers = [
        create_employer(admin, name=name, party_org_name=org, report_emails=emails)
        for name, org, emails in EMPLOYERS
    ]

    street_admin = create_user(
        username="jiedao", password=DEMO_PASSWORD, display_name="金桥街道党工委"
    )
    street_admin.grants.append(RoleGrant(role="street_admin", street_id=street.id))
    logins.append(("jiedao", "street admin · 金桥街道党工委"))

    secretary_names = ("陈书记", "周书记", "吴书记")
    secretaries = []
    for index, community in enumerate(communities):
        username = f"shuji{index + 1}"
        secretary = create_user(
            username=username,
            password=DEMO_PASSWORD,
            display_name=secretary_names[index],
            community_id=community.id,
        )
        secretary.grants.append(RoleGrant(role="secretary", community_id=community.id))
        secretaries.append(secretary)
        logins.append((username, f"secretary · {community.name}党支部书记"))

    # 幸福里社区's grid workers (网格员), one per grid; they file for the elderly (代办).
    for number, (grid, name) in enumerate(
        zip(communities[0].grid_records, GRID_WORKERS, strict=True), start=1
    ):
        worker = create_user(
            username=f"wangge{number}",
            password=DEMO_PASSWORD,
            display_name=name,
            phone=f"1370000000{number}",
        )
        worker.grants.append(RoleGrant(role="grid_worker", grid_id=grid.id))
        logins.append((f"wangge{number}", f"grid worker · {communities[0].name}{grid.name}"))

    contact = create_user(username="danwei1", password=DEMO_PASSWORD, display_name="医院党委办公室")
    contact.grants.append(RoleGrant(role="employer_contact", employer_id=employers[0].id))
    logins.append(("danwei1", f"employer contact · {employers[0].party_org_name}"))
    db.session.flush()

    for username, name, community_index, phone in RESIDENTS:
        register_resident(
            username=username,
            password=DEMO_PASSWORD,
            display_name=name,
            community_id=communities[community_index].id,
            phone=phone,
        )
        logins.append((username, f"resident · {communities[community_index].name}"))

    for number, (username, name, c_index, e_index, skills, team_keys) in enumerate(MEMBERS):
        community = communities[c_index]
        user = register_resident(
            username=username,
            password=DEMO_PASSWORD,
            display_name=name,
            community_id=community.id,
            phone=f"139{number + 1:08d}",
        )
        member = report_in(
            user,
            community_id=community.id,
            member_type="in_service" if e_index is not None else "community",
            employer_id=employers[e_index].id if e_index is not None else None,
            phone=f"139{number + 1:08d}",
            skills=skills,
            grid=community.grids[number % len(community.grids)],
            consent_employer_feedback=number % 7 != 3,
        )
        if username == "dangyuan20":
            backdate_report_in(member, timedelta(days=3))
            logins.append((username, f"member, report-in pending · {community.name}"))
            continue
        confirm_member(secretaries[c_index], member.id)
        db.session.refresh(user)
        for team in community_teams(community.id, team_keys):
            join_team(user, team.id)
        # Reported in 4 to 6 months ago: before the oldest demo order (110 days ago).
        backdate_report_in(member, timedelta(days=125 + number * 53 % 55, hours=number))
        logins.append((username, f"member · {community.name} · {'、'.join(skills)}"))

    # 幸福里社区's grids: what each covers, and a member of each as its 党建指导员.
    guides = {user.username: user for user in db.session.scalars(db.select(User))}
    for grid, (boundary, guide) in zip(communities[0].grid_records, GRID_FACTS, strict=True):
        update_grid(
            secretaries[0],
            grid.id,
            boundary=boundary,
            guide_member_id=guides[guide].member.id,
        )

    lin = db.session.scalar(db.select(User).where(User.username == "dangyuan19"))
    create_team(
        lin,
        communities[0],
        name="少儿托管服务队",
        description="放学后为双职工家庭照看孩子、辅导作业。",
        categories=["other"],
    )
    create_team(
        secretaries[1],
        communities[1],
        name="心理疏导服务队",
        description="为独居老人和困难家庭提供心理支持。",
        categories=["mediation", "other"],
    )
    db.session.flush()
    return logins, secretaries


def backdate_report_in(member, ago: timedelta) -> None:
    """The member reported in `ago` (with their consent); the secretary confirmed a day later,
    when the member also took their posts in the teams."""
    member.reported_at = utcnow() - ago
    if member.consent_at is not None:
        member.consent_at = member.reported_at
    if member.confirmed_at is not None:
        member.confirmed_at = member.reported_at + timedelta(days=1, hours=2)
        for membership in db.session.scalars(
            db.select(TeamMembership).where(TeamMembership.member_id == member.id)
        ):
            membership.joined_at = member.confirmed_at + timedelta(minutes=30)
    db.session.flush()


def community_teams(community_id: int, keys):
    if not keys:
        return []
    return db.session.scalars(
        db.select(Team).where(Team.community_id == community_id, Team.key.in_(keys))
    ).all()
