"""The operator in a real browser on the demo district: edits the hospital's report address,
then disables 李桂兰's account, which logs her out everywhere and keeps her from logging in."""

from pathlib import Path

from tests.pages.browser import needs_chromium
from volunteer.demo import DEMO_PASSWORD

pytestmark = needs_chromium

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def test_the_operator_edits_a_report_address_and_disables_an_account(open_page):
    resident = open_page("desktop", "jumin_li")
    resident.goto("/my/orders")
    assert "/login" not in resident.url

    page = open_page("desktop", "admin")
    page.goto("/admin")
    row = page.locator("#employers tr", has_text="市第一人民医院")
    row.get_by_role("link", name="编辑").click()
    page.wait_for_url("**/admin/employers/*")
    assert page.inner_text("main h1") == "编辑单位"
    page.fill("#report_emails", "dangwei@hospital1.example.cn\noffice@hospital1.example.cn")
    page.click("form.create button[type=submit]")
    page.wait_for_url("**/admin#employers")
    assert "市第一人民医院 已保存" in page.inner_text("main")
    assert "office@hospital1.example.cn" in row.inner_text()

    page.click("main nav >> text=用户")
    page.wait_for_url("**/admin/users")
    page.fill("#q", "李桂兰")
    page.click("form.lookup button")
    page.wait_for_url("**/admin/users?q=*")
    user_row = page.locator("table.users tr", has_text="jumin_li")
    assert "138****8002" in user_row.inner_text()
    user_row.get_by_role("button", name="停用").click()
    page.wait_for_url("**/admin/users?q=*")
    assert "已停用账号 jumin_li" in page.inner_text("main")
    assert "已停用" in page.locator("table.users tr", has_text="jumin_li").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "admin-console-disable.png", full_page=True)
    assert page.problems == []

    resident.reload()
    assert "/login" in resident.url  # her open session ended
    log_in_page = open_page("desktop")
    log_in_page.goto("/login")
    log_in_page.fill("#username", "jumin_li")
    log_in_page.fill("#password", DEMO_PASSWORD)
    log_in_page.click("form button[type=submit]")
    assert "/login" in log_in_page.url
    assert log_in_page.locator(".field-error, .form-problem, [role=alert]").count() >= 1
