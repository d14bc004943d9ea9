"""Walking a demo role's pages: the start page, the pages its links and the role bar lead to,
and the pages those pages link to, one of each kind (`/desk/orders/3` stands for every order).

The pages are found, not listed: a page added to a role's tiles, its role bar or a page one
click further is walked without touching the tests that use this (accessibility, reflow).
"""

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

# Every demo role, and nobody logged in.
ROLES = [
    "jumin_wang",
    "dangyuan01",
    "dangyuan20",
    "shuji1",
    "wangge1",
    "jiedao",
    "danwei1",
    "admin",
    None,
]
# Links that act instead of showing a page, or are files and the API's own documents.
NOT_PAGES = ("/logout", "/lang/", "/elder", "/api/", "/static/", "/uploads/")
NOT_PAGE_ENDINGS = (".pdf", ".xlsx", ".csv", "/pdf", "/xlsx", "/csv", "/photo")

LINKS = """() => Array.from(
    document.querySelectorAll("main a[href], nav.role-nav a[href], header.site a.bell"),
    (a) => a.href)"""


def shape(path: str) -> str:
    """The kind of page: ids and query values stand for any (`/desk/orders/<n>?page=<v>`)."""
    path = re.sub(r"/\d+(?=/|\?|$)", "/<n>", path)
    return re.sub(r"=[^&]*", "=<v>", path)


def links(page, origin: str) -> list[str]:
    """The same-site page links of the page shown (path and query)."""
    found = []
    for href in page.evaluate(LINKS):
        url = urlsplit(href)
        path = url.path + (f"?{url.query}" if url.query else "")
        if f"{url.scheme}://{url.netloc}" != origin or path.startswith(NOT_PAGES):
            continue
        if url.path.endswith(NOT_PAGE_ENDINGS):
            continue
        if path not in found:
            found.append(path)
    return found


def walk(page, origin: str, depth: int = 2) -> Iterator[str]:
    """Go to each page the role reaches within `depth` clicks of its start page, one page of
    each shape, and yield its path while the page is shown (the caller measures it)."""
    seen = {shape("/")}
    level = ["/"]
    for step in range(depth + 1):
        following: list[str] = []
        for path in level:
            response = page.goto(path)
            assert response is not None and response.status < 400, (
                f"{path}: HTTP {response and response.status}"
            )
            yield path
            if step == depth:
                continue
            for link in links(page, origin):
                if shape(link) not in seen:
                    seen.add(shape(link))
                    following.append(link)
        level = following
