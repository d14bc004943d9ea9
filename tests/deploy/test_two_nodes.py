"""Two app servers behind nginx over one PostgreSQL database, Redis and an S3 store: any
node answers any request, one scheduler acts, and losing a node loses no acknowledged order.

Slow (~30 s: two gunicorn servers, two schedulers, nginx, moto); runs when the suite runs on
PostgreSQL (VOLUNTEER_TEST_DATABASE_URL), in a database of its own named after that one.
"""

import http.client
import io
import json
import os
import re
import ssl
import threading
import time
import uuid
from collections import Counter

import pytest
import requests
import sqlalchemy as sa
from PIL import Image
from prometheus_client.parser import text_string_to_metric_families

from tests.deploy.cluster import VENV_BIN, Node, Proxy
from tests.order_fixtures import order_body
from tests.services import bucket_keys, free_port

TEST_DATABASE_URL = os.environ.get("VOLUNTEER_TEST_DATABASE_URL")
METRICS_TOKEN = "two-nodes-metrics"
AUTH_LIMIT = 5
MEMBERS = 6

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (TEST_DATABASE_URL or "").startswith("postgresql"),
        reason="the nodes share a PostgreSQL database (set VOLUNTEER_TEST_DATABASE_URL)",
    ),
]


def fresh_database() -> str:
    """An empty database beside the test database, named after it (`test` → `test_nodes`)."""
    url = sa.engine.make_url(TEST_DATABASE_URL)
    name = f"{url.database}_nodes"
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def seed(database_url: str) -> dict:
    """The small test district, six members in the repair team, and a token for each."""
    from tests import factories
    from volunteer import create_app
    from volunteer.auth.models import User
    from volunteer.auth.services import issue_token
    from volunteer.extensions import db
    from volunteer.teams.models import TeamMembership

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SECRET_KEY": "seed",
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",  # quick to make and to check
        }
    )
    with app.app_context():
        db.create_all()  # the migrations themselves are tested in tests/test_migrations.py
        district = factories.district()
        members = [district.member] + [
            factories.MemberFactory(
                user=factories.resident_of(district.community, username=f"racer{n}"),
                community=district.community,
                employer=district.employer,
            )
            for n in range(MEMBERS - 1)
        ]
        for member in members[1:]:
            db.session.add(TeamMembership(team_id=district.repair_team.id, member_id=member.id))
        db.session.flush()
        token = lambda user: issue_token(db.session.get(User, user.id))[0]  # noqa: E731
        seeded = {
            "resident": token(district.resident),
            "resident_id": district.resident.id,
            "secretary": token(district.secretary),
            "members": [token(member.user) for member in members],
            "team": district.repair_team.id,
        }
        db.session.commit()
        db.engine.dispose()
    return seeded


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, s3_server):
    """nginx → two nodes (gunicorn + scheduler each) → PostgreSQL, Redis, S3."""
    import redis

    redis.Redis.from_url("redis://127.0.0.1:6379/0").ping()
    base = tmp_path_factory.mktemp("cluster")
    database_url = fresh_database()
    bucket = s3_server.bucket()
    environment = {
        "PATH": f"{VENV_BIN}:{os.environ['PATH']}",
        "HOME": str(base),
        "VOLUNTEER_DATABASE_URL": database_url,
        "VOLUNTEER_SECRET_KEY": "the-same-key-on-every-node",
        "VOLUNTEER_STORAGE_URL": f"s3://{bucket}/photos",
        "VOLUNTEER_S3_ENDPOINT_URL": s3_server.endpoint,
        "VOLUNTEER_RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/0",
        "VOLUNTEER_RATELIMIT_KEY_PREFIX": f"volunteer-test-{uuid.uuid4().hex[:8]}",
        "VOLUNTEER_AUTH_RATE_LIMIT": f"{AUTH_LIMIT} per minute",
        "VOLUNTEER_TRUSTED_PROXIES": "1",
        "VOLUNTEER_METRICS_TOKEN": METRICS_TOKEN,
        "VOLUNTEER_WORKERS": "2",
        **{name: os.environ[name] for name in os.environ if name.startswith("AWS_")},
    }
    seeded = seed(database_url)
    nodes = [Node(name, base / name, free_port(), environment) for name in ("node-a", "node-b")]
    proxy = Proxy(base / "nginx", free_port(), free_port(), cert=base / "none")
    try:
        for node in nodes:
            node.start()
        for node in nodes:
            node.wait()
        for node in nodes:
            node.wait_until_healthy()
        proxy.start([node.port for node in nodes])
        http = https_session(proxy)
        yield type(
            "Cluster",
            (),
            {
                "nodes": nodes,
                "proxy": proxy,
                "http": http,
                "bucket": bucket,
                "database_url": database_url,
                **seeded,
            },
        )
    finally:
        proxy.stop()
        for node in nodes:
            node.kill()  # quicker than a graceful stop, and nothing is left to finish
        engine = sa.create_engine(
            sa.engine.make_url(TEST_DATABASE_URL), isolation_level="AUTOCOMMIT"
        )
        with engine.connect() as connection:
            name = sa.engine.make_url(database_url).database
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


def https_session(proxy: Proxy) -> requests.Session:
    """A client that trusts the proxy's certificate (and ignores REQUESTS_CA_BUNDLE and
    proxy settings in the environment, which would otherwise win)."""
    session = requests.Session()
    session.trust_env = False
    session.verify = str(proxy.cert)
    return session


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def node_addresses(cluster) -> set[str]:
    return {f"127.0.0.1:{node.port}" for node in cluster.nodes}


def test_a_session_made_on_one_node_works_on_the_other(cluster):
    browser = https_session(cluster.proxy)
    page = browser.get(cluster.proxy.url + "/login")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    logged_in = browser.post(
        cluster.proxy.url + "/login",
        data={"username": "jumin", "password": "correct-horse", "csrf_token": csrf},
        headers={"Referer": cluster.proxy.url + "/login"},  # as a browser sends (HTTPS CSRF)
        allow_redirects=False,
    )
    assert logged_in.status_code == 302
    assert logged_in.cookies.get("session") and "Secure" in logged_in.headers["Set-Cookie"]
    for _ in range(4):
        mine = browser.get(cluster.proxy.url + "/my/orders", allow_redirects=False)
        assert mine.status_code == 200, mine.status_code
    # Round-robin: both nodes answered the logged-in page.
    log = cluster.proxy.access_log()
    assert set(cluster.proxy.upstreams_of("GET", "/my/orders")) == node_addresses(cluster), log
    # And each node directly, with the cookie the other signed.
    for node in cluster.nodes:
        direct = requests.get(
            f"http://127.0.0.1:{node.port}/my/orders",
            cookies={"session": logged_in.cookies["session"]},
            allow_redirects=False,
            timeout=10,
        )
        assert direct.status_code == 200


def test_the_request_id_travels_from_nginx_through_the_app_log(cluster):
    given = cluster.http.get(
        cluster.proxy.url + "/api/v1/health", headers={"X-Request-ID": "trace-me-42"}
    )
    assert given.headers["X-Request-ID"] == "trace-me-42"
    made = cluster.http.get(cluster.proxy.url + "/api/v1/health")
    assert re.fullmatch(r"[0-9a-f]{32}", made.headers["X-Request-ID"])  # nginx's $request_id
    time.sleep(0.2)
    logged = [
        json.loads(line)
        for node in cluster.nodes
        for line in node.log.read_text().splitlines()
        if "trace-me-42" in line
    ]
    assert len(logged) == 1 and logged[0]["endpoint"] == "health.health"


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 240), "teal").save(out, format="JPEG")
    return out.getvalue()


def test_a_photo_uploaded_through_one_node_is_served_by_the_other_from_the_bucket(
    cluster, s3_server
):
    url = cluster.proxy.url + "/api/v1"
    order = cluster.http.post(url + "/orders", json=order_body(), headers=bearer(cluster.resident))
    assert order.status_code == 201, order.text
    photo = cluster.http.post(
        f"{url}/orders/{order.json()['id']}/photos",
        files={"photo": ("photo.jpg", jpeg(), "image/jpeg")},
        headers=bearer(cluster.resident),
    )
    assert photo.status_code == 201, photo.text
    served = [
        cluster.http.get(cluster.proxy.url + photo.json()["url"], headers=bearer(cluster.resident))
        for _ in range(2)
    ]
    assert [response.status_code for response in served] == [200, 200]
    assert served[0].content == served[1].content
    uploaded_by = cluster.proxy.upstreams_of("POST", r"/api/v1/orders/\d+/photos")[-1]
    # Each node serves it, the one that did not take the upload included.
    for node in cluster.nodes:
        direct = requests.get(
            f"http://127.0.0.1:{node.port}{photo.json()['url']}",
            headers=bearer(cluster.resident),
            timeout=10,
        )
        assert direct.status_code == 200 and direct.content == served[0].content
    assert uploaded_by in node_addresses(cluster)
    (key,) = bucket_keys(s3_server, cluster.bucket)
    assert key.startswith("photos/")
    stored = s3_server.client.get_object(Bucket=cluster.bucket, Key=key)["Body"].read()
    assert served[0].content == stored
    for node in cluster.nodes:
        assert not (node.instance / "uploads").exists()
        assert not (node.directory / "uploads").exists()


def test_a_claim_race_over_both_nodes_has_one_winner(cluster):
    url = cluster.proxy.url + "/api/v1"
    order = cluster.http.post(url + "/orders", json=order_body(), headers=bearer(cluster.resident))
    order_id = order.json()["id"]
    dispatched = cluster.http.post(
        f"{url}/orders/{order_id}/dispatch",
        json={"team_id": cluster.team},
        headers=bearer(cluster.secretary),
    )
    assert dispatched.status_code == 200, dispatched.text
    start = threading.Barrier(MEMBERS)
    outcomes: list[int] = []

    def claim(token: str) -> None:
        session = https_session(cluster.proxy)
        start.wait()
        outcomes.append(
            session.post(f"{url}/orders/{order_id}/claim", headers=bearer(token)).status_code
        )

    threads = [threading.Thread(target=claim, args=(token,)) for token in cluster.members]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Counter(outcomes) == {200: 1, 409: MEMBERS - 1}
    claimed_on = cluster.proxy.upstreams_of("POST", rf"/api/v1/orders/{order_id}/claim")
    assert set(claimed_on) == node_addresses(cluster), cluster.proxy.access_log()


def test_the_auth_limit_is_counted_once_across_both_nodes(cluster):
    """From another client address (127.0.0.2), so the other tests' logins do not count."""
    context = ssl.create_default_context(cafile=str(cluster.proxy.cert))
    statuses = []
    for n in range(AUTH_LIMIT + 3):
        connection = http.client.HTTPSConnection(
            "127.0.0.1", cluster.proxy.port, context=context, source_address=("127.0.0.2", 0)
        )
        body = json.dumps({"username": f"nobody{n}", "password": "wrong-password"})
        connection.request(
            "POST", "/api/v1/auth/tokens", body, {"Content-Type": "application/json"}
        )
        statuses.append(connection.getresponse().status)
        connection.close()
    assert statuses[:AUTH_LIMIT] == [401] * AUTH_LIMIT
    assert statuses[AUTH_LIMIT:] == [429] * 3
    upstreams = cluster.proxy.upstreams_of("POST", "/api/v1/auth/tokens")
    assert set(upstreams[-len(statuses) :]) == node_addresses(cluster), cluster.proxy.access_log()


def test_one_scheduler_holds_the_lease_and_metrics_say_which(cluster):
    engine = sa.create_engine(cluster.database_url)
    with engine.connect() as connection:
        holders = connection.execute(sa.text("SELECT holder FROM scheduler_leases")).all()
    engine.dispose()
    assert len(holders) == 1
    pids = {str(process.pid) for node in cluster.nodes for process in node.processes[1:]}
    assert holders[0].holder.split(":")[1] in pids
    # Through nginx /metrics does not exist; on a node it needs the token.
    assert cluster.http.get(cluster.proxy.url + "/metrics").status_code == 404
    node = f"http://127.0.0.1:{cluster.nodes[0].port}/metrics"
    assert requests.get(node, timeout=10).status_code == 401
    scraped = requests.get(node, headers=bearer(METRICS_TOKEN), timeout=10).text
    assert f'volunteer_scheduler_lease_holder{{holder="{holders[0].holder}"}} 1.0' in scraped
    # Each node sums its two workers' counts: together they saw every claim of the race.
    claims: Counter = Counter()
    for other in cluster.nodes:
        text = requests.get(
            f"http://127.0.0.1:{other.port}/metrics", headers=bearer(METRICS_TOKEN), timeout=10
        ).text
        for family in text_string_to_metric_families(text):
            for sample in family.samples:
                if (
                    sample.name == "volunteer_http_requests_total"
                    and sample.labels["endpoint"] == "orders.claim_order"
                ):
                    claims[sample.labels["status"]] += sample.value
    assert claims == {"200": 1, "409": MEMBERS - 1}
    assert "volunteer_outbox_queue_length" in scraped


def test_killing_a_node_under_load_loses_no_acknowledged_order(cluster):
    url = cluster.proxy.url + "/api/v1"
    acknowledged: list[int] = []
    failed_posts: list[int] = []
    reads: list[int] = []
    cut_reads: list[str] = []
    stopping = threading.Event()

    def load() -> None:
        session = https_session(cluster.proxy)
        while not stopping.is_set():
            try:
                posted = session.post(
                    url + "/orders", json=order_body(), headers=bearer(cluster.resident)
                )
            except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError):
                failed_posts.append(0)  # the node died with it (its answer cut, if any)
                continue
            if posted.status_code == 201:
                acknowledged.append(posted.json()["id"])
            else:
                failed_posts.append(posted.status_code)
            try:
                reads.append(session.get(url + "/health").status_code)
            except requests.exceptions.ChunkedEncodingError as cut:
                # The node died between sending its answer's headers and its body: nginx had
                # passed the headers on, so it cannot send the request to the other node.
                cut_reads.append(str(cut))

    workers = [threading.Thread(target=load) for _ in range(4)]
    for worker in workers:
        worker.start()
    time.sleep(2)
    before_kill = len(acknowledged)
    cluster.nodes[1].kill()
    time.sleep(3)
    stopping.set()
    for worker in workers:
        worker.join()
    assert before_kill > 0 and len(acknowledged) > before_kill  # node A carried on alone
    # nginx sent the GETs that met the dead node on to the living one. A POST in flight is
    # never sent twice, nor a GET whose answer the kill cut after its headers: each client
    # thread had at most one request in flight when the node died.
    assert set(reads) == {200}
    assert len(failed_posts) + len(cut_reads) <= len(workers), (failed_posts, cut_reads)
    engine = sa.create_engine(cluster.database_url)
    with engine.connect() as connection:
        stored = set(connection.scalars(sa.text("SELECT id FROM orders")))
    engine.dispose()
    assert set(acknowledged) <= stored
    for order_id in acknowledged[-3:]:
        answer = cluster.http.get(f"{url}/orders/{order_id}", headers=bearer(cluster.resident))
        assert answer.status_code == 200
