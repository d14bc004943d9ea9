"""The resident's pages: register, my requests, one request with its timeline, and rate /
reopen / cancel (posting is in test_resident_posting.py)."""

import re

import pytest

from tests.factories import PASSWORD
from tests.pages.helpers import csrf_token, log_in, submit
from volunteer.auth.models import User
from volunteer.extensions import db
from volunteer.orders.access import own_orders
from volunteer.orders.models import Order


def status_of(app, order_id) -> str:
    with app.app_context():
        return db.session.get(Order, order_id).status


def act(client, order_id, action, data=None):
    page = f"/my/orders/{order_id}"
    return submit(client, f"{page}/{action}", data or {}, form_page=page)


def flashes(page: str) -> str:
    match = re.search(r'<ul class="flashes".*?</ul>', page, re.S)
    return match.group(0) if match else ""


# Registering


def test_register_page_is_chinese_and_lists_the_communities(client, district):
    page = client.get("/register").data.decode()
    assert "居民注册" in page
    assert "幸福里社区（金桥街道）" in page and "远方社区（银杏街道）" in page


def test_login_page_links_to_register(client):
    assert 'href="/register"' in client.get("/login").data.decode()


def test_registering_logs_in_as_a_resident(client, district, app):
    data = {
        "username": "xiaoming",
        "display_name": "李小明",
        "password": "  spaces kept  ",
        "community_id": district.other_community,
        "phone": "139 0000 1111",
    }
    response = submit(client, "/register", data, form_page="/register")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    page = client.get("/").data.decode()
    assert "欢迎您，李小明" in page
    assert 'href="/my/orders/new"' in page  # the resident's links
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.username == "xiaoming"))
        assert user.phone == "13900001111"
        assert [(g.role, g.community_id) for g in user.grants] == [
            ("resident", district.other_community)
        ]
    client.post("/logout", data={"csrf_token": csrf_token(page.encode())})
    assert log_in(client, "xiaoming", "  spaces kept  ").status_code == 302


def test_register_errors_sit_next_to_their_fields(client, district):
    data = {"username": "jumin", "display_name": "王", "password": "short", "phone": "12"}
    response = submit(client, "/register", data, form_page="/register")
    assert response.status_code == 422
    page = response.data.decode()
    for field in ("password", "community_id", "phone"):
        assert f'id="{field}-error"' in page
    assert 'value="王"' in page


def test_a_taken_username_is_said_at_the_username(client, district):
    data = {
        "username": "jumin",
        "display_name": "王",
        "password": PASSWORD,
        "community_id": district.community,
    }
    response = submit(client, "/register", data, form_page="/register")
    assert response.status_code == 422
    assert re.search(r'id="username-error">该用户名已被占用', response.data.decode())


def test_register_needs_the_csrf_token(client, district, app):
    data = {"username": "xiaoming", "display_name": "李", "password": PASSWORD}
    assert client.post("/register", data={**data, "community_id": 1}).status_code == 400
    with app.app_context():
        assert db.session.scalar(db.select(User).where(User.username == "xiaoming")) is None


# My requests


def test_my_requests_put_what_waits_for_my_rating_first(client, district, post_order, completed):
    newer = post_order(title="楼道灯不亮")
    log_in(client, "jumin")
    page = client.get("/my/orders").data.decode()
    assert "我的诉求" in page
    assert page.index("已办好，请评价") < page.index(completed["title"]) < page.index("楼道灯不亮")
    assert f'href="/my/orders/{completed["id"]}#rate"' in page
    assert f'href="/my/orders/{newer["id"]}#rate"' not in page


def test_my_requests_are_only_mine(client, district, app, post_order):
    post_order(title="我的诉求一")
    post_order(api=district.api.other_resident, title="别人的诉求")
    district.api.secretary.post(
        "/orders",
        json={
            "kind": "need",
            "title": "代办的诉求",
            "description": "代居民点单",
            "category": "repair",
            "on_behalf_of": {"name": "赵大爷", "phone": "13900139000"},
        },
    )
    log_in(client, "jumin")
    page = client.get("/my/orders").data.decode()
    assert "我的诉求一" in page
    assert "别人的诉求" not in page and "代办的诉求" not in page
    with app.app_context():
        secretary = db.session.get(User, district.secretary)
        assert own_orders(secretary) == []  # 代办 orders are the desk's, not "mine"


def test_an_empty_list_invites_to_post(client, district):
    log_in(client, "jumin")
    page = client.get("/my/orders").data.decode()
    assert "您还没有点过单" in page


def test_overdue_is_pointed_out(client, district, app, dispatched):
    with app.app_context():
        order = db.session.get(Order, dispatched["id"])
        order.due_at = order.created_at.replace(year=2000)
        db.session.commit()
    log_in(client, "jumin")
    assert "已超过办理时限" in client.get("/my/orders").data.decode()
    assert "已超过办理时限" in client.get(f"/my/orders/{dispatched['id']}").data.decode()


# One request


def test_the_order_page_shows_the_timeline_and_the_result(client, district, completed):
    log_in(client, "jumin")
    page = client.get(f"/my/orders/{completed['id']}").data.decode()
    assert "全程跟踪" in page
    timeline = re.search(r'<ol class="timeline">.*?</ol>', page, re.S).group(0)
    assert timeline.count("<time ") == 4  # submitted, dispatched, claimed, completed
    # The member's step is 办结; the order then waits for her rating (not "已办结" twice).
    assert re.findall(r"<strong>(.*?)</strong>", timeline)[-1] == "已办结"
    assert '<span class="status status-completed">待评价</span>' in page
    assert "更换了阀门，暖气恢复。" in page  # the completion note
    assert "服务1.5小时" in page
    for choice in ("满意", "基本满意", "不满意"):
        assert f"> {choice}</label>" in page
    assert re.findall(r'name="score" value="(\d)"', page) == ["5", "3", "1"]


@pytest.mark.parametrize(
    ("fixture", "shown", "hidden"),
    [
        ("post_order", ["/cancel"], ["/rate", "/reopen"]),
        ("claimed", [], ["/rate", "/reopen", "/cancel"]),
        ("completed", ["/rate", "/reopen"], ["/cancel"]),
    ],
)
def test_actions_follow_the_state(client, district, request, fixture, shown, hidden):
    order = request.getfixturevalue(fixture)
    order = order() if callable(order) else order
    log_in(client, "jumin")
    page = client.get(f"/my/orders/{order['id']}").data.decode()
    for action in shown:
        assert f'action="/my/orders/{order["id"]}{action}"' in page
    for action in hidden:
        assert f'action="/my/orders/{order["id"]}{action}"' not in page


def test_another_resident_gets_404(client, district, app, completed):
    log_in(client, "jumin_b")
    assert client.get(f"/my/orders/{completed['id']}").status_code == 404
    response = submit(client, f"/my/orders/{completed['id']}/rate", {"score": "1"})
    assert response.status_code == 404
    assert status_of(app, completed["id"]) == "completed"


def test_the_claimer_sees_the_order_but_no_resident_actions(client, district, completed):
    log_in(client, "dangyuan")
    page = client.get(f"/my/orders/{completed['id']}").data.decode()
    assert "/rate" not in page and "/reopen" not in page


# Rate, reopen, cancel


def test_rating_closes_the_order(client, district, app, completed):
    log_in(client, "jumin")
    response = act(client, completed["id"], "rate", {"score": "5", "comment": "师傅很热心"})
    assert response.status_code == 303
    assert response.headers["Location"] == f"/my/orders/{completed['id']}"
    with app.app_context():
        order = db.session.get(Order, completed["id"])
        assert (order.status, order.score, order.rating_comment) == ("closed", 5, "师傅很热心")
    page = client.get(response.headers["Location"]).data.decode()
    assert "谢谢您的评价！这件诉求已完结。" in flashes(page)
    assert '<span class="status status-closed">已完结</span>' in page
    assert '<span class="rating">满意</span>' in page and "师傅很热心" in page
    assert "★" not in page
    assert "/rate" not in page


def test_rating_without_a_choice_is_said_next_to_the_choices(client, district, app, completed):
    log_in(client, "jumin")
    response = act(client, completed["id"], "rate", {"comment": "还行"})
    assert response.status_code == 422
    page = response.data.decode()
    assert 'id="score-error"' in page
    assert "还行</textarea>" in page
    assert status_of(app, completed["id"]) == "completed"


def test_rating_a_stale_page_changes_nothing(client, district, app, post_order):
    order = post_order()
    log_in(client, "jumin")
    response = act(client, order["id"], "rate", {"score": "5"})
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).data.decode()
    assert 'class="error"' in flashes(page) and "现在不能这样操作了" in flashes(page)
    assert status_of(app, order["id"]) == "submitted"


def test_reopen_sends_it_back_to_the_volunteer(client, district, app, completed):
    log_in(client, "jumin")
    response = act(client, completed["id"], "reopen", {"reason": "暖气还是不热"})
    assert response.status_code == 303
    assert status_of(app, completed["id"]) == "claimed"
    page = client.get(response.headers["Location"]).data.decode()
    assert "已退回原志愿者重新办理" in flashes(page)
    assert "暖气还是不热" in page  # on the timeline


def test_reopen_needs_a_reason(client, district, app, completed):
    log_in(client, "jumin")
    response = act(client, completed["id"], "reopen", {"reason": "  "})
    assert response.status_code == 422
    page = response.data.decode()
    assert 'id="reason-error"' in page
    assert re.search(r'<details class="action-box" open>\s*<summary>还没办好', page)
    assert status_of(app, completed["id"]) == "completed"


def test_reopen_after_the_window_is_refused(client, district, app, completed):
    app.config["RATING_WINDOW_DAYS"] = -1
    log_in(client, "jumin")
    response = act(client, completed["id"], "reopen", {"reason": "暖气还是不热"})
    page = client.get(response.headers["Location"]).data.decode()
    assert "已过了可以退回重办的期限" in flashes(page)
    assert status_of(app, completed["id"]) == "completed"


def test_cancel_with_a_reason(client, district, app, post_order):
    order = post_order()
    log_in(client, "jumin")
    response = act(client, order["id"], "cancel", {"reason": "已自行解决"})
    assert response.status_code == 303
    with app.app_context():
        cancelled = db.session.get(Order, order["id"])
        assert cancelled.status == "cancelled"
        assert cancelled.events[-1].note == "已自行解决"
    page = client.get(response.headers["Location"]).data.decode()
    assert "诉求已撤销" in flashes(page)
    assert "/cancel" not in page


def test_cancel_without_a_reason(client, district, app, post_order):
    order = post_order()
    log_in(client, "jumin")
    assert act(client, order["id"], "cancel").status_code == 303
    assert status_of(app, order["id"]) == "cancelled"


def test_cancelling_a_claimed_order_is_refused(client, district, app, claimed):
    log_in(client, "jumin")
    response = act(client, claimed["id"], "cancel")
    page = client.get(response.headers["Location"]).data.decode()
    assert 'class="error"' in flashes(page)
    assert status_of(app, claimed["id"]) == "claimed"


def test_the_secretary_may_not_cancel_a_residents_order(client, district, app, post_order):
    order = post_order()
    log_in(client, "shuji")
    page = client.get(f"/my/orders/{order['id']}").data.decode()
    assert "/cancel" not in page
    response = act(client, order["id"], "cancel")
    page = client.get(response.headers["Location"]).data.decode()
    assert "只有居民本人可以撤销" in flashes(page)
    assert status_of(app, order["id"]) == "submitted"


def test_actions_need_the_csrf_token(client, district, app, completed):
    log_in(client, "jumin")
    response = client.post(f"/my/orders/{completed['id']}/rate", data={"score": "5"})
    assert response.status_code == 400
    assert status_of(app, completed["id"]) == "completed"


def test_anonymous_actions_go_to_log_in(client, district, app, completed):
    token = csrf_token(client.get("/login").data)
    response = client.post(
        f"/my/orders/{completed['id']}/rate", data={"score": "5", "csrf_token": token}
    )
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert status_of(app, completed["id"]) == "completed"
