"""The `volunteer` command: create-admin, demo, and `volunteer up` end to end."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import sqlalchemy as sa

from volunteer.auth.models import RoleGrant, User
from volunteer.cli import main
from volunteer.extensions import db
from volunteer.organisations.models import Community, Employer, Street
from volunteer.people.models import Member
from volunteer.teams.models import STANDARD_TEAMS, Team


def invoke(runner, *args, input=None):
    """Run `volunteer ARGS` against the test app (FlaskCliRunner hands `main` the app)."""
    return runner.invoke(main, list(args), input=input)


def count(model, *where) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))


def log_in(client, username, password):
    return client.post("/api/v1/auth/tokens", json={"username": username, "password": password})


# create-admin


def test_create_admin_reads_the_password_from_stdin_and_the_admin_can_log_in(app, runner, client):
    result = invoke(runner, "create-admin", "alice", input="correct horse battery\n")

    assert result.exit_code == 0, result.output
    assert "alice" in result.output
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.username == "alice"))
        assert user is not None
        assert [(grant.role, grant.community_id, grant.street_id) for grant in user.grants] == [
            ("admin", None, None)
        ]
        assert "correct horse battery" not in user.password_hash
    response = log_in(client, "alice", "correct horse battery")
    assert response.status_code == 201, response.json
    assert response.json["token"]
    assert {"role": "admin"} in [
        {k: v for k, v in role.items() if k != "id"} for role in response.json["user"]["roles"]
    ]
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {response.json['token']}"})
    assert me.status_code == 200
    assert me.json["username"] == "alice"
    assert log_in(client, "alice", "wrong password").status_code == 401


def test_create_admin_display_name_option(app, runner):
    result = invoke(
        runner, "create-admin", "bob", "--display-name", "运维 Bob", input="longenough\n"
    )

    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.username == "bob"))
        assert user.display_name == "运维 Bob"


def test_create_admin_refuses_a_short_password_and_creates_nothing(app, runner):
    result = invoke(runner, "create-admin", "alice", input="short7!\n")

    assert result.exit_code != 0
    assert "8 characters" in result.output
    with app.app_context():
        assert count(User) == 0
        assert count(RoleGrant) == 0


def test_create_admin_refuses_an_empty_stdin(app, runner):
    result = invoke(runner, "create-admin", "alice", input="")

    assert result.exit_code != 0
    with app.app_context():
        assert count(User) == 0


def test_create_admin_refuses_a_taken_username(app, runner, client):
    assert invoke(runner, "create-admin", "alice", input="first password\n").exit_code == 0

    result = invoke(runner, "create-admin", "alice", input="second password\n")

    assert result.exit_code != 0
    assert "taken" in result.output
    with app.app_context():
        assert count(User) == 1
        assert count(RoleGrant) == 1
    assert log_in(client, "alice", "first password").status_code == 201
    assert log_in(client, "alice", "second password").status_code == 401


# demo


@pytest.mark.slow  # seeds the whole demo district
def test_demo_seeds_an_empty_database_and_prints_the_logins(app, runner, client):
    result = invoke(runner, "demo")

    assert result.exit_code == 0, result.output
    assert "demo12345" in result.output
    for username in ("admin", "jiedao", "shuji1", "shuji3", "danwei1", "jumin_wang"):
        assert username in result.output
    assert "dangyuan20" in result.output

    with app.app_context():
        streets = db.session.scalars(sa.select(Street)).all()
        assert [street.name for street in streets] == ["金桥街道"]
        communities = db.session.scalars(sa.select(Community).order_by(Community.id)).all()
        assert [community.name for community in communities] == [
            "幸福里社区",
            "和平社区",
            "新华社区",
        ]
        assert all(community.street_id == streets[0].id for community in communities)
        standard_keys = {key for key, _ in STANDARD_TEAMS}
        for community in communities:
            standard = db.session.scalars(
                sa.select(Team).where(Team.community_id == community.id, Team.kind == "standard")
            ).all()
            assert len(standard) == 8, community.name
            assert {team.key for team in standard} == standard_keys
            assert {team.status for team in standard} == {"active"}
        assert count(Employer) >= 1
        assert 18 <= count(Member) <= 22
        assert count(Member, Member.status == "pending") >= 1
        assert count(Member, Member.status == "active") >= 15
        proposed = db.session.scalars(
            sa.select(Team).where(Team.kind != "standard", Team.status == "proposed")
        ).all()
        assert "少儿托管服务队" in [team.name for team in proposed]
        admin = db.session.scalar(sa.select(User).where(User.username == "admin"))
        assert "admin" in [grant.role for grant in admin.grants]
        # A member actually serves in teams.
        member = db.session.scalar(
            sa.select(Member)
            .join(User, Member.user_id == User.id)
            .where(User.username == "dangyuan01")
        )
        assert member.status == "active"
        assert {team.key for team in member.teams} == {"health", "eldercare"}

    for username in ("admin", "shuji1", "dangyuan01", "jumin_wang"):
        response = log_in(client, username, "demo12345")
        assert response.status_code == 201, (username, response.json)


def test_demo_refuses_a_database_that_is_not_empty(app, runner):
    assert invoke(runner, "create-admin", "alice", input="long enough\n").exit_code == 0

    result = invoke(runner, "demo")

    assert result.exit_code != 0
    assert "not empty" in result.output
    with app.app_context():
        assert count(User) == 1
        assert count(Street) == 0


@pytest.mark.slow  # seeds the whole demo district
def test_demo_twice_refuses_the_second_time(app, runner):
    assert invoke(runner, "demo").exit_code == 0
    with app.app_context():
        users = count(User)

    result = invoke(runner, "demo")

    assert result.exit_code != 0
    with app.app_context():
        assert count(User) == users
        assert count(Street) == 1


# volunteer up, as a real process


def volunteer_executable() -> str:
    beside = Path(sys.executable).parent / "volunteer"
    if beside.exists():
        return str(beside)
    found = shutil.which("volunteer")
    if found is None:
        pytest.fail("the `volunteer` command is not installed (pip install -e .)")
    return found


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_json(url: str, body: dict | None = None, timeout: float = 60) -> tuple[int, object]:
    """(status, JSON body, or the text when it is not JSON) of a GET, or a POST of `body`."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:
        with error:
            status, raw = error.code, error.read()
    try:
        return status, json.loads(raw)
    except ValueError:
        return status, raw.decode(errors="replace")


def wait_for_health(process, url: str, log_path: Path, timeout: float = 600) -> tuple[int, object]:
    """The first answer of /health once the server listens (it migrates and seeds first).

    Waits for that answer, or for the process to end, however slow a busy machine makes the
    start; the timeout only stops a server that hangs."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"volunteer up exited with {process.returncode}:\n{log_path.read_text()}")
        try:
            return http_json(url, timeout=30)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    pytest.fail(f"volunteer up did not answer within {timeout} s:\n{log_path.read_text()}")


@pytest.mark.slow
def test_volunteer_up_migrates_seeds_and_serves(tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}/api/v1"
    env = {name: value for name, value in os.environ.items() if not name.startswith("VOLUNTEER_")}
    env.update(
        VOLUNTEER_DATABASE_URL="sqlite:///" + str(tmp_path / "up.sqlite3"),
        VOLUNTEER_PASSWORD_HASH_METHOD="pbkdf2:sha256:1000",
        VOLUNTEER_SECRET_KEY="up-test-secret",
    )
    log_path = tmp_path / "up.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [volunteer_executable(), "up", "--port", str(port)],
            cwd=tmp_path,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        health = wait_for_health(process, base + "/health", log_path)
        assert health == (200, {"status": "ok", "database": "ok"}), (
            f"{health}\n{log_path.read_text()[-3000:]}"
        )

        status, body = http_json(
            base + "/auth/tokens", {"username": "shuji1", "password": "demo12345"}
        )
        assert status == 201, body
        assert body["token"]
        assert body["user"]["username"] == "shuji1"
        assert any(role["role"] == "secretary" for role in body["user"]["roles"])

        status, _ = http_json(base + "/auth/tokens", {"username": "shuji1", "password": "wrong"})
        assert status == 401
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)

    output = log_path.read_text()
    assert "shuji1" in output  # the demo logins were printed
    assert f"http://127.0.0.1:{port}" in output
    # A quiet first start: no library's warnings (WeasyPrint's counter styles, its font
    # subsetting notice), and Werkzeug's warning comes with the line that says why.
    assert "single-machine demo server" in output
    assert "volunteer up --port" in output
    warnings = [
        line
        for line in output.splitlines()
        if ("WARN" in line or "Warning" in line) and "This is a development server" not in line
    ]
    assert warnings == [], "\n".join(warnings)


@pytest.mark.slow  # seeds the whole demo district
def test_demo_inbox_fills_the_secretarys_inbox(app, runner):
    assert invoke(runner, "demo").exit_code == 0
    result = invoke(runner, "demo", "inbox", "--count", "50")
    assert result.exit_code == 0, result.output
    assert "50" in result.output
    with app.app_context():
        from volunteer.orders.models import Order, OrderPhoto
        from volunteer.orders.search_index import OrderSearch

        new = db.session.scalar(
            sa.select(sa.func.count()).select_from(Order).where(Order.status == "submitted")
        )
        photos = db.session.scalar(sa.select(sa.func.count()).select_from(OrderPhoto))
        indexed = db.session.scalar(sa.select(sa.func.count()).select_from(OrderSearch))
        orders = db.session.scalar(sa.select(sa.func.count()).select_from(Order))
    assert new >= 50
    assert photos >= 10
    assert indexed == orders  # the demo's orders went through the service: all indexed


def test_demo_inbox_needs_the_demo(app, runner):
    result = invoke(runner, "demo", "inbox")
    assert result.exit_code != 0
    assert "volunteer demo" in result.output
