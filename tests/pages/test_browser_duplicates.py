"""Likely duplicates in a real browser, on the demo district. 王秀英 (jumin_wang) starts to post
that the east gate's lamp is out: while she types, the page says 这件事邻居已经反映过了 (李桂兰
reported it twelve days ago) and she follows that request instead. Then 陈书记 (shuji1) finds
王秀英's earlier report of the same lamp (the demo's) on the desk with the likely duplicate
beside it and merges it in one click. Screenshots in test-artifacts/screenshots/duplicates-*."""

import re

import sqlalchemy as sa

from tests.pages.browser import assert_fits_width, needs_chromium, screenshot
from volunteer.extensions import db
from volunteer.orders.models import Order

pytestmark = needs_chromium

KEPT = "小区东门路灯坏了"  # 李桂兰's, dispatched, claimed and overdue in the demo
DUPLICATE = "东门路灯不亮"  # 王秀英's, waiting in the inbox in the demo


def order_id(session_app, title: str) -> int:
    with session_app.app_context():
        found = db.session.scalar(sa.select(Order.id).where(Order.title == title))
        db.session.remove()
    return found


def test_resident_is_told_while_typing_and_follows_instead(open_page, session_app):
    page = open_page("phone", "jumin_wang")
    page.goto("/my/orders/new")
    assert page.is_hidden("#reported")
    page.fill("#title", "东门路灯不亮了")
    page.fill("#description", "东门的路灯坏了，晚上很黑，出入不安全。")
    page.select_option("#category", label="义务联防")
    page.wait_for_selector("#reported:not([hidden])")
    hint = page.inner_text("#reported")
    assert "这件事邻居已经反映过了" in hint
    assert KEPT in hint
    assert "李桂兰" not in hint and "李**" not in hint  # never who reported it
    screenshot(page, "duplicates-resident-hint-phone")
    assert_fits_width(page)

    with page.expect_navigation():
        page.locator("#reported button", has_text="改为关注这一件").click()
    kept = order_id(session_app, KEPT)
    assert page.url.endswith(f"/my/orders/{kept}")
    main = page.inner_text("main")
    assert "已关注这件诉求" in main
    assert "这是您关注的邻居诉求" in main
    assert "13800138002" not in main and "138****8002" not in main  # 李桂兰's phone
    screenshot(page, "duplicates-resident-following-phone")
    page.goto("/my/orders")
    assert KEPT in page.inner_text("#followed")
    assert page.problems == []


def test_secretary_merges_the_likely_duplicate_in_one_click(open_page, session_app):
    duplicate, kept = order_id(session_app, DUPLICATE), order_id(session_app, KEPT)
    page = open_page("desktop", "shuji1")
    page.goto(f"/desk/orders/{duplicate}")
    similar = page.inner_text("#similar")
    assert "疑似重复诉求" in similar and KEPT in similar
    screenshot(page, "duplicates-desk-similar-desktop")
    with page.expect_navigation():
        page.locator("#similar button", has_text=f"将本单并入 #{kept}").click()
    assert "已并入同类工单" in page.inner_text(".flashes")
    # The desk moves on to the next order of the view; the duplicate's own page says it.
    page.goto(f"/desk/orders/{duplicate}")
    assert re.search(r"已合并|并入", page.inner_text("main"))
    page.goto(f"/desk/orders/{kept}")
    assert f"重复诉求 #{duplicate} 并入本单" in page.inner_text(".timeline")
    screenshot(page, "duplicates-desk-kept-desktop")

    resident = open_page("phone", "jumin_wang")
    resident.goto(f"/my/orders/{duplicate}")
    resident.click(f"text=已并入 #{kept}")
    resident.wait_for_url(f"**/my/orders/{kept}")
    screenshot(resident, "duplicates-resident-merged-phone")
    assert page.problems == [] and resident.problems == []
