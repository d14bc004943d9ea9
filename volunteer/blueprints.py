"""What every API blueprint shares: authentication before anything else, pagination defaults,
and an OpenAPI document that lists the error responses each operation can give (ids in paths:
volunteer/converters.py)."""

import functools
from collections.abc import Callable
from copy import deepcopy
from http import HTTPStatus
from typing import Any

import flask_smorest
import marshmallow as ma
from flask import current_app, request
from flask_smorest.pagination import PaginationMetadataSchema
from webargs.flaskparser import FlaskParser

from volunteer.pagination import MAX_PAGE_SIZE, PAGE_SIZE

BODY_METHODS = {"post", "put", "patch", "delete"}


def public(view: Any) -> Callable:
    """Mark an operation anyone may call; every other one needs credentials (401 first)."""
    view.public = True
    view._apidoc = deepcopy(getattr(view, "_apidoc", {}))
    view._apidoc.setdefault("manual_doc", {})["security"] = []
    return view


def is_public(view: Callable | None) -> bool:
    """Marked by `public` (the mark rides along functools.wraps on every wrapper)."""
    return bool(getattr(view, "public", False))


def authenticate() -> None:
    """401 before the body is parsed or a row is read, unless the operation is public."""
    from volunteer.auth.access import require_actor

    if request.method == "OPTIONS" or request.endpoint is None:
        return
    if not is_public(current_app.view_functions.get(request.endpoint)):
        require_actor()


def error_codes(path: str, method: str, operation: dict) -> set[int]:
    """The error statuses an operation can answer, from what it takes and who may call it.

    A JSON body can be malformed (400), too large (413) or invalid (422); query parameters can
    be invalid (422); an id in the path or the query can name nothing in the caller's scope
    (404); a non-public
    operation refuses the anonymous (401) and roles it is not for (403); a change can collide
    with the current state (409).  Anything else an operation answers it documents itself.
    """
    codes = set()
    if "requestBody" in operation:
        codes |= {400, 413, 422}
    query = [p["name"] for p in operation.get("parameters", ()) if p.get("in") == "query"]
    if query:
        codes.add(422)
    if "{" in path or any(name.endswith("_id") for name in query):
        codes.add(404)
    if operation.get("security") != []:
        codes |= {401, 403}
        if method in BODY_METHODS:
            codes.add(409)
    return codes


@functools.cache
def schema_instance(schema_class: type[ma.Schema]) -> ma.Schema:
    return schema_class()


class Parser(FlaskParser):
    """webargs' parser, with one instance per schema class for the life of the process: it
    would build the schema (its fields, validators and hooks) again for every request. A
    schema holds no state between loads."""

    def _get_schema(self, argmap, req) -> ma.Schema:
        if isinstance(argmap, type) and issubclass(argmap, ma.Schema):
            return schema_instance(argmap)
        return super()._get_schema(argmap, req)


class ApiBlueprint(flask_smorest.Blueprint):
    """A flask-smorest blueprint that authenticates first, with the contract's page size and
    the error responses of every operation in the OpenAPI document."""

    ARGUMENTS_PARSER = PAGINATION_ARGUMENTS_PARSER = Parser()
    DEFAULT_PAGINATION_PARAMETERS = {
        "page": 1,
        "page_size": PAGE_SIZE,
        "max_page_size": MAX_PAGE_SIZE,
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.before_request(authenticate)

    def refuses(self, *codes: int) -> Callable:
        """Document error statuses an operation answers beyond those `error_codes` infers."""

        def decorator(view: Callable) -> Callable:
            for code in codes:
                view = self.alt_response(code, response=HTTPStatus(code).name)(view)
            return view

        return decorator

    def register_views_in_doc(self, api, app, spec, *, name, parameters):
        super().register_views_in_doc(api, app, spec, name=name, parameters=parameters)
        for endpoint in self._docs:
            rule = next(app.url_map.iter_rules(f"{name}.{endpoint}"))
            path = self.flaskpath2openapi(rule.rule)
            for method, operation in spec._paths[path].items():
                if method == "parameters":
                    continue
                responses = operation.setdefault("responses", {})
                for code in sorted(error_codes(path, method, operation)):
                    if str(code) not in responses:
                        reference = spec.components.get_ref("response", HTTPStatus(code).name)
                        responses[str(code)] = reference

    @staticmethod
    def flaskpath2openapi(path: str) -> str:
        from flask_smorest.spec.plugins import FlaskPlugin

        return FlaskPlugin.flaskpath2openapi(path)

    @staticmethod
    def _make_pagination_metadata(page, page_size, item_count):
        """flask-smorest's metadata, dumped by one schema for the life of the process: it
        built the schema anew for every page (~0.1 ms of a list's request). The same keys
        and values as its own (tests/test_pagination.py)."""
        metadata = {"total": item_count, "total_pages": 0}
        if item_count:
            last = (item_count - 1) // page_size + 1
            metadata |= {"total_pages": last, "first_page": 1, "last_page": last}
            if page <= last:
                metadata["page"] = page
                if page > 1:
                    metadata["previous_page"] = page - 1
                if page < last:
                    metadata["next_page"] = page + 1
        return schema_instance(PaginationMetadataSchema).dump(metadata)

    def _document_pagination_metadata(self, spec, resp_doc):
        """X-Pagination is sent as a string holding a JSON object: say so."""
        resp_doc.setdefault("headers", {})[self.PAGINATION_HEADER_NAME] = {
            "description": (
                "Pagination metadata, a JSON object: "
                '{"total", "total_pages", "first_page", "last_page", "page", '
                '"previous_page"?, "next_page"?}'
            ),
            "schema": {"type": "string"},
            "example": '{"total": 42, "total_pages": 3, "first_page": 1, "last_page": 3, '
            '"page": 1, "next_page": 2}',
        }
