"""A few months of orders for the demo district, in every state, through the services."""

from datetime import timedelta
from decimal import Decimal
from itertools import groupby

import sqlalchemy as sa

from volunteer.auth.models import User
from volunteer.db import utcnow
from volunteer.extensions import db
from volunteer.jobs.reminders import supervise_overdue
from volunteer.orders import closing, creation, triage, work
from volunteer.orders.models import Order, OrderEvent
from volunteer.orders.states import Action
from volunteer.orders.timing import claim_due_for, due_for, street_supervision_for
from volunteer.teams.models import Team

# resident, kind, category, title, description, address, urgency
ORDERS = (
    (
        "jumin_wang",
        "need",
        "repair",
        "暖气片不热",
        "卧室暖气片一直不热，老伴腿脚不好怕冷。",
        "幸福里小区3栋2单元501",
        "urgent",
    ),
    (
        "jumin_li",
        "wish",
        "eldercare",
        "想要一副助行器",
        "老人走路不稳，想要一副带轮子的助行器。",
        "幸福里小区7栋1单元302",
        "normal",
    ),
    (
        "jumin_wang",
        "need",
        "legal",
        "咨询遗产继承问题",
        "父亲去世后房产过户，不知道需要哪些手续。",
        "幸福里小区3栋2单元501",
        "normal",
    ),
    (
        "jumin_li",
        "need",
        "health",
        "上门测量血压",
        "独居老人，每周想请人上门量一次血压。",
        "幸福里小区7栋1单元302",
        "normal",
    ),
    (
        "jumin_wang",
        "need",
        "environment",
        "楼道堆放杂物",
        "二单元楼道堆满纸箱，有消防隐患。",
        "幸福里小区3栋2单元",
        "normal",
    ),
    (
        "jumin_li",
        "wish",
        "other",
        "孙子想要一个新书包",
        "孩子上二年级，书包破了，家里困难。",
        "幸福里小区7栋1单元302",
        "normal",
    ),
    (
        "jumin_wang",
        "need",
        "mediation",
        "楼上漏水邻里纠纷",
        "楼上卫生间漏水到我家，沟通几次没结果。",
        "幸福里小区3栋2单元501",
        "normal",
    ),
    (
        "jumin_li",
        "need",
        "repair",
        "洗衣机不脱水",
        "洗衣机转不起来，想请懂电器的党员帮忙看看。",
        "幸福里小区7栋1单元302",
        "normal",
    ),
    (
        "jumin_wang",
        "need",
        "policy",
        "医保报销政策咨询",
        "想了解门诊慢特病报销怎么申请。",
        "幸福里小区3栋2单元501",
        "normal",
    ),
    (
        "jumin_li",
        "need",
        "patrol",
        "小区东门路灯坏了",
        "晚上东门很黑，老人出入不安全。",
        "幸福里小区东门",
        "normal",
    ),
    (
        "jumin_zhang",
        "need",
        "repair",
        "空调漏水",
        "客厅空调一直滴水，想请人清洗检查。",
        "和平社区12号楼4单元201",
        "normal",
    ),
    (
        "jumin_zhang",
        "need",
        "legal",
        "租房合同纠纷",
        "房东不退押金，想咨询怎么维权。",
        "和平社区12号楼4单元201",
        "normal",
    ),
    (
        "jumin_zhang",
        "wish",
        "eldercare",
        "想要一台收音机",
        "独居老人喜欢听戏，收音机坏了。",
        "和平社区5号楼1单元101",
        "normal",
    ),
    (
        "jumin_zhang",
        "need",
        "health",
        "陪同去医院复诊",
        "下周三要去市一院复诊，子女不在身边。",
        "和平社区12号楼4单元201",
        "urgent",
    ),
    (
        "jumin_liu",
        "need",
        "repair",
        "水管漏水",
        "厨房水管接口漏水，已经关了总阀。",
        "新华社区8栋3单元602",
        "urgent",
    ),
    (
        "jumin_liu",
        "need",
        "environment",
        "垃圾分类点太脏",
        "8栋旁边的垃圾分类点经常满溢。",
        "新华社区8栋",
        "normal",
    ),
    (
        "jumin_liu",
        "wish",
        "eldercare",
        "想要一个老年手机",
        "字大声音大的老年手机，方便联系子女。",
        "新华社区8栋3单元602",
        "normal",
    ),
    (
        "jumin_liu",
        "need",
        "legal",
        "赡养费纠纷咨询",
        "子女不按时给赡养费，想咨询法律途径。",
        "新华社区8栋3单元602",
        "normal",
    ),
    (
        "jumin_li",
        "need",
        "repair",
        "电热水器不出热水",
        "热水器指示灯亮但不加热，想请懂电工的党员看看。",
        "幸福里小区7栋1单元302",
        "normal",
    ),
    (
        "jumin_wang",
        "wish",
        "other",
        "想学用智能手机",
        "想学会用手机视频通话和挂号，子女不在身边。",
        "幸福里小区3栋2单元501",
        "normal",
    ),
    (
        "jumin_li",
        "need",
        "health",
        "想请人陪同打流感疫苗",
        "老伴腿脚不方便，想请人陪着去社区卫生服务中心打流感疫苗。",
        "幸福里小区7栋1单元302",
        "normal",
    ),
    (
        "jumin_li",
        "wish",
        "other",
        "想要几本大字版图书",
        "眼睛花了，想要几本字大的书解闷，最好是历史故事。",
        "幸福里小区7栋1单元302",
        "normal",
    ),
)


def seed_orders(secretaries: dict[int, User]) -> None:
    """Orders in every state, spread over the last four months."""
    users = {u.username: u for u in db.session.scalars(sa.select(User))}
    members = {u.username: u for u in users.values() if u.active_member is not None}
    plans = [
        # (order index, days ago, steps, member username, score)
        (0, 110, ["accept", "dispatch", "claim", "complete", "rate"], "dangyuan03", 5),
        (1, 100, ["dispatch", "claim", "complete", "rate"], "dangyuan01", 5),
        (2, 95, ["accept", "dispatch_member", "claim", "complete", "rate"], "dangyuan05", 4),
        (3, 80, ["dispatch", "claim", "complete", "rate"], "dangyuan07", 3),
        (4, 70, ["accept", "dispatch", "claim", "complete", "rate"], "dangyuan08", 2),
        (5, 60, ["dispatch_pool", "claim", "complete", "auto_close"], "dangyuan19", None),
        (6, 45, ["accept", "escalate"], None, None),
        (7, 30, ["dispatch", "claim", "complete", "rate"], "dangyuan06", 5),
        (8, 20, ["reject"], None, None),
        (9, 12, ["accept", "dispatch", "claim"], "dangyuan06", None),
        (10, 90, ["accept", "dispatch", "claim", "complete", "rate"], "dangyuan10", 5),
        (11, 50, ["dispatch", "claim", "complete", "rate"], "dangyuan09", 1),
        (12, 2, ["dispatch_member", "claim", "complete"], "dangyuan11", None),
        (13, 3, ["dispatch"], None, None),
        (14, 75, ["dispatch", "claim", "complete", "rate"], "dangyuan15", 5),
        (15, 5, ["accept"], None, None),
        (16, 2, [], None, None),
        (17, 1, ["cancel"], None, None),
        (18, 0, ["accept", "dispatch"], None, None),
        (19, 0, ["dispatch_pool"], None, None),
        # 幸福里社区's secretary finds requests waiting in the inbox on first start.
        (20, 1, ["accept"], None, None),
        (21, 0, [], None, None),
    ]
    for index, days_ago, steps, member_name, score in plans:
        resident_name, kind, category, title, description, address, urgency = ORDERS[index]
        resident = users[resident_name]
        order = creation.create_order(
            resident,
            kind=kind,
            category=category,
            title=title,
            description=description,
            address=address,
            urgency=urgency,
        )
        secretary = secretaries[order.community_id]
        member = members.get(member_name)
        for step in steps:
            run_step(step, order, secretary, resident, member, score)
        backdate(order, timedelta(days=days_ago))
    db.session.flush()


def run_step(step, order, secretary, resident, member, score) -> None:
    if step == "accept":
        triage.accept_order(secretary, order.id)
    elif step == "dispatch":
        team = db.session.scalar(
            sa.select(Team).where(
                Team.community_id == order.community_id, Team.key == order.category
            )
        )
        target = {"team_id": team.id} if team is not None else {"pool": True}
        triage.dispatch_order(secretary, order.id, **target)
    elif step == "dispatch_pool":
        triage.dispatch_order(secretary, order.id, pool=True)
    elif step == "dispatch_member":
        triage.dispatch_order(secretary, order.id, member_id=member.active_member.id)
    elif step == "claim":
        work.claim_order(member, order.id)
    elif step == "complete":
        work.complete_order(
            member, order.id, note="已上门处理，居民确认问题解决。", hours=Decimal("1.5")
        )
    elif step == "rate":
        comment = {
            5: "党员同志很热心，谢谢！",
            4: "挺好的",
            3: "还行",
            2: "来得太晚了",
            1: "问题没解决",
        }
        closing.rate_order(resident, order.id, score=score, comment=comment[score])
    elif step == "auto_close":
        closing.auto_close(order)
    elif step == "escalate":
        triage.escalate_order(secretary, order.id, reason="涉及多个单位，需要街道协调。")
    elif step == "reject":
        triage.reject_order(secretary, order.id, reason="属于物业职责，已转交物业公司。")
    elif step == "cancel":
        closing.cancel_order(resident, order.id, reason="已自行解决")
    db.session.flush()


# How long after the previous step each step happened, in minutes (a believable pace).
PACE = {
    "submit": 0,
    "accept": 95,
    "dispatch": 40,
    "escalate": 300,
    "reject": 180,
    "cancel": 600,
    "claim": 75,
    "complete": 26 * 60,
    "rate": 20 * 60,
    "auto_close": 7 * 24 * 60,
}


def backdate(order: Order, delta: timedelta) -> None:
    """Replay the order's timeline from `delta` ago at a believable pace, and recompute the
    clocks that depend on when it was dispatched."""
    events = db.session.scalars(
        sa.select(OrderEvent).where(OrderEvent.order_id == order.id).order_by(OrderEvent.id)
    ).all()
    steps = [
        timedelta(minutes=PACE.get(event.action, 60) * (1 + (order.id + index) % 3) / 2)
        for index, event in enumerate(events)
    ]
    # A fresh order's steps still lie in the past: its last step happened minutes ago.
    at = min(utcnow() - delta, utcnow() - sum(steps, timedelta()) - timedelta(minutes=10))
    order.created_at = at
    for event, step in zip(events, steps, strict=True):
        at += step
        event.at = at
        field = {
            "dispatch": "dispatched_at",
            "escalate": "escalated_at",
            "claim": "claimed_at",
            "complete": "completed_at",
            "rate": "rated_at",
        }.get(event.action)
        if field is not None:
            setattr(order, field, at)
        if event.action in ("rate", "auto_close", "reject", "cancel"):
            order.closed_at = at
    if order.dispatched_at is not None:
        order.claim_due_at = claim_due_for(order.dispatched_at)
        order.due_at = due_for(order, order.dispatched_at)


JOB_TICK = timedelta(minutes=5)  # the overdue-supervision job runs every five minutes


def supervise_overdue_orders() -> None:
    """Run the overdue-supervision job (督办) over the replayed orders, as the scheduler would
    have, and date its events when those runs would have happened: the community's just after
    the due time, the street's two working days later. (The job commits.)"""
    supervise_overdue()
    events = db.session.scalars(
        sa.select(OrderEvent)
        .where(OrderEvent.action == Action.SUPERVISE.value)
        .order_by(OrderEvent.order_id, OrderEvent.id)
    ).all()
    for order_id, group in groupby(events, key=lambda event: event.order_id):
        order = db.session.get(Order, order_id)
        runs = [order.due_at + JOB_TICK, street_supervision_for(order.due_at) + JOB_TICK]
        # The community's event first, then the street's; never later than the run just done.
        fields = ("supervised_at", "street_supervised_at")
        for event, at, field in zip(group, runs, fields, strict=False):
            event.at = min(at, event.at)
            setattr(order, field, event.at)
    db.session.flush()
