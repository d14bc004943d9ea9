"""gunicorn settings for volunteer (`gunicorn -c deploy/gunicorn.conf.py 'volunteer:create_app()'`).

Sync workers: each request runs on its own process's thread, and the database does the
waiting (see docs/design.md, "Requests and transactions"). Everything here can be overridden
on the command line or with GUNICORN_CMD_ARGS; the worker count with VOLUNTEER_WORKERS.
"""

import gc
import multiprocessing
import os

bind = os.environ.get("VOLUNTEER_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("VOLUNTEER_WORKERS", 2 * multiprocessing.cpu_count()))
worker_class = "sync"
# A sync worker holds one request at a time; a slow client is the reverse proxy's to buffer.
timeout = 60
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that slow leaks (a library's cache) stay bounded; the
# jitter keeps them from restarting all at once.
max_requests = 20_000
max_requests_jitter = 2_000
# Import the app once in the master: workers fork with its modules, templates and compiled
# statements already in memory (copy-on-write), and start in milliseconds.
preload_app = True
# No access log by default (the reverse proxy keeps one); errors go to stderr.
accesslog = os.environ.get("VOLUNTEER_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("VOLUNTEER_LOG_LEVEL", "info")


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
