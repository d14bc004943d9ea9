"""Long lists come in pages (`?page=`): the desk's inbox and the member's pool, two pages of
orders each; a page past the end is empty, a page number below 1 or malformed is the first."""

import pytest

from tests.pages.helpers import log_in
from volunteer.pages.paging import Page

TITLES = ("第一张单", "第二张单", "第三张单")


def titles_on(client, path) -> list[str]:
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    page = response.data.decode()
    return [title for title in TITLES if title in page]


def test_the_inbox_comes_in_pages(client, post_order, monkeypatch):
    monkeypatch.setattr("volunteer.pages.desk.orders.PAGE_SIZE", 2)
    for title in TITLES:
        post_order(title=title)
    log_in(client, "shuji")
    first = client.get("/desk").data.decode()
    assert 'href="/desk?page=2"' in first
    assert titles_on(client, "/desk") == list(TITLES[:2])  # the oldest first
    assert titles_on(client, "/desk?page=2") == [TITLES[2]]
    assert 'href="/desk?page=1"' in client.get("/desk?page=2").data.decode()
    assert titles_on(client, "/desk?page=9") == []
    assert titles_on(client, "/desk?page=0") == list(TITLES[:2])
    assert titles_on(client, "/desk?page=x") == list(TITLES[:2])


def test_the_pool_comes_in_pages(client, district, post_order, monkeypatch):
    monkeypatch.setattr("volunteer.pages.member.pool.PAGE_SIZE", 2)
    for title in TITLES:
        order = post_order(title=title)
        response = district.api.secretary.post(
            f"/orders/{order['id']}/dispatch", json={"team_id": district.repair_team}
        )
        assert response.status_code == 200, response.json
    log_in(client, "dangyuan")
    assert 'href="/member/pool?page=2"' in client.get("/member/pool").data.decode()
    first, second = titles_on(client, "/member/pool"), titles_on(client, "/member/pool?page=2")
    assert len(first) == 2 and len(second) == 1
    assert sorted([*first, *second]) == sorted(TITLES)
    assert titles_on(client, "/member/pool?page=9") == []


@pytest.mark.parametrize(
    ("number", "total", "pages", "previous", "following"),
    [(1, 0, 1, None, None), (1, 3, 2, None, 2), (2, 3, 2, 1, None), (9, 3, 2, 8, None)],
)
def test_a_page_knows_its_neighbours(number, total, pages, previous, following):
    page = Page(items=[], page=number, size=2, total=total)
    assert page.pages == pages
    assert (page.prev_num, page.next_num) == (previous, following)
    assert page.has_prev == (previous is not None)
    assert page.has_next == (following is not None)
