"""The list's X-Pagination metadata: the blueprint's own, with a schema built once, is what
flask-smorest's would be for every page, size and total."""

import flask_smorest

from volunteer.blueprints import ApiBlueprint


def test_pagination_metadata_is_flask_smorest_s():
    for item_count in (0, 1, 19, 20, 21, 40, 41, 1000):
        for page_size in (1, 20, 100):
            for page in (1, 2, 3, 50, 51, 1001):
                ours = ApiBlueprint._make_pagination_metadata(page, page_size, item_count)
                theirs = flask_smorest.Blueprint._make_pagination_metadata(
                    page, page_size, item_count
                )
                assert list(ours.items()) == list(theirs.items()), (page, page_size, item_count)
