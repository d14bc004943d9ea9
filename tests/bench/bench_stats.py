"""Statistics benchmark: GET /stats for a community and for a street.

    python -m tests.bench.bench_stats --db sqlite
    python -m tests.bench.bench_stats --db postgresql --orders 1000000 --ratio-orders 10000

Builds the district (default: 5 streets, 100 communities, 20,000 members, 200 employers,
1,000,000 orders of which 5 % still open, the rest finished over the last 300 days, so all
of them fall in the default period, 1 January to today) into a fresh database, then times
GET /api/v1/stats?community_id=… as that community's secretary and
GET /api/v1/stats?street_id=… as that street's admin, through the Flask test client with
bearer tokens. Targets: p95 under 200 ms (community) and 500 ms (street).

The ratio run builds the same district with --ratio-orders (default 10,000) orders.
"""

import random
import tempfile

from tests.bench import common
from tests.bench.district import Spec

TARGETS_MS = {"community": 200, "street": 500}


def spec_for(orders: int, args) -> Spec:
    open_orders = round(orders * args.open_share)
    return Spec(
        streets=args.streets,
        communities=args.communities,
        members=args.members,
        employers=args.employers,
        open_orders=open_orders,
        finished_orders=orders - open_orders,
        history_days=args.history_days,
        seed=args.seed,
    )


def bench(args, orders: int) -> dict:
    spec = spec_for(orders, args)
    results = {}
    database = common.database(
        args.db, f"stats_{orders}", keep=args.keep, sqlite_dir=args.sqlite_dir
    )
    with database as (url, existed), tempfile.TemporaryDirectory() as uploads:
        app = common.make_app(url, uploads)
        district = common.district_in(app, spec, existed)
        sizes = common.sizes(app)
        print(f"data: {sizes}", flush=True)
        rng = random.Random(args.seed)
        total = args.warmup + args.requests
        extra = f"&group_by={args.group_by}" if args.group_by else ""
        cases = {
            "community": [
                (f"/api/v1/stats?community_id={c}{extra}", district.secretaries[c].token)
                for c in (rng.choice(district.community_ids) for _ in range(total))
            ],
            "street": [
                (f"/api/v1/stats?street_id={s}{extra}", district.street_admins[s].token)
                for s in (rng.choice(district.street_ids) for _ in range(total))
            ],
        }
        for case, calls in cases.items():
            if args.only and case != args.only:
                continue
            results[case] = common.run(
                app, calls, warmup=args.warmup, profile=args.profile, sql=args.sql
            )
            print(
                common.line(f"{case} stats ({orders:,} orders)", results[case], TARGETS_MS[case]),
                flush=True,
            )
        with app.app_context():
            from volunteer.extensions import db

            db.engine.dispose()
    return {"spec": spec, "sizes": sizes, "results": results}


def main() -> None:
    parser = common.arguments(__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--open-share", type=float, default=0.05)
    parser.add_argument("--streets", type=int, default=5)
    parser.add_argument("--communities", type=int, default=100)
    parser.add_argument("--members", type=int, default=20_000)
    parser.add_argument("--employers", type=int, default=200)
    parser.add_argument("--history-days", type=int, default=300)
    parser.add_argument("--ratio-orders", type=int, default=10_000, help="0: no ratio run")
    parser.add_argument("--group-by", choices=("category", "team", "grid", "month"))
    parser.add_argument("--only", choices=tuple(TARGETS_MS))
    args = parser.parse_args()

    print(f"statistics benchmark on {args.db}, {common.machine()}", flush=True)
    runs = {}
    for orders in [args.orders] + ([args.ratio_orders] if args.ratio_orders else []):
        runs[orders] = bench(args, orders)

    print()
    print(common.load())
    print(common.HEADER)
    for orders, run in runs.items():
        spec = run["spec"]
        print(
            f"# {orders:,} orders ({spec.open_orders:,} open), {spec.streets} streets, "
            f"{spec.communities} communities, {spec.members:,} members, "
            f"{spec.employers} employers, {run['sizes']['bytes'] / 2**20:,.0f} MiB"
        )
        for case, figures in run["results"].items():
            print(common.line(f"{case} stats ({orders:,} orders)", figures, TARGETS_MS[case]))
    if args.ratio_orders:
        big, small = runs[args.orders]["results"], runs[args.ratio_orders]["results"]
        for case in big:
            ratio = big[case]["p95"] / small[case]["p95"]
            print(
                f"p95 ratio {case} stats: {args.orders:,} / {args.ratio_orders:,} orders = "
                f"{ratio:.2f}"
            )


if __name__ == "__main__":
    main()
