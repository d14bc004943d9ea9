"""HTTP benchmark: the app under gunicorn against bare Flask-SQLAlchemy endpoints, under wrk.

    python -m tests.bench.http --db sqlite --size demo            # a quick run (~2 min)
    python -m tests.bench.http --db both --size both --keep        # the README's table
    python -m tests.bench.http --db postgresql --size million --cases list,desk,pool,stats

Per database engine and size it builds the data (`demo`: the seeded demo; `million`: the
synthetic district of tests/bench/district.py with 1,000,000 orders in 5 streets and 100
communities), starts two gunicorn servers with deploy/gunicorn.conf.py and 2 sync workers —
the app and the baseline of tests/bench/bare.py on the same database — and drives them with
`wrk -t1 -c8` (apt's wrk; a Lua script rotates the paths and prints the percentiles). Cases
run interleaved in rounds (bare read, detail, list, bare insert, create, …), so that the
ratios compare runs taken under the same machine load; the median round counts.

Figures of every (engine, size) are kept in --results (JSON) so that separate invocations
add up to one table; the million-order p95 is compared with the demo's of the same engine.
PostgreSQL databases are named VOLUNTEER_BENCH_PG_DATABASE + "_http_<size>".
"""

import argparse
import dataclasses
import json
import os
import random
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.bench import bare, common
from tests.bench.http_data import POSTED, build, speakers

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
SECRET = "bench-http-" + secrets.token_hex(8)
CASES = ("hello", "read", "detail", "list", "insert", "create", "desk", "pool", "stats")
# Which bare case each app case is measured against, and the target ratio of req/s.
RATIO_TARGETS = {"detail": ("read", 0.5), "list": ("read", 0.4), "create": ("insert", 0.4)}
# At a million orders the p95 stays within this factor of the demo's.
FLAT_CASES = ("list", "desk", "pool")
FLAT_TARGET = 1.5
STATS_P95_MS = 100.0

LUA = """
local paths = {%(paths)s}
local headers = {%(headers)s}
local method = "%(method)s"
local body = %(body)s
local i = math.random(#paths)
request = function()
  i = i %% #paths + 1
  return wrk.format(method, paths[i], headers, body)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %%d, "duration_us": %%d, "errors": %%d, "bad_status": %%d, ' ..
    '"p50": %%.3f, "p95": %%.3f, "p99": %%.3f, "max": %%.3f}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
"""


def lua_string(value: str) -> str:
    """A Lua string literal: printable ASCII as is, every other byte as a decimal escape."""
    return (
        '"'
        + "".join(
            chr(b) if 32 <= b < 127 and b not in (34, 92) else f"\\{b:03d}" for b in value.encode()
        )
        + '"'
    )


@dataclasses.dataclass(frozen=True)
class Requests:
    """What one case sends: the paths in turn, each with the same headers, method and body."""

    paths: list[str]
    headers: dict[str, str]
    method: str = "GET"
    body: str | None = None

    def script(self) -> str:
        """wrk's Lua script for them."""
        return LUA % {
            "paths": ", ".join(lua_string(p) for p in self.paths),
            "headers": ", ".join(
                f"[{lua_string(k)}] = {lua_string(v)}" for k, v in self.headers.items()
            ),
            "method": self.method,
            "body": lua_string(self.body) if self.body is not None else "nil",
        }

    def first(self, url: str) -> urllib.request.Request:
        """The first of them for urllib."""
        return urllib.request.Request(
            url + self.paths[0],
            method=self.method,
            headers=self.headers,
            data=self.body.encode() if self.body is not None else None,
        )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn with deploy/gunicorn.conf.py and 2 sync workers, stopped on exit."""

    def __init__(self, app: str, env: dict, workers: int = 2):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "-c",
                str(ROOT / "deploy" / "gunicorn.conf.py"),
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                app,
            ],
            cwd=ROOT,
            env={**os.environ, **env},
        )

    def wait(self, path: str) -> None:
        for _ in range(300):
            try:
                urllib.request.urlopen(self.url + path, timeout=2).read()
                return
            except OSError:
                if self.process.poll() is not None:
                    raise SystemExit(f"gunicorn exited with {self.process.returncode}") from None
                time.sleep(0.2)
        raise SystemExit(f"{self.url} never answered")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def wrk(url: str, script: str, *, duration: float, connections: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as file:
        file.write(script)
    try:
        finished = subprocess.run(
            [
                "wrk",
                "-t1",
                f"-c{connections}",
                f"-d{round(duration)}s",
                "--timeout",
                "10s",
                "-s",
                file.name,
                url,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        out = finished.stdout + finished.stderr
    finally:
        os.remove(file.name)
    line = next((line for line in out.splitlines() if line.startswith("RESULT ")), None)
    if line is None:
        raise SystemExit(f"wrk printed no result:\n{out}")
    figures = json.loads(line.removeprefix("RESULT "))
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    return figures


# ---------------------------------------------------------------------------------------------
# Data and the people the requests speak as


def scripts(who: dict) -> dict[str, tuple[str, Requests]]:
    """case → (server, its requests)."""

    def bearer(token: str) -> dict:
        return {"Authorization": f"Bearer {token}"}

    order = POSTED
    rng = random.Random(7)
    return {
        "hello": ("bare", Requests(["/hello"], {})),
        "read": (
            "bare",
            Requests([f"/rows/{rng.randint(1, bare.ROWS)}" for _ in range(500)], {}),
        ),
        "insert": (
            "bare",
            Requests(
                ["/rows"],
                {"Content-Type": "application/json"},
                "POST",
                json.dumps({"name": "帮忙买菜", "note": "腿脚不便，请帮忙买些蔬菜送到家。"}),
            ),
        ),
        "detail": (
            "app",
            Requests([f"/api/v1/orders/{i}" for i in who["orders"]], bearer(who["secretary"])),
        ),
        "list": (
            "app",
            Requests(
                [f"/api/v1/orders?page_size=20&page={p}" for p in (1, 1, 1, 2, 3)],
                bearer(who["secretary"]),
            ),
        ),
        "create": (
            "app",
            Requests(
                ["/api/v1/orders"],
                {**bearer(who["resident"]), "Content-Type": "application/json"},
                "POST",
                json.dumps(order, ensure_ascii=False),
            ),
        ),
        "desk": ("app", Requests(["/desk"], {"Cookie": who["secretary_cookie"]})),
        "pool": ("app", Requests(["/member/pool"], {"Cookie": who["member_cookie"]})),
        "stats": (
            "app",
            Requests([f"/api/v1/stats?street_id={who['street_id']}"], bearer(who["street_admin"])),
        ),
    }


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def check(url: str, requests: Requests, case: str) -> None:
    """One request and one short run first: the request must succeed without a redirect (a
    lost login would time the redirect to the login page) and the run must answer only
    successes, else the figures mean nothing."""
    request = requests.first(url)
    try:
        status = urllib.request.build_opener(NoRedirect).open(request, timeout=30).status
    except urllib.error.HTTPError as error:
        status = error.code
    if not 200 <= status < 300:
        raise SystemExit(f"{case}: {request.method} {request.full_url} answered {status}")
    figures = wrk(url, requests.script(), duration=1, connections=1)
    if figures["bad_status"] or figures["errors"]:
        raise SystemExit(f"{case}: {figures['bad_status']} error statuses, {figures}")


def bench(args, kind: str, size: str) -> dict:
    label = f"http_{size}" if size == "demo" else f"http_{args.orders}"
    database = common.database(kind, label, keep=args.keep, sqlite_dir=args.sqlite_dir)
    with database as (url, existed), tempfile.TemporaryDirectory() as uploads:
        started = time.perf_counter()
        app = common.make_app(url, uploads)
        app.config["SECRET_KEY"] = SECRET  # the login cookies are signed as the server signs
        build(app, size, existed, args.seed, args.orders)
        bare.prepare(url)
        who = speakers(app, random.Random(args.seed))
        with app.app_context():
            from volunteer.extensions import db

            db.engine.dispose()
        print(f"{kind} {size}: data ready in {time.perf_counter() - started:.0f} s", flush=True)
        env = {
            "VOLUNTEER_DATABASE_URL": url,
            "VOLUNTEER_SECRET_KEY": SECRET,
            "VOLUNTEER_UPLOAD_FOLDER": uploads,
            "VOLUNTEER_RATELIMIT_ENABLED": "0",
            "BARE_DATABASE_URL": url,
        }
        servers = {
            "app": Server("volunteer:create_app()", env),
            "bare": Server("tests.bench.bare:create_app()", env),
        }
        try:
            servers["app"].wait("/api/v1/health")
            servers["bare"].wait("/hello")
            cases = [c for c in CASES if c in args.cases]
            plan = scripts(who)
            for case in cases:
                server, requests = plan[case]
                check(servers[server].url, requests, case)
            rounds: dict[str, list[dict]] = {case: [] for case in cases}
            loads = []
            for number in range(args.rounds):
                loads.append(os.getloadavg()[0])
                for case in cases:
                    server, requests = plan[case]
                    figures = wrk(
                        servers[server].url,
                        requests.script(),
                        duration=args.duration,
                        connections=args.connections,
                    )
                    rounds[case].append(figures)
                    print(
                        f"  round {number + 1} {case:<7} {figures['rps']:8.0f} req/s  "
                        f"p50 {figures['p50']:6.1f}  p95 {figures['p95']:6.1f}  "
                        f"p99 {figures['p99']:7.1f} ms  (errors {figures['bad_status']})",
                        flush=True,
                    )
        finally:
            for server in servers.values():
                server.stop()
    return {
        case: {
            key: statistics.median(r[key] for r in runs)
            for key in ("rps", "p50", "p95", "p99", "max", "bad_status")
        }
        for case, runs in rounds.items()
    } | {"_load": statistics.mean(loads), "_orders": who["total_orders"]}


def report(results: dict) -> None:
    """The table: per engine and size, req/s and percentiles, ratios and targets."""
    print()
    print(f"{'engine':<11}{'size':<8}{'case':<8}{'req/s':>8}{'p50':>8}{'p95':>8}{'p99':>8}  note")
    verdicts = []
    for key in sorted(results):
        kind, size = key.split("/")
        figures = results[key]
        for case in CASES:
            if case not in figures:
                continue
            f = figures[case]
            note = ""
            if case in RATIO_TARGETS and RATIO_TARGETS[case][0] in figures:
                base, target = RATIO_TARGETS[case]
                ratio = f["rps"] / figures[base]["rps"]
                note = f"{ratio:.2f} of bare {base} (target ≥ {target})"
                verdicts.append((f"{kind} {size} {case} ratio", ratio >= target))
            small = results.get(f"{kind}/demo", {}).get(case)
            if size == "million" and case in FLAT_CASES and small:
                ratio = f["p95"] / small["p95"]
                note = f"p95 {ratio:.2f}× demo (target ≤ {FLAT_TARGET})"
                verdicts.append((f"{kind} {case} p95 million/demo", ratio <= FLAT_TARGET))
            if size == "million" and case == "stats":
                note = f"p95 target < {STATS_P95_MS:g} ms"
                verdicts.append((f"{kind} stats p95 at a million", f["p95"] < STATS_P95_MS))
            if kind == "sqlite" and case == "create":
                verdicts.append((f"sqlite {size} create p99 < 100 ms", f["p99"] < 100))
            print(
                f"{kind:<11}{size:<8}{case:<8}{f['rps']:>8.0f}{f['p50']:>8.1f}{f['p95']:>8.1f}"
                f"{f['p99']:>8.1f}  {note}"
            )
        print(
            f"{kind:<11}{size:<8}{figures.get('_orders', 0):,} orders; "
            f"load average during the run: {figures['_load']:.1f}"
        )
    print()
    for name, ok in verdicts:
        print(f"{'met   ' if ok else 'MISSED'} {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the databases and reuse them")
    parser.add_argument("--sqlite-dir", default=None, help="where the SQLite files go")
    parser.add_argument("--size", choices=("demo", "million", "both"), default="demo")
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="sqlite")
    parser.add_argument("--cases", default=",".join(CASES), help="of: " + ",".join(CASES))
    parser.add_argument("--duration", type=float, default=5, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--orders", type=int, default=1_000_000, help="orders of the big district (`million`)"
    )
    parser.add_argument(
        "--results", default=os.path.join(tempfile.gettempdir(), "volunteer_bench_http.json")
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:  # before minutes of building data, not after
        raise SystemExit("wrk is not installed: apt-get install wrk")
    args.cases = set(args.cases.split(","))
    print(f"HTTP benchmark, {common.machine()}, {common.load()}", flush=True)
    try:
        results = json.loads(Path(args.results).read_text())
    except (OSError, ValueError):
        results = {}
    kinds = ("sqlite", "postgresql") if args.db == "both" else (args.db,)
    sizes = ("demo", "million") if args.size == "both" else (args.size,)
    for kind in kinds:
        for size in sizes:
            results[f"{kind}/{size}"] = bench(args, kind, size)
            Path(args.results).write_text(json.dumps(results, indent=1))
    report(results)
    print(common.load())


if __name__ == "__main__":
    main()
