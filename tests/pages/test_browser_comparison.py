"""The street admin (jiedao) compares its communities on the dashboard in a real browser, on
the demo district: sorts the comparison by a heading (a plain link: no script needed), then
opens one community's statistics. Screenshots in test-artifacts/screenshots/comparison-*."""

import re

import pytest

from tests.pages.browser import SIZES, assert_fits_width, needs_chromium, screenshot

pytestmark = needs_chromium


def column(page, index: int) -> list[str]:
    """The text of one column of the comparison, top to bottom."""
    return page.eval_on_selector_all(
        "table.comparison tbody tr",
        f"rows => rows.map(row => row.children[{index}].textContent.trim())",
    )


def number(text: str) -> float:
    return -1 if text == "—" else float(text.rstrip("%"))


@pytest.mark.parametrize("size", SIZES)
def test_street_admin_compares_sorts_and_opens_a_community(open_page, size):
    page = open_page(size, "jiedao")
    page.goto("/dashboard")
    assert page.inner_text("main h1") == "统计"
    table = page.locator("table.comparison")
    assert "各社区对比" in page.inner_text("#comparison")
    headings = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    for words in ("社区", "工单数", "办结率", "按时办结率", "满意率", "一次满意率", "超期"):
        assert any(h.startswith(words) for h in headings), words
    names = column(page, 0)
    assert names == sorted(names) and len(names) == 3  # the demo street's communities
    screenshot(page, f"comparison-street-{size}")

    # Sort by volume, largest first, then the other way round: links, reloaded by the server.
    orders = headings.index(next(h for h in headings if h.startswith("工单数")))
    table.locator("thead th a", has_text="工单数").click()
    page.wait_for_url(re.compile(r".*sort=-orders.*"))
    volumes = [number(v) for v in column(page, orders)]
    assert volumes == sorted(volumes, reverse=True)
    assert page.get_attribute("table.comparison thead th[aria-sort]", "aria-sort") == "descending"
    page.locator("table.comparison thead th a", has_text="工单数").click()
    page.wait_for_url(re.compile(r".*sort=orders.*"))
    assert [number(v) for v in column(page, orders)] == sorted(volumes)

    # By the on-time rate: a community without a figure comes last.
    page.locator("table.comparison thead th a", has_text="按时办结率").click()
    page.wait_for_url(re.compile(r".*sort=-on_time_rate.*"))
    on_time = headings.index(next(h for h in headings if h.startswith("按时办结率")))
    rates = [number(v) for v in column(page, on_time)]
    assert rates == sorted(rates, reverse=True)
    screenshot(page, f"comparison-sorted-{size}")
    if size == "phone":
        assert_fits_width(page)

    # Open the first community: its own statistics, without the comparison.
    first = column(page, 0)[0]
    page.locator("table.comparison tbody th a").first.click()
    page.wait_for_url(re.compile(r".*community_id=\d+.*"))
    assert first in page.inner_text("main hgroup")
    assert page.locator("table.comparison").count() == 0
    assert page.locator("#statuses .status-legend").count() == 1
    screenshot(page, f"comparison-community-{size}")
    assert page.problems == []
