"""Flask's JSON through orjson writes what Flask's standard-library provider wrote."""

import uuid
from collections import namedtuple
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from flask.json.provider import DefaultJSONProvider

from volunteer.json_provider import OrjsonProvider

Point = namedtuple("Point", "x y")

SAMPLES = [
    {"title": "修理暖气", "note": '老人怕冷\n\t"急"', "emoji": "🙂", "slash": "a/b"},
    {"b": 1, "a": [1.5, -2, None, True, False], "nested": {"z": {}, "y": []}},
    {3: "int key", "s": "str key"},
    {"at": datetime(2026, 12, 1, 9, 30, tzinfo=UTC), "day": date(2026, 12, 1)},
    {"hours": Decimal("1.50"), "id": uuid.UUID(int=7), "point": Point(1, 2)},
    [{"id": i, "status": "submitted"} for i in range(3)],
    "纯文本",
]


@pytest.fixture
def providers(app):
    standard = DefaultJSONProvider(app)
    standard.ensure_ascii = False
    standard.sort_keys = False
    return standard, app.json


def test_the_app_speaks_orjson(app):
    assert isinstance(app.json, OrjsonProvider)


@pytest.mark.parametrize("sample", SAMPLES)
def test_the_same_documents_as_the_standard_library(app, providers, sample):
    standard, fast = providers
    with app.app_context():
        assert fast.response(sample).get_data() == standard.response(sample).get_data()
        assert fast.loads(fast.dumps(sample)) == standard.loads(standard.dumps(sample))


def test_options_of_the_standard_library_are_served_by_it(providers):
    standard, fast = providers
    sample = {"a": [1, 2]}
    assert fast.dumps(sample, indent=2) == standard.dumps(sample, indent=2)
    assert fast.loads("[1.0]", parse_float=Decimal) == [Decimal("1.0")]


def test_what_neither_knows_is_refused(providers):
    with pytest.raises(TypeError):
        providers[1].dumps({"x": object()})
