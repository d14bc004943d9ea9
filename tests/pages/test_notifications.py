"""Everyone hears back: the bell with the unread count on every page, the notifications page
(newest first, a link to the order for the reader's role, mark one / all read), and the counts
on the start tiles and the role bar (待办, 待评价, 可接单, 回访)."""

import re

from tests.pages.helpers import log_in, submit


def bell(client, path: str = "/") -> int | None:
    """The unread count the bell shows, or None when it shows none."""
    page = client.get(path).data.decode()
    link = re.search(r'<a[^>]*class="bell"[^>]*>.*?</a>', page, re.S)
    assert link, "no bell on " + path
    count = re.search(r'class="count">(\d+)<', link.group(0))
    return int(count.group(1)) if count else None


def count_on(page: str, href: str) -> int | None:
    """The count badge of the tile or role-bar link to `href` (the first one)."""
    link = re.search(rf'<a[^>]*href="{re.escape(href)}"[^>]*>(.*?)</a>', page, re.S)
    assert link, "no link to " + href
    count = re.search(r'class="count"[^>]*>(\d+)<', link.group(1))
    return int(count.group(1)) if count else None


def test_no_bell_for_the_anonymous(client):
    assert 'class="bell"' not in client.get("/login").data.decode()


def test_the_bell_counts_as_notifications_arrive_and_are_read(client, district, completed):
    log_in(client, "jumin")
    for path in ("/", "/my/orders", f"/my/orders/{completed['id']}"):
        assert bell(client, path) == 2  # claimed, completed
    page = client.get("/notifications").data.decode()
    assert page.index("已办结") < page.index("已有党员接单")  # newest first
    assert f'href="/my/orders/{completed["id"]}"' in page
    first = re.search(r'action="/notifications/(\d+)/read"', page).group(1)
    response = submit(client, f"/notifications/{first}/read", form_page="/notifications")
    assert response.status_code == 302
    assert bell(client) == 1
    response = submit(client, "/notifications/read-all", form_page="/notifications")
    assert response.status_code == 302
    assert bell(client) is None


def test_reading_someone_elses_notification_is_404(client, district, completed, app):
    from volunteer.extensions import db
    from volunteer.notifications.models import Notification

    with app.app_context():
        theirs = db.session.scalar(
            db.select(Notification.id).where(Notification.user_id == district.resident)
        )
    log_in(client, "jumin_b")
    response = submit(client, f"/notifications/{theirs}/read")
    assert response.status_code == 404


def test_links_go_to_the_order_page_of_the_readers_role(client, district, completed):
    district.api.resident.post(f"/orders/{completed['id']}/rate", json={"score": 1})
    log_in(client, "dangyuan")
    assert f'href="/member/orders/{completed["id"]}"' in client.get("/notifications").data.decode()
    client.post("/logout")
    log_in(client, "shuji")
    assert f'href="/desk/orders/{completed["id"]}"' in client.get("/notifications").data.decode()


def test_the_notifications_page_is_paginated(client, district, app):
    from volunteer.extensions import db
    from volunteer.notifications.services import notify

    with app.app_context():
        for n in range(25):
            notify([district.resident], "test", f"第{n}条通知")
        db.session.commit()
    log_in(client, "jumin")
    first = client.get("/notifications").data.decode()
    assert "第24条通知" in first and "第0条通知" not in first
    assert "第0条通知" in client.get("/notifications?page=2").data.decode()


def test_counts_on_the_tiles_and_the_role_bar(client, district, post_order):
    order = post_order()
    log_in(client, "shuji")
    page = client.get("/").data.decode()
    assert count_on(page, "/desk") == 1  # 待办: one submitted order in the inbox
    assert count_on(page, "/desk/follow-ups") is None  # 回访: none open
    district.api.secretary.post(f"/orders/{order['id']}/dispatch", json={"pool": True})
    assert count_on(client.get("/desk").data.decode(), "/desk") is None
    client.post("/logout")

    log_in(client, "dangyuan")
    assert count_on(client.get("/").data.decode(), "/member/pool") == 1  # 可接单
    district.api.member.post(f"/orders/{order['id']}/claim")
    assert count_on(client.get("/").data.decode(), "/member/pool") is None
    district.api.member.post(f"/orders/{order['id']}/complete", json={"note": "修好了", "hours": 1})
    client.post("/logout")

    log_in(client, "jumin")
    assert count_on(client.get("/").data.decode(), "/my/orders") == 1  # 待评价
    district.api.resident.post(f"/orders/{order['id']}/rate", json={"score": 2})
    assert count_on(client.get("/").data.decode(), "/my/orders") is None
    client.post("/logout")

    log_in(client, "shuji")
    assert count_on(client.get("/").data.decode(), "/desk/follow-ups") == 1  # 回访
