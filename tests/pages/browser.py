"""Helpers of the browser tests: logging in, waiting for charts, screenshots, layout checks.

Screenshots of every main page, at a desktop and a phone size, are kept in
test-artifacts/screenshots/ for people to look at.
"""

import os
from pathlib import Path

import pytest

from volunteer.demo import DEMO_PASSWORD

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
# Every wait of a page (navigation, a selector, a function) returns as soon as its condition
# holds; this ceiling only ends a test that would otherwise hang. It is generous because a
# busy machine (CI with other jobs, every core taken) makes pages many times slower.
BROWSER_WAIT_MS = 90_000
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}

# Put `pytestmark = needs_chromium` in every browser test module.
needs_chromium = pytest.mark.skipif(
    not os.access(CHROMIUM, os.X_OK),
    reason=f"Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium)",
)


def log_in(page, username: str) -> None:
    page.goto("/login")
    assert page.inner_text("main h1") == "登录"
    page.fill("#username", username)
    page.fill("#password", DEMO_PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(lambda url: "/login" not in url)


def wait_for_charts(page) -> None:
    """The trend chart (ECharts) has a canvas with something drawn on it, and no animation
    left; the status bar beside it is drawn by the server (an SVG)."""
    page.wait_for_selector("#trend canvas")
    page.clock.run_for(2_000)
    page.wait_for_function(
        """() => ["trend"].every((id) => {
            const chart = echarts.getInstanceByDom(document.getElementById(id));
            return chart && chart.getZr().animation.isFinished();
        })"""
    )
    for chart in ("trend",):
        painted = page.eval_on_selector(
            f"#{chart} canvas",
            """(canvas) => {
                const pixels = canvas.getContext("2d")
                    .getImageData(0, 0, canvas.width, canvas.height).data;
                let painted = 0;
                for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
                return painted;
            }""",
        )
        assert painted > 1000, f"the {chart} chart drew {painted} pixels"


def assert_chinese_font(page) -> None:
    """Two different characters draw differently: without a Chinese font both are the same
    empty box, and every screenshot shows rows of boxes."""
    glyphs = page.evaluate(
        """() => ["办", "结"].map((character) => {
            const canvas = document.createElement("canvas");
            canvas.width = canvas.height = 40;
            const context = canvas.getContext("2d");
            context.font = `32px ${getComputedStyle(document.body).fontFamily}`;
            context.fillText(character, 0, 32);
            return canvas.toDataURL();
        })"""
    )
    assert glyphs[0] != glyphs[1], "no Chinese font: apt-get install fonts-noto-cjk"


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    return path


def assert_fits_width(page) -> None:
    """Nothing sticks out sideways: a phone must not have to scroll the page horizontally."""
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"page is {widths[0]} px wide in a {widths[1]} px window"
