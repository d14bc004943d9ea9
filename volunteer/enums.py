"""Str-valued enums for coded columns, each member with its human label beside it.

A member is its value (`OrderStatus.CLAIMED == "claimed"`), so it is stored, compared and
sent as JSON exactly as the plain string was; `member.label` is its name in the reader's
language (lazily translated, so it can be defined at import time)."""

from collections.abc import Mapping
from enum import StrEnum
from typing import Any, ClassVar

import sqlalchemy as sa


class Labelled(StrEnum):
    """A str enum whose members have labels: assign `Enum.__labels__` right after the class."""

    __labels__: ClassVar[Mapping[Any, str]]

    @property
    def label(self) -> str:
        """The member's label (a lazy string: translated when rendered)."""
        return type(self).__labels__.get(self, str(self))

    @classmethod
    def labels(cls) -> dict[str, Any]:
        """Value → label for every member, in definition order (for choosers and templates)."""
        return {str(member): member.label for member in cls}


def enum_column(enum: type[StrEnum], length: int) -> sa.Enum:
    """The column type of an enum: a VARCHAR of `length` holding the member's value (no native
    enum and no CHECK constraint, so SQLite, PostgreSQL and the migrations stay as they were);
    values outside the enum are refused before they are written."""
    return sa.Enum(
        enum,
        native_enum=False,
        create_constraint=False,
        values_callable=lambda members: [member.value for member in members],
        length=length,
        validate_strings=True,
    )
