"""WCAG 2.0/2.1 A and AA, checked by axe-core on every page each demo role reaches (its start
page, the pages one click away, and one page of each kind one click further: tests/pages/walk.py),
on a 390 px phone in the standard and the elder-friendly mode (大字模式).

A serious or critical violation fails the test; the minor and moderate ones are listed in
test-artifacts/axe/ (and printed). New pages are covered without editing this test.
"""

from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.pages import axe
from tests.pages.browser import needs_chromium
from tests.pages.walk import ROLES, walk

pytestmark = needs_chromium

REPORTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "axe"


def report(name: str, paths: list[str], violations: list[axe.Violation]) -> str:
    REPORTS.mkdir(parents=True, exist_ok=True)
    lines = [f"{len(paths)} pages: {' '.join(paths)}", *map(str, violations)]
    text = "\n".join(lines) + "\n"
    (REPORTS / f"{name}.txt").write_text(text, encoding="utf-8")
    return text


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
@pytest.mark.parametrize("username", ROLES, ids=[role or "anonymous" for role in ROLES])
def test_every_page_of_every_role_passes_axe(phone_page, live_server, username, elder):
    page = phone_page(390, username, elder)
    paths: list[str] = []
    violations: list[axe.Violation] = []
    for path in walk(page, live_server):
        paths.append(path)
        violations += axe.check(page, path)
    if username:
        assert len(paths) > 2, f"{username} reaches no pages from the start page"
    name = f"{username or 'anonymous'}-{'elder' if elder else 'standard'}-390"
    print(report(name, paths, violations))
    failing = [str(v) for v in violations if v.failing]
    assert not failing, "\n".join(failing)


# What Swagger UI at /api/docs does that neither its configuration nor a style sheet changes:
# the value selects of an opened operation's parameters have no label (Swagger UI's own
# markup; the parameter's name stands in the cell beside it). It is the developers' page of
# the API, not a resident's.
SWAGGER_UI_KNOWN = {"select-name"}


def reveal(page, selector: str) -> None:
    """Swagger UI draws a large API's operations only as they scroll into view (a virtual
    list, over about a hundred operations): scroll down until `selector` is drawn, giving a
    busy machine a moment to draw each screenful before scrolling past it."""
    for _ in range(300):
        try:
            page.locator(selector).wait_for(state="attached", timeout=250)
            return
        except PlaywrightTimeout:
            page.evaluate("window.scrollBy(0, 400)")
    raise AssertionError(f"{selector} never drawn")


def test_api_docs(open_page):
    """Swagger UI at /api/docs (flask-swagger-ui's files): its serious and critical violations
    are fixed where the configuration (no deep links) or a style sheet (css/swagger.css) can;
    the rest is SWAGGER_UI_KNOWN."""
    page = open_page("desktop")
    page.goto("/api/docs")
    page.wait_for_selector(".swagger-ui .opblock-tag")
    violations = axe.check(page, "/api/docs")
    # One operation opened, with its parameters and responses.
    reveal(page, "#operations-orders-get_api_v1_orders .opblock-summary-control")
    page.click("#operations-orders-get_api_v1_orders .opblock-summary-control")
    page.wait_for_selector("#operations-orders-get_api_v1_orders .responses-wrapper")
    violations += axe.check(page, "/api/docs (GET /orders opened)")
    print(report("api-docs", ["/api/docs"], violations))
    failing = [str(v) for v in violations if v.failing and v.rule not in SWAGGER_UI_KNOWN]
    assert not failing, "\n".join(failing)
