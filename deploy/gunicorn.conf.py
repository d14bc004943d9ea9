"""gunicorn settings for volunteer (`gunicorn -c deploy/gunicorn.conf.py 'volunteer:create_app()'`).

Sync workers: each request runs on its own process's thread, and the database does the
waiting (see docs/design.md, "Requests and transactions"). Address and workers come from the
environment (deploy/volunteer.service sets them); anything can be overridden on the command
line or with GUNICORN_CMD_ARGS. Request metrics are kept per worker in files under
PROMETHEUS_MULTIPROC_DIR, summed by GET /metrics: the directory is emptied when the server
starts and a dead worker's live gauges are dropped.
"""

import gc
import os
import shutil
import tempfile
from pathlib import Path

bind = os.environ.get("VOLUNTEER_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("VOLUNTEER_WORKERS", str(2 * (os.cpu_count() or 1))))
worker_class = "sync"
# A sync worker holds one request at a time; a slow client is the reverse proxy's to buffer.
timeout = int(os.environ.get("VOLUNTEER_WORKER_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that slow leaks (a library's cache) stay bounded; the
# jitter keeps them from restarting all at once.
max_requests = 20_000
max_requests_jitter = 2_000
# Import the app once in the master: workers fork with its modules, templates and compiled
# statements already in memory (copy-on-write), and start in milliseconds.
preload_app = True
# The app writes one JSON line per request (volunteer/request_log.py): no second access log
# unless asked for.
accesslog = os.environ.get("VOLUNTEER_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("VOLUNTEER_LOG_LEVEL", "info")

# Set before any worker imports prometheus-client, which reads it at import time.
metrics_dir = os.environ.setdefault(
    "PROMETHEUS_MULTIPROC_DIR", tempfile.mkdtemp(prefix="volunteer-metrics-")
)
# Imported now, not in `child_exit`: that hook runs in the master's SIGCHLD handler, and when
# two workers exited together (both recycled after max_requests) the second signal found the
# module half-imported by the first and the master died (ImportError, a circular import).
from prometheus_client import multiprocess  # noqa: E402


def on_starting(server):
    """Counts from a previous run of the server would be summed in: start from nothing."""
    path = Path(metrics_dir)
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)


def post_fork(server, worker):
    """A fresh worker: no database connection inherited from the master (a connection is never
    shared between processes), and everything loaded so far frozen out of the garbage
    collector's way, so that full collections stay short and copy-on-write pages stay shared."""
    wsgi = getattr(getattr(server, "app", None), "callable", None)
    extension = getattr(wsgi, "extensions", {}).get("sqlalchemy")
    if extension is not None:
        with wsgi.app_context():
            for engine in extension.engines.values():
                engine.dispose(close=False)
    gc.freeze()


def child_exit(server, worker):
    multiprocess.mark_process_dead(worker.pid)
