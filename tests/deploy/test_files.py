"""The files in deploy/: the nginx site passes `nginx -t`; the systemd units start the
commands this checkout has (the two-node test runs them)."""

import os
import shutil
import subprocess
import sys

import pytest

from tests.deploy.cluster import (
    DEPLOY,
    nginx_main_config,
    nginx_site,
    self_signed_certificate,
    unit_command,
    unit_settings,
)

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@pytest.mark.skipif(not os.path.exists(NGINX), reason="nginx is not installed")
def test_the_nginx_site_passes_nginx_t(tmp_path):
    cert, key = self_signed_certificate(tmp_path)
    site = tmp_path / "volunteer.conf"
    site.write_text(nginx_site([8000, 8001], 8080, 8443, cert, key))
    config = tmp_path / "nginx.conf"
    config.write_text(nginx_main_config(tmp_path, site))
    checked = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(config), "-e", str(tmp_path / "error.log")],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr
    assert "test is successful" in checked.stderr


def test_the_site_terminates_tls_and_forwards_the_client():
    site = (DEPLOY / "nginx" / "volunteer.conf").read_text()
    for directive in (
        "listen 443 ssl",
        "ssl_certificate ",
        "client_max_body_size 20m;",
        "proxy_read_timeout",
        "proxy_set_header X-Forwarded-For $remote_addr;",
        "proxy_set_header X-Forwarded-Proto $scheme;",
        "proxy_set_header X-Request-ID",
    ):
        assert directive in site
    # POSTs are never sent to a second server.
    assert "non_idempotent" not in site


def test_the_units_run_this_checkouts_commands():
    assert unit_command("volunteer.service")[1:] == [
        "-c",
        str(DEPLOY / "gunicorn.conf.py"),
        "volunteer:create_app()",
    ]
    assert unit_command("volunteer-scheduler.service")[1:] == ["scheduler"]
    for unit in ("volunteer.service", "volunteer-scheduler.service"):
        settings = unit_settings(unit)
        assert settings["EnvironmentFile"] == ["/etc/volunteer/volunteer.env"]
        assert os.path.exists(unit_command(unit)[0])


def test_the_server_imports_what_its_signal_handlers_use_before_any_worker_runs(tmp_path):
    """`child_exit` runs in the master's SIGCHLD handler: an import there, interrupted by a
    second worker's exit, left the module half-imported and the master died."""
    check = (
        "import runpy, sys\n"
        f"settings = runpy.run_path({str(DEPLOY / 'gunicorn.conf.py')!r})\n"
        "assert 'prometheus_client.multiprocess' in sys.modules\n"
        "names = settings['child_exit'].__code__.co_names\n"
        "assert 'multiprocess' in names and 'prometheus_client' not in names, names\n"
    )
    environment = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}
    subprocess.run([sys.executable, "-c", check], check=True, env=environment)
