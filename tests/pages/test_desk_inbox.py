"""The desk at fifty requests a day (#11) through the pages: the inbox's search, filters and
tabs in the URL, bulk actions from checkboxes, and one order per screen with the best
recommendation chosen and the next order of the view after an action."""

import re
from html import unescape as html_unescape
from urllib.parse import parse_qs, urlparse

from tests.order_fixtures import order_body
from tests.orders.test_photos import image_bytes, uploaded
from tests.pages.helpers import log_in, submit
from tests.pages.test_desk import order_of, page


def inbox_links(html: str) -> list[str]:
    return re.findall(r'href="(/desk/orders/\d+[^"]*)"', html)


def test_search_and_filters_live_in_the_url(client, district, post_order):
    heater = post_order(title="暖气不热", grid="第一网格")
    post_order(title="楼道灯不亮", category="patrol")
    post_order(api=district.api.other_resident, title="暖气也不热")
    log_in(client, "shuji")
    html = page(client, "/desk?q=暖气&category=repair")
    assert "暖气不热" in html
    assert "楼道灯不亮" not in html
    assert "暖气也不热" not in html  # another community's: never found
    link = html_unescape(inbox_links(html)[0])
    assert link.startswith(f"/desk/orders/{heater['id']}?")
    assert parse_qs(urlparse(link).query) == {"q": ["暖气"], "category": ["repair"]}
    assert 'value="暖气"' in html  # the search box keeps the query
    assert "搜索标题、描述、地址" in html


def test_tabs_carry_their_counts(client, district, post_order):
    post_order(title="新的一单")
    accepted = post_order(title="受理过的一单")
    district.api.secretary.post(f"/orders/{accepted['id']}/accept")
    dispatched = post_order(title="派出去的一单")
    district.api.secretary.post(f"/orders/{dispatched['id']}/dispatch", json={"pool": True})
    log_in(client, "shuji")
    html = page(client, "/desk")
    counts = dict(re.findall(r'tab=(\w+)"[^>]*>[^<]+<span class="count">(\d+)</span>', html))
    assert counts == {
        "triage": "2",
        "submitted": "1",
        "accepted": "1",
        "dispatched": "1",
        "overdue": "0",
        "all": "3",
    }
    assert "派出去的一单" in page(client, "/desk?tab=dispatched")
    assert "派出去的一单" not in html
    assert client.get("/desk?tab=nonsense").status_code == 400


def test_an_order_seen_two_ways_counts_once(client, district, post_order):
    """The secretary's 代办 is theirs (proxy) and their community's: one order in each tab."""
    body = order_body(on_behalf_of={"name": "孙大爷", "phone": "13700137000"})
    assert district.api.secretary.post("/orders", json=body).status_code == 201
    post_order(title="新的一单")
    log_in(client, "shuji")
    html = page(client, "/desk?category=repair")
    counts = dict(re.findall(r'tab=(\w+)"[^>]*>[^<]+<span class="count">(\d+)</span>', html))
    assert counts["triage"] == counts["submitted"] == counts["all"] == "2"


def test_all_counts_every_order_seen_whatever_its_status(app, district, post_order):
    """Without filters "all" sums the community's tallies and adds what is seen another way
    (the secretary's own request in another community): the list's total, however orders
    move."""
    from tests.factories import OrderFactory
    from volunteer.extensions import db
    from volunteer.organisations.models import Community

    with app.app_context():
        here = db.session.get(Community, district.community)
        there = db.session.get(Community, district.other_community)
        for status in ("closed", "merged", "cancelled", "rejected", "completed", "claimed"):
            OrderFactory(community=here, status=status)
        OrderFactory(community=there, owner_id=district.secretary)
        OrderFactory(community=there, owner_id=district.other_resident)  # not seen
        db.session.commit()
    body = order_body(on_behalf_of={"name": "孙大爷", "phone": "13700137000"})
    assert district.api.secretary.post("/orders", json=body).status_code == 201
    cancelled = post_order(title="又不用了")
    district.api.resident.post(f"/orders/{cancelled['id']}/cancel", json={"reason": "修好了"})

    def shown(client) -> str:
        html = page(client, "/desk")
        counts = dict(re.findall(r'tab=(\w+)"[^>]*>[^<]+<span class="count">(\d+)</span>', html))
        return counts["all"]

    for speaker, username, total in (
        ("secretary", "shuji", 9),
        ("street_admin", "jiedao", 10),  # the street's two communities
        ("admin", "admin", 10),
    ):
        api = getattr(district.api, speaker)
        listed = api.get("/orders?page_size=1").headers["X-Pagination"]
        assert f'"total": {total}' in listed
        browser = app.test_client()
        log_in(browser, username)
        assert shown(browser) == str(total), speaker


def test_bulk_dispatch_from_checkboxes(client, district, post_order):
    first, second, third = (post_order(title=f"第{n}单") for n in (1, 2, 3))
    log_in(client, "shuji")
    response = submit(
        client,
        "/desk/bulk",
        {
            "order_ids": [str(first["id"]), str(second["id"])],
            "bulk_action": "dispatch",
            "bulk_target": f"team:{district.repair_team}",
            "view": "q=单&sort=created_at",
        },
        form_page="/desk",
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/desk?q=%E5%8D%95&sort=created_at")
    for order in (first, second):
        assert order_of(district, order["id"])["dispatch"]["team_id"] == district.repair_team
    assert order_of(district, third["id"])["status"] == "submitted"
    assert "已处理 2 个工单" in page(client, "/desk")


def test_bulk_names_each_refusal_and_does_the_rest(client, district, post_order):
    good = post_order(title="可以退回的")
    gone = post_order(title="已经退回的")
    district.api.secretary.post(f"/orders/{gone['id']}/reject", json={"reason": "重复"})
    log_in(client, "shuji")
    submit(
        client,
        "/desk/bulk",
        {
            "order_ids": [str(good["id"]), str(gone["id"])],
            "bulk_action": "reject",
            "bulk_reason": "不属于志愿服务范围",
        },
        form_page="/desk",
    )
    assert order_of(district, good["id"])["status"] == "rejected"
    html = page(client, "/desk")
    assert "已处理 1 个工单" in html
    assert f"#{gone['id']}" in html


def test_bulk_without_a_choice_changes_nothing(client, district, post_order):
    order = post_order()
    log_in(client, "shuji")
    submit(client, "/desk/bulk", {"bulk_action": "accept"}, form_page="/desk")
    assert "请勾选至少一个工单" in page(client, "/desk")
    submit(
        client,
        "/desk/bulk",
        {"order_ids": [str(order["id"])], "bulk_action": "reject"},
        form_page="/desk",
    )
    assert "退回须填写理由" in page(client, "/desk")
    assert order_of(district, order["id"])["status"] == "submitted"


def test_bulk_of_another_communitys_order_is_refused(client, district, post_order):
    other = post_order(api=district.api.other_resident)
    log_in(client, "shuji")
    submit(
        client,
        "/desk/bulk",
        {"order_ids": [str(other["id"])], "bulk_action": "accept"},
        form_page="/desk",
    )
    assert district.api.other_secretary.get(f"/orders/{other['id']}").json["status"] == "submitted"


def test_one_order_one_screen(client, district, post_order):
    order = post_order(title="水管漏水")
    uploaded(district.api.resident, order["id"], image_bytes("JPEG"))
    log_in(client, "shuji")
    html = page(client, f"/desk/orders/{order['id']}")
    assert f'src="/api/v1/orders/{order["id"]}/photos/' in html  # the secretary sees photos
    best = re.search(r'<tr class="best">.*?</tr>', html, re.S).group(0)
    assert "checked" in best  # the best recommendation is chosen
    assert "受理并派单" in html
    assert "js/desk-keys.js" in html


def test_after_dispatch_the_next_order_of_the_view_opens(client, district, post_order):
    first = post_order(title="第一单")
    second = post_order(title="第二单")
    third = post_order(title="第三单")
    log_in(client, "shuji")
    html = page(client, f"/desk/orders/{second['id']}?sort=created_at")
    assert f'href="/desk/orders/{third["id"]}?sort=created_at" rel="next"' in html
    assert f'href="/desk/orders/{first["id"]}?sort=created_at" rel="prev"' in html
    response = submit(
        client,
        f"/desk/orders/{second['id']}/dispatch",
        {"target": f"team:{district.repair_team}", "view": "sort=created_at"},
        form_page=f"/desk/orders/{second['id']}",
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"/desk/orders/{third['id']}?sort=created_at"
    assert order_of(district, second["id"])["status"] == "dispatched"
    # the view is the form's: newest first among the new ones, so the first one is next
    response = submit(
        client,
        f"/desk/orders/{third['id']}/reject",
        {"reject_reason": "重复提交", "view": "sort=-created_at&tab=submitted"},
        form_page=f"/desk/orders/{third['id']}",
    )
    location = urlparse(response.headers["Location"])
    assert location.path == f"/desk/orders/{first['id']}"
    assert parse_qs(location.query) == {"tab": ["submitted"], "sort": ["-created_at"]}


def test_a_refused_action_stays_on_the_order(client, district, post_order):
    first = post_order(title="第一单")
    post_order(title="第二单")
    log_in(client, "shuji")
    response = submit(
        client,
        f"/desk/orders/{first['id']}/dispatch",
        {"target": "team:999999", "view": ""},
        form_page=f"/desk/orders/{first['id']}",
    )
    assert response.status_code == 422  # the chooser's error, on the same order's page
    assert order_of(district, first["id"])["status"] == "submitted"
