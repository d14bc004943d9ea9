"""A schema's dump as one plain function, for the hottest reads (an order and the list).

marshmallow walks every field of every nested object through several calls per value:
for a page of twenty orders that is ~1.5 ms of the request's ~7 (tests/bench/RESULTS.md).
`plain_dump(schema)` resolves each field once, when the function is built, into the
conversion marshmallow would apply; the result is the same dict, key for key and in the
schema's order (tests/test_dumping.py compares them); a Boolean is `bool(value)`. Only
the field types below are known: any other one is refused when the function is built,
never mis-dumped at run time.
The schemas stay the documentation (OpenAPI) and the dump of every other response.
"""

from collections.abc import Callable, Mapping
from typing import Any

from flask import Response, jsonify
from marshmallow import Schema, fields
from marshmallow.utils import missing

Dump = Callable[[Any], Any]


def plain_dump(schema: Schema) -> Dump:
    """`schema.dump` of a dict (or, for a `many` schema, a list of dicts) as one function."""
    dump_one = object_dump(schema)
    if schema.many:
        return lambda items: [dump_one(item) for item in items]
    return dump_one


def object_dump(schema: Schema) -> Callable[[Mapping], dict]:
    plan = []
    for name, field in schema.dump_fields.items():
        if field.dump_default is not missing:
            raise TypeError(f"{name}: a dump default is not supported")
        plan.append((field.attribute or name, field.data_key or name, converter(name, field)))

    def dump(source: Mapping) -> dict:
        out = {}
        for attribute, key, convert in plan:
            value = source.get(attribute, missing)
            if value is not missing:
                out[key] = None if value is None else convert(value)
        return out

    return dump


def converter(name: str, field: fields.Field) -> Dump:
    """What marshmallow's `_serialize` does to a value that is not None."""
    if isinstance(field, fields.Nested):
        nested = field.schema
        dump = object_dump(nested)
        if field.many or nested.many:
            return lambda items: [dump(item) for item in items]
        return dump
    if isinstance(field, fields.List):
        inner = converter(name, field.inner)
        return lambda items: [None if item is None else inner(item) for item in items]
    if isinstance(field, (fields.DateTime, fields.Date)):
        # Formats are per field type (DateTime, AwareDateTime, Date): marshmallow's own.
        format_ = field.format or field.DEFAULT_FORMAT
        function = type(field).SERIALIZATION_FUNCS.get(format_)
        if function is None:
            raise TypeError(f"{name}: format {format_!r} is not supported")
        return function
    if isinstance(field, fields.Dict) and field.key_field is None and field.value_field is None:
        return dict
    exact = {fields.Integer: int, fields.Float: float, fields.String: str, fields.Boolean: bool}
    convert = exact.get(type(field))
    if convert is None or getattr(field, "as_string", False):
        raise TypeError(f"{name}: {type(field).__name__} is not supported")
    return convert


def dumped(dump: Dump, body: Any) -> Response:
    """The JSON response flask-smorest would build from `schema.dump(body)` (it passes a
    Response through, with the headers its other decorators add)."""
    return jsonify(dump(body))
