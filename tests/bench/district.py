"""The synthetic district every benchmark shares.

Streets, communities with their grids and 8+N teams, employers and their contacts,
secretaries and street admins, residents who order, party members in one or two teams with
skills (and their skill grams indexed), and orders in every state with timestamps that fit
the state. Rows go in with bulk inserts (`session.execute(sa.insert(Model), rows)` in
batches; COPY on PostgreSQL), with explicit ids, so that a million orders take a few minutes
on SQLite and on PostgreSQL. Everything is drawn from one seeded random generator: the same
`Spec` gives the same district.

No order events, notifications or photos are generated: no benchmark reads them yet.

Use inside an app context (`create_app(config)` on an empty database whose schema exists):

    district = build(Spec(members=20_000, open_orders=100_000))
    district.secretaries[community_id].token  # a bearer token of that community's secretary
"""

import json
import random
import secrets
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from operator import itemgetter

import sqlalchemy as sa

from volunteer.auth.access import hash_token
from volunteer.auth.models import ApiToken, RoleGrant, User
from volunteer.auth.services import hash_password
from volunteer.extensions import db
from volunteer.orders.models import Order
from volunteer.orders.search_index import rebuild as rebuild_search
from volunteer.organisations.models import Community, Employer, Grid, Street
from volunteer.people.grams import grams
from volunteer.people.models import Member, SkillGram
from volunteer.stats.recount import rebuild as rebuild_tallies
from volunteer.teams.models import STANDARD_TEAMS, Team, TeamMembership

PASSWORD = "bench-password"  # every synthetic user has it
BATCH = 20_000


@dataclass(frozen=True)
class Spec:
    """What to build. Communities are spread evenly over the streets, members, residents and
    orders evenly (with some jitter) over the communities."""

    streets: int = 1
    communities: int = 20
    members: int = 20_000
    custom_teams: int = 2  # per community, besides the eight standard teams
    employers: int = 200
    residents: int = 50  # per community: the people who order
    open_orders: int = 100_000  # submitted, accepted, dispatched, claimed, escalated
    finished_orders: int = 0  # completed, closed, rejected, merged, cancelled
    history_days: int = 300  # finished orders were created over this many days
    seed: int = 1
    speaking_members: int = 200  # active members given a token (pool benchmarks)

    @property
    def teams(self) -> int:
        return self.communities * (len(STANDARD_TEAMS) + self.custom_teams)

    @property
    def orders(self) -> int:
        return self.open_orders + self.finished_orders


@dataclass(frozen=True)
class Speaker:
    """Someone a benchmark speaks as: the user, and a fresh bearer token."""

    user_id: int
    token: str
    community_id: int | None = None
    member_id: int | None = None


@dataclass
class District:
    """What was built: ids, and the people the benchmarks speak as."""

    spec: Spec
    street_ids: list[int]
    community_street: dict[int, int]  # community id → street id
    admin: Speaker
    street_admins: dict[int, Speaker]  # street id → its admin
    secretaries: dict[int, Speaker]  # community id → its secretary
    members: list[Speaker]  # a sample of active members
    open_orders: list[tuple[int, int]] = field(default_factory=list)  # (order id, community)
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def community_ids(self) -> list[int]:
        return list(self.community_street)


# ---------------------------------------------------------------------------------------------
# Vocabularies: small, so that titles and skills meet as they do in a real district.

STREET_NAMES = ("金桥", "银杏", "东湖", "南山", "西城", "北苑", "临江", "云岭")
PLACES = (
    "幸福里",
    "和平",
    "新华",
    "光明",
    "建设",
    "朝阳",
    "阳光",
    "东风",
    "长江",
    "紫荆",
    "桃源",
    "翠湖",
    "明珠",
    "锦绣",
    "春晖",
    "丽景",
    "青年路",
    "文化宫",
    "滨河",
    "向阳",
)
COMPOUND_ENDS = ("小区", "花园", "家园", "新村", "公寓")
GRIDS = ("第一网格", "第二网格", "第三网格", "第四网格")


def grid_id(community_id: int, name: str) -> int:
    """The id of a community's grid of that name: each community's grids in GRIDS' order."""
    return (community_id - 1) * len(GRIDS) + GRIDS.index(name) + 1


def in_grid(community_id: int, name: str | None) -> dict:
    """A member's or an order's grid columns: the grid's name and id, or neither."""
    return {"grid": name, "grid_id": grid_id(community_id, name) if name else None}


SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂建国华玉萍红梅鹏飞宇辉"
EMPLOYER_KINDS = (
    ("市第{n}人民医院", "党委"),
    ("区税务局第{n}分局", "机关党委"),
    ("市第{n}中学", "党总支"),
    ("国网城区供电公司第{n}营业部", "党支部"),
    ("区人民法院第{n}法庭", "党支部"),
    ("市建设银行第{n}支行", "党支部"),
    ("区疾控中心第{n}科", "党支部"),
    ("市自来水公司第{n}所", "党支部"),
)

# category → (kind, title, description)
ORDER_TEXTS = {
    "policy": (
        ("need", "医保报销政策咨询", "想了解门诊慢特病报销怎么申请，需要哪些材料。"),
        ("need", "养老金资格认证", "不会用手机做养老金资格认证，想请人教一下。"),
        ("need", "低保申请咨询", "家里老人生病，想问问低保怎么申请。"),
        ("need", "老年优待证办理", "想给父亲办老年优待证，不知道去哪里办。"),
        ("need", "电动车上牌政策", "新买的电动车不知道怎么上牌。"),
    ),
    "patrol": (
        ("need", "小区东门路灯坏了", "晚上东门很黑，老人出入不安全。"),
        ("need", "楼道有陌生人推销", "最近总有陌生人敲门推销保健品。"),
        ("need", "电动车楼道充电", "有人在楼道里给电动车充电，有火灾隐患。"),
        ("need", "车库门禁失灵", "地下车库门禁坏了好几天，外来车辆随便进。"),
    ),
    "mediation": (
        ("need", "楼上漏水邻里纠纷", "楼上卫生间漏水到我家，沟通几次没结果。"),
        ("need", "停车位占用纠纷", "我的车位总被别人占用，物业也不管。"),
        ("need", "装修噪音扰民", "隔壁装修中午也不停，老人休息不好。"),
        ("need", "宠物扰民", "楼下的狗每天晚上叫，影响孩子睡觉。"),
        ("need", "家庭矛盾调解", "儿子儿媳经常吵架，想请人帮忙劝一劝。"),
    ),
    "eldercare": (
        ("need", "独居老人每周探访", "老人独居，子女在外地，想请人每周来看看。"),
        ("wish", "想要一副助行器", "老人走路不稳，想要一副带轮子的助行器。"),
        ("need", "帮老人代买药品", "腿脚不便，想请人帮忙去药店买降压药。"),
        ("need", "助餐送餐", "老两口做饭困难，想请人从社区食堂送餐。"),
        ("need", "上门理发", "老人卧床，想请人上门理发。"),
    ),
    "repair": (
        ("need", "暖气片不热", "卧室暖气片一直不热，老伴腿脚不好怕冷。"),
        ("need", "洗衣机不脱水", "洗衣机转不起来，想请懂家电维修的帮忙看看。"),
        ("need", "空调漏水", "客厅空调一直滴水，想请人清洗检查。"),
        ("need", "电路跳闸", "厨房一开电饭锅就跳闸，需要电工看看。"),
        ("need", "水管漏水", "卫生间水管接口漏水，水暖师傅上门修一下。"),
        ("need", "燃气灶打不着火", "燃气灶打不着火，想请人检查一下。"),
        ("need", "电视没有信号", "电视机突然没有信号，老人不会调。"),
    ),
    "environment": (
        ("need", "楼道堆放杂物", "单元楼道堆满纸箱，有消防隐患。"),
        ("need", "垃圾分类指导", "老人不会垃圾分类，想请人讲解一下。"),
        ("need", "绿化带杂草清理", "楼下绿化带杂草很高，蚊虫多。"),
        ("need", "下水道堵塞", "单元下水道堵塞，污水冒出来了，需要管道疏通。"),
        ("need", "清理小广告", "楼道墙上贴满了小广告。"),
    ),
    "legal": (
        ("need", "咨询遗产继承问题", "父亲去世后房产过户，不知道需要哪些手续。"),
        ("need", "租房合同纠纷", "房东不退押金，想咨询怎么维权。"),
        ("need", "工资拖欠咨询", "在工地干活三个月没拿到工资，想咨询劳动仲裁。"),
        ("need", "婚姻家庭法律咨询", "想了解离婚后子女抚养权的问题。"),
        ("need", "消费维权", "老人被骗买了高价保健品，想退钱。"),
    ),
    "health": (
        ("need", "上门测量血压", "独居老人，每周想请人上门量一次血压。"),
        ("need", "陪同去医院复诊", "下周要去市医院复诊，子女不在身边，想请人陪诊。"),
        ("need", "糖尿病饮食指导", "刚查出糖尿病，想请人讲讲饮食和测血糖。"),
        ("need", "康复训练指导", "中风后在家康复，想请人指导康复护理。"),
        ("need", "急救知识讲座", "楼里老人多，想请人讲讲急救知识。"),
    ),
    "other": (
        ("wish", "孙子想要一个新书包", "孩子上二年级，书包破了，家里困难。"),
        ("wish", "想要一台收音机", "独居老人喜欢听戏，收音机坏了。"),
        ("wish", "冬天想要一件棉衣", "老人的棉衣穿了很多年，已经不保暖了。"),
        ("need", "孩子需要课外辅导", "孩子数学跟不上，想请人辅导作业。"),
        ("need", "想学用智能手机", "想学用手机视频聊天和挂号。"),
        ("wish", "想要一辆轮椅", "老伴腿脚不便，想要一辆轮椅出门晒太阳。"),
    ),
}
CATEGORY_WEIGHTS = {
    "policy": 8,
    "patrol": 8,
    "mediation": 10,
    "eldercare": 18,
    "repair": 22,
    "environment": 10,
    "legal": 8,
    "health": 12,
    "other": 4,
}
SKILLS = {
    "policy": ("政策宣讲", "个税申报", "社保咨询", "医保政策"),
    "patrol": ("巡逻", "消防安全", "安全巡查", "交通疏导"),
    "mediation": ("调解", "心理疏导", "邻里沟通", "心理咨询"),
    "eldercare": ("陪伴老人", "助餐送餐", "理发", "代买药品"),
    "repair": ("电工", "家电维修", "水暖", "空调清洗", "燃气灶维修", "电视维修"),
    "environment": ("垃圾分类", "绿化", "环境整治", "管道疏通"),
    "legal": ("法律咨询", "合同审查", "劳动仲裁", "婚姻家庭法"),
    "health": ("护理", "测血压", "康复护理", "陪诊", "急救培训", "测血糖"),
    "other": ("辅导作业", "少儿托管", "书法", "智能手机教学", "摄影"),
}
# name, categories served, description
CUSTOM_TEAMS = (
    ("心理疏导服务队", ["mediation", "other"], "为有心理困扰的居民提供倾听和疏导。"),
    ("少儿托管服务队", ["other"], "放学后看护和辅导作业。"),
    ("智能手机教学队", ["other", "policy"], "教老人用手机挂号、视频和认证。"),
    ("助老理发服务队", ["eldercare"], "每月上门为卧床老人理发。"),
    ("助餐送餐服务队", ["eldercare"], "为高龄独居老人送餐。"),
    ("管道疏通服务队", ["repair", "environment"], "下水道和管道疏通。"),
    ("文艺宣传队", ["policy"], "用快板和小品宣讲政策。"),
    ("急救培训服务队", ["health"], "急救知识讲座和培训。"),
)
COMPLETION_NOTES = (
    "已上门处理，居民表示满意。",
    "问题已解决，留了联系方式，有事再找。",
    "已完成，并讲解了注意事项。",
    "上门查看后处理完毕。",
)
RATING_COMMENTS = (
    None,
    None,
    "非常感谢！",
    "服务很热心。",
    "来得很及时。",
    "还可以。",
    "等了挺久。",
)

OPEN_STATUSES = (("submitted", 10), ("accepted", 10), ("dispatched", 45), ("claimed", 30))
OPEN_STATUSES += (("escalated", 5),)
FINISHED_STATUSES = (
    ("closed", 68),
    ("completed", 6),
    ("rejected", 8),
    ("merged", 4),
    ("cancelled", 14),
)
SCORES = ((5, 55), (4, 25), (3, 10), (2, 6), (1, 4))


# ---------------------------------------------------------------------------------------------


class Progress:
    """Prints what was written and the seconds since the start."""

    def __init__(self, log=print):
        self.log = log
        self.start = time.perf_counter()

    def __call__(self, message: str) -> None:
        self.log(f"[{time.perf_counter() - self.start:7.1f} s] {message}", flush=True)


class Loader:
    """Bulk inserts in batches: COPY on PostgreSQL, executemany of one INSERT elsewhere.

    While loading, SQLite checks no foreign keys and PostgreSQL fires no triggers (the rows
    are built consistent); the big tables' secondary indexes are built once at the end.
    """

    def __init__(self, session, progress: Progress):
        self.session = session
        self.progress = progress
        self.dialect = session.get_bind().dialect.name
        self.counts: dict[str, int] = {}
        self.dropped: list[sa.Index] = []

    def __enter__(self):
        if self.dialect == "sqlite":
            self.session.execute(sa.text("PRAGMA foreign_keys=OFF"))
            self.session.execute(sa.text("PRAGMA cache_size=-262144"))
        elif self.dialect == "postgresql":
            self.session.execute(sa.text("SET session_replication_role = replica"))
        return self

    def __exit__(self, *exc):
        if exc[0] is None:
            self.finish()
        if self.dialect == "sqlite":
            self.session.execute(sa.text("PRAGMA foreign_keys=ON"))
        elif self.dialect == "postgresql":
            self.session.execute(sa.text("SET session_replication_role = DEFAULT"))

    def defer_indexes(self, *models) -> None:
        """Drop the secondary indexes of these tables now and build them in finish()."""
        connection = self.session.connection()
        for model in models:
            for index in sorted(model.__table__.indexes, key=lambda i: i.name):
                index.drop(connection)
                self.dropped.append(index)

    def insert(self, model, rows: list[dict]) -> None:
        if not rows:
            return
        table = model.__table__
        if self.dialect == "postgresql":
            self.copy(table, rows)
        else:
            for start in range(0, len(rows), BATCH):
                self.session.execute(sa.insert(model), rows[start : start + BATCH])
        self.counts[table.name] = self.counts.get(table.name, 0) + len(rows)

    def copy(self, table, rows: list[dict]) -> None:
        names = list(rows[0])
        json_columns = {c.name for c in table.columns if isinstance(c.type, sa.JSON)}
        get = itemgetter(*names)
        cursor = self.session.connection().connection.driver_connection.cursor()
        statement = f"COPY {table.name} ({', '.join(names)}) FROM STDIN"
        with cursor.copy(statement) as copy:
            if json_columns:
                positions = [i for i, name in enumerate(names) if name in json_columns]
                for row in rows:
                    values = list(get(row))
                    for i in positions:
                        values[i] = json.dumps(values[i], ensure_ascii=False)
                    copy.write_row(values)
            else:
                for row in rows:
                    copy.write_row(get(row))
        cursor.close()

    def finish(self) -> None:
        connection = self.session.connection()
        for index in self.dropped:
            started = time.perf_counter()
            index.create(connection)
            self.progress(f"index {index.name} ({time.perf_counter() - started:.1f} s)")
        self.dropped = []
        if self.dialect == "postgresql":
            for table in db.metadata.sorted_tables:
                if "id" in table.c and table.c.id.autoincrement and self.counts.get(table.name):
                    self.session.execute(
                        sa.text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                            f"(SELECT max(id) FROM {table.name}))"
                        )
                    )


def weighted(rng: random.Random, pairs) -> callable:
    """A function drawing one value of (value, weight) pairs, fast for repeated draws."""
    values = [value for value, _ in pairs]
    cumulative, total = [], 0
    for _, weight in pairs:
        total += weight
        cumulative.append(total)

    def draw():
        return rng.choices(values, cum_weights=cumulative)[0]

    return draw


def person_name(rng: random.Random) -> str:
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(SURNAMES) + given


def phone(rng: random.Random) -> str:
    return f"1{rng.choice('3589')}{rng.randrange(10**9):09d}"


def spread(total: int, parts: int, rng: random.Random) -> list[int]:
    """`total` split over `parts` with ±20 % jitter, summing exactly to `total`."""
    if parts == 0:
        return []
    weights = [0.8 + 0.4 * rng.random() for _ in range(parts)]
    scale = total / sum(weights)
    counts = [int(w * scale) for w in weights]
    for i in range(total - sum(counts)):
        counts[i % parts] += 1
    return counts


def lognormal_minutes(rng: random.Random, median: float, sigma: float = 1.0) -> timedelta:
    return timedelta(minutes=median * rng.lognormvariate(0, sigma))


def build(spec: Spec, *, log=print) -> District:
    """Build the district into the current app's (empty) database and commit."""
    rng = random.Random(spec.seed)
    progress = Progress(log)
    session = db.session
    now = datetime.now(UTC).replace(microsecond=0)
    password_hash = hash_password(PASSWORD)
    progress(f"building {spec}")

    with Loader(session, progress) as load:
        load.defer_indexes(Order, SkillGram, TeamMembership, RoleGrant, Member, User)

        # Streets, communities, employers.
        street_ids = list(range(1, spec.streets + 1))
        load.insert(
            Street,
            [
                {"id": s, "name": street_name(s), "created_at": now - timedelta(days=800)}
                for s in street_ids
            ],
        )
        community_street = {
            c: street_ids[(c - 1) * spec.streets // spec.communities]
            for c in range(1, spec.communities + 1)
        }
        load.insert(
            Community,
            [
                {
                    "id": c,
                    "name": community_name(c),
                    "street_id": s,
                    "created_at": now - timedelta(days=790),
                }
                for c, s in community_street.items()
            ],
        )
        load.insert(
            Grid,
            [
                {
                    "id": grid_id(c, name),
                    "community_id": c,
                    "name": name,
                    "active": True,
                    "created_at": now - timedelta(days=790),
                }
                for c in community_street
                for name in GRIDS
            ],
        )
        employers = []
        for e in range(1, spec.employers + 1):
            name, org = EMPLOYER_KINDS[(e - 1) % len(EMPLOYER_KINDS)]
            name = name.format(n=(e - 1) // len(EMPLOYER_KINDS) + 1)
            employers.append(
                {
                    "id": e,
                    "name": name,
                    "party_org_name": name + org,
                    "report_emails": [f"party{e}@employer{e}.example.cn"],
                    "created_at": now - timedelta(days=780),
                }
            )
        load.insert(Employer, employers)

        # Teams: the eight standard ones and the custom "N" ones of every community.
        teams, team_ids_of, serving = [], {}, {}
        for c in community_street:
            team_ids_of[c] = []
            for key, name in STANDARD_TEAMS:
                teams.append(team_row(len(teams) + 1, c, "standard", key, name, "", [key], now))
            for i in range(spec.custom_teams):
                name, categories, description = CUSTOM_TEAMS[(c + i) % len(CUSTOM_TEAMS)]
                if i >= len(CUSTOM_TEAMS):
                    name = f"{name}{i // len(CUSTOM_TEAMS) + 1}"
                teams.append(
                    team_row(len(teams) + 1, c, "custom", None, name, description, categories, now)
                )
            for team in teams[-(len(STANDARD_TEAMS) + spec.custom_teams) :]:
                team_ids_of[c].append(team["id"])
                for category in team["categories"]:
                    serving.setdefault((c, category), []).append(team["id"])
        load.insert(Team, teams)
        progress(
            f"{len(street_ids)} streets, {len(community_street)} communities, "
            f"{len(employers)} employers, {len(teams)} teams"
        )

        # Users and their grants: admin, street admins, secretaries, employer contacts,
        # residents, then the members.
        users, grants = [], []

        def user(username: str, community_id=None, **fields) -> int:
            user_id = len(users) + 1
            users.append(
                {
                    "id": user_id,
                    "username": username,
                    "password_hash": password_hash,
                    "display_name": fields.pop("display_name", None) or person_name(rng),
                    "phone": fields.pop("phone", None),
                    "email": fields.pop("email", None),
                    "community_id": community_id,
                    "active": True,
                    "created_at": now - timedelta(days=rng.randrange(400, 760)),
                }
            )
            return user_id

        def grant(user_id: int, role: str, **scope) -> None:
            grants.append(
                {
                    "id": len(grants) + 1,
                    "user_id": user_id,
                    "role": role,
                    "community_id": scope.get("community_id"),
                    "street_id": scope.get("street_id"),
                    "employer_id": scope.get("employer_id"),
                    "created_at": now - timedelta(days=400),
                }
            )

        admin_id = user("bench_admin", display_name="系统管理员")
        grant(admin_id, "admin")
        street_admin_ids = {}
        for s in street_ids:
            street_admin_ids[s] = user(f"jiedao{s}")
            grant(street_admin_ids[s], "street_admin", street_id=s)
        secretary_ids = {}
        for c in community_street:
            secretary_ids[c] = user(f"shuji{c}", c)
            grant(secretary_ids[c], "secretary", community_id=c)
        for e in range(1, spec.employers + 1):
            grant(
                user(f"danwei{e}", email=f"contact{e}@employer{e}.example.cn"),
                "employer_contact",
                employer_id=e,
            )
        residents_of = {}
        for c in community_street:
            residents_of[c] = []
            for _ in range(spec.residents):
                user_id = user(f"jumin{len(users) + 1}", c, phone=phone(rng))
                grant(user_id, "resident", community_id=c)
                residents_of[c].append(user_id)

        # Members: most active, in one or two teams of their community, skills around the
        # category of their first team.
        members, memberships, skill_grams = [], [], []
        active_of: dict[int, list[int]] = {c: [] for c in community_street}
        team_active: dict[int, list[int]] = {}
        categories = list(SKILLS)
        member_status = weighted(rng, (("active", 90), ("pending", 6), ("left", 4)))
        per_community = spread(spec.members, spec.communities, rng)
        for c, count in zip(community_street, per_community, strict=True):
            community_teams = team_ids_of[c]
            for _ in range(count):
                member_id = len(members) + 1
                user_id = user(f"dangyuan{member_id}", c, phone=phone(rng))
                grant(user_id, "resident", community_id=c)
                category = rng.choice(categories[:-1]) if rng.random() < 0.9 else "other"
                skills = rng.sample(SKILLS[category], rng.randint(1, 2))
                if rng.random() < 0.3:
                    skills.append(rng.choice(SKILLS[rng.choice(categories)]))
                skills = list(dict.fromkeys(skills))
                status = member_status()
                confirmed = status != "pending"
                in_service = rng.random() < 0.7
                reported = now - timedelta(days=rng.randrange(30, 700))
                consent = in_service and rng.random() < 0.85
                members.append(
                    {
                        "id": member_id,
                        "user_id": user_id,
                        "community_id": c,
                        "member_type": "in_service" if in_service else "community",
                        "employer_id": rng.randint(1, spec.employers)
                        if in_service and spec.employers
                        else None,
                        "phone": users[-1]["phone"],
                        **in_grid(c, rng.choice(GRIDS) if rng.random() < 0.9 else None),
                        "skills": skills,
                        "status": status,
                        "reported_at": reported,
                        "confirmed_at": reported + timedelta(days=2) if confirmed else None,
                        "confirmed_by_id": secretary_ids[c] if confirmed else None,
                        "left_at": reported + timedelta(days=20) if status == "left" else None,
                        "consent_employer_feedback": consent,
                        "consent_version": "2026-01" if consent else None,
                        "consent_at": reported if consent else None,
                        "consent_withdrawn_at": None,
                    }
                )
                first = serving.get((c, category)) or community_teams
                joined = {rng.choice(first)}
                if rng.random() < 0.4:
                    joined.add(rng.choice(community_teams))
                for team_id in sorted(joined):
                    memberships.append(
                        {"team_id": team_id, "member_id": member_id, "joined_at": reported}
                    )
                    if status == "active":
                        team_active.setdefault(team_id, []).append(member_id)
                if status == "active":
                    active_of[c].append(member_id)
                found = set().union(*(grams(tag) for tag in skills))
                skill_grams += [
                    {"member_id": member_id, "gram": gram[:40], "community_id": c}
                    for gram in sorted(found)
                ]
        load.insert(User, users)
        load.insert(RoleGrant, grants)
        load.insert(Member, members)
        load.insert(TeamMembership, memberships)
        load.insert(SkillGram, skill_grams)
        progress(
            f"{len(users):,} users, {len(grants):,} grants, {len(members):,} members, "
            f"{len(memberships):,} team posts, {len(skill_grams):,} skill grams"
        )

        # Orders: finished ones over the history, open ones of the last three weeks.
        orders = OrderMaker(
            rng,
            now,
            spec,
            community_street=community_street,
            residents_of=residents_of,
            secretary_ids=secretary_ids,
            active_of=active_of,
            team_active=team_active,
            serving=serving,
            team_ids_of=team_ids_of,
        )
        open_sample = []
        for finished, total in ((True, spec.finished_orders), (False, spec.open_orders)):
            made = 0
            while made < total:
                rows = [orders.make(finished) for _ in range(min(BATCH * 5, total - made))]
                load.insert(Order, rows)
                made += len(rows)
                if not finished:
                    open_sample += [
                        (row["id"], row["community_id"])
                        for row in rows
                        if row["status"] in ("submitted", "accepted", "dispatched", "escalated")
                    ]
                progress(f"{'finished' if finished else 'open'} orders {made:,} / {total:,}")
        counts = dict(load.counts)
    # Bulk inserts pass the ORM by: the statistics' tallies are counted once, as
    # `volunteer stats rebuild` does after an import.
    started = time.perf_counter()
    counts["order_tallies"] = rebuild_tallies()
    progress(f"order tallies ({time.perf_counter() - started:.1f} s)")
    started = time.perf_counter()
    counts["order_search"] = rebuild_search(session.connection())
    progress(f"order search index ({time.perf_counter() - started:.1f} s)")
    session.commit()
    if load.dialect == "postgresql":
        started = time.perf_counter()
        with db.engine.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT").execute(
                sa.text("VACUUM ANALYZE")
            )
        progress(f"VACUUM ANALYZE ({time.perf_counter() - started:.1f} s)")

    district = speakers(spec, rng=rng)
    district.open_orders = rng.sample(open_sample, min(1000, len(open_sample)))
    district.counts = counts
    district.seconds = time.perf_counter() - progress.start
    progress(f"built: {', '.join(f'{n} {k}' for k, n in counts.items())}")
    return district


def street_name(s: int) -> str:
    base = STREET_NAMES[(s - 1) % len(STREET_NAMES)]
    return f"{base}{'' if s <= len(STREET_NAMES) else (s - 1) // len(STREET_NAMES) + 1}街道"


def community_name(c: int) -> str:
    base = PLACES[(c - 1) % len(PLACES)]
    return f"{base}{'' if c <= len(PLACES) else (c - 1) // len(PLACES) + 1}社区"


def team_row(team_id, community_id, kind, key, name, description, categories, now) -> dict:
    return {
        "id": team_id,
        "community_id": community_id,
        "kind": kind,
        "key": key,
        "name": name,
        "description": description,
        "categories": categories,
        "status": "active",
        "proposed_by_id": None,
        "decided_by_id": None,
        "decided_at": None,
        "decision_note": None,
        "created_at": now - timedelta(days=700),
    }


ORDER_COLUMNS = tuple(column.name for column in Order.__table__.columns)


class OrderMaker:
    """One order row at a time, its timestamps and fields consistent with its status."""

    def __init__(self, rng, now, spec, **context):
        self.rng = rng
        self.now = now
        self.spec = spec
        self.__dict__.update(context)
        self.next_id = 1
        self.communities = list(self.community_street)
        weights = [1 + 0.5 * rng.random() for _ in self.communities]  # some order more
        total, self.community_weights = 0.0, []
        for weight in weights:
            total += weight
            self.community_weights.append(total)
        self.category = weighted(rng, CATEGORY_WEIGHTS.items())
        self.open_status = weighted(rng, OPEN_STATUSES)
        self.finished_status = weighted(rng, FINISHED_STATUSES)
        self.score = weighted(rng, SCORES)
        self.last_open_of: dict[int, int] = {}
        self.compounds = {
            c: [f"{PLACES[(c - 1) % len(PLACES)]}{end}" for end in COMPOUND_ENDS[:3]]
            for c in self.communities
        }
        self.template = dict.fromkeys(ORDER_COLUMNS)
        self.template["rework_count"] = 0  # NOT NULL: COPY does not apply the column default

    def make(self, finished: bool) -> dict:
        rng, now = self.rng, self.now
        c = rng.choices(self.communities, cum_weights=self.community_weights)[0]
        category = self.category()
        kind, title, description = rng.choice(ORDER_TEXTS[category])
        urgent = kind == "need" and rng.random() < 0.1
        owner = rng.choice(self.residents_of[c]) if self.residents_of[c] else None
        proxy = rng.random() < 0.05
        status = self.finished_status() if finished else self.open_status()
        if finished:
            age = timedelta(days=6 + (self.spec.history_days - 6) * rng.random())
            if status == "completed":  # still inside the rating window
                age = timedelta(days=2 + 5 * rng.random())
        else:
            age = timedelta(days=21 * rng.random() ** 2)
        created = now - age
        row = dict(self.template)
        row.update(
            id=self.next_id,
            kind=kind,
            title=title,
            description=description,
            category=category,
            community_id=c,
            **in_grid(c, rng.choice(GRIDS) if rng.random() < 0.8 else None),
            urgency="urgent" if urgent else "normal",
            preferred_time=rng.choice((None, "工作日晚上", "周末上午", "尽快")),
            contact_name=person_name(rng),
            address=f"{rng.choice(self.compounds[c])}{rng.randint(1, 30)}栋"
            f"{rng.randint(1, 6)}单元{rng.randint(1, 18)}0{rng.randint(1, 4)}",
            contact_phone=phone(rng),
            # Posted for a resident (代办): no owner, as orders/creation.py makes them.
            owner_id=None if proxy else owner,
            proxy_by_id=self.secretary_ids[c] if proxy else None,
            status=status,
            dispatch_pool=False,
            version=1,
            created_at=created,
        )
        self.next_id += 1
        self.shape(row, status, c, category, urgent)
        if row["status"] in ("submitted", "accepted", "dispatched", "claimed"):
            self.last_open_of[c] = row["id"]
        return row

    def shape(self, row, status, c, category, urgent) -> None:
        """Fill in what the order's life so far has written."""
        rng, now = self.rng, self.now
        created = row["created_at"]
        steps = 1
        if status in ("submitted",):
            pass
        elif status in ("accepted", "escalated", "rejected", "merged", "cancelled"):
            moment = min(created + lognormal_minutes(rng, 90), now)
            if status == "escalated":
                row["escalated_at"] = moment
            elif status == "rejected":
                row["closed_at"] = moment
            elif status == "merged":
                into = self.last_open_of.get(c)
                if into is None:
                    row["status"] = status = "cancelled"
                row["merged_into_id"] = into
                row["closed_at"] = moment
            if status == "cancelled":
                row["closed_at"] = moment
            steps = 2
        else:  # dispatched and beyond
            steps = self.dispatch(row, c, category, urgent)
            if status != "dispatched":
                steps += self.claim(row, c)
            if status in ("completed", "closed"):
                steps += self.complete(row)
            if status == "closed":
                steps += self.close(row)
        row["version"] = steps

    def dispatch(self, row, c, category, urgent) -> int:
        rng, now = self.rng, self.now
        at = min(row["created_at"] + lognormal_minutes(rng, 120), now)
        row["dispatched_at"] = at
        row["claim_due_at"] = at + timedelta(days=1)
        if urgent:
            row["due_at"] = at + timedelta(hours=8)
        else:
            row["due_at"] = at + timedelta(days=4 if row["kind"] == "need" else 9)
        target = rng.random()
        teams = self.serving.get((c, category)) or self.team_ids_of[c]
        team = rng.choice(teams)
        if target < 0.5 and self.team_active.get(team):
            row["dispatch_team_id"] = team
        elif target < 0.65 and self.active_of[c]:
            row["dispatch_member_id"] = rng.choice(self.active_of[c])
        else:
            row["dispatch_pool"] = True
        return 1

    def claim(self, row, c) -> int:
        rng, now = self.rng, self.now
        if row["dispatch_member_id"] is not None:
            claimer = row["dispatch_member_id"]
        else:
            eligible = (
                self.team_active[row["dispatch_team_id"]]
                if row["dispatch_team_id"] is not None
                else self.active_of[c]
            )
            if not eligible:
                row["status"] = "dispatched"
                return 0
            # A few members do much of the work: skew the draw towards the list's head.
            claimer = eligible[int(len(eligible) * rng.random() ** 2)]
        row["claimed_by_id"] = claimer
        row["claimed_at"] = min(row["dispatched_at"] + lognormal_minutes(rng, 180), now)
        return 1

    def complete(self, row) -> int:
        rng, now = self.rng, self.now
        span = row["due_at"] - row["claimed_at"]
        if rng.random() < 0.85 or span.total_seconds() <= 0:
            took = span * (0.1 + 0.85 * rng.random()) if span.total_seconds() > 0 else span
        else:
            took = span + timedelta(hours=2 + 48 * rng.random())
        row["completed_at"] = min(row["claimed_at"] + abs(took), now)
        row["completion_note"] = rng.choice(COMPLETION_NOTES)
        row["completion_hours"] = Decimal(rng.randint(1, 8)) / 2
        return 1

    def close(self, row) -> int:
        rng, now = self.rng, self.now
        if rng.random() < 0.75:
            at = min(row["completed_at"] + timedelta(hours=1 + 70 * rng.random()), now)
            row["score"] = self.score()
            row["rating_comment"] = rng.choice(RATING_COMMENTS)
            row["rated_at"] = row["closed_at"] = at
            row["close_reason"] = "rated"
        else:
            row["closed_at"] = min(row["completed_at"] + timedelta(days=7, minutes=5), now)
            row["close_reason"] = "auto_closed"
        return 1


def issue_tokens(user_ids, *, days: int = 30) -> dict[int, str]:
    """A fresh bearer token for each user, written in one bulk insert; plain tokens back."""
    now = datetime.now(UTC)
    tokens = {user_id: secrets.token_urlsafe(32) for user_id in dict.fromkeys(user_ids)}
    db.session.execute(
        sa.insert(ApiToken),
        [
            {
                "user_id": user_id,
                "token_hash": hash_token(token),
                "created_at": now,
                "expires_at": now + timedelta(days=days),
                "revoked_at": None,
            }
            for user_id, token in tokens.items()
        ],
    )
    db.session.commit()
    return tokens


def speakers(spec: Spec, *, rng: random.Random | None = None) -> District:
    """The people benchmarks speak as, read from the database, each with a new token: the
    admin, every street admin and secretary, and a sample of active members spread over the
    communities. Also works on a district built earlier (--keep)."""
    rng = rng or random.Random(spec.seed)
    session = db.session
    grants = session.execute(
        sa.select(RoleGrant.user_id, RoleGrant.role, RoleGrant.community_id, RoleGrant.street_id)
        .where(RoleGrant.role.in_(("admin", "street_admin", "secretary")))
        .order_by(RoleGrant.id)
    ).all()
    community_street = dict(
        session.execute(sa.select(Community.id, Community.street_id).order_by(Community.id)).all()
    )
    active = session.execute(
        sa.select(Member.id, Member.user_id, Member.community_id)
        .where(Member.status == "active")
        .order_by(Member.id)
    ).all()
    sample = rng.sample(active, min(spec.speaking_members, len(active)))
    tokens = issue_tokens([row.user_id for row in grants] + [row.user_id for row in sample])
    admin = next(row for row in grants if row.role == "admin")
    return District(
        spec=spec,
        street_ids=sorted(set(community_street.values())),
        community_street=community_street,
        admin=Speaker(admin.user_id, tokens[admin.user_id]),
        street_admins={
            row.street_id: Speaker(row.user_id, tokens[row.user_id])
            for row in grants
            if row.role == "street_admin"
        },
        secretaries={
            row.community_id: Speaker(row.user_id, tokens[row.user_id], row.community_id)
            for row in grants
            if row.role == "secretary"
        },
        members=[
            Speaker(row.user_id, tokens[row.user_id], row.community_id, row.id) for row in sample
        ],
    )


def open_order_sample(size: int, rng: random.Random) -> list[tuple[int, int]]:
    """Orders a secretary may ask recommendations for, read from an existing district."""
    rows = db.session.execute(
        sa.select(Order.id, Order.community_id).where(
            Order.status.in_(("submitted", "accepted", "dispatched", "escalated"))
        )
    ).all()
    return [tuple(row) for row in rng.sample(rows, min(size, len(rows)))]
