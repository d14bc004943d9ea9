"""Matching benchmark: recommendations and the pool on one street's district.

    python -m tests.bench.bench_matching --db sqlite
    python -m tests.bench.bench_matching --db postgresql --members 20000 --ratio-members 2000

Builds the district (default: one street, 20,000 members, 20 communities with 8 standard and
2 custom teams = 200 teams, 100,000 open and 100,000 finished orders) into a fresh database,
then times GET /api/v1/orders/{id}/recommendations as the order's community secretary and
GET /api/v1/pool as an active member, through the Flask test client with bearer tokens.
Target: p95 under 50 ms for both.

The ratio run builds the district again at --ratio-members (default 2,000), everything else
scaled by the same factor (2 communities, 20 teams, 10,000 open orders): communities keep
their size, so when cost follows the candidates and not the district, the ratio of the p95s
stays near 1.
"""

import random
import tempfile

from tests.bench import common
from tests.bench.district import Spec

TARGET_MS = 50


def spec_for(members: int, args) -> Spec:
    factor = members / args.members
    return Spec(
        streets=1,
        communities=max(1, round(args.communities * factor)),
        members=members,
        custom_teams=args.custom_teams,
        employers=args.employers,
        open_orders=round(args.open_orders * factor),
        finished_orders=round(args.finished_orders * factor),
        seed=args.seed,
    )


def bench(args, members: int) -> dict:
    spec = spec_for(members, args)
    label = f"matching_{members}"
    results = {}
    database = common.database(args.db, label, keep=args.keep, sqlite_dir=args.sqlite_dir)
    with database as (url, existed), tempfile.TemporaryDirectory() as uploads:
        app = common.make_app(url, uploads)
        district = common.district_in(app, spec, existed)
        sizes = common.sizes(app)
        print(f"data: {sizes}", flush=True)
        rng = random.Random(args.seed)
        total = args.warmup + args.requests
        orders = district.open_orders
        recommendations = [
            (
                f"/api/v1/orders/{order_id}/recommendations",
                district.secretaries[community_id].token,
            )
            for order_id, community_id in (rng.choice(orders) for _ in range(total))
        ]
        pool = [
            ("/api/v1/pool", member.token)
            for member in (rng.choice(district.members) for _ in range(total))
        ]
        for case, calls in (("recommendations", recommendations), ("pool", pool)):
            if args.only and case != args.only:
                continue
            results[case] = common.run(
                app, calls, warmup=args.warmup, profile=args.profile, sql=args.sql
            )
            print(
                common.line(f"{case} ({members:,} members)", results[case], TARGET_MS), flush=True
            )
        with app.app_context():
            from volunteer.extensions import db

            db.engine.dispose()
    return {"spec": spec, "sizes": sizes, "results": results}


def main() -> None:
    parser = common.arguments(__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=20_000)
    parser.add_argument("--communities", type=int, default=20)
    parser.add_argument("--custom-teams", type=int, default=2, help="per community")
    parser.add_argument("--employers", type=int, default=200)
    parser.add_argument("--open-orders", type=int, default=100_000)
    parser.add_argument("--finished-orders", type=int, default=100_000)
    parser.add_argument("--ratio-members", type=int, default=2_000, help="0: no ratio run")
    parser.add_argument("--only", choices=("recommendations", "pool"))
    args = parser.parse_args()

    print(f"matching benchmark on {args.db}, {common.machine()}", flush=True)
    runs = {}
    for members in [args.members] + ([args.ratio_members] if args.ratio_members else []):
        runs[members] = bench(args, members)

    print()
    print(common.load())
    print(common.HEADER)
    for members, run in runs.items():
        spec = run["spec"]
        print(
            f"# {members:,} members, {spec.communities} communities, {spec.teams} teams, "
            f"{spec.open_orders:,} open + {spec.finished_orders:,} finished orders, "
            f"{run['sizes']['bytes'] / 2**20:,.0f} MiB"
        )
        for case, figures in run["results"].items():
            print(common.line(f"{case} ({members:,} members)", figures, TARGET_MS))
    if args.ratio_members:
        big, small = runs[args.members]["results"], runs[args.ratio_members]["results"]
        for case in big:
            ratio = big[case]["p95"] / small[case]["p95"]
            print(
                f"p95 ratio {case}: {args.members:,} / {args.ratio_members:,} members = {ratio:.2f}"
            )


if __name__ == "__main__":
    main()
