"""gunicorn settings for volunteer (`gunicorn -c deploy/gunicorn.conf.py 'volunteer:create_app()'`).

Address and workers come from the environment (deploy/volunteer.service sets them). Request
metrics are kept per worker in files under PROMETHEUS_MULTIPROC_DIR, summed by GET /metrics:
the directory is emptied when the server starts and a dead worker's live gauges are dropped.
"""

import os
import shutil
import tempfile
from pathlib import Path

bind = os.environ.get("VOLUNTEER_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("VOLUNTEER_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))
timeout = int(os.environ.get("VOLUNTEER_WORKER_TIMEOUT", "60"))
graceful_timeout = 30
# The app writes one JSON line per request (volunteer/request_log.py): no second access log.
accesslog = None
errorlog = "-"

# Set before any worker imports prometheus-client, which reads it at import time.
metrics_dir = os.environ.setdefault(
    "PROMETHEUS_MULTIPROC_DIR", tempfile.mkdtemp(prefix="volunteer-metrics-")
)


def on_starting(server):
    """Counts from a previous run of the server would be summed in: start from nothing."""
    path = Path(metrics_dir)
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
