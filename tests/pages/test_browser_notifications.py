"""The bell and the notifications page in a real browser on a 390 px phone: 王秀英
(jumin_wang) sees her unread count in the header, opens the list, follows a notice to her order,
and marks the rest read; the bell is then quiet."""

import sqlalchemy as sa

from tests.pages.browser import assert_fits_width, needs_chromium, screenshot
from volunteer.auth.models import User
from volunteer.extensions import db
from volunteer.notifications.services import notify
from volunteer.orders.models import Order

pytestmark = needs_chromium


def tell_wang(app) -> tuple[int, int]:
    """Two notices about her order, on top of whatever the demo left her: (the order's id,
    how many she has unread)."""
    with app.app_context():
        wang = db.session.scalar(sa.select(User).where(User.username == "jumin_wang"))
        order = db.session.scalars(
            sa.select(Order).where(Order.owner_id == wang.id).order_by(Order.id)
        ).first()
        notify([wang.id], "claimed", f"“{order.title}”已有党员接单。", order)
        notify([wang.id], "completed", f"“{order.title}”已办结，请确认并评价。", order)
        order_id = order.id
        db.session.commit()
        unread = wang.unread_notifications
        db.session.remove()
        return order_id, unread


def test_the_bell_and_the_notifications_page_on_a_phone(open_page, session_app):
    order_id, unread = tell_wang(session_app)
    page = open_page("phone", "jumin_wang")
    page.goto("/")
    bell = page.locator("header a.bell")
    assert bell.is_visible()
    assert bell.locator(".count").inner_text() == str(unread)
    assert_fits_width(page)
    screenshot(page, "notifications-bell-phone")

    bell.click()
    page.wait_for_url("**/notifications")
    assert page.inner_text("main h1") == "通知"
    first = page.locator("ul.notifications li").first
    assert "已办结" in first.inner_text()
    assert_fits_width(page)
    screenshot(page, "notifications-list-phone")

    first.locator("button", has_text="标为已读").click()
    page.wait_for_url("**/notifications")
    assert page.locator("header a.bell .count").inner_text() == str(unread - 1)
    page.locator("ul.notifications li").first.locator("a").click()
    page.wait_for_url(f"**/my/orders/{order_id}")

    page.goto("/notifications")
    page.click("text=全部标为已读")
    page.wait_for_url("**/notifications")
    assert page.locator("header a.bell .count").count() == 0
    assert page.locator("ul.notifications li.unread").count() == 0
    screenshot(page, "notifications-all-read-phone")
    assert page.problems == []
