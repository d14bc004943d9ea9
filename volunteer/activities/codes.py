"""The rotating check-in code: six digits derived from the app's secret, the activity's own
salt and the current 30-second window. Nothing is stored, so any app server checks any code.

A code shown in window w is accepted until the end of window w + 1: it lives between 30 and
60 seconds, long enough to scan, too short to pass around.
"""

import hashlib
import hmac
from datetime import UTC, datetime

WINDOW_SECONDS = 30
DIGITS = 6


def window_of(moment: datetime) -> int:
    return int(moment.timestamp()) // WINDOW_SECONDS


def code_for(secret: str, salt: str, activity_id: int, window: int) -> str:
    digest = hmac.new(
        secret.encode(), f"{activity_id}:{salt}:{window}".encode(), hashlib.sha256
    ).digest()
    return str(int.from_bytes(digest[:8], "big") % 10**DIGITS).zfill(DIGITS)


def current_code(secret: str, salt: str, activity_id: int, now: datetime) -> tuple[str, datetime]:
    """The code to show now and when it stops being accepted."""
    window = window_of(now)
    expires = datetime.fromtimestamp((window + 2) * WINDOW_SECONDS, UTC)
    return code_for(secret, salt, activity_id, window), expires


def accepts(secret: str, salt: str, activity_id: int, code: str, now: datetime) -> bool:
    """Whether `code` is this window's or the last one's."""
    window = window_of(now)
    return any(
        hmac.compare_digest(code_for(secret, salt, activity_id, w), code)
        for w in (window, window - 1)
    )
