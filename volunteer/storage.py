"""Where uploaded files live: a small interface with a local-directory implementation."""

import secrets
from pathlib import Path
from typing import Protocol

from flask import current_app


class Storage(Protocol):
    """Save bytes under a new key, read them back, delete them."""

    def save(self, data: bytes, suffix: str) -> str: ...

    def read(self, key: str) -> bytes: ...

    def delete(self, key: str) -> None: ...


class LocalStorage:
    """Files under one directory (instance/uploads by default); keys are random names."""

    def __init__(self, root: str | Path):
        self.root = Path(root)

    def path(self, key: str) -> Path:
        if "/" in key or "\\" in key or key.startswith("."):
            raise ValueError("bad storage key")
        return self.root / key

    def save(self, data: bytes, suffix: str) -> str:
        self.root.mkdir(parents=True, exist_ok=True)
        key = secrets.token_hex(16) + suffix
        self.path(key).write_bytes(data)
        return key

    def read(self, key: str) -> bytes:
        return self.path(key).read_bytes()

    def delete(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)


def storage() -> Storage:
    """The configured storage (a shared directory when several app servers run)."""
    return LocalStorage(current_app.config["UPLOAD_FOLDER"])
