"""What the benchmark scripts share: a fresh database (a temporary SQLite file, or a dedicated
PostgreSQL database that is created and dropped, never the shared `test` one), the app on it,
the district, timed requests through the test client, and the figures."""

import argparse
import cProfile
import io
import math
import os
import platform
import pstats
import random
import shutil
import tempfile
import time
from contextlib import contextmanager
from dataclasses import replace

import psycopg
import sqlalchemy as sa

from tests.bench import district as districts
from volunteer import create_app
from volunteer.extensions import db

PG_SERVER = os.environ.get("VOLUNTEER_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432")
PG_DATABASE = os.environ.get("VOLUNTEER_BENCH_PG_DATABASE", "volunteer_bench")


def arguments(description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--requests", type=int, default=200, help="measured requests per case")
    parser.add_argument("--warmup", type=int, default=20, help="unmeasured requests first")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", action="store_true", help="cProfile the measured requests")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the database afterwards and reuse it when it exists (iterating on a fix)",
    )
    parser.add_argument("--sqlite-dir", default=None, help="where the SQLite file goes")
    parser.add_argument(
        "--sql", action="store_true", help="time the SQL statements and print the slowest"
    )
    return parser


def machine() -> str:
    return f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores"


@contextmanager
def database(kind: str, label: str, *, keep: bool, sqlite_dir: str | None = None):
    """(url, existed): a database for one district, removed afterwards unless `keep`."""
    if kind == "sqlite":
        directory = sqlite_dir or (
            os.path.join(tempfile.gettempdir(), "volunteer_bench") if keep else tempfile.mkdtemp()
        )
        os.makedirs(directory, exist_ok=True)
        path = os.path.join(directory, f"{label}.sqlite3")
        existed = keep and os.path.exists(path)
        if not existed:
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(path + suffix):
                    os.remove(path + suffix)
        try:
            yield "sqlite:///" + path, existed
        finally:
            if not keep:
                shutil.rmtree(directory, ignore_errors=True) if sqlite_dir is None else None
                for suffix in ("", "-wal", "-shm"):
                    if os.path.exists(path + suffix):
                        os.remove(path + suffix)
        return
    name = f"{PG_DATABASE}_{label}"
    assert name.startswith(PG_DATABASE) and name != "test"
    server = sa.make_url(PG_SERVER)
    conninfo = dict(
        host=server.host, port=server.port or 5432, user=server.username, dbname="postgres"
    )
    with psycopg.connect(**conninfo, autocommit=True) as connection:
        existed = (
            keep
            and connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
            ).fetchone()
            is not None
        )
        if not existed:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield str(server.set(database=name).render_as_string(hide_password=False)), existed
    finally:
        if not keep:
            with psycopg.connect(**conninfo, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def make_app(url: str, upload_dir: str):
    return create_app(
        {
            "SECRET_KEY": "bench-secret",
            "SQLALCHEMY_DATABASE_URI": url,
            "UPLOAD_FOLDER": upload_dir,
        }
    )


def district_in(app, spec: districts.Spec, existed: bool) -> districts.District:
    """Build the district, or (kept database) read it back and issue fresh tokens."""
    with app.app_context():
        if existed:
            print("reusing the kept database", flush=True)
            district = districts.speakers(spec)
            district.open_orders = districts.open_order_sample(1000, random.Random(spec.seed))
            return district
        db.create_all()
        return districts.build(spec)


def sizes(app) -> dict[str, int]:
    """Rows per table and the database's size on disk."""
    with app.app_context():
        counts = {
            table: db.session.scalar(sa.text(f"SELECT count(*) FROM {table}"))
            for table in ("users", "members", "teams", "team_memberships", "skill_grams", "orders")
        }
        if db.engine.dialect.name == "postgresql":
            counts["bytes"] = db.session.scalar(
                sa.text("SELECT pg_database_size(current_database())")
            )
        else:
            path = db.engine.url.database
            counts["bytes"] = sum(
                os.path.getsize(path + s) for s in ("", "-wal") if os.path.exists(path + s)
            )
        db.session.remove()
    return counts


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    return values[max(0, math.ceil(p / 100 * len(values)) - 1)]


def summary(times: list[float], cpu: list[float]) -> dict:
    """Wall-clock percentiles, and those of this process's CPU time (on a shared machine the
    wall clock also counts waiting for a core; with SQLite all the work is in-process)."""
    ordered = sorted(times)
    return {
        "count": len(ordered),
        "p50": percentile(ordered, 50),
        "p95": percentile(ordered, 95),
        "p99": percentile(ordered, 99),
        "max": ordered[-1],
        "cpu_p50": percentile(sorted(cpu), 50),
        "cpu_p95": percentile(sorted(cpu), 95),
    }


class SqlTimer:
    """Time spent in the database driver per statement (the rest of a request is Python)."""

    def __init__(self, app):
        self.app = app
        self.by_statement: dict[str, list[float]] = {}
        self.total = 0.0
        self.count = 0

    def __enter__(self):
        with self.app.app_context():
            self.engine = db.engine
        sa.event.listen(self.engine, "before_cursor_execute", self.before)
        sa.event.listen(self.engine, "after_cursor_execute", self.after)
        return self

    def __exit__(self, *exc):
        sa.event.remove(self.engine, "before_cursor_execute", self.before)
        sa.event.remove(self.engine, "after_cursor_execute", self.after)

    def before(self, conn, cursor, statement, parameters, context, executemany):
        conn.info["bench_started"] = time.perf_counter()

    def after(self, conn, cursor, statement, parameters, context, executemany):
        took = (time.perf_counter() - conn.info.pop("bench_started")) * 1000
        self.by_statement.setdefault(statement, []).append(took)
        self.total += took
        self.count += 1

    def report(self, requests: int) -> None:
        print(
            f"SQL: {self.count / requests:.1f} statements and {self.total / requests:.1f} ms "
            "per request (driver time; fetching rows is partly outside it)"
        )
        slowest = sorted(self.by_statement.items(), key=lambda kv: -sum(kv[1]))[:8]
        for statement, times in slowest:
            flat = " ".join(statement.split())
            print(
                f"  {sum(times) / requests:7.2f} ms/request  {len(times) / requests:5.1f}x  "
                f"{flat[:300]}"
            )


def run(
    app,
    calls: list[tuple[str, str]],
    *,
    warmup: int,
    profile: bool = False,
    sql: bool = False,
) -> dict:
    """GET each (path, token) in turn; the times of all but the warm-up ones, in ms."""
    client = app.test_client()

    def get(path, token):
        response = client.get(path, headers={"Authorization": f"Bearer {token}"})
        if response.status_code != 200:
            raise SystemExit(f"GET {path}: {response.status_code} {response.get_data(True)[:500]}")
        return response

    for path, token in calls[:warmup]:
        get(path, token)
    profiler = cProfile.Profile() if profile else None
    timer = SqlTimer(app) if sql else None
    times, cpu = [], []
    if timer:
        timer.__enter__()
    for path, token in calls[warmup:]:
        if profiler:
            profiler.enable()
        started, started_cpu = time.perf_counter(), time.process_time()
        get(path, token)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        if profiler:
            profiler.disable()
    if timer:
        timer.__exit__()
        timer.report(len(times))
    if profiler:
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("cumulative").print_stats(40)
        stats.sort_stats("tottime").print_stats(25)
        print(out.getvalue())
    return summary(times, cpu)


HEADER = (
    f"{'case':<40} {'count':>5} {'p50':>7} {'p95':>7} {'p99':>7} {'max':>7} "
    f"{'cpu p50':>7} {'cpu p95':>7}  target (ms)"
)


def line(case: str, figures: dict, target: float | None = None) -> str:
    verdict = ""
    if target is not None:
        verdict = f"p95 < {target:g} ms " + ("ok" if figures["p95"] < target else "MISSED")
    return (
        f"{case:<40} {figures['count']:>5} {figures['p50']:>7.1f} {figures['p95']:>7.1f} "
        f"{figures['p99']:>7.1f} {figures['max']:>7.1f} {figures['cpu_p50']:>7.1f} "
        f"{figures['cpu_p95']:>7.1f}  {verdict}"
    )


def load() -> str:
    """The machine's load average: other work on the two cores inflates the wall clock."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores"


def scaled(spec: districts.Spec, **changes) -> districts.Spec:
    return replace(spec, **changes)
