"""Keyboard only, in the elder-friendly mode on a 320 px phone, as a new user would: 张建国
(jumin_zhang) logs in, posts a request and rates the demo's completed order. Every key is
Tab, Shift+Tab, an arrow, Space, Enter or typed text; at every stop the focused element shows
the focus ring (at least 2 px, at least 3:1 against the page)."""

import re

from tests.pages.browser import needs_chromium, screenshot
from volunteer.demo import DEMO_PASSWORD

pytestmark = needs_chromium

RATED = "想要一台收音机"  # the demo's completed, unrated order of 张建国 (和平社区)
TITLE = "楼道灯坏了"

FOCUSED = """() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const style = getComputedStyle(e);
    return {
        id: e.id, tag: e.tagName.toLowerCase(), type: e.type || "",
        name: e.name || "", value: e.value || "",
        text: (e.innerText || "").trim().slice(0, 40), href: e.href || "",
        outline: style.outlineStyle, width: parseFloat(style.outlineWidth),
        color: style.outlineColor,
    };
}"""


def luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def focused(page) -> dict:
    """The focused element, which must show the focus ring."""
    found = page.evaluate(FOCUSED)
    assert found is not None, "nothing has the focus"
    assert found["outline"] != "none" and found["width"] >= 2, f"no focus ring: {found}"
    ratio = contrast(found["color"], "rgb(255, 255, 255)")
    assert ratio >= 3, f"focus ring {found['color']} is {ratio:.1f}:1 on white: {found}"
    return found


def tab_to(page, matches, limit: int = 80) -> dict:
    """Press Tab until the focused element matches (a predicate on `focused`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        found = focused(page)
        if matches(found):
            return found
    raise AssertionError(f"Tab never reached it; last: {found}")


def test_post_a_request_and_rate_with_the_keyboard_alone(phone_page):
    page = phone_page(320, None, elder=True)
    page.goto("/login")  # typed into the address bar
    tab_to(page, lambda e: e["id"] == "username")
    page.keyboard.type("jumin_zhang")
    tab_to(page, lambda e: e["id"] == "password")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/login" not in url)
    screenshot(page, "elder-320-keyboard-start")

    # 我要点单: the start page's tile.
    tab_to(page, lambda e: e["href"].endswith("/my/orders/new"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/my/orders/new")
    kind = tab_to(page, lambda e: e["name"] == "kind")
    page.keyboard.press("ArrowDown")  # the other kind of request
    assert focused(page)["value"] != kind["value"]
    screenshot(page, "elder-320-keyboard-kind-focused")
    tab_to(page, lambda e: e["id"] == "title")
    page.keyboard.type(TITLE)
    tab_to(page, lambda e: e["id"] == "description")
    page.keyboard.type("三楼楼道的灯不亮了，晚上上下楼看不见。")
    tab_to(page, lambda e: e["id"] == "category")
    page.keyboard.press("ArrowDown")  # the first service
    assert page.input_value("#category") != ""
    tab_to(page, lambda e: e["id"] == "photo")  # the file input shows its focus too
    tab_to(page, lambda e: e["id"] == "address")
    page.keyboard.type("和平小区2栋3楼")
    tab_to(page, lambda e: e["tag"] == "button" and e["type"] == "submit")
    screenshot(page, "elder-320-keyboard-submit-focused")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/my/orders/\d+"))
    assert TITLE in page.inner_text("main h1")
    screenshot(page, "elder-320-keyboard-posted")

    # 去评价: the completed order, from 我的诉求 in the role bar.
    tab_to(page, lambda e: e["href"].endswith("/my/orders"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/my/orders")
    tab_to(page, lambda e: "去评价" in e["text"])
    page.keyboard.press("Enter")
    page.wait_for_url("**/my/orders/*#rate")
    assert RATED in page.inner_text("main h1")
    tab_to(page, lambda e: e["name"] == "score")
    for _ in range(5):  # the arrows move through the choices to 满意 (5)
        if page.is_checked("input[name=score][value='5']"):
            break
        page.keyboard.press("ArrowUp")
    assert page.is_checked("input[name=score][value='5']")
    screenshot(page, "elder-320-keyboard-rating")
    tab_to(page, lambda e: e["id"] == "comment")
    page.keyboard.type("谢谢！")
    tab_to(page, lambda e: e["tag"] == "button" and e["type"] == "submit")
    page.keyboard.press("Enter")
    page.wait_for_selector(".flashes")
    assert "谢谢您的评价" in page.inner_text(".flashes")
    assert page.inner_text("main .rating") == "满意"
    assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")
    screenshot(page, "elder-320-keyboard-rated")
