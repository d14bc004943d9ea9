"""Which `next=` targets a page may redirect to: a path of this site, nothing else.

Browsers are generous with what they read as another host: `//evil`, `/\\evil`, `\\\\evil`, a
tab or newline inside `/<TAB>/evil` (dropped by URL parsers, leaving `//evil`), a scheme in any
case. Rather than list the dangerous forms, a target is accepted only when it is plainly a
local path: it starts with a single `/`, has no scheme and no host, and holds no backslash,
control character or whitespace, not even once percent-decoded.
"""

import unicodedata
from urllib.parse import unquote, urlsplit

MAX_LENGTH = 2000


def is_plain(text: str) -> bool:
    """No backslash, whitespace, control or invisible format character (e.g. U+200B)."""
    return "\\" not in text and not any(
        character.isspace() or unicodedata.category(character) in {"Cc", "Cf", "Zl", "Zp"}
        for character in text
    )


def local_path(target: str | None) -> str | None:
    """`target` when it is a path of this site (with its query), else None."""
    if not target or len(target) > MAX_LENGTH or not is_plain(target):
        return None
    if not target.startswith("/") or target.startswith("//"):  # `///evil` has an empty host
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)  # what a lenient server or browser might decode the path to
    if path.startswith("//") or not is_plain(path):
        return None
    return target
