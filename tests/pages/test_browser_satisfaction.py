"""Satisfaction that checks itself, walked in a real browser on the demo district.

The street admin (jiedao) draws last month's call-back sample; the surveyor 回访员小赵
(huifang) calls back on a 390 px phone and records the answers, one 不满意 and not resolved;
the secretary of 幸福里社区 (shuji1) finds the follow-up it opened; the index and the yearly
assessment's levels appear on the street's dashboard and pages and in the printable PDF.
Screenshots go to test-artifacts/satisfaction/.
"""

import re
import subprocess
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.pages.browser import assert_fits_width, needs_chromium
from volunteer.extensions import db
from volunteer.surveys.models import ContactView, Sample, SampleItem

pytestmark = needs_chromium

SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "satisfaction"
COMMENT = "修完第二天又坏了，没人再来看"


def shot(page, name: str, *, full: bool = False) -> None:
    """The screen as a person sees it; nothing failed; no sideways scrolling."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=full)
    assert page.problems == []
    assert_fits_width(page)


@pytest.fixture
def no_sample_yet(session_app, live_server) -> None:
    """The demo has drawn last month's sample already: take it away, so that the street
    admin draws it here as on the first of a month."""
    with session_app.app_context():
        items = sa.select(SampleItem.id)
        db.session.execute(sa.delete(ContactView).where(ContactView.item_id.in_(items)))
        db.session.execute(sa.delete(SampleItem))
        db.session.execute(sa.delete(Sample))
        db.session.commit()


def test_draw_call_back_follow_up_index_and_assessment(open_page, live_server, no_sample_yet):
    street = open_page("desktop", "jiedao")
    surveyor = open_page("phone", "huifang")
    secretary = open_page("phone", "shuji1")

    # 1. The street admin draws last month's sample from the satisfaction desk.
    street.goto("/")
    street.locator("nav.role-nav").get_by_role("link", name=re.compile("^群众满意指数")).click()
    street.wait_for_url("**/desk/satisfaction/")
    month = street.get_by_label("月份").input_value()
    assert re.fullmatch(r"\d{4}-\d{2}", month)
    with street.expect_navigation():
        street.get_by_role("button", name="抽取样本").click()
    assert f"已抽取{month}的样本" in street.inner_text(".flashes")
    shot(street, "1-street-drew-the-sample", full=True)
    street.get_by_role("link", name=month).click()
    seed = street.inner_text("main hgroup code")
    assert len(seed) == 32
    shot(street, "2-street-sample-with-seed", full=True)

    # 2. The surveyor calls back on a phone: the contact shows while the item is open.
    surveyor.goto("/")
    surveyor.locator("nav.role-nav").get_by_role("link", name=re.compile("^抽样回访")).click()
    surveyor.wait_for_url("**/surveyor/")
    shot(surveyor, "3-surveyor-call-list")
    calls = surveyor.locator("section.call-list").first.locator("li a")
    assert calls.count() >= 4
    title = calls.first.inner_text()
    calls.first.click()
    secretary.goto("/desk/follow-ups")
    before = secretary.locator("article.follow-up", has_text=title).count()
    phone = surveyor.locator("a.call-phone").inner_text()
    assert re.fullmatch(r"1\d{10}", phone)
    surveyor.locator("fieldset", has_text="联系上居民了吗").locator("label", has_text="是").click()
    surveyor.locator("fieldset", has_text="问题解决了吗").locator("label", has_text="否").click()
    surveyor.locator("fieldset", has_text="满意度").locator("label", has_text="不满意").click()
    surveyor.get_by_label("居民的意见").fill(COMMENT)
    shot(surveyor, "4-surveyor-records-dissatisfied", full=True)
    with surveyor.expect_navigation():
        surveyor.get_by_role("button", name="记录回访").click()
    assert "已为社区生成回访事项" in surveyor.inner_text(".flashes")
    # A second call: satisfied.
    surveyor.locator("section.call-list").first.locator("li a").first.click()
    surveyor.locator("fieldset", has_text="联系上居民了吗").locator("label", has_text="是").click()
    surveyor.locator("fieldset", has_text="问题解决了吗").locator("label", has_text="是").click()
    surveyor.locator("fieldset", has_text="满意度").locator("label", has_text="基本满意").click()
    with surveyor.expect_navigation():
        surveyor.get_by_role("button", name="记录回访").click()
    assert surveyor.inner_text(".flashes").strip() == "已记录。"
    shot(surveyor, "5-surveyor-two-called")
    assert "已生成回访" in surveyor.locator("section.call-list").nth(1).inner_text()

    # 3. The secretary of the order's community finds the follow-up on the 回访 tab.
    secretary.goto("/desk/follow-ups")
    items = secretary.locator("article.follow-up", has_text=title)
    assert items.count() == before + 1
    items.last.scroll_into_view_if_needed()
    shot(secretary, "6-secretary-sees-the-follow-up")

    # 4. The index on the street's dashboard, sortable; the assessment and its PDF.
    street.goto("/dashboard?sort=samples")
    panel = street.locator("#satisfaction-index")
    text = panel.inner_text()
    for community in ("幸福里社区", "和平社区", "新华社区"):
        assert community in text
    assert "%" in text
    panel.scroll_into_view_if_needed()
    shot(street, "7-dashboard-satisfaction-index")
    street.goto("/desk/satisfaction/")
    street.get_by_role("link", name=re.compile("年度述职评议")).click()
    levels = street.locator("table.assessment").inner_text()
    assert re.search("可评先评优|合格|重点整顿", levels)
    shot(street, "8-yearly-assessment", full=True)
    pdf_url = street.get_by_role("button", name="打印版PDF").get_attribute("href")
    response = street.request.get(pdf_url)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    pdf = SHOTS / "assessment.pdf"
    pdf.write_bytes(response.body())
    words = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "年度社区述职评议" in words and "幸福里社区" in words
    assert re.search("可评先评优|合格|重点整顿", words)
