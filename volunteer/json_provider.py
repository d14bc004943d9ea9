"""Flask's JSON through orjson: the same documents as its standard-library provider, faster.

Encoding a page of twenty orders with the standard library took ~0.25 ms of a list request's
~2 (tests/bench/RESULTS.md); orjson takes ~0.02. What is written stays what Flask's own
provider wrote: UTF-8 rather than \\u escapes (`ensure_ascii = False`), keys in the order they
were given, keys that are not strings as strings, and whatever orjson does not know itself
(a date, a Decimal, a named tuple) through Flask's `default` (a date as an HTTP date, as
before: orjson's own ISO dates are passed through to it). A call with the standard library's
options (`indent`, `separators`, …) is served by the standard library, as is a debug
server's indented response.
"""

from typing import Any

import orjson
from flask.json.provider import DefaultJSONProvider
from werkzeug.sansio.response import Response  # what Flask's providers are typed to return

OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME


def default(value: Any) -> Any:
    if isinstance(value, tuple):  # a named tuple: the standard library writes it as an array
        return list(value)
    return DefaultJSONProvider.default(value)


class OrjsonProvider(DefaultJSONProvider):
    ensure_ascii = False
    sort_keys = False

    def dumps(self, obj: Any, **kwargs: Any) -> str:
        if kwargs:
            return super().dumps(obj, **kwargs)
        return orjson.dumps(obj, default=default, option=OPTIONS).decode()

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        if kwargs:
            return super().loads(s, **kwargs)
        return orjson.loads(s)

    def response(self, *args: Any, **kwargs: Any) -> Response:
        if self.compact is False or (self.compact is None and self._app.debug):
            return super().response(*args, **kwargs)
        body = orjson.dumps(
            self._prepare_response_obj(args, kwargs),
            default=default,
            option=OPTIONS | orjson.OPT_APPEND_NEWLINE,
        )
        return self._app.response_class(body, mimetype=self.mimetype)  # type: ignore[arg-type]
