"""Every page each demo role reaches from its start page fits a small phone, in the standard and
the elder-friendly mode (大字模式): nothing wider than the screen, a header of at most ~100 px,
round radio buttons and no underlined tiles.

The pages are found, not listed: the links of the start page (its tiles and the rest of `main`)
and of the role bar, so a page added to a role's tiles is measured without touching this test.
"""

from urllib.parse import urlsplit

import pytest

from tests.pages.browser import BROWSER_WAIT_MS, needs_chromium, screenshot

pytestmark = needs_chromium

ROLES = ["jumin_wang", "dangyuan01", "dangyuan20", "shuji1", "jiedao", "danwei1", "admin", None]
HEADER_MAX = 100  # px: the phone header (the site bar and the role bar) takes no more
# In elder mode each of the header's links is a touch target of at least 44 × 44 px (适老化,
# tests/pages/test_browser_reflow.py): two rows of them and the rules between need ~112 px.
HEADER_MAX_ELDER = 120
# Links that act instead of showing a page, or are files and the API's own documents.
NOT_PAGES = ("/logout", "/lang/", "/elder", "/api/", "/static/")

LINKS = """() => Array.from(
    document.querySelectorAll("main a[href], nav.role-nav a[href]"), (a) => a.href)"""

MEASURE = """() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    header: document.querySelector("header.site").getBoundingClientRect().height,
    wide: Array.from(document.querySelectorAll("body *"))
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5
            && !e.closest("nav.role-nav, .overflow-auto, figure, table, .chart"))
        .slice(0, 3)
        .map((e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")
            + (e.className && typeof e.className === "string" ? "." + e.className : "")),
})"""


@pytest.fixture
def phone(new_context, live_server, sessions, open_page):
    """`phone(width, username, elder)`: a page of that width (an 844 px high phone), logged in
    (through `open_page`'s saved sessions) and in the chosen mode."""

    def make(width: int, username: str | None, elder: bool):
        if username:
            open_page("phone", username).context.close()  # logs in once, keeps the cookies
        context = new_context(
            base_url=live_server,
            viewport={"width": width, "height": 844},
            is_mobile=True,
            has_touch=True,
            storage_state=sessions.get(username),
        )
        context.set_default_timeout(BROWSER_WAIT_MS)
        page = context.new_page()
        if elder:
            page.goto("/elder?next=/")
            assert page.evaluate("() => document.documentElement.classList.contains('elder')")
        return page

    return make


def reachable_pages(page, origin: str) -> list[str]:
    """The start page and the pages its links and the role bar's lead to (same site only)."""
    page.goto("/")
    paths = ["/"]
    for href in page.evaluate(LINKS):
        url = urlsplit(href)
        path = url.path + (f"?{url.query}" if url.query else "")
        if f"{url.scheme}://{url.netloc}" != origin or path.startswith(NOT_PAGES):
            continue
        if path not in paths:
            paths.append(path)
    return paths


def measure(page, path: str) -> list[str]:
    """What is wrong with one page on a phone (nothing: an empty list)."""
    response = page.goto(path)
    assert response is not None and response.status < 400, f"{path}: HTTP {response.status}"
    found = page.evaluate(MEASURE)
    problems = []
    if found["scrollWidth"] > found["innerWidth"]:
        wide, window = found["scrollWidth"], found["innerWidth"]
        problems.append(f"{path} is {wide} px wide in {window} px ({found['wide']})")
    elder = page.evaluate("() => document.documentElement.classList.contains('elder')")
    if found["header"] > (HEADER_MAX_ELDER if elder else HEADER_MAX):
        problems.append(f"{path}: the header is {found['header']:.0f} px high")
    return problems


@pytest.mark.parametrize(("width", "elder"), [(360, False), (360, True), (390, True)])
@pytest.mark.parametrize("username", ROLES)
def test_every_page_of_every_role_fits_a_phone(phone, live_server, username, width, elder):
    page = phone(width, username, elder)
    paths = reachable_pages(page, live_server)
    if username:
        assert len(paths) > 2, f"{username} reaches no pages from the start page"
    problems = [problem for path in paths for problem in measure(page, path)]
    assert not problems, "\n".join(problems)


def test_elder_radio_buttons_are_round(phone):
    page = phone(360, "jumin_wang", elder=True)
    page.goto("/my/orders/new")
    for radio in page.query_selector_all("input[type=radio]"):
        box = radio.bounding_box()
        assert box is not None and abs(box["width"] - box["height"]) < 1, box
        assert page.evaluate(
            "(e) => getComputedStyle(e).borderTopLeftRadius.endsWith('%')"
            " || parseFloat(getComputedStyle(e).borderTopLeftRadius) >= e.offsetWidth / 2",
            radio,
        )
    screenshot(page, "elder-360-resident-posting")


def test_elder_tiles_are_not_underlined(phone):
    page = phone(360, "shuji1", elder=True)
    page.goto("/")
    decorations = page.eval_on_selector_all(
        ".tiles a, .tiles a *",
        "(elements) => elements.map((e) => getComputedStyle(e).textDecorationLine)",
    )
    assert decorations and set(decorations) == {"none"}
    screenshot(page, "elder-360-secretary-start")


@pytest.mark.parametrize("elder", [False, True])
def test_the_phone_menu_reaches_the_language_and_the_account(phone, elder):
    """On a phone the header keeps the brand, the mode switch and a menu on one row; the menu
    opens (no JavaScript) onto the name, the password, logging out and the language."""
    page = phone(360, "jumin_wang", elder)
    page.goto("/my/orders")
    switch = "标准模式" if elder else "大字模式"
    assert page.is_visible(f"header.site >> text={switch}")
    assert not page.is_visible("header.site >> text=修改密码")
    page.click("header.site label.menu-button")
    for words in ("修改密码", "退出", "English"):
        assert page.is_visible(f"header.site >> text={words}"), words
    if elder:
        screenshot(page, "elder-360-menu-open")
    page.click("header.site >> text=English")
    page.wait_for_selector("html[lang=en]")
    assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")


@pytest.mark.parametrize(
    ("username", "path", "name"),
    [
        ("jumin_wang", "/my/orders", "resident-orders"),
        ("dangyuan01", "/member/pool", "member-pool"),
        ("shuji1", "/desk", "secretary-inbox"),
        ("jiedao", "/desk/escalated", "street-escalated"),
    ],
)
def test_elder_screenshots_at_360(phone, username, path, name):
    page = phone(360, username, elder=True)
    page.goto(path)
    assert measure(page, path) == []
    screenshot(page, f"elder-360-{name}")
