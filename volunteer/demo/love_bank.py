"""Neighbours helping neighbours in the demo: two resident volunteers of 幸福里社区 with a few
months of pool orders behind them (and the love-bank credits those earned), the community's
爱心超市 with a few items and one reserved redemption, and two pairings with their visits.
Everything goes through the services, then is dated back like the other demo orders."""

from datetime import timedelta
from decimal import Decimal

import sqlalchemy as sa

from volunteer.auth.models import User
from volunteer.auth.services import register_resident
from volunteer.db import utcnow
from volunteer.demo.district import DEMO_PASSWORD
from volunteer.demo.orders import backdate
from volunteer.extensions import db
from volunteer.love_bank.models import Transfer
from volunteer.love_shop import services as shop
from volunteer.orders import closing, creation, triage, work
from volunteer.pairings import services as pairings
from volunteer.pairings.models import PairingVisit
from volunteer.pairings.visits import offer_due_visits, visit_order
from volunteer.volunteers import services as volunteers

# username, name, phone, skills, consent to show the phone on a household's card
VOLUNTEERS = (
    ("zhiyuan_zhao", "赵志远", "13700137001", ["修理", "电工"], True),
    ("zhiyuan_qian", "钱慧敏", "13700137002", ["陪伴老人", "买菜"], False),
)

# volunteer index, resident, category, title, description, days ago, hours, score
SERVICES = (
    (0, "jumin_wang", "repair", "楼道灯不亮", "三楼楼道灯坏了，晚上上下楼看不见。", 80, "1", 5),
    (
        1,
        "jumin_li",
        "eldercare",
        "陪老人去医院复诊",
        "老伴要去区医院复诊，子女不在身边。",
        60,
        "3",
        5,
    ),
    (0, "jumin_li", "repair", "水龙头漏水", "厨房水龙头一直滴水，关不紧。", 35, "1.5", 4),
    (1, "jumin_wang", "eldercare", "帮忙买菜", "腿脚不便，想请人帮忙买一周的菜。", 12, "1", 3),
)

SHOP = (("大米一袋（5斤）", 30, 5), ("洗衣液", 20, 8), ("理发券", 15, 10))


def seed_love_bank(secretaries: dict[int, User]) -> list[tuple[str, str]]:
    """Volunteers, their service and credits, the shop, pairings; returns the logins."""
    community_id = min(secretaries)
    secretary = secretaries[community_id]
    users = {u.username: u for u in db.session.scalars(sa.select(User))}
    logins, people = [], []
    for username, name, phone, skills, consent in VOLUNTEERS:
        user = register_resident(
            username=username,
            password=DEMO_PASSWORD,
            display_name=name,
            community_id=community_id,
            phone=phone,
        )
        volunteer = volunteers.apply(
            user, community_id=community_id, phone=phone, skills=skills, consent_contact=consent
        )
        volunteers.confirm(secretary, volunteer.id)
        volunteer.reported_at = utcnow() - timedelta(days=100)
        volunteer.confirmed_at = volunteer.reported_at + timedelta(days=1)
        db.session.refresh(user)
        people.append(user)
        logins.append((username, f"resident volunteer · 居民志愿者 · {'、'.join(skills)}"))

    for index, resident, category, title, description, days_ago, hours, score in SERVICES:
        order = creation.create_order(
            users[resident],
            kind="need",
            category=category,
            title=title,
            description=description,
            address="幸福里小区",
            urgency="normal",
        )
        triage.dispatch_order(secretary, order.id, pool=True)
        work.claim_order(people[index], order.id)
        work.complete_order(
            people[index], order.id, note="已上门帮忙，居民很满意。", hours=Decimal(hours)
        )
        closing.rate_order(users[resident], order.id, score=score)
        backdate(order, timedelta(days=days_ago))
        date_credits(order)

    items = [
        shop.add_item(secretary, community_id, name=name, points=points, stock=stock)
        for name, points, stock in SHOP
    ]
    shop.redeem(people[0], items[1].id)  # reserved, waiting at the community office

    member = db.session.scalar(sa.select(User).where(User.username == "dangyuan03"))
    assert member is not None and member.active_member is not None
    first = pairings.create_pairing(
        secretary,
        volunteer_id=people[1].member.id,
        household_name="孙桂芳",
        address="幸福里小区7栋1单元102",
        phone="13600136001",
        visit_every_days=7,
    )
    second = pairings.create_pairing(
        secretary,
        member_id=member.active_member.id,
        household_name="周德顺",
        address="幸福里小区2栋3单元301",
        phone="13600136002",
        visit_every_days=14,
    )
    for pairing in (first, second):
        pairing.starts_on -= timedelta(days=pairing.visit_every_days + 1)
        past_visit(pairing, secretary)
    db.session.flush()
    offer_due_visits()  # this period's visits, offered to the paired people
    db.session.flush()
    return logins


def past_visit(pairing, secretary: User) -> None:
    """The first period's visit: offered, taken, done and rated (满意)."""
    order = visit_order(pairing)
    db.session.add(PairingVisit(pairing_id=pairing.id, period=0, order=order))
    db.session.flush()
    person = pairing.member.user
    work.claim_order(person, order.id)
    work.complete_order(person, order.id, note="上门看望，老人身体不错。", hours=Decimal("1"))
    closing.rate_order(secretary, order.id, score=5)
    backdate(order, timedelta(days=pairing.visit_every_days))
    date_credits(order)


def date_credits(order) -> None:
    """The credits of a dated-back order were earned when it closed."""
    for transfer in db.session.scalars(sa.select(Transfer).where(Transfer.order_id == order.id)):
        transfer.at = order.closed_at
