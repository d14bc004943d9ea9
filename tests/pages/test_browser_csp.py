"""Under the Content-Security-Policy (scripts and styles from this site's files only) every
role's main pages, the dashboard's charts and Swagger UI still work: not one console message
and no `securitypolicyviolation` event (the `open_page` fixture reports those as console
errors, and this module also keeps every other console message)."""

import pytest
import sqlalchemy as sa

from tests.pages.browser import needs_chromium, wait_for_charts
from volunteer.extensions import db
from volunteer.organisations.models import Community

pytestmark = needs_chromium

ROLES = ["jumin_wang", "dangyuan01", "shuji1", "jiedao", "danwei1", "admin"]


def all_console_messages(page) -> list[str]:
    """Every console message of the page (but the browser's own request for a favicon)."""
    messages: list[str] = []
    page.on(
        "console",
        lambda message: (
            not message.location.get("url", "").endswith("/favicon.ico")
            and messages.append(f"{message.type}: {message.text}")
        ),
    )
    return messages


def assert_nothing_blocked(page, messages: list[str]) -> None:
    assert page.evaluate("() => document.readyState") == "complete"
    assert page.problems == []
    assert messages == []


@pytest.mark.parametrize("username", ROLES)
def test_every_main_page_of_a_role_works_under_the_policy(open_page, username):
    page = open_page("desktop", username)
    messages = all_console_messages(page)
    page.goto("/")
    tiles = page.eval_on_selector_all("a.tile", "(links) => links.map((link) => link.pathname)")
    assert tiles
    for path in ["/", *tiles]:
        page.goto(path)
        page.wait_for_load_state("load")
        assert page.locator("main").count() == 1, path
    assert_nothing_blocked(page, messages)


def test_anonymous_pages_work_under_the_policy(open_page, session_app):
    page = open_page("phone")
    messages = all_console_messages(page)
    with session_app.app_context():  # ids go on counting on PostgreSQL: ask for the first
        community = db.session.scalar(sa.select(Community.id).order_by(Community.id))
    for path in ["/", "/login", "/register", f"/public/communities/{community}"]:
        page.goto(path)
        page.wait_for_load_state("load")
    page.goto("/elder?next=/login")
    page.goto("/lang/en?next=/login")
    assert page.inner_text("main h1") == "Log in"
    assert_nothing_blocked(page, messages)


def test_the_dashboard_draws_its_charts_under_the_policy(open_page):
    page = open_page("desktop", "shuji1")
    messages = all_console_messages(page)
    page.goto("/dashboard")
    wait_for_charts(page)
    page.hover("#trend canvas")  # the tooltip is styled by script, which the policy allows
    assert_nothing_blocked(page, messages)


def test_swagger_ui_renders_under_the_policy(open_page):
    page = open_page("desktop")
    messages = all_console_messages(page)
    page.goto("/api/docs/")
    page.wait_for_selector(".swagger-ui .opblock-tag")
    # The whole API is there; Swagger UI draws a large one as it scrolls into view.
    assert page.evaluate("window.ui.specSelectors.operations().size") > 50
    assert page.locator(".swagger-ui .opblock").count() > 0
    page.locator(".swagger-ui .opblock-summary").first.click()
    page.wait_for_selector(".swagger-ui .opblock-body")
    assert_nothing_blocked(page, messages)
