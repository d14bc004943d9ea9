"""Employer reports benchmark: one period's reports for every employer, with all files.

    python -m tests.bench.bench_reports --db sqlite
    python -m tests.bench.bench_reports --db postgresql --workers 2

Builds the district (default: 5 streets, 100 communities, 20,000 members, 200 employers,
1,000,000 orders of which 5 % still open, the rest finished over the last 300 days), gives
every in-service member an evaluation for the period's year, then times what
`volunteer reports generate --period P --files DIR` does: every employer's rows aggregated
in SQL (a fixed handful of grouped queries per report, none per member) and committed one
employer at a time, each report's PDF (WeasyPrint) and XLSX (openpyxl) rendered and written
by `--workers` processes while the next is drafted. Then drafting alone, for its share.

Target: under 2 minutes for all of it. Memory: the peak RSS of this process and of the
largest worker, and the peak of Python allocations (tracemalloc) in a second drafting pass
after a quarter, half, three quarters and all of the employers: flat when it does not grow
with the employers. CPU seconds are printed too: on a machine shared with other work they
tell what the wall time would be on an idle one (CPU / cores, for the files).
"""

import os
import random
import resource
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa

from tests.bench import common
from tests.bench.district import Spec
from volunteer.extensions import db
from volunteer.orders.timing import zone
from volunteer.people.models import Member
from volunteer.reports.export import write_files_of
from volunteer.reports.grades import GRADES
from volunteer.reports.models import Evaluation
from volunteer.reports.periods import Period
from volunteer.reports.services import draft_period, drafted

TARGET_SECONDS = 120


def default_period() -> Period:
    """The last 183 days: the finished orders spread over 300 days, so most of a half-year's
    worth falls inside."""
    today = date.today()
    return Period(today - timedelta(days=182), today)


def add_evaluations(year: int, seed: int) -> int:
    """An evaluation for the year for every in-service member (bulk insert)."""
    rng = random.Random(seed)
    ids = db.session.scalars(sa.select(Member.id).where(Member.member_type == "in_service"))
    grades = list(GRADES)
    rows = [
        {
            "member_id": member_id,
            "year": year,
            "grade": rng.choices(grades, weights=(3, 6, 1, 0.3))[0],
            "comment": rng.choice(("服务热情，群众认可。", "积极参加社区服务。", "")),
            "evaluated_by_id": 1,
        }
        for member_id in ids
    ]
    db.session.execute(sa.insert(Evaluation), rows)
    db.session.commit()
    return len(rows)


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (the rendering workers)."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def rss_mib(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def draft_with_memory(period: Period, employer_ids: list[int]) -> tuple[float, list]:
    """Draft the period's reports; the time, and the tracemalloc peak after each quarter."""
    tracemalloc.start()
    peaks = []
    started = time.perf_counter()
    quarter = max(1, len(employer_ids) // 4)
    for first in range(0, len(employer_ids), quarter):
        draft_period(period, employer_ids[first : first + quarter])
        peaks.append((min(first + quarter, len(employer_ids)), tracemalloc.get_traced_memory()[1]))
    took = time.perf_counter() - started
    tracemalloc.stop()
    return took, peaks


def main() -> None:
    parser = common.arguments(__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--open-share", type=float, default=0.05)
    parser.add_argument("--streets", type=int, default=5)
    parser.add_argument("--communities", type=int, default=100)
    parser.add_argument("--members", type=int, default=20_000)
    parser.add_argument("--employers", type=int, default=200)
    parser.add_argument("--history-days", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2, help="processes rendering files")
    args = parser.parse_args()

    open_orders = round(args.orders * args.open_share)
    spec = Spec(
        streets=args.streets,
        communities=args.communities,
        members=args.members,
        employers=args.employers,
        open_orders=open_orders,
        finished_orders=args.orders - open_orders,
        history_days=args.history_days,
        seed=args.seed,
    )
    period = default_period()
    print(f"reports benchmark on {args.db}, {common.machine()}, period {period.label}", flush=True)
    with (
        common.database(args.db, "reports", keep=args.keep, sqlite_dir=args.sqlite_dir) as (
            url,
            existed,
        ),
        tempfile.TemporaryDirectory() as scratch,
    ):
        app = common.make_app(url, scratch)
        common.district_in(app, spec, existed)
        with app.app_context():
            if not existed:
                evaluated = add_evaluations(period.end.year, args.seed)
                print(f"evaluations: {evaluated:,}", flush=True)
            db.session.execute(sa.text("DELETE FROM reports"))
            db.session.commit()
            employer_ids = list(db.session.scalars(sa.text("SELECT id FROM employers ORDER BY id")))
        sizes = common.sizes(app)
        print(f"data: {sizes}", flush=True)

        with app.app_context():
            assert str(zone()) == "Asia/Shanghai"
            # What `volunteer reports generate --period P --files DIR` does: each employer's
            # draft is rendered by a worker while the next one is drafted.
            out = Path(scratch) / "files"
            started, cpu_before = time.perf_counter(), cpu_seconds()
            ids = (report_id for _, report_id in drafted(period, employer_ids))
            written = write_files_of(ids, out, workers=args.workers)
            total, total_cpu = time.perf_counter() - started, cpu_seconds() - cpu_before
            largest_pdf = max(p.stat().st_size for p in out.glob("*.pdf"))
            # Drafting alone (the drafts are refreshed), with the SQL timed if asked.
            sql = common.SqlTimer(app) if args.sql else None
            if sql:
                sql.__enter__()
            started, cpu_before = time.perf_counter(), time.process_time()
            draft_period(period, employer_ids)
            drafting = time.perf_counter() - started
            drafting_cpu = time.process_time() - cpu_before
            if sql:
                sql.__exit__()
                sql.report(len(employer_ids))
            # Once more, watching Python's allocations.
            _, peaks = draft_with_memory(period, employer_ids)
            db.engine.dispose()

    reports = written["reports"]
    verdict = "ok" if total < TARGET_SECONDS else "MISSED"
    print()
    print(
        f"# {args.orders:,} orders ({open_orders:,} open), {spec.streets} streets, "
        f"{spec.communities} communities, {spec.members:,} members, {spec.employers} employers, "
        f"{sizes['bytes'] / 2**20:,.0f} MiB; period {period.label}"
    )
    print(
        f"drafts + PDF + XLSX, all     {total:7.1f} s  target < {TARGET_SECONDS} s {verdict}  "
        f"({reports} reports, {written['bytes'] / 2**20:.1f} MiB, {args.workers} workers, "
        f"largest PDF {largest_pdf / 1024:.0f} KiB; CPU {total_cpu:.1f} s)"
    )
    print(
        f"drafting alone (SQL)         {drafting:7.1f} s  "
        f"({drafting / reports * 1000:.0f} ms/report; CPU {drafting_cpu:.1f} s)"
    )
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    own, workers = rss_mib(resource.RUSAGE_SELF), rss_mib(resource.RUSAGE_CHILDREN)
    print(f"peak RSS: this process {own:.0f} MiB, largest worker {workers:.0f} MiB")
    print(
        "tracemalloc peak while drafting, after n employers: "
        + ", ".join(f"{n}: {peak / 2**20:.1f} MiB" for n, peak in peaks)
    )


if __name__ == "__main__":
    main()
