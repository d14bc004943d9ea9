"""The activities pages without a browser: the desk posts (errors beside their fields), shows
the QR, takes the roll call, closes; the member signs up and scans; the employer asks and the
desk answers; the dashboard counts activities."""

import re
from datetime import UTC, datetime, timedelta

from tests.pages.helpers import log_in, submit

SHANGHAI = timedelta(hours=8)


def local_field(moment: datetime) -> str:
    return (moment.astimezone(UTC) + SHANGHAI).strftime("%Y-%m-%dT%H:%M")


def post_form(client, **fields):
    starts = datetime.now(UTC) + timedelta(minutes=10)
    data = {
        "title": "党员公益日",
        "description": "",
        "place": "广场",
        "starts_at": local_field(starts),
        "ends_at": local_field(starts + timedelta(hours=2)),
        "capacity": "3",
        **fields,
    }
    return submit(client, "/desk/activities", data, form_page="/desk/activities")


def test_the_desk_posts_an_activity_and_shows_errors_beside_fields(client, district):
    log_in(client, "shuji")
    bad = post_form(client, title="", capacity="many")
    assert bad.status_code == 422
    html = bad.get_data(as_text=True)
    assert 'id="title-error"' in html and 'id="capacity-error"' in html
    before = client.get("/desk/activities").get_data(as_text=True)
    assert "还没有活动" in before  # the refused form changed nothing
    done = post_form(client)
    assert done.status_code == 302
    listed = client.get("/desk/activities").get_data(as_text=True)
    assert "党员公益日" in listed and "0 / 3" in listed


def activity_id_of(client) -> int:
    html = client.get("/desk/activities").get_data(as_text=True)
    return int(re.search(r"/desk/activities/(\d+)\"", html).group(1))


def clear_of_midnight(time_machine) -> None:
    """The member's record counts this year up to the end of today (Shanghai): an activity
    posted in the day's last half hour would start tomorrow and not be counted yet, so the
    clock is moved past midnight first."""
    now = datetime.now(UTC)
    local = now + SHANGHAI
    if local.hour == 23 and local.minute >= 30:
        time_machine.move_to(now + timedelta(hours=1), tick=True)


def test_roll_call_qr_scan_and_close(app, client, district, time_machine):
    clear_of_midnight(time_machine)
    log_in(client, "shuji")
    post_form(client)
    activity_id = activity_id_of(client)
    qr = client.get(f"/desk/activities/{activity_id}/qr")
    assert qr.status_code == 200
    html = qr.get_data(as_text=True)
    assert "<svg" in html and 'http-equiv="refresh"' in html
    address = re.search(r'data-url="([^"]+)"', html).group(1).replace("&amp;", "&")
    code = re.search(r'id="check-in-code">(\d{6})<', html).group(1)
    assert address.endswith(f"/activities/{activity_id}/scan?code={code}")

    member = app.test_client()
    log_in(member, "dangyuan")
    page = "/member/activities"
    assert (
        submit(member, f"/member/activities/{activity_id}/signup", form_page=page).status_code
        == 302
    )
    assert "您已报名" in member.get(page).get_data(as_text=True)
    scan_page = member.get(f"/activities/{activity_id}/scan?code={code}")
    assert scan_page.status_code == 200 and code in scan_page.get_data(as_text=True)
    wrong = submit(member, f"/activities/{activity_id}/scan", {"code": "0000000"}, form_page=page)
    assert wrong.status_code == 422
    right = submit(member, f"/activities/{activity_id}/scan", {"code": code}, form_page=page)
    assert right.status_code == 200 and "签到成功" in right.get_data(as_text=True)

    detail = f"/desk/activities/{activity_id}"
    closed = submit(client, detail + "/close", form_page=detail)
    assert closed.status_code == 302
    assert "更正时长" in client.get(detail).get_data(as_text=True)
    correction = {"member_id": str(district.member), "hours": "1.5", "reason": ""}
    refused = submit(client, detail + "/corrections", correction, form_page=detail)
    assert refused.status_code == 422
    correction["reason"] = "签到时手机没电，按实际补录"
    assert submit(client, detail + "/corrections", correction, form_page=detail).status_code == 302
    shown = client.get(detail).get_data(as_text=True)
    assert "签到时手机没电" in shown
    record = member.get("/member/record").get_data(as_text=True)
    assert re.search(r'data-figure="activity_hours">1.5<', record)

    dashboard = client.get("/dashboard").get_data(as_text=True)
    assert re.search(r'data-figure="activities">1<', dashboard)
    assert re.search(r'data-figure="attendances">1<', dashboard)


def test_the_employer_asks_and_the_desk_answers(app, client, district):
    contact = app.test_client()
    log_in(contact, "danwei")
    page = contact.get("/employer/reports").get_data(as_text=True)
    assert 'name="member_id"' in page
    asked = submit(
        contact,
        "/employer/opinion-requests",
        {"member_id": str(district.member), "purpose": "拟提拔为科室副主任"},
        form_page="/employer/reports",
    )
    assert asked.status_code == 302
    log_in(client, "shuji")
    listing = client.get("/desk/opinions").get_data(as_text=True)
    request_id = int(re.search(r"/desk/opinions/(\d+)", listing).group(1))
    form = client.get(f"/desk/opinions/{request_id}").get_data(as_text=True)
    assert "报到" in form  # the draft from the record
    answered = submit(
        client,
        f"/desk/opinions/{request_id}",
        {"opinion": "该同志服务热情，群众认可。", "grade": "excellent"},
        form_page=f"/desk/opinions/{request_id}",
    )
    assert answered.status_code == 302
    seen = contact.get("/employer/reports").get_data(as_text=True)
    assert "该同志服务热情，群众认可。" in seen and "优秀" in seen
