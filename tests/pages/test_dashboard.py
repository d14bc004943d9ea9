"""The dashboard (secretary, street admin) and the public 公示 page."""

from tests.factories import OrderFactory
from tests.pages.helpers import log_in
from volunteer.extensions import db
from volunteer.organisations.models import Community


def test_dashboard_needs_login(client):
    response = client.get("/dashboard")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_secretary_dashboard_shows_figures_charts_and_lists(client, district, app):
    with app.app_context():
        community = db.session.get(Community, district.community)
        OrderFactory(community=community, status="closed", score=5, close_reason="rated")
        db.session.commit()
    log_in(client, "shuji")
    page = client.get("/dashboard").data.decode()
    for text in (
        "办结率",
        "按时办结率",
        "满意率",
        "月度趋势",
        "各状态工单数",
        "服务队",
        "未参与服务的党员",
        "超期工单",
    ):
        assert text in page
    assert "/static/vendor/echarts/echarts.min.js" in page
    assert "cdn" not in page.lower()
    assert '<script type="application/json" id="chart-data">' in page


def test_residents_get_a_friendly_403(client, district):
    log_in(client, "jumin")
    response = client.get("/dashboard")
    assert response.status_code == 403
    assert "<html" in response.data.decode()


def test_street_admin_may_pick_a_community(client, district):
    log_in(client, "jiedao")
    assert client.get(f"/dashboard?community_id={district.other_community}").status_code == 200
    assert client.get(f"/dashboard?community_id={district.far_community}").status_code == 404


def test_public_page_shows_no_names(client, district, app):
    with app.app_context():
        community = db.session.get(Community, district.community)
        for _ in range(3):
            OrderFactory(
                community=community,
                status="closed",
                score=4,
                close_reason="rated",
                contact_name="王秀英",
                title="修理暖气",
            )
        db.session.commit()
    page = client.get(f"/public/communities/{district.community}").data.decode()
    assert "服务公示" in page
    assert "幸福里社区" in page
    assert "王秀英" not in page
    assert "修理暖气" not in page
    assert "13800138000" not in page
    assert client.get("/public/communities/99999").status_code == 404
