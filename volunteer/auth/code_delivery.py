"""How a password reset code reaches the resident: told at the desk today; an SMS gateway can
implement the same protocol later."""

from typing import Protocol

from volunteer.auth.models import User


class ResetCodeDelivery(Protocol):
    def deliver(self, user: User, code: str) -> str | None:
        """Send the code to the user; return it when the issuer must show it (at the desk), or
        None when it went elsewhere (a text message)."""


class DeskDelivery:
    """The secretary reads the code out or writes it down: it is shown to them, once."""

    def deliver(self, user: User, code: str) -> str | None:
        return code


def delivery() -> ResetCodeDelivery:
    """The delivery in use."""
    return DeskDelivery()
