"""The dashboard a secretary understands: the heading of the nav, a date range in the URL, the
exports, a status bar adding up to the total, durations in 小时/天, the balance of service, and
for the street admin the sortable comparison of its communities (no JavaScript needed)."""

import re
from datetime import timedelta

import pytest

from tests.factories import OrderFactory
from tests.pages.helpers import log_in
from volunteer.db import utcnow
from volunteer.extensions import db
from volunteer.organisations.models import Community
from volunteer.pages.filters import duration
from volunteer.people.models import Member


@pytest.fixture
def orders(app, district):
    """Every status once in 幸福里 (10 orders), and three closed in 和平, each handled in 2
    hours by 和平's member (the street's two active members: 3 and 0 completions, Gini 0.5)."""
    with app.app_context():
        happy = db.session.get(Community, district.community)
        peace = db.session.get(Community, district.other_community)
        for status in (
            "submitted",
            "accepted",
            "dispatched",
            "claimed",
            "completed",
            "closed",
            "escalated",
            "rejected",
            "merged",
            "cancelled",
        ):
            OrderFactory(community=happy, status=status)
        member = db.session.get(Member, district.other_member)
        for _ in range(3):
            OrderFactory(
                community=peace,
                status="closed",
                close_reason="rated",
                score=5,
                claimed_by=member,
                dispatched_at=utcnow() - timedelta(hours=3),
                claimed_at=utcnow() - timedelta(hours=2, minutes=30),
                completed_at=utcnow() - timedelta(hours=1),
                completion_hours=1,
                due_at=utcnow(),
            )
        db.session.commit()


def test_the_status_bar_adds_up_to_the_total(client, district, orders):
    log_in(client, "shuji")
    page = client.get("/dashboard").get_data(as_text=True)
    legend = re.search(r'<ul class="status-legend">(.*?)</ul>', page, re.S).group(1)
    counts = [int(n) for n in re.findall(r"</span>[^<]*<strong>(\d+)</strong>", legend)]
    assert len(counts) == 10 and sum(counts) == 10
    assert re.search(r"合计 <strong>10</strong>", legend)
    widths = [float(w) for w in re.findall(r'<rect [^>]*width="([\d.]+)"', page)]
    assert round(sum(widths), 6) == 100


def test_heading_period_and_exports(client, district, orders):
    log_in(client, "shuji")
    page = client.get("/dashboard?from=2026-01-01&to=2026-06-30").get_data(as_text=True)
    assert re.search(r"<h1>统计</h1>", page)
    assert "2026-01-01 至 2026-06-30" in page
    assert 'value="2026-01-01"' in page and 'value="2026-06-30"' in page
    for path in ("/api/v1/exports/stats.xlsx", "/api/v1/exports/stats.csv"):
        link = re.search(rf'href="({re.escape(path)}[^"]*)"', page).group(1).replace("&amp;", "&")
        assert "from=2026-01-01" in link and "to=2026-06-30" in link
        # The session is enough: the API takes the page's login.
        response = client.get(link)
        assert response.status_code == 200
        assert "attachment" in response.headers["Content-Disposition"]
    assert client.get("/api/v1/exports/orders.csv").status_code == 200
    # Dates the wrong way round are swapped; a bad one is left out.
    assert "2026-01-01 至 2026-06-30" in client.get(
        "/dashboard?from=2026-06-30&to=2026-01-01"
    ).get_data(as_text=True)
    assert client.get("/dashboard?from=someday").status_code == 200


def test_durations_and_the_balance_read_plainly(client, district, orders):
    log_in(client, "jiedao")
    page = client.get("/dashboard").get_data(as_text=True)
    assert re.search(r'<div class="value">2\.0 小时</div><div class="label">办结用时中位数', page)
    assert re.search(r'<div class="value">0\.5 小时</div><div class="label">接单用时中位数', page)
    assert "服务分布均衡度: 50.0%" in page
    assert "越集中在少数党员身上（即 1 − 基尼系数）" in page


def test_duration_filter(app):
    with app.test_request_context("/?lang=zh"):
        assert duration(26.62) == "26.6 小时"
        assert duration(0.5) == "0.5 小时"
        assert duration(72) == "3.0 天"
        assert duration(None) == "—"


def comparison_rows(page: str) -> list[str]:
    table = re.search(r'<table class="comparison">(.*?)</table>', page, re.S).group(1)
    return re.findall(r'<th scope="row"><a href="[^"]*">([^<]+)</a>', table)


def test_street_admin_compares_and_sorts_without_script(client, district, orders):
    log_in(client, "jiedao")
    page = client.get("/dashboard").get_data(as_text=True)
    assert "各社区对比" in page
    assert comparison_rows(page) == ["和平社区", "幸福里社区"]  # by name
    by_orders = client.get("/dashboard?sort=-orders").get_data(as_text=True)
    assert comparison_rows(by_orders) == ["幸福里社区", "和平社区"]
    assert 'aria-sort="descending"' in by_orders
    by_completion = client.get("/dashboard?sort=-completion_rate").get_data(as_text=True)
    assert comparison_rows(by_completion) == ["和平社区", "幸福里社区"]
    ascending = client.get("/dashboard?sort=orders").get_data(as_text=True)
    assert comparison_rows(ascending) == ["和平社区", "幸福里社区"]
    # Each heading links to the other direction; each row to that community's dashboard.
    assert 'href="/dashboard?sort=orders' in by_orders.replace("&amp;", "&") or re.search(
        r"sort=orders[&\"#]", by_orders.replace("&amp;", "&")
    )
    assert f"community_id={district.community}" in page
    one = client.get(f"/dashboard?community_id={district.community}").get_data(as_text=True)
    assert "幸福里社区 · " in one and "各社区对比" not in one
    assert client.get("/dashboard?sort=nonsense").status_code == 200


def test_the_secretary_sees_no_comparison(client, district, orders):
    log_in(client, "shuji")
    assert "各社区对比" not in client.get("/dashboard").get_data(as_text=True)
