"""Real servers the tests start or reach: moto's S3 server on a free port, the machine's Redis.

Registered in tests/conftest.py. moto's standalone server speaks the S3 protocol over HTTP,
so the storage code runs boto3 exactly as against MinIO or AWS; nothing is mocked.
"""

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from types import SimpleNamespace

import pytest

REDIS_URL = os.environ.get("VOLUNTEER_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
S3_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing-secret",
    "AWS_DEFAULT_REGION": "us-east-1",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen | None = None, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process exited with {process.returncode} before listening")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listens on port {port} after {seconds} s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory) -> Iterator[SimpleNamespace]:
    """moto's S3 server on a free port; `s3_server.bucket()` makes a new empty bucket. The
    AWS_* variables point boto3 (in this process and in processes it starts) at it."""
    import boto3

    port = free_port()
    log = (tmp_path_factory.mktemp("moto") / "moto.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    saved = {name: os.environ.get(name) for name in S3_CREDENTIALS}
    os.environ.update(S3_CREDENTIALS)
    endpoint = f"http://127.0.0.1:{port}"
    try:
        wait_for_port(port, process)
        client = boto3.client("s3", endpoint_url=endpoint)

        def bucket() -> str:
            name = f"volunteer-{uuid.uuid4().hex[:12]}"
            client.create_bucket(Bucket=name)
            return name

        yield SimpleNamespace(endpoint=endpoint, client=client, bucket=bucket, port=port)
    finally:
        stop(process)
        log.close()
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def bucket_keys(s3_server, bucket: str) -> list[str]:
    listed = s3_server.client.list_objects_v2(Bucket=bucket)
    return sorted(item["Key"] for item in listed.get("Contents", []))


@pytest.fixture
def redis_url() -> str:
    """The machine's Redis (started by .ci/run when it is not running)."""
    import redis

    redis.Redis.from_url(REDIS_URL).ping()
    return REDIS_URL
