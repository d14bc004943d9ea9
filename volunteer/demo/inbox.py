"""A full morning for the desk (`volunteer demo inbox`): fifty new requests in 幸福里社区's
inbox, of every category, some urgent, some with a photo, posted through the same service
as a resident's — for trying search, bulk dispatch and next-order on real-looking data."""

import io
import random

import sqlalchemy as sa
from PIL import Image, ImageDraw

from volunteer.auth.models import User
from volunteer.extensions import db
from volunteer.orders.creation import create_order
from volunteer.orders.photos import add_photo
from volunteer.organisations.models import Community

# (category, kind, title, description)
REQUESTS = (
    ("repair", "need", "厨房水管漏水", "厨房水槽下面的水管一直漏水，地上都是水。"),
    ("repair", "need", "卫生间下水道堵了", "卫生间下水道堵塞，水下不去，想请人疏通。"),
    ("repair", "need", "空调不制冷", "客厅空调开了半天不制冷，老人怕热。"),
    ("repair", "need", "电灯开关坏了", "卧室电灯开关按不下去，晚上起夜不方便。"),
    ("repair", "need", "洗衣机漏水", "洗衣机一洗衣服底下就漏水。"),
    ("repair", "need", "门锁打不开", "防盗门锁芯坏了，钥匙插不进去。"),
    ("repair", "need", "热水器不出热水", "电热水器通电了但是不出热水。"),
    ("eldercare", "need", "独居老人需要探访", "老人独居，子女在外地，想请人每周来看看。"),
    ("eldercare", "need", "帮老人代买药品", "腿脚不便，想请人帮忙去药店买降压药。"),
    ("eldercare", "wish", "想要一副助行器", "老人走路不稳，想要一副带轮子的助行器。"),
    ("eldercare", "need", "上门理发", "老人卧床，想请人上门理发。"),
    ("health", "need", "上门测量血压", "独居老人，每周想请人上门量一次血压。"),
    ("health", "need", "陪同去医院复诊", "下周要去市医院复诊，子女不在身边，想请人陪诊。"),
    ("environment", "need", "楼道堆放杂物", "单元楼道堆满纸箱，有消防隐患。"),
    ("environment", "need", "绿化带杂草太高", "楼下绿化带杂草很高，蚊虫多。"),
    ("environment", "need", "垃圾桶满了没人清", "小区门口垃圾桶满了两天没人清理。"),
    ("patrol", "need", "楼道灯不亮", "三楼楼道灯坏了，晚上很黑，老人上下楼不安全。"),
    ("patrol", "need", "电动车楼道充电", "有人在楼道里给电动车充电，有火灾隐患。"),
    ("mediation", "need", "楼上漏水到我家", "楼上卫生间漏水到我家天花板，沟通几次没结果。"),
    ("mediation", "need", "装修噪音扰民", "隔壁装修中午也不停，老人休息不好。"),
    ("legal", "need", "租房押金不退", "房东不退押金，想咨询怎么维权。"),
    ("legal", "need", "遗产继承咨询", "父亲去世后房产过户，不知道需要哪些手续。"),
    ("policy", "need", "医保报销咨询", "想了解门诊慢特病报销怎么申请，需要哪些材料。"),
    ("policy", "need", "养老金资格认证", "不会用手机做养老金资格认证，想请人教一下。"),
    ("other", "wish", "孩子想要一个书包", "孩子上二年级，书包破了，家里困难。"),
)
RESIDENTS = ("jumin_wang", "jumin_li")


def photo(seed: int) -> bytes:
    """A small picture of the trouble (a coloured panel with a mark), as a resident's JPEG."""
    rng = random.Random(seed)
    image = Image.new("RGB", (480, 360), tuple(rng.randrange(90, 200) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(6):
        x, y = rng.randrange(0, 420), rng.randrange(0, 300)
        draw.ellipse((x, y, x + 60, y + 60), fill=tuple(rng.randrange(0, 255) for _ in range(3)))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def seed_inbox(count: int = 50, community_name: str = "幸福里社区", seed: int = 11) -> list[int]:
    """Post `count` new requests in the community by its demo residents; their ids."""
    rng = random.Random(seed)
    community = db.session.scalar(sa.select(Community).where(Community.name == community_name))
    if community is None:
        raise LookupError(community_name)
    residents = list(
        db.session.scalars(
            sa.select(User)
            .where(User.username.in_(RESIDENTS), User.community_id == community.id)
            .order_by(User.username)
        )
    )
    if not residents:
        raise LookupError("no demo resident in " + community_name)
    grids = list(community.grids or [])
    ids = []
    for number in range(count):
        category, kind, title, description = REQUESTS[number % len(REQUESTS)]
        resident = residents[number % len(residents)]
        order = create_order(
            resident,
            kind=kind,
            title=title,
            description=description,
            category=category,
            urgency="urgent" if kind == "need" and rng.random() < 0.15 else "normal",
            grid=grids[number % len(grids)] if grids else None,
            address=f"幸福里小区{rng.randint(1, 12)}栋{rng.randint(1, 4)}单元"
            f"{rng.randint(1, 6)}0{rng.randint(1, 4)}",
        )
        if number % 5 == 0:
            add_photo(resident, order.id, photo(seed + number))
        ids.append(order.id)
    db.session.flush()
    return ids
