"""Idempotency-Key on POST /orders: the same key from the same user within 24 hours
returns the first response and creates nothing new; the same key with a different body is
refused (422), as the IETF Idempotency-Key draft says."""

import hashlib
import json
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from volunteer.db import utcnow
from volunteer.errors import Invalid
from volunteer.extensions import db
from volunteer.orders.models import IdempotencyKey

MAX_KEY_LENGTH = 100


def check_key(key: str) -> str:
    key = key.strip()
    if not key or len(key) > MAX_KEY_LENGTH:
        raise Invalid("Idempotency-Key", _l("1 to %(most)s characters.", most=MAX_KEY_LENGTH))
    return key


def fingerprint(body) -> str:
    """SHA-256 of the body in canonical JSON: key order and spacing do not count."""
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def replay(user_id: int, key: str, body_fingerprint: str) -> IdempotencyKey | None:
    """The stored first response for this user and key, if still fresh; 422 when the first
    request under this key carried another body."""
    window = timedelta(hours=current_app.config["IDEMPOTENCY_HOURS"])
    first = db.session.scalar(
        sa.select(IdempotencyKey).where(
            IdempotencyKey.user_id == user_id,
            IdempotencyKey.key == key,
            IdempotencyKey.created_at > utcnow() - window,
        )
    )
    if first is not None and first.fingerprint not in (None, body_fingerprint):
        raise Invalid("Idempotency-Key", _l("This key was used for a different request body."))
    return first


def remember(user_id: int, key: str, body_fingerprint: str, status_code: int, body: dict) -> None:
    """Keep the first response; only an expired record under the same key is replaced.

    Two requests with one key that both missed the replay race to insert: the unique
    constraint lets one win, the other fails at flush (409) and its order is rolled back.
    """
    window = timedelta(hours=current_app.config["IDEMPOTENCY_HOURS"])
    db.session.execute(
        sa.delete(IdempotencyKey).where(
            IdempotencyKey.user_id == user_id,
            IdempotencyKey.key == key,
            IdempotencyKey.created_at <= utcnow() - window,
        )
    )
    db.session.add(
        IdempotencyKey(
            user_id=user_id,
            key=key,
            fingerprint=body_fingerprint,
            status_code=status_code,
            body=body,
        )
    )
    db.session.flush()
