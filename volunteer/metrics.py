"""GET /metrics for Prometheus: requests by endpoint and status, and the state of the jobs.

Request figures are kept per process by prometheus-client; under gunicorn they live in files
under PROMETHEUS_MULTIPROC_DIR (set by deploy/gunicorn.conf.py) and every worker's are summed
at each scrape. Jobs, the outbox and the scheduler lease are read from the database when
scraped: every server reports the same cluster-wide figures (aggregate them with max()).
The endpoint answers only with `Authorization: Bearer $VOLUNTEER_METRICS_TOKEN`; unset, it
does not exist (404).
"""

import hmac
import os
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from flask import Blueprint, Response, abort, current_app, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

from volunteer.db import utcnow
from volunteer.extensions import db
from volunteer.jobs.lease import current_holder
from volunteer.jobs.models import JobRun
from volunteer.notifications.models import Delivery, OutboxMessage

REQUESTS = Counter("volunteer_http_requests", "HTTP requests answered", ["endpoint", "status"])
LATENCY = Histogram(
    "volunteer_http_request_duration_seconds",
    "Time to answer an HTTP request",
    ["endpoint", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)

bp = Blueprint("metrics", __name__)


# The labelled series by (endpoint, status), so that a request skips labels()' lock and
# lookups: a few dozen endpoints times a handful of statuses.
SERIES: dict[tuple[str, int], tuple[Any, Any]] = {}


def observe_request(endpoint: str, status: int, seconds: float) -> None:
    """Count and time one answered request (two updates of cached series)."""
    series = SERIES.get((endpoint, status))
    if series is None:
        code = str(status)
        series = SERIES[(endpoint, status)] = (
            REQUESTS.labels(endpoint, code),
            LATENCY.labels(endpoint, code),
        )
    series[0].inc()
    series[1].observe(seconds)


class DatabaseCollector(Collector):
    """Job runs and failures, the outbox queue and the lease holder, read at scrape time."""

    def collect(self) -> Iterator[Metric]:
        runs = CounterMetricFamily(
            "volunteer_job_runs", "Runs of each scheduled job", labels=["job"]
        )
        failures = CounterMetricFamily(
            "volunteer_job_failures", "Failed runs of each scheduled job", labels=["job"]
        )
        for name, count, failed in db.session.execute(
            sa.select(JobRun.name, JobRun.runs, JobRun.failures).order_by(JobRun.name)
        ):
            runs.add_metric([name], count)
            failures.add_metric([name], failed)
        yield runs
        yield failures
        waiting = OutboxMessage.status.in_([Delivery.QUEUED, Delivery.SENDING])
        count, oldest = db.session.execute(
            sa.select(sa.func.count(), sa.func.min(OutboxMessage.created_at)).where(waiting)
        ).one()
        yield GaugeMetricFamily(
            "volunteer_outbox_queue_length", "E-mails waiting in the outbox", value=count
        )
        age = (utcnow() - oldest).total_seconds() if oldest else 0.0
        yield GaugeMetricFamily(
            "volunteer_outbox_oldest_age_seconds",
            "Age of the oldest e-mail waiting in the outbox (0 when none waits)",
            value=age,
        )
        holder = current_holder()
        lease = GaugeMetricFamily(
            "volunteer_scheduler_lease_holder",
            "1 for the scheduler process that holds the lease (none: no series)",
            labels=["holder"],
        )
        if holder:
            lease.add_metric([holder], 1)
        yield lease


def process_metrics() -> bytes:
    """This process's figures, or all workers' under gunicorn (multiprocess mode)."""
    if "PROMETHEUS_MULTIPROC_DIR" in os.environ:
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest(REGISTRY)


@bp.route("/metrics")
def metrics():
    """The Prometheus text format, for the holder of the metrics token."""
    token = current_app.config.get("METRICS_TOKEN")
    if not token:
        abort(404)
    offered = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(offered.encode(), token.encode()):
        # Plain, not the pages' "please log in" redirect: the caller is a scraper.
        return Response(
            "metrics token required\n", 401, {"WWW-Authenticate": 'Bearer realm="metrics"'}
        )
    cluster = CollectorRegistry()
    cluster.register(DatabaseCollector())
    return Response(process_metrics() + generate_latest(cluster), content_type=CONTENT_TYPE_LATEST)
