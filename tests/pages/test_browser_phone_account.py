"""On a 390 px phone: a resident signs up with a mobile number, logs out and logs in with it;
the password is forgotten and reset with the code the secretary issues at the desk."""

import re

from tests.pages.browser import assert_fits_width, log_in, needs_chromium, screenshot

pytestmark = needs_chromium

PHONE = {"width": 390, "height": 844}
PASSWORD = "Lantern-orchard-42"
NEW_PASSWORD = "Quiet-harbour-lamp-7"


def test_phone_sign_up_log_in_and_a_desk_reset_code(new_context, live_server):
    resident = new_context(base_url=live_server, viewport=PHONE, is_mobile=True).new_page()
    resident.goto("/register")
    resident.fill("#display_name", "赵桂兰")
    resident.select_option("#community_id", label="幸福里社区（金桥街道）")
    resident.fill("#phone", "139 1234 0000")
    resident.fill("#password", PASSWORD)
    assert_fits_width(resident)
    screenshot(resident, "phone-register-phone")
    resident.click("main form button[type=submit]")
    resident.wait_for_url(lambda url: "/register" not in url)
    resident.click("header.site >> text=菜单")  # on a phone the account's links are in the menu
    resident.click("header.site >> text=退出")
    resident.wait_for_selector("header.site >> text=登录")

    resident.goto("/login")
    assert "用户名或手机号" in resident.inner_text("main")
    resident.fill("#username", "+86 139 1234 0000")
    resident.fill("#password", PASSWORD)
    resident.click("main form button[type=submit]")
    resident.wait_for_url(lambda url: "/login" not in url)
    assert "赵桂兰" in resident.inner_text("body")
    resident.click("header.site >> text=菜单")  # on a phone the account's links are in the menu
    resident.click("header.site >> text=退出")

    secretary = new_context(base_url=live_server, viewport=PHONE, is_mobile=True).new_page()
    log_in(secretary, "shuji1")
    secretary.goto("/desk/reset-codes")
    secretary.fill("#q", "13912340000")
    secretary.click("main form.find-user button")
    secretary.click("main .found-users >> text=发放重置码")
    code = secretary.inner_text("#reset-code").strip()
    assert re.fullmatch(r"\d{8}", code)
    assert_fits_width(secretary)
    screenshot(secretary, "phone-desk-reset-code")

    resident.goto("/login")
    resident.click("main >> text=忘记密码")
    resident.wait_for_url("**/forgot-password")
    assert "请到社区或致电社区领取重置码" in resident.inner_text("main")
    resident.fill("#login", "13912340000")
    resident.fill("#code", code)
    resident.fill("#new_password", NEW_PASSWORD)
    assert_fits_width(resident)
    screenshot(resident, "phone-forgot-password")
    resident.click("main form button[type=submit]")
    resident.wait_for_url("**/login")
    resident.fill("#username", "139 1234 0000")
    resident.fill("#password", NEW_PASSWORD)
    resident.click("main form button[type=submit]")
    resident.wait_for_url(lambda url: "/login" not in url)
    screenshot(resident, "phone-logged-in-after-reset")
