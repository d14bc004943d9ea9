"""The one path converter for row ids: `<id:order_id>` on every page and API route.

An id is a positive integer that fits the database's integer column. Anything else (0, a
leading zero, 2147483648, twenty digits) does not match the route at all, so it is a 404 at
routing on every path and method: it never reaches a query (PostgreSQL would refuse the
number and abort the transaction), and never turns into Werkzeug's 405 because the same path
exists for another method.
"""

from flask import Flask
from flask_smorest import Api
from werkzeug.routing import IntegerConverter, Map

from volunteer.schemas import MAX_ID


def digits_up_to(limit: int) -> str:
    """A regular expression matching exactly the decimal numbers 1 … `limit`, no leading zero."""
    top = str(limit)
    shorter = rf"[1-9]\d{{0,{len(top) - 2}}}" if len(top) > 1 else None
    alternatives = [shorter] if shorter else []
    for position, digit in enumerate(top):
        lowest = 1 if position == 0 else 0
        if int(digit) > lowest:
            rest = len(top) - position - 1
            alternatives.append(rf"{top[:position]}[{lowest}-{int(digit) - 1}]\d{{{rest}}}")
    alternatives.append(top)
    return "(?:" + "|".join(alternatives) + ")"


class IdConverter(IntegerConverter):
    """`<id:name>`: 1 … 2**31 - 1, checked by the route's pattern itself."""

    regex = digits_up_to(MAX_ID)

    def __init__(self, map: Map) -> None:
        super().__init__(map, min=1, max=MAX_ID)


class BoundedIntegerConverter(IntegerConverter):
    """`int(min=1, max=N)` whose pattern matches only 1 … N (the evaluation year's routes),
    so an out-of-range number matches no rule (404) instead of Werkzeug's 405 when the same
    path has a rule for another method."""

    def __init__(self, map: Map, fixed_digits=0, min=None, max=None, signed=False) -> None:
        super().__init__(map, fixed_digits, min, max, signed)
        if min == 1 and max is not None and not fixed_digits and not signed:
            self.regex = digits_up_to(max)


def id_parameter_schema(converter: IdConverter) -> dict:
    """How the OpenAPI document describes an id in a path."""
    return {"type": "integer", "minimum": converter.min, "maximum": converter.max}


def register_converters(app: Flask, api: Api) -> None:
    """Before any blueprint registers its routes."""
    app.url_map.converters["id"] = IdConverter
    app.url_map.converters["int"] = BoundedIntegerConverter
    api.register_converter(IdConverter, id_parameter_schema)
