"""Satisfaction that checks itself in the demo district: orders closed last month, the
street's sample of them half called back by the surveyor 回访员小赵 (`huifang`, one 不满意
that opened a follow-up), a periodic review open now with residents' responses, and a few
pledges with their ratings."""

from datetime import date, timedelta

import sqlalchemy as sa

from volunteer.auth.models import RoleGrant, User
from volunteer.auth.services import create_user
from volunteer.db import utcnow
from volunteer.demo.histories import History
from volunteer.demo.orders import seed_orders
from volunteer.extensions import db
from volunteer.organisations.models import Street
from volunteer.pledges.services import fulfil_pledge, publish_pledge, rate_pledge
from volunteer.surveys.jobs import previous_month
from volunteer.surveys.models import Sample
from volunteer.surveys.reviews import open_review_window, respond
from volunteer.surveys.samples import answer_item, draw_sample
from volunteer.teams.models import Team

# (resident, category, member, score, title): served and rated last month.
LAST_MONTH = (
    ("jumin_wang", "repair", "dangyuan03", 5, "楼道声控灯不亮"),
    ("jumin_li", "eldercare", "dangyuan01", 5, "陪同老人去医院复查"),
    ("jumin_wang", "legal", "dangyuan05", 4, "咨询赡养费纠纷"),
    ("jumin_li", "repair", "dangyuan06", 3, "阳台晾衣架松动"),
    ("jumin_zhang", "repair", "dangyuan10", 5, "卫生间下水道堵塞"),
    ("jumin_zhang", "legal", "dangyuan09", 4, "物业合同条款咨询"),
    ("jumin_liu", "repair", "dangyuan15", 5, "窗户把手损坏"),
    ("jumin_liu", "repair", "dangyuan15", 4, "厨房插座松动"),
)
# What the surveyor heard on the calls recorded so far (the rest are still to call).
CALLS: tuple[dict, ...] = (
    {
        "reached": True,
        "resolved": False,
        "satisfaction": "dissatisfied",
        "comment": "灯修好两天又不亮了",
    },
    {"reached": True, "resolved": True, "satisfaction": "satisfied", "comment": "很满意"},
    {"reached": False},
    {"reached": True, "resolved": True, "satisfaction": "basically_satisfied"},
    {"reached": True, "resolved": True, "satisfaction": "satisfied", "comment": "师傅很耐心"},
)
REVIEWS = (
    ("jumin_wang", "satisfied", "党员志愿者随叫随到"),
    ("jumin_li", "basically_satisfied", "希望周末也有人值班"),
    ("jumin_zhang", "satisfied", None),
    ("jumin_liu", "dissatisfied", "反映的问题处理太慢"),
)
PLEDGES = (
    (
        "dangyuan01",
        "每周二上午为独居老人上门测血压、送药",
        60,
        "已连续8周上门，建立了12位老人的健康档案",
    ),
    ("dangyuan03", "小区公共照明报修24小时内上门", 90, None),
    ("dangyuan10", "每月第一个周六开展家电义务维修", 120, None),
)


def last_month_histories(today: date) -> list[History]:
    """The orders of LAST_MONTH, posted from the 3rd of last month two days apart, so that
    each is served and rated within that month."""
    first = date(today.year - (today.month == 1), (today.month - 2) % 12 + 1, 1)
    return [
        History(
            resident=resident,
            kind="need",
            category=category,
            title=title,
            description=f"{title}，麻烦党员志愿者帮忙看看。",
            address="小区内",
            urgency="normal",
            days_ago=(today - first).days - 2 - 2 * number,
            steps=("dispatch_pool", "claim", "complete", "rate"),
            member=member,
            score=score,
        )
        for number, (resident, category, member, score, title) in enumerate(LAST_MONTH)
    ]


def seed_satisfaction(secretaries: dict[int, User]) -> list[tuple[str, str]]:
    """Seed it all through the services; returns the surveyor's login."""
    users = {u.username: u for u in db.session.scalars(sa.select(User))}
    today = utcnow().date()
    seed_orders(secretaries, last_month_histories(today))
    street = db.session.scalars(sa.select(Street).order_by(Street.id)).first()
    assert street is not None  # seeded by demo/district.py
    from volunteer.demo.district import DEMO_PASSWORD

    surveyor = create_user(username="huifang", password=DEMO_PASSWORD, display_name="回访员小赵")
    surveyor.grants.append(RoleGrant(role="surveyor", street_id=street.id))
    db.session.flush()
    street_admin = users["jiedao"]

    sample = draw_sample(street_admin, street_id=street.id, month=previous_month(today))
    calls = sample.items[::2]  # every other one: half of them, in every community
    for item, call in zip(calls, CALLS, strict=False):
        answer_item(surveyor, item.id, **call)
    db.session.expire(sample)

    now = utcnow()
    window = open_review_window(
        street_admin,
        street_id=street.id,
        title=f"{today.year}年第四季度社区服务评议",
        opens_at=now - timedelta(days=3),
        closes_at=now + timedelta(days=11),
    )
    for username, word, comment in REVIEWS:
        respond(users[username], window.id, satisfaction=word, comment=comment)

    for username, text, due_in, note in PLEDGES:
        pledge = publish_pledge(users[username], text=text, due_on=today + timedelta(days=due_in))
        if note:
            fulfil_pledge(users[username], pledge.id, note=note)
        for resident in ("jumin_wang", "jumin_li"):
            if users[resident].community_id == pledge.community_id:
                rate_pledge(users[resident], pledge.id, satisfaction="satisfied")
    secretary = secretaries[min(secretaries)]
    team = db.session.scalar(
        sa.select(Team).where(Team.community_id == secretary.community_id, Team.key == "repair")
    )
    if team is not None:
        publish_pledge(
            secretary, text="维修服务队承诺：居民报修当天响应、三天内办结", team_id=team.id
        )
    assert db.session.scalar(sa.select(sa.func.count(Sample.id))) == 1
    db.session.flush()
    return [("huifang", f"surveyor · {street.name}回访员")]
