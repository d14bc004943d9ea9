"""One rating scale everywhere: the pages name a rating 满意 / 基本满意 / 不满意, never with
stars or "n / 5" (the API keeps the score)."""

import re

import pytest

from tests.pages.helpers import log_in
from volunteer.satisfaction import Satisfaction, satisfaction_name


@pytest.mark.parametrize(
    ("score", "word"),
    [
        (5, "satisfied"),
        (4, "satisfied"),
        (3, "basically_satisfied"),
        (2, "dissatisfied"),
        (1, "dissatisfied"),
    ],
)
def test_scores_map_to_the_three_words(score, word):
    assert Satisfaction.of_score(score) == word


def test_each_choice_stores_a_score_of_its_own_word():
    for choice in Satisfaction:
        assert Satisfaction.of_score(choice.score) is choice
    assert satisfaction_name(None) == ""


def shown(page: str) -> str:
    """The page's visible text (tags and attributes dropped)."""
    return re.sub(r"<[^>]+>", " ", page)


def no_scale(page: str) -> None:
    text = shown(page)
    assert "★" not in page and "☆" not in page
    assert not re.search(r"\d\s*/\s*5\b", text)
    assert "of 5" not in page and "5分" not in text


def test_a_bad_rating_reads_不满意_on_every_page(client, district, completed):
    order_id = completed["id"]
    district.api.resident.post(f"/orders/{order_id}/rate", json={"score": 1, "comment": "没修好"})
    pages = {
        "jumin": [f"/my/orders/{order_id}", "/my/orders"],
        "dangyuan": [f"/member/orders/{order_id}", "/member/record", "/member"],
        "shuji": [f"/desk/orders/{order_id}", "/desk/follow-ups"],
    }
    for username, paths in pages.items():
        log_in(client, username)
        for path in paths:
            page = client.get(path).data.decode()
            no_scale(page)
            if path != "/my/orders" and path != "/member":
                assert "不满意" in shown(page), path
        client.post("/logout")


def test_a_good_rating_reads_满意(client, district, completed):
    order_id = completed["id"]
    district.api.resident.post(f"/orders/{order_id}/rate", json={"score": 5})
    for username, path in [
        ("jumin", f"/my/orders/{order_id}"),
        ("dangyuan", f"/member/orders/{order_id}"),
        ("dangyuan", "/member/record"),
        ("shuji", f"/desk/orders/{order_id}"),
    ]:
        log_in(client, username)
        page = client.get(path).data.decode()
        no_scale(page)
        assert "满意" in shown(page) and "不满意" not in shown(page), path
        client.post("/logout")


def test_the_timeline_keeps_the_rating_in_words(district, completed):
    order_id = completed["id"]
    district.api.resident.post(f"/orders/{order_id}/rate", json={"score": 3, "comment": "还行"})
    event = district.api.resident.get(f"/orders/{order_id}").json["events"][-1]
    assert event["action"] == "rate"
    assert event["note"] == "基本满意：还行"
