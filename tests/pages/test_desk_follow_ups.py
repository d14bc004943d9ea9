"""The desk's 回访 tab: the open follow-ups after low ratings with the complaint, the contact and
the timeline; the call is recorded with an outcome, and 重办 sends the order back to the inbox."""

import pytest

from tests.pages.helpers import log_in, submit

PAGE = "/desk/follow-ups"


@pytest.fixture
def follow_up(district, completed) -> dict:
    response = district.api.resident.post(
        f"/orders/{completed['id']}/rate", json={"score": 1, "comment": "问题没解决"}
    )
    assert response.status_code == 200, response.json
    return district.api.secretary.get("/follow-ups").json[0]


def record(client, follow_up, outcome="rework", note="已电话回访，安排重新上门。"):
    item = follow_up["id"]
    data = {f"outcome_{item}": outcome, f"note_{item}": note}
    return submit(client, f"/desk/follow-ups/{item}/done", data, form_page=PAGE)


def test_the_tab_shows_complaint_contact_and_timeline(client, follow_up):
    log_in(client, "shuji")
    start = client.get("/").data.decode()
    assert f'href="{PAGE}"' in start  # a tab of its own on the role bar
    page = client.get(PAGE).data.decode()
    assert "回访" in page
    assert "问题没解决" in page and "不满意" in page
    assert "13800138000" in page  # the contact, unmasked for the secretary
    assert 'class="timeline"' in page and "更换了阀门，暖气恢复。" in page
    assert f'name="outcome_{follow_up["id"]}"' in page and "重办" in page
    # …and no longer on the overdue board.
    assert "问题没解决" not in client.get("/desk/overdue").data.decode()


def test_the_street_admin_sees_the_tab(client, follow_up):
    log_in(client, "jiedao")
    assert "问题没解决" in client.get(PAGE).data.decode()


def test_recording_needs_an_outcome_and_a_note(client, district, follow_up):
    log_in(client, "shuji")
    response = record(client, follow_up, outcome="", note="")
    assert response.status_code == 422
    page = response.data.decode()
    assert f'id="note_{follow_up["id"]}-error"' in page
    assert f'id="outcome_{follow_up["id"]}-error"' in page
    assert district.api.secretary.get("/follow-ups?done=false").json != []


def test_rework_sends_the_order_back_to_the_inbox(client, district, follow_up):
    log_in(client, "shuji")
    response = record(client, follow_up)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).data.decode()
    assert "回访已记录" in page and "暂无待回访事项" in page
    order = district.api.secretary.get(f"/orders/{follow_up['order_id']}").json
    assert order["status"] == "accepted" and order["rework_count"] == 1
    assert "修理暖气" in client.get("/desk").data.decode()  # back in the inbox
    desk_order = client.get(f"/desk/orders/{follow_up['order_id']}").data.decode()
    assert "已电话回访，安排重新上门。" in desk_order  # the note on the timeline
    assert 'id="dispatch"' in desk_order
    again = record(client, follow_up)  # done already: refused in Chinese
    refused = client.get(again.headers["Location"]).data.decode()
    assert 'class="error"' in refused and "This follow-up is done" not in refused


def test_resolved_leaves_the_order_closed(client, district, follow_up):
    log_in(client, "shuji")
    assert record(client, follow_up, "resolved", "已解释").status_code == 302
    order = district.api.secretary.get(f"/orders/{follow_up['order_id']}").json
    assert order["status"] == "closed" and order["events"][-1]["note"].endswith("已解释")


def test_another_communitys_follow_up_is_not_found(client, follow_up):
    log_in(client, "shuji_b")
    assert "问题没解决" not in client.get(PAGE).data.decode()
    assert record(client, follow_up).status_code == 404
