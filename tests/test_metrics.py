"""GET /metrics (Prometheus text format, behind a bearer token) and the request log: one
JSON line per request with its X-Request-ID, and nothing a resident typed."""

import json
from datetime import timedelta

import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.jobs.test_schedule import Job, every
from volunteer.db import utcnow
from volunteer.extensions import db
from volunteer.jobs import lease
from volunteer.jobs.runner import run_job
from volunteer.jobs.schedule import JOBS_BY_NAME
from volunteer.notifications.models import OutboxMessage

TOKEN = "metrics-token-for-tests"


def scrape(client, token=TOKEN):
    return client.get("/metrics", headers={"Authorization": f"Bearer {token}"})


def samples(text: str) -> dict[tuple, float]:
    """{(sample name, sorted labels): value} of a scrape."""
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


@pytest.fixture
def metrics_on(app):
    app.config["METRICS_TOKEN"] = TOKEN


def test_metrics_do_not_exist_without_a_token_configured(client):
    assert client.get("/metrics").status_code == 404
    assert scrape(client, "anything").status_code == 404


def test_metrics_need_the_token(client, metrics_on):
    assert client.get("/metrics").status_code == 401
    assert scrape(client, "wrong").status_code == 401
    response = scrape(client)
    assert response.status_code == 200
    assert response.content_type.startswith("text/plain; version=")


def test_requests_are_counted_and_timed_by_endpoint_and_status(client, district, metrics_on):
    def value(name, **labels):
        return samples(scrape(client).get_data(as_text=True)).get(
            (name, tuple(sorted(labels.items()))), 0
        )

    before_ok = value("volunteer_http_requests_total", endpoint="health.health", status="200")
    before_404 = value("volunteer_http_requests_total", endpoint="orders.get_order", status="404")
    for _ in range(3):
        assert client.get("/api/v1/health").status_code == 200
    assert district.api.resident.get("/orders/999999").status_code == 404
    ok = ("health.health", "200")
    assert value("volunteer_http_requests_total", endpoint=ok[0], status=ok[1]) == before_ok + 3
    assert (
        value("volunteer_http_requests_total", endpoint="orders.get_order", status="404")
        == before_404 + 1
    )
    buckets = samples(scrape(client).get_data(as_text=True))
    count = buckets[
        ("volunteer_http_request_duration_seconds_count", (("endpoint", ok[0]), ("status", ok[1])))
    ]
    inf = buckets[
        (
            "volunteer_http_request_duration_seconds_bucket",
            (("endpoint", ok[0]), ("le", "+Inf"), ("status", ok[1])),
        )
    ]
    assert count == inf >= 3


def test_jobs_outbox_and_lease_are_read_from_the_database(app, client, metrics_on, monkeypatch):
    def explode() -> str:
        raise RuntimeError("no")

    monkeypatch.setitem(JOBS_BY_NAME, "explode", Job("explode", every(5), explode, "fails"))
    monkeypatch.setitem(JOBS_BY_NAME, "fine", Job("fine", every(5), lambda: "done", "works"))
    run_job(app, "explode")
    run_job(app, "fine")
    run_job(app, "fine")
    with app.app_context():
        for minutes in (10, 2):
            db.session.add(
                OutboxMessage(
                    to_address="party@example.cn",
                    subject="反馈报告",
                    body="…",
                    created_at=utcnow() - timedelta(minutes=minutes),
                )
            )
        db.session.commit()
        lease.acquire("node-a:123:cafe")
    found = samples(scrape(client).get_data(as_text=True))
    assert found[("volunteer_job_runs_total", (("job", "explode"),))] == 1
    assert found[("volunteer_job_failures_total", (("job", "explode"),))] == 1
    assert found[("volunteer_job_runs_total", (("job", "fine"),))] == 2
    assert found[("volunteer_job_failures_total", (("job", "fine"),))] == 0
    assert found[("volunteer_outbox_queue_length", ())] == 2
    assert 600 <= found[("volunteer_outbox_oldest_age_seconds", ())] < 700
    assert found[("volunteer_scheduler_lease_holder", (("holder", "node-a:123:cafe"),))] == 1


def test_an_empty_outbox_and_no_lease(client, metrics_on):
    found = samples(scrape(client).get_data(as_text=True))
    assert found[("volunteer_outbox_queue_length", ())] == 0
    assert found[("volunteer_outbox_oldest_age_seconds", ())] == 0
    assert not [key for key in found if key[0] == "volunteer_scheduler_lease_holder"]


def log_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.startswith('{"time"')]


def test_a_request_id_is_taken_or_made_and_echoed(client):
    given = client.get("/api/v1/health", headers={"X-Request-ID": "abc-123.x"})
    assert given.headers["X-Request-ID"] == "abc-123.x"
    made = client.get("/api/v1/health")
    assert len(made.headers["X-Request-ID"]) == 32
    odd = client.get("/api/v1/health", headers={"X-Request-ID": "<script>"})
    assert odd.headers["X-Request-ID"] != "<script>"


def test_one_json_line_per_request_without_phone_numbers_or_addresses(district, post_order, capsys):
    capsys.readouterr()
    order = post_order(address="幸福里小区9栋1单元101", contact_phone="13912345678")
    district.api.resident.get(f"/orders/{order['id']}", headers={"X-Request-ID": "follow-me-1"})
    district.api.secretary.get("/orders?q=13912345678")
    err = capsys.readouterr().err
    lines = log_lines(err)
    assert len(lines) == 3
    posted, read, searched = lines
    assert posted["endpoint"] == "orders.create_order" or posted["route"] == "/api/v1/orders"
    assert posted["status"] == 201 and posted["user_id"] == district.resident
    assert read["request_id"] == "follow-me-1"
    assert read["route"] == "/api/v1/orders/<id:order_id>"
    assert read["status"] == 200 and read["user_id"] == district.resident
    assert searched["user_id"] == district.secretary
    assert set(read) == {
        "time",
        "request_id",
        "user_id",
        "method",
        "endpoint",
        "route",
        "status",
        "duration_ms",
    }
    assert read["duration_ms"] > 0
    assert "13912345678" not in err and "幸福里小区9栋" not in err
