"""A community activity from posting to proof of service, in real browsers, on the demo district.

陈书记 (shuji1) posts a 党员公益日 on the desk; 张伟 (dangyuan01) and 王芳 (dangyuan02) sign up
on their phones; the desk shows the check-in QR; 张伟's phone opens the address it encodes and
checks in, 王芳's phone opens it logged out, logs in and is checked in; two hours later 张伟
scans again and checks out; the secretary closes the activity; the hours show in 张伟's record
and in the report his employer reads; he issues a 志愿服务证明 and anyone verifies it on the
public page. Screenshots go to test-artifacts/activities/.
"""

from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import Api
from tests.pages.browser import assert_fits_width, needs_chromium
from volunteer.auth.models import User
from volunteer.auth.services import issue_token
from volunteer.demo import DEMO_PASSWORD
from volunteer.extensions import db
from volunteer.organisations.models import Employer

pytestmark = needs_chromium

SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "activities"
TITLE = "党员公益日：楼道清理与消防通道整治"
SHANGHAI = timedelta(hours=8)


def shot(page, name: str, *, full: bool = False) -> None:
    """The screen as a person sees it; nothing failed; no sideways scrolling."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=full)
    assert page.problems == []
    assert_fits_width(page)


def local_field(moment: datetime) -> str:
    """A datetime-local field's value on the desk (Asia/Shanghai)."""
    return (moment.astimezone(UTC) + SHANGHAI).strftime("%Y-%m-%dT%H:%M")


def api_of(session_app, username: str) -> Api:
    with session_app.app_context():
        user = db.session.scalar(db.select(User).where(User.username == username))
        token = issue_token(user)[0]
        db.session.commit()
    return Api(session_app.test_client(), token)


def scan_address(desk) -> str:
    """The address the QR on the desk's screen encodes."""
    desk.wait_for_selector("#check-in-qr svg")
    return desk.get_attribute("#check-in-qr", "data-url")


def test_an_activity_from_the_desk_to_a_verified_certificate(
    session_app, live_server, open_page, time_machine
):
    time_machine.move_to(datetime.now(UTC), tick=True)
    starts = datetime.now(UTC) + timedelta(minutes=10)
    member = api_of(session_app, "dangyuan01")
    zhang_id = member.get("/me").json["member"]["id"]
    before = member.get(f"/members/{zhang_id}/record").json

    # The secretary posts the activity.
    desk = open_page("desktop", "shuji1")
    desk.goto("/desk/activities")
    desk.fill("#title", TITLE)
    desk.fill("#description", "清理楼道杂物，疏通消防通道；请自带手套。")
    desk.fill("#place", "幸福里小区5栋楼下")
    desk.fill("#starts_at", local_field(starts))
    desk.fill("#ends_at", local_field(starts + timedelta(hours=3)))
    desk.fill("#capacity", "4")
    desk.click("form.post-activity button[type=submit]")
    desk.wait_for_selector(".flashes")
    desk.click(f"text={TITLE}")
    desk.wait_for_url("**/desk/activities/*")
    activity_id = int(urlsplit(desk.url).path.rsplit("/", 1)[1])
    shot(desk, "1-desk-posted")

    # Two members sign up on their phones.
    for username in ("dangyuan01", "dangyuan02"):
        phone = open_page("phone", username)
        phone.goto("/member/activities")
        card = phone.locator(f'article[data-activity="{activity_id}"]')
        card.get_by_role("button", name="报名").click()
        phone.wait_for_selector(f'article[data-activity="{activity_id}"] .signed-up')
        assert "2 / 4" in card.inner_text() or "1 / 4" in card.inner_text()
        shot(phone, f"2-{username}-signed-up")
        phone.context.close()

    # The desk shows the QR; 张伟's phone opens the address it encodes and checks in.
    desk.click("#show-qr")
    address = scan_address(desk)
    assert f"/activities/{activity_id}/scan?code=" in address
    shot(desk, "3-desk-qr")
    zhang = open_page("phone", "dangyuan01")
    zhang.goto(address)
    zhang.click("#scan-button")
    assert "签到成功" in zhang.inner_text("#scan-result")
    shot(zhang, "4-zhang-checked-in")

    # 王芳's phone is logged out: the address asks her to log in, then checks her in.
    wang = open_page("phone")
    wang.goto(address)
    wang.wait_for_url("**/login**")
    wang.fill("#username", "dangyuan02")
    wang.fill("#password", DEMO_PASSWORD)
    wang.click("form button[type=submit]")
    wang.wait_for_url(f"**/activities/{activity_id}/scan**")
    wang.click("#scan-button")
    assert "签到成功" in wang.inner_text("#scan-result")
    shot(wang, "5-wang-logged-in-and-checked-in")

    # Two hours later 张伟 scans the (new) code again and checks out.
    time_machine.shift(timedelta(hours=2, minutes=5))
    desk.reload()
    zhang.goto(scan_address(desk))
    assert zhang.inner_text("#scan-button") == "签退"
    zhang.click("#scan-button")
    assert "已签退" in zhang.inner_text("#scan-result")

    # The secretary closes the activity: each attendee's hours are fixed.
    desk.goto(f"/desk/activities/{activity_id}")
    desk.click("#close-activity")
    desk.wait_for_selector(".flashes")
    rows = desk.locator("table.attendance tbody tr")
    assert rows.count() == 2
    for index in range(2):
        assert rows.nth(index).locator("td").nth(3).inner_text() == "2"
    shot(desk, "6-desk-closed", full=True)

    # The hours are in 张伟's record…
    zhang.goto("/member/record")
    assert float(zhang.inner_text('[data-figure="activity_hours"]')) == before["activity_hours"] + 2
    assert int(zhang.inner_text('[data-figure="activities"]')) == before["activities"] + 1
    assert TITLE in zhang.inner_text("table.attended-activities")
    shot(zhang, "7-zhang-record", full=True)

    # …and in the report his employer reads.
    today = (datetime.now(UTC) + SHANGHAI).date()
    with session_app.app_context():
        hospital = db.session.scalar(db.select(Employer).where(Employer.name == "市第一人民医院"))
        hospital_id = hospital.id
    street = api_of(session_app, "jiedao")
    report = street.post(
        "/reports",
        json={
            "employer_id": hospital_id,
            "period_start": (starts + SHANGHAI).date().isoformat(),
            "period_end": today.isoformat(),
        },
    ).json
    assert street.post(f"/reports/{report['id']}/send").status_code == 200
    employer = open_page("desktop", "danwei1")
    employer.goto(f"/employer/reports/{report['id']}")
    row = employer.locator("table.report-rows tr", has_text="张伟")
    assert row.locator('[data-column="activities"]').inner_text() == "1"
    assert row.locator('[data-column="activity_hours"]').inner_text() == "2"
    shot(employer, "8-employer-report", full=True)

    # 张伟 issues a certificate, and anyone verifies it on the public page.
    zhang.goto("/member/certificates")
    zhang.fill("#from", (starts + SHANGHAI).date().isoformat())
    zhang.fill("#to", today.isoformat())
    zhang.click("form.issue-certificate button[type=submit]")
    certificate = zhang.locator("article.certificate").first
    certificate.wait_for()
    verify_url = certificate.get_by_role("link", name="核验").get_attribute("href")
    shot(zhang, "9-zhang-certificate", full=True)
    anyone = open_page("phone")
    anyone.goto(verify_url)
    assert "该证明有效" in anyone.inner_text("#verify-result")
    assert anyone.inner_text("#verify-name") == "张*"
    issued = member.get(f"/members/{zhang_id}/certificates").json[0]
    assert issued["activity_hours"] == 2 and issued["activities"] == 1
    assert float(anyone.inner_text("#verify-hours")) == issued["hours"]
    shot(anyone, "10-public-verification", full=True)


@pytest.fixture(autouse=True)
def _no_leftover_travel(time_machine):
    yield
