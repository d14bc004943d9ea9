"""The elder-friendly mode (大字模式, 适老化) on the smallest phone WCAG names, 320 px wide,
on every page each demo role reaches (tests/pages/walk.py):

- reflow (WCAG 1.4.10): the page never scrolls sideways; wide tables scroll inside their
  focusable box, the header wraps;
- no text under 18 px; buttons, fields, menu and navigation links at least 44 × 44 px
  (links inside a sentence or a table cell are exempt, as in WCAG 2.5.8); radio buttons round;
- text contrast of at least 7:1 (WCAG 1.4.6, axe-core's color-contrast-enhanced).
"""

import pytest

from tests.pages import axe
from tests.pages.browser import needs_chromium, screenshot
from tests.pages.walk import ROLES, walk

pytestmark = needs_chromium

WIDTH = 320
MIN_TEXT = 18  # px
MIN_TARGET = 44  # px

MEASURE = """({minText, minTarget}) => {
    const visible = (e) => {
        const box = e.getBoundingClientRect();
        const style = getComputedStyle(e);
        return box.width > 1 && box.height > 1 && style.visibility !== "hidden"
            && !e.closest(".visually-hidden, [hidden], canvas, .chart");
    };
    const name = (e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")
        + (typeof e.className === "string" && e.className ? "." + e.className.split(" ")[0] : "")
        + ` "${(e.innerText || e.value || "").trim().slice(0, 20)}"`;
    const small = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const e = node.parentElement;
        if (!node.textContent.trim() || !e || !visible(e)) continue;
        const size = parseFloat(getComputedStyle(e).fontSize);
        if (size < minText - 0.05) small.push(`${name(e)} ${size.toFixed(1)}px`);
    }
    const targets = Array.from(document.querySelectorAll(
        "button, [role=button], select, textarea, summary, input:not([type=hidden])," +
        " header.site a, nav a, a.bell, label.menu-button, .tiles a"))
        .filter(visible)
        .map((e) => {
            const radio = e.matches("input[type=radio], input[type=checkbox]");
            const box = (radio && e.closest("label") ? e.closest("label") : e)
                .getBoundingClientRect();
            return {e, box};
        })
        .filter(({box}) => box.width < minTarget - 0.5 || box.height < minTarget - 0.5)
        .map(({e, box}) => `${name(e)} ${box.width.toFixed(0)}×${box.height.toFixed(0)}`);
    const oval = Array.from(document.querySelectorAll("input[type=radio]")).filter(visible)
        .filter((e) => {
            const box = e.getBoundingClientRect();
            const radius = getComputedStyle(e).borderTopLeftRadius;
            return Math.abs(box.width - box.height) >= 1
                || !(radius.endsWith("%") || parseFloat(radius) >= box.width / 2 - 0.5);
        })
        .map((e) => {
            const box = e.getBoundingClientRect();
            return `${name(e)} ${box.width.toFixed(0)}×${box.height.toFixed(0)}`;
        });
    return {
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
        header: document.querySelector("header.site").getBoundingClientRect().height,
        small: small.slice(0, 5), targets: targets.slice(0, 5), oval: oval.slice(0, 5),
    };
}"""


def problems_of(page, path: str) -> list[str]:
    found = page.evaluate(MEASURE, {"minText": MIN_TEXT, "minTarget": MIN_TARGET})
    problems = []
    if found["scrollWidth"] > found["innerWidth"]:
        problems.append(
            f"{path} scrolls sideways: {found['scrollWidth']} px in {found['innerWidth']} px"
        )
    problems += [f"{path}: text under {MIN_TEXT} px: {e}" for e in found["small"]]
    problems += [f"{path}: target under {MIN_TARGET} px: {e}" for e in found["targets"]]
    problems += [f"{path}: radio not round: {e}" for e in found["oval"]]
    problems += [
        f"{path}: contrast under 7:1: {v}"
        for v in axe.check(page, path, rules=["color-contrast-enhanced"])
    ]
    return problems


@pytest.mark.parametrize("username", ROLES, ids=[role or "anonymous" for role in ROLES])
def test_every_page_reflows_at_320_in_elder_mode(phone_page, live_server, username):
    page = phone_page(WIDTH, username, elder=True)
    paths: list[str] = []
    problems: list[str] = []
    for path in walk(page, live_server):
        paths.append(path)
        problems += problems_of(page, path)
        if path == "/":
            screenshot(page, f"elder-320-{username or 'anonymous'}-start")
    assert len(paths) > 2, f"{username} reaches no pages from the start page"
    assert not problems, "\n".join(problems)
