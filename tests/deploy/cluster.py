"""Two app nodes behind nginx, started from the files in deploy/ as systemd and nginx would.

Each node is the gunicorn command of deploy/volunteer.service and the scheduler command of
deploy/volunteer-scheduler.service, run from its own working directory with its own
instance path; they share one PostgreSQL database, Redis and an S3 bucket (moto's server).
nginx runs deploy/nginx/volunteer.conf in the foreground with its own prefix, on free ports,
with a self-signed certificate for 127.0.0.1; only its ports, upstream addresses and
certificate paths are changed.
"""

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from tests.services import stop, wait_for_port

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
VENV_BIN = Path(sys.executable).parent


def unit_settings(name: str) -> dict[str, list[str]]:
    """The [Service] lines of a systemd unit in deploy/: key → values."""
    found: dict[str, list[str]] = {}
    for line in (DEPLOY / name).read_text().splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, _, value = line.partition("=")
            found.setdefault(key.strip(), []).append(value.strip())
    return found


def unit_command(name: str) -> list[str]:
    """The unit's ExecStart, pointed at this checkout and its virtualenv."""
    (command,) = unit_settings(name)["ExecStart"]
    command = command.replace("/opt/volunteer/.venv/bin/", f"{VENV_BIN}/")
    command = command.replace("/opt/volunteer/", f"{ROOT}/")
    return shlex.split(command)


def unit_environment(name: str, runtime_dir: Path) -> dict[str, str]:
    """The unit's Environment= lines, its RuntimeDirectory under `runtime_dir`."""
    environment = {}
    for line in unit_settings(name).get("Environment", []):
        key, _, value = line.partition("=")
        environment[key] = value.replace("/run/volunteer", str(runtime_dir))
    return environment


def self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


def nginx_site(upstreams: list[int], http_port: int, https_port: int, cert: Path, key: Path):
    """deploy/nginx/volunteer.conf on these ports, upstreams and certificate."""
    site = (DEPLOY / "nginx" / "volunteer.conf").read_text()
    servers = re.findall(r"^\s*server 127\.0\.0\.1:\d+", site, flags=re.M)
    assert len(servers) == len(upstreams), "one upstream line per node"
    for port, line in zip(upstreams, servers, strict=True):
        site = site.replace(line, re.sub(r":\d+", f":{port}", line), 1)
    site = site.replace("listen 80;", f"listen 127.0.0.1:{http_port};")
    site = site.replace("listen 443 ssl", f"listen 127.0.0.1:{https_port} ssl")
    site = re.sub(r"ssl_certificate .*;", f"ssl_certificate {cert};", site)
    site = re.sub(r"ssl_certificate_key .*;", f"ssl_certificate_key {key};", site)
    return site


def nginx_main_config(prefix: Path, site: Path) -> str:
    """A main nginx.conf of our own around the site, as /etc/nginx/nginx.conf would be."""
    user = "user root;" if os.geteuid() == 0 else ""
    return f"""
{user}
daemon off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log info;
events {{ worker_connections 512; }}
http {{
    log_format upstreams '$request_method $uri $status $upstream_addr';
    access_log {prefix}/access.log upstreams;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {site};
}}
"""


@dataclass
class Node:
    """One app machine: gunicorn and a scheduler, in their own directory."""

    name: str
    directory: Path
    port: int
    environment: dict[str, str]
    processes: list[subprocess.Popen] = field(default_factory=list)

    @property
    def instance(self) -> Path:
        return self.directory / "instance"

    @property
    def log(self) -> Path:
        return self.directory / "gunicorn.log"

    def start(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        # What /etc/volunteer/volunteer.env would hold on this machine, then each unit's own.
        machine = {
            **self.environment,
            "VOLUNTEER_INSTANCE_PATH": str(self.instance),
            "VOLUNTEER_BIND": f"127.0.0.1:{self.port}",
        }
        for unit, log in (
            ("volunteer.service", "gunicorn"),
            ("volunteer-scheduler.service", "scheduler"),
        ):
            output = (self.directory / f"{log}.log").open("ab")
            self.processes.append(
                subprocess.Popen(
                    unit_command(unit),
                    cwd=self.directory,
                    env={**machine, **unit_environment(unit, self.directory / "run")},
                    stdout=output,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,  # a process group: the node dies as a whole
                )
            )
            output.close()

    def wait(self) -> None:
        wait_for_port(self.port, self.processes[0], seconds=60)

    def wait_until_healthy(self, seconds: float = 60) -> None:
        """Until a worker answers (gunicorn listens before its workers have loaded the app)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{self.port}/api/v1/health"
                ) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.2)
        raise TimeoutError(f"{self.name} did not answer /api/v1/health")

    def kill(self) -> None:
        """The machine dies: gunicorn's master and workers and the scheduler, at once."""
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
        for process in self.processes:
            process.wait()

    def stop(self) -> None:
        for process in self.processes:
            stop(process)


@dataclass
class Proxy:
    """nginx in the foreground with its own prefix."""

    prefix: Path
    port: int
    http_port: int
    cert: Path
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def start(self, upstreams: list[int]) -> None:
        for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.prefix / name).mkdir(parents=True, exist_ok=True)
        cert, key = self_signed_certificate(self.prefix)
        self.cert = cert
        site = self.prefix / "volunteer.conf"
        site.write_text(nginx_site(upstreams, self.http_port, self.port, cert, key))
        config = self.prefix / "nginx.conf"
        config.write_text(nginx_main_config(self.prefix, site))
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        self.process = subprocess.Popen(
            [
                nginx,
                "-p",
                str(self.prefix),
                "-c",
                str(config),
                "-e",
                str(self.prefix / "error.log"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,  # -e: errors go to the prefix's error.log
        )
        wait_for_port(self.port, self.process)

    def access_log(self) -> str:
        return (self.prefix / "access.log").read_text()

    def upstreams_of(self, method: str, path_pattern: str) -> list[str]:
        """The upstream addresses that answered the logged requests matching."""
        found = []
        for line in (self.prefix / "access.log").read_text().splitlines():
            verb, uri, _status, upstream = line.split(" ", 3)
            if verb == method and re.fullmatch(path_pattern, uri):
                found.append(upstream)
        return found

    def stop(self) -> None:
        if self.process is not None:
            stop(self.process)
