"""Voice notes and appointments in a real browser on the demo district: 王秀英 (jumin_wang)
records a note on her phone while posting (Chromium's fake microphone, through MediaRecorder),
and 陈书记 (shuji1) plays it on the desk; without the recorder a recording is picked with the
file input. 李强 (dangyuan03) confirms the demo's booked visit on his phone."""

import re
import time

from tests.orders.test_voice import recording
from tests.pages.browser import needs_chromium, screenshot

pytestmark = needs_chromium

NEED = "楼道灯坏了，说不清楚录了段话"


def post_need(page, title: str) -> int:
    page.fill("#title", title)
    page.fill("#description", "三楼楼道灯不亮，晚上下楼看不见。")
    page.select_option("#category", label="家电维修")
    page.fill("#address", "幸福里小区3栋2单元")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r".*/my/orders/\d+$"))
    return int(page.url.rsplit("/", 1)[1])


def test_record_a_voice_note_while_posting_and_the_secretary_plays_it(open_page):
    page = open_page("phone", "jumin_wang")
    page.goto("/my/orders/new")
    record = page.locator("[data-voice-start]")
    record.wait_for(state="visible")  # the script found MediaRecorder and showed its buttons
    record.click()
    page.locator("[data-voice-stop]").wait_for(state="visible")
    time.sleep(1.5)  # the resident speaks for a moment (the fake microphone beeps)
    page.clock.run_for(2_000)
    assert "正在录音" in page.inner_text("[data-voice-status]")
    page.click("[data-voice-stop]")
    page.wait_for_function("() => document.querySelector('#voice').files.length === 1")
    assert "已录音" in page.inner_text("[data-voice-status]")
    screenshot(page, "voice-recorded-phone")
    order_id = post_need(page, NEED)
    player = page.locator(".voice-notes audio")
    assert player.count() == 1
    page.wait_for_function("() => document.querySelector('.voice-notes audio').readyState >= 1")
    screenshot(page, "voice-order-phone")
    assert page.problems == []

    desk = open_page("desktop", "shuji1")
    desk.goto(f"/desk/orders/{order_id}")
    assert NEED in desk.inner_text("main")
    desk.eval_on_selector(".voice-notes audio", "audio => audio.play()")
    desk.wait_for_function("() => document.querySelector('.voice-notes audio').currentTime > 0.2")
    screenshot(desk, "voice-desk-desktop")
    assert desk.problems == []


def test_a_recording_is_picked_with_the_file_input(open_page):
    page = open_page("phone", "jumin_wang")
    page.goto("/my/orders/new")
    page.set_input_files(
        "#voice",
        files=[{"name": "录音.m4a", "mimeType": "audio/mp4", "buffer": recording("mp4", 2.0)}],
    )
    post_need(page, "手机里录好的语音")
    assert "2 秒" in page.inner_text(".voice-notes")
    assert page.problems == []


def test_a_photo_given_as_the_voice_note_is_refused_next_to_the_field(open_page):
    page = open_page("phone", "jumin_wang")
    page.goto("/my/orders/new")
    page.fill("#title", "不是录音")
    page.fill("#description", "选错了文件。")
    page.select_option("#category", label="家电维修")
    page.fill("#address", "幸福里小区3栋")
    page.set_input_files(
        "#voice", files=[{"name": "a.m4a", "mimeType": "audio/mp4", "buffer": b"not audio" * 40}]
    )
    page.click("main button[type=submit]")
    page.wait_for_selector("#voice[aria-invalid=true]")
    assert "不是录音文件" in page.inner_text("main")
    assert page.input_value("#title") == "不是录音"
    page.problems.clear()  # the 422 of the refused form itself


def test_a_member_confirms_the_appointment_on_a_phone(open_page):
    """The demo's 卫生间灯不亮了: booked by 王秀英 for tomorrow afternoon, taken by 李强."""
    page = open_page("phone", "dangyuan03")
    page.goto("/member")
    card = page.locator("article", has_text="卫生间灯不亮了").first
    assert "待确认" in card.inner_text()
    card.locator("h3 a").click()
    page.wait_for_url(re.compile(r".*/member/orders/\d+$"))
    assert "下午" in page.inner_text(".appointment")
    page.click("main >> text=确认预约")
    page.wait_for_selector(".appointment >> text=已确认")
    screenshot(page, "appointment-confirmed-phone")
    assert page.problems == []

    resident = open_page("phone", "jumin_wang")
    resident.goto("/notifications")
    assert "预约已确认" in resident.inner_text("main")
    assert resident.problems == []
