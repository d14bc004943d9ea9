"""The HTTP benchmark's data (tests/bench/http.py): the demo or the million-order district,
the demo's pages filled as the district's are, and who speaks in each case."""

import random

import sqlalchemy as sa

from tests.bench import district as districts


def build(app, size: str, existed: bool, seed: int, orders: int = 1_000_000) -> None:
    from volunteer.extensions import db

    if existed:
        print("reusing the kept database", flush=True)
        with app.app_context():
            db.create_all()  # tables added since it was built
        return
    with app.app_context():
        db.create_all()
        if size == "demo":
            from volunteer.demo import seed_demo

            seed_demo()
            fill_pages()
            db.session.commit()
        else:
            districts.build(
                districts.Spec(
                    streets=5,
                    communities=100,
                    members=20_000,
                    employers=200,
                    open_orders=orders // 20,
                    finished_orders=orders - orders // 20,
                    seed=seed,
                )
            )
        db.session.remove()


def community_roles() -> tuple[dict[int, int], dict[int, list[int]]]:
    """Per community: its secretary's user id, and its residents' in the order granted."""
    from volunteer.auth.models import RoleGrant
    from volunteer.extensions import db

    secretaries: dict[int, int] = {}
    residents: dict[int, list[int]] = {}
    for role, community_id, user_id in db.session.execute(
        sa.select(RoleGrant.role, RoleGrant.community_id, RoleGrant.user_id)
        .where(RoleGrant.role.in_(("secretary", "resident")))
        .order_by(RoleGrant.id)
    ):
        if role == "secretary":
            secretaries[community_id] = user_id
        else:
            residents.setdefault(community_id, []).append(user_id)
    return secretaries, residents


# The pages compared: the list's first three pages of 20 and the pool's page of 20.
PAGE_SIZE, PAGES = 20, 3
# What the demo's communities are given to fill those pages (residents' everyday requests).
FILLERS = (
    ("eldercare", "陪老人去医院复查"),
    ("repair", "楼道灯坏了"),
    ("cleaning", "帮忙清理阳台杂物"),
    ("errands", "代取快递"),
)


def fill_pages() -> None:
    """Full pages in the demo, as at a million orders: the demo's communities hold a dozen
    orders each, so the list's pages 2 and 3 came back empty and the pool showed a few cards,
    and the million's p95 was compared with smaller pages. Each community with a secretary
    gets residents' requests up to three pages of 20, and a page of them offered to the pool —
    posted, accepted and dispatched through the services, as the demo's own orders are."""
    from volunteer.auth.models import User
    from volunteer.extensions import db
    from volunteer.orders import creation, triage
    from volunteer.orders.models import Order

    secretaries, residents_of = community_roles()
    for community_id, secretary_id in secretaries.items():
        residents = residents_of.get(community_id)
        if not residents:
            continue
        secretary = db.session.get(User, secretary_id)
        held = db.session.scalar(
            sa.select(sa.func.count()).where(Order.community_id == community_id)
        )
        for number in range(max(0, PAGE_SIZE * PAGES - held)):
            category, title = FILLERS[number % len(FILLERS)]
            order = creation.create_order(
                db.session.get(User, residents[number % len(residents)]),
                kind="need",
                category=category,
                title=title,
                description=f"{title}，谢谢（第 {number + 1} 件）。",
                address="幸福里小区3栋2单元501",
            )
            db.session.flush()
            if number < PAGE_SIZE:
                triage.accept_order(secretary, order.id)
                triage.dispatch_order(secretary, order.id, pool=True)


# What the create case posts, thousands of times a round.
POSTED = {
    "kind": "need",
    "title": "帮忙买菜",
    "description": "腿脚不便，请帮忙买些蔬菜送到家。",
    "category": "eldercare",
    "address": "幸福里小区3栋2单元501",
}


def speakers(app, rng: random.Random) -> dict:
    """Tokens and cookies: the secretary of the community with the most orders, its street's
    admin, an active member and a resident there; sample orders of that community."""
    from flask import session

    from volunteer.auth.models import RoleGrant, User
    from volunteer.auth.sessions import log_in
    from volunteer.extensions import db
    from volunteer.orders.models import Order
    from volunteer.organisations.models import Community
    from volunteer.people.models import Member

    def cookie(user_id: int) -> str:
        with app.test_request_context("/"):
            log_in(db.session.get(User, user_id))
            db.session.commit()
            value = app.session_interface.get_signing_serializer(app).dumps(dict(session))
            db.session.remove()
        return f"session={value}"

    with app.app_context():
        secretaries, residents = community_roles()
        counts = dict(
            db.session.execute(
                sa.select(Order.community_id, sa.func.count())
                .where(
                    Order.community_id.in_(list(secretaries)),
                    # A kept database holds what earlier runs posted: not counted, so that
                    # the community they swelled is never the one measured.
                    Order.title != POSTED["title"],
                )
                .group_by(Order.community_id)
            ).all()
        )
        community_id = max(secretaries, key=lambda c: (counts.get(c, 0), -c))
        street_id = db.session.get(Community, community_id).street_id
        street_admin = db.session.scalar(
            sa.select(RoleGrant.user_id).where(
                RoleGrant.role == "street_admin", RoleGrant.street_id == street_id
            )
        )
        # The resident who posts lives elsewhere, in another street if there is one: the
        # thousands of orders the create case adds in seconds would otherwise swell the
        # measured community's inbox and list (and, before autovacuum's next ANALYZE, mislead
        # PostgreSQL's planner) between one round and the next.
        streets = dict(db.session.execute(sa.select(Community.id, Community.street_id)).all())
        resident = min(
            (
                (streets[community] == street_id, user_id)
                for community, users in residents.items()
                if community != community_id
                for user_id in users
            )
        )[1]
        member = db.session.scalar(
            sa.select(Member.user_id)
            .where(Member.community_id == community_id, Member.status == "active")
            .order_by(Member.id)
        )
        ids = list(
            db.session.scalars(sa.select(Order.id).where(Order.community_id == community_id))
        )
        orders = rng.sample(ids, min(500, len(ids)))
        total_orders = db.session.scalar(sa.select(sa.func.count()).select_from(Order))
        tokens = districts.issue_tokens([secretaries[community_id], street_admin, resident])
        db.session.remove()
    return {
        "community_id": community_id,
        "total_orders": total_orders,
        "street_id": street_id,
        "orders": orders,
        "secretary": tokens[secretaries[community_id]],
        "street_admin": tokens[street_admin],
        "resident": tokens[resident],
        "secretary_cookie": cookie(secretaries[community_id]),
        "member_cookie": cookie(member),
    }
