"""Password hashing, verification that takes as long for unknown users, and weak passwords."""

from functools import cache

from flask import current_app
from flask_babel import lazy_gettext as _l
from werkzeug.security import check_password_hash, generate_password_hash
from zxcvbn import zxcvbn

# zxcvbn refuses longer input; a password of that length is never weak by guessing alone.
ESTIMATED_LENGTH = 72

TOO_COMMON = _l("Too common or too easy to guess: use a longer password with less usual words.")
CONTAINS_IDENTITY = _l("The password must not contain your username or phone number.")


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


@cache
def dummy_hash(method: str) -> str:
    """A hash of nobody's password, made with the configured method (once per method)."""
    return generate_password_hash("not anybody's password", method=method)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether the password matches; without a hash (an unknown user, or a user without a
    password) it is checked against a dummy hash of the same method, so that the answer takes
    as long as for a known user and the time does not tell which usernames exist."""
    if not password_hash:
        check_password_hash(dummy_hash(current_app.config["PASSWORD_HASH_METHOD"]), password)
        return False
    return check_password_hash(password_hash, password)


def password_problem(password: str, *, username=None, phone=None, display_name=None):
    """Why this password is too weak for this user (a message translated when shown), or None.

    Weak: containing the username or the phone number, or guessable according to zxcvbn
    (its lists of common passwords, words, names, keyboard patterns and dates, and the user's
    own data) below `PASSWORD_MIN_SCORE` (0 to 4; 3 by default).
    """
    lowered = password.lower()
    for own in (username, phone):
        if own and own.lower() in lowered:
            return CONTAINS_IDENTITY
    inputs = [value for value in (username, phone, display_name) if value]
    estimate = zxcvbn(password[:ESTIMATED_LENGTH], user_inputs=inputs)
    if estimate["score"] < current_app.config["PASSWORD_MIN_SCORE"]:
        return TOO_COMMON
    return None
