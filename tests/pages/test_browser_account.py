"""Logging out and changing the password in a real browser: a cookie saved before logging out
opens nothing afterwards, and the password page works on a phone."""

from tests.pages.browser import assert_fits_width, log_in, needs_chromium, screenshot
from volunteer.demo import DEMO_PASSWORD

pytestmark = needs_chromium

NEW_PASSWORD = "Lantern-orchard-42"


def test_a_cookie_saved_before_logout_leads_to_the_login_page(new_context, live_server):
    context = new_context(base_url=live_server)
    page = context.new_page()
    log_in(page, "shuji2")
    saved = context.storage_state()
    page.click("header.site >> text=退出")
    page.wait_for_url(lambda url: "/desk" not in url)

    replayed = new_context(base_url=live_server, storage_state=saved).new_page()
    replayed.goto("/desk")
    assert "/login" in replayed.url
    assert replayed.inner_text("main h1") == "登录"


def test_changing_the_password_on_a_phone(new_context, live_server):
    context = new_context(base_url=live_server, viewport={"width": 390, "height": 844})
    page = context.new_page()
    log_in(page, "jumin_liu")
    page.click("header.site >> text=菜单")  # on a phone the account's links are in the menu
    page.click("header.site >> text=修改密码")
    page.wait_for_url("**/account/password")
    assert page.inner_text("main h1") == "修改密码"
    page.fill("#current_password", DEMO_PASSWORD)
    page.fill("#new_password", "woaini1314")
    page.click("main button[type=submit]")
    assert page.is_visible("#new_password-error")
    assert page.get_attribute("#new_password", "aria-invalid") == "true"
    assert_fits_width(page)
    screenshot(page, "account-password-weak-phone")

    page.fill("#current_password", DEMO_PASSWORD)
    page.fill("#new_password", NEW_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/login")
    assert "请用新密码重新登录" in page.inner_text(".flashes")
    page.fill("#username", "jumin_liu")
    page.fill("#password", NEW_PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(lambda url: "/login" not in url)
