"""The pages of #16 through the test client: the surveyor's call (contact logged, gone once
answered), the street's desk, the resident's periodic review, pledges, and the panels that
the dashboard and the public page include."""

from datetime import timedelta

import sqlalchemy as sa

from tests.pages.helpers import log_in, submit
from volunteer.db import utcnow
from volunteer.extensions import db
from volunteer.surveys.models import ContactView


def test_surveyor_page_shows_the_contact_while_open_and_logs_each_view(
    app, client, district, closed_month, drawn
):
    log_in(client, "huifang")
    listed = client.get("/surveyor/").get_data(as_text=True)
    item = drawn["items"][0]
    assert f"/surveyor/items/{item['id']}" in listed
    page = client.get(f"/surveyor/items/{item['id']}").get_data(as_text=True)
    assert "13800138000" in page and "王秀英" in page
    missing = submit(client, f"/surveyor/items/{item['id']}/answer", {"comment": "没选"})
    assert missing.status_code == 422
    done = submit(
        client,
        f"/surveyor/items/{item['id']}/answer",
        {"reached": "yes", "resolved": "no", "satisfaction": "basically_satisfied"},
    )
    assert done.status_code == 302
    after = client.get(f"/surveyor/items/{item['id']}").get_data(as_text=True)
    assert "13800138000" not in after
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(ContactView.id))) == 2
    follow_ups = district.api.secretary.get("/follow-ups?done=false").json
    assert [f["order_id"] for f in follow_ups] == [item["order_id"]]


def test_only_surveyors_have_the_call_pages(client, district, closed_month, drawn):
    log_in(client, "jiedao")
    assert client.get("/surveyor/").status_code == 403


def test_street_desk_draws_and_opens_a_review(app, client, district, closed_month):
    log_in(client, "jiedao")
    page = client.get("/desk/satisfaction/")
    assert page.status_code == 200 and "幸福里社区" in page.get_data(as_text=True)
    drawn = submit(
        client,
        "/desk/satisfaction/samples",
        {"street_id": district.street, "month": "2026-10", "rate": "0.1", "minimum": "5"},
        form_page="/desk/satisfaction/",
    )
    assert drawn.status_code == 302
    again = submit(
        client,
        "/desk/satisfaction/samples",
        {"street_id": district.street, "month": "2026-10"},
        form_page="/desk/satisfaction/",
    )
    assert again.status_code == 422 and "已经抽取过" in again.get_data(as_text=True)
    now = utcnow() + timedelta(hours=8)
    opened = submit(
        client,
        "/desk/satisfaction/reviews",
        {
            "street_id": district.street,
            "title": "冬季评议",
            "opens_at": (now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (now + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
        },
        form_page="/desk/satisfaction/",
    )
    assert opened.status_code == 302
    assert "冬季评议" in client.get("/desk/satisfaction/").get_data(as_text=True)
    assessment = client.get("/desk/satisfaction/assessments?year=2026")
    assert assessment.status_code == 200 and "合格" in assessment.get_data(as_text=True)
    pdf = client.get("/desk/satisfaction/assessments.pdf?year=2026")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF-")
    sheet = client.get("/desk/satisfaction/index.csv")
    assert sheet.status_code == 200 and "幸福里社区" in sheet.get_data(as_text=True)
    dashboard = client.get("/dashboard?sort=index").get_data(as_text=True)
    assert 'id="satisfaction-index"' in dashboard

    # The resident sees the open review linked from the start page, and answers once.
    client.post("/logout", data={"csrf_token": ""})
    resident = app.test_client()
    log_in(resident, "jumin")
    assert "/reviews" in resident.get("/").get_data(as_text=True)
    page = resident.get("/reviews").get_data(as_text=True)
    assert "冬季评议" in page
    window_id = district.api.street_admin.get("/review-windows").json[0]["id"]
    sent = submit(
        resident, f"/reviews/{window_id}", {"satisfaction": "satisfied"}, form_page="/reviews"
    )
    assert sent.status_code == 302
    twice = submit(
        resident, f"/reviews/{window_id}", {"satisfaction": "satisfied"}, form_page="/reviews"
    )
    assert twice.status_code == 302
    assert "已经参加过" in resident.get("/reviews").get_data(as_text=True)


def test_secretary_sees_only_their_communitys_index(client, district, closed_month):
    log_in(client, "shuji")
    page = client.get("/desk/satisfaction/").get_data(as_text=True)
    assert "幸福里社区" in page and "和平社区" not in page


def test_pledges_on_the_member_home_and_the_public_page(app, client, district):
    log_in(client, "dangyuan")
    made = submit(client, "/member/pledges", {"text": "每周清理一次楼道"}, form_page="/member")
    assert made.status_code == 302
    home = client.get("/member").get_data(as_text=True)
    assert "每周清理一次楼道" in home
    resident = app.test_client()
    log_in(resident, "jumin")
    public = f"/public/communities/{district.community}/pledges"
    page = resident.get(public).get_data(as_text=True)
    assert "每周清理一次楼道" in page
    pledge_id = district.api.resident.get(f"/communities/{district.community}/pledges").json[0][
        "id"
    ]
    rated = submit(
        resident, f"/pledges/{pledge_id}/rate", {"satisfaction": "satisfied"}, form_page=public
    )
    assert rated.status_code == 302
    anonymous = app.test_client().get(public).get_data(as_text=True)
    assert "满意 1" in anonymous and "jumin" not in anonymous
    figures = app.test_client().get(f"/public/communities/{district.community}")
    assert 'id="satisfaction-index"' in figures.get_data(as_text=True)


def test_pages_in_english(client, district, closed_month, drawn):
    log_in(client, "jiedao")
    page = client.get("/desk/satisfaction/", headers={"Accept-Language": "en"})
    assert "Satisfaction index" in page.get_data(as_text=True)
