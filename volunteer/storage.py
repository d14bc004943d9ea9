"""Where uploaded files live: a small interface, a local directory and an S3-compatible store.

`VOLUNTEER_STORAGE_URL` chooses: `file:///srv/volunteer/uploads` (the default is the instance
folder's `uploads`), or `s3://BUCKET/PREFIX` for any S3-compatible store (MinIO, Aliyun OSS,
Tencent COS, AWS) with `VOLUNTEER_S3_ENDPOINT_URL` and boto3's usual `AWS_ACCESS_KEY_ID`,
`AWS_SECRET_ACCESS_KEY`, `AWS_DEFAULT_REGION`. Keys are random names; callers keep them.
"""

import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

from flask import Flask, current_app

CHUNK = 64 * 1024


class Missing(FileNotFoundError):
    """No file under that key (an OSError, as a missing local file always was)."""


@dataclass
class Stream:
    """A stored file read in chunks: what a response sends without holding it in memory."""

    chunks: Iterable[bytes]
    size: int


class Storage(Protocol):
    """Save bytes under a new key, read them back (whole or streamed), delete them."""

    def save(self, data: bytes, suffix: str) -> str: ...

    def put(self, key: str, data: bytes) -> None: ...

    def read(self, key: str) -> bytes: ...

    def stream(self, key: str) -> Stream: ...

    def exists(self, key: str) -> bool: ...

    def delete(self, key: str) -> None: ...

    def keys(self) -> Iterator[str]: ...


def new_key(suffix: str) -> str:
    return secrets.token_hex(16) + suffix


def check_key(key: str) -> str:
    if not key or "/" in key or "\\" in key or key.startswith("."):
        raise ValueError("bad storage key")
    return key


class LocalStorage:
    """Files under one directory (instance/uploads by default)."""

    def __init__(self, root: str | Path):
        self.root = Path(root)

    def path(self, key: str) -> Path:
        return self.root / check_key(key)

    def save(self, data: bytes, suffix: str) -> str:
        key = new_key(suffix)
        self.put(key, data)
        return key

    def put(self, key: str, data: bytes) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self.path(key).write_bytes(data)

    def read(self, key: str) -> bytes:
        try:
            return self.path(key).read_bytes()
        except FileNotFoundError as error:
            raise Missing(key) from error

    def stream(self, key: str) -> Stream:
        path = self.path(key)
        try:
            size = path.stat().st_size
        except FileNotFoundError as error:
            raise Missing(key) from error

        def chunks() -> Iterator[bytes]:
            # Opened only once sending begins: an answer never sent (HEAD) leaves no file open.
            with path.open("rb") as file:
                while chunk := file.read(CHUNK):
                    yield chunk

        return Stream(chunks(), size)

    def exists(self, key: str) -> bool:
        return self.path(key).is_file()

    def delete(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)

    def keys(self) -> Iterator[str]:
        if self.root.is_dir():
            yield from sorted(p.name for p in self.root.iterdir() if p.is_file())


class S3Storage:
    """Objects under one prefix of one bucket of an S3-compatible store (boto3)."""

    def __init__(self, bucket: str, prefix: str, endpoint_url: str | None = None):
        import boto3
        from botocore.config import Config

        self.bucket = bucket
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
        # Credentials and region from the standard AWS_* variables (or ~/.aws); a few
        # retries ride out a store's brief hiccup.
        self.client: Any = boto3.client(
            "s3",
            endpoint_url=endpoint_url or None,
            config=Config(retries={"max_attempts": 3, "mode": "standard"}),
        )

    def name(self, key: str) -> str:
        return self.prefix + check_key(key)

    def save(self, data: bytes, suffix: str) -> str:
        key = new_key(suffix)
        self.put(key, data)
        return key

    def put(self, key: str, data: bytes) -> None:
        self.client.put_object(Bucket=self.bucket, Key=self.name(key), Body=data)

    def get(self, key: str) -> Any:
        try:
            return self.client.get_object(Bucket=self.bucket, Key=self.name(key))
        except self.client.exceptions.NoSuchKey as error:
            raise Missing(key) from error

    def read(self, key: str) -> bytes:
        body = self.get(key)["Body"]
        try:
            return body.read()
        finally:
            body.close()

    def stream(self, key: str) -> Stream:
        answer = self.get(key)
        body = answer["Body"]

        def chunks() -> Iterator[bytes]:
            try:
                yield from body.iter_chunks(CHUNK)
            finally:
                body.close()

        return Stream(chunks(), answer["ContentLength"])

    def exists(self, key: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            self.client.head_object(Bucket=self.bucket, Key=self.name(key))
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return False
            raise
        return True

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self.name(key))

    def keys(self) -> Iterator[str]:
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=self.prefix
        )
        for page in pages:
            for item in page.get("Contents", []):
                key = item["Key"].removeprefix(self.prefix)
                if key and "/" not in key:
                    yield key


def storage_from_url(url: str, endpoint_url: str | None = None) -> Storage:
    """`file:///absolute/dir` or `s3://bucket/prefix`."""
    parts = urlsplit(url)
    if parts.scheme == "file":
        return LocalStorage(unquote(parts.path))
    if parts.scheme == "s3" and parts.netloc:
        return S3Storage(parts.netloc, unquote(parts.path), endpoint_url)
    raise ValueError(f"unsupported storage URL {url!r}: use file:///DIR or s3://BUCKET/PREFIX")


def configured(app: Flask) -> Storage:
    """The app's storage: one boto3 client per process (made on first use, after the fork),
    a plain directory when no URL is set."""
    url = app.config.get("STORAGE_URL")
    if not url:
        return LocalStorage(app.config["UPLOAD_FOLDER"])
    cache = app.extensions.setdefault("volunteer.storage", {})
    endpoint = app.config.get("S3_ENDPOINT_URL")
    if (url, endpoint) not in cache:
        cache[(url, endpoint)] = storage_from_url(url, endpoint)
    return cache[(url, endpoint)]


def storage() -> Storage:
    """The configured storage, shared by every app server when it is a bucket."""
    return configured(current_app._get_current_object())  # type: ignore[attr-defined]
