"""Exactly one claimer (docs/design.md): many members claiming one order at the same moment,
through real HTTP against a threaded server, on SQLite and on PostgreSQL."""

import http.client
import json
import threading

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

from tests.conftest import Api
from tests.factories import MemberFactory
from volunteer.auth.services import issue_token
from volunteer.extensions import db
from volunteer.organisations.models import Community, Employer
from volunteer.teams.models import TeamMembership

CROWD = 12
ROUNDS = 3


class QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):
        pass


def serve(app):
    """Serve the app over HTTP by a threaded server (a thread per connection); yields the
    port, then shuts the server down."""
    httpd = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=httpd.serve_forever, name="race-server")
    thread.start()
    yield httpd.server_port
    httpd.shutdown()
    thread.join(timeout=60)
    httpd.server_close()
    assert not thread.is_alive()


@pytest.fixture
def server(app):
    yield from serve(app)


def crowd(app, district, *, in_team: bool) -> list[tuple[int, str]]:
    """CROWD active members of the district's community, each with a token: (member id,
    token). `in_team` puts them all in the repair team."""
    with app.app_context():
        community = db.session.get(Community, district.community)
        employer = db.session.get(Employer, district.employer)
        members = [
            MemberFactory(community=community, employer=employer, user__community_id=community.id)
            for _ in range(CROWD)
        ]
        if in_team:
            db.session.add_all(
                TeamMembership(team_id=district.repair_team, member_id=member.id)
                for member in members
            )
        db.session.commit()
        people = [(member.id, issue_token(member.user)[0]) for member in members]
        db.session.commit()
    return people


def race(port: int, requests: list[tuple]) -> list[tuple[int, dict]]:
    """POST every (token, path, JSON body or None[, headers]) at once: each thread connects
    first, then all wait at a barrier and fire together. Answers (status, body) in order."""
    barrier = threading.Barrier(len(requests))
    answers: list = [None] * len(requests)

    def send(index: int, token: str, path: str, body: dict | None, extra=None) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            connection.connect()
            payload = json.dumps(body).encode() if body is not None else b""
            headers = {"Authorization": f"Bearer {token}", "Content-Length": str(len(payload))}
            if body is not None:
                headers["Content-Type"] = "application/json"
            headers.update(extra or {})
            barrier.wait(timeout=30)
            connection.request("POST", path, body=payload, headers=headers)
            with connection.getresponse() as response:
                answers[index] = (response.status, json.loads(response.read()))
        except Exception as error:  # reported in the main thread
            answers[index] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=send, args=(index, *request), name=f"racer-{index}")
        for index, request in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    errors = [answer for answer in answers if isinstance(answer, BaseException)]
    if errors:
        raise errors[0]
    return answers


def claims(people, order_id: int) -> list[tuple[str, str, None]]:
    return [(token, f"/api/v1/orders/{order_id}/claim", None) for _, token in people]


def assert_one_winner(answers) -> int:
    """Exactly one 200; every other answer is a 409 in the API's error body."""
    statuses = sorted(status for status, _ in answers)
    assert statuses == [200] + [409] * (len(answers) - 1), answers
    for status, body in answers:
        if status == 409:
            assert body["code"] == 409
            assert body["status"] == "Conflict"
            assert body["message"]
    (winner,) = [index for index, (status, _) in enumerate(answers) if status == 200]
    return winner


def actions(district, order_id: int) -> list[str]:
    order = district.api.secretary.get(f"/orders/{order_id}").json
    return [event["action"] for event in order["events"]]


def claimed_notifications(district, order_id: int) -> int:
    notes = district.api.resident.get("/notifications?page_size=100").json
    return sum(1 for note in notes if note["kind"] == "claimed" and note["order_id"] == order_id)


def run_rounds(app, district, server, people, order_id: int) -> None:
    """ROUNDS races for one order; the winner gives it back between rounds."""
    for round_number in range(1, ROUNDS + 1):
        answers = race(server, claims(people, order_id))
        winner = assert_one_winner(answers)
        winner_id, winner_token = people[winner]
        body = answers[winner][1]
        assert body["status"] == "claimed"
        assert body["claimed_by"]["member_id"] == winner_id
        order = district.api.secretary.get(f"/orders/{order_id}").json
        assert order["status"] == "claimed"
        assert order["claimed_by"]["member_id"] == winner_id
        assert actions(district, order_id).count("claim") == round_number
        assert claimed_notifications(district, order_id) == round_number
        if round_number < ROUNDS:
            released = Api(app.test_client(), winner_token).post(
                f"/orders/{order_id}/release", json={"reason": f"第{round_number}轮，退回"}
            )
            assert released.status_code == 200, released.json
    assert actions(district, order_id).count("release") == ROUNDS - 1


def test_team_dispatch_has_exactly_one_claimer(app, district, server, post_order):
    people = crowd(app, district, in_team=True)
    order = post_order()
    dispatched = district.api.secretary.post(
        f"/orders/{order['id']}/dispatch", json={"team_id": district.repair_team}
    )
    assert dispatched.status_code == 200, dispatched.json
    run_rounds(app, district, server, people, order["id"])


def test_pool_dispatch_has_exactly_one_claimer(app, district, server, post_order):
    people = crowd(app, district, in_team=False)
    order = post_order()
    dispatched = district.api.secretary.post(f"/orders/{order['id']}/dispatch", json={"pool": True})
    assert dispatched.status_code == 200, dispatched.json
    run_rounds(app, district, server, people, order["id"])


def test_cancel_and_claims_at_once_have_one_winner(app, district, server, post_order):
    """The resident withdraws the order while the members claim it: one of them wins."""
    people = crowd(app, district, in_team=False)
    with app.app_context():
        from volunteer.auth.models import User

        owner_token = issue_token(db.session.get(User, district.resident))[0]
        db.session.commit()
    outcomes = set()
    for _ in range(ROUNDS):
        order = post_order()
        district.api.secretary.post(f"/orders/{order['id']}/dispatch", json={"pool": True})
        cancel = (owner_token, f"/api/v1/orders/{order['id']}/cancel", {"reason": "已自行解决"})
        answers = race(server, [cancel, *claims(people, order["id"])])
        winner = assert_one_winner(answers)
        final = district.api.secretary.get(f"/orders/{order['id']}").json
        after_dispatch = actions(district, order["id"])[2:]
        if winner == 0:
            assert final["status"] == "cancelled"
            assert final["claimed_by"] is None
            assert after_dispatch == ["cancel"]
        else:
            assert final["status"] == "claimed"
            assert final["claimed_by"]["member_id"] == people[winner - 1][0]
            assert after_dispatch == ["claim"]
        outcomes.add(final["status"])
    assert outcomes <= {"cancelled", "claimed"}
