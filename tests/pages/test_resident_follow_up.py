"""What the resident sees after a bad rating: "支部将电话回访", then the call's outcome, and on
重办 the request moving again until it is rated anew."""

from tests.pages.helpers import log_in, submit


def page_of(client, order_id: int) -> str:
    return client.get(f"/my/orders/{order_id}").data.decode()


def test_a_bad_rating_is_followed_to_the_end(client, district, completed):
    api, path = district.api, f"/orders/{completed['id']}"
    log_in(client, "jumin")
    rated = submit(
        client,
        f"/my/orders/{completed['id']}/rate",
        {"score": "1", "comment": "没修好"},
        form_page=f"/my/orders/{completed['id']}",
    )
    assert rated.status_code == 303
    page = page_of(client, completed["id"])
    assert "谢谢您的反馈，支部将电话回访" in page  # the flash
    assert "您的意见已转给社区支部，支部将电话回访" in page

    (item,) = api.secretary.get("/follow-ups?done=false").json
    body = {"outcome": "rework", "note": "已与居民通话，明天重新上门"}
    assert api.secretary.post(f"/follow-ups/{item['id']}/done", json=body).status_code == 200
    page = page_of(client, completed["id"])
    assert "支部将电话回访" not in page
    assert "支部已回访：重办" in page and "正在重新办理" in page
    assert "已与居民通话，明天重新上门" in page  # the note on the timeline
    assert "回访后重办" in page  # the rework step

    api.secretary.post(f"{path}/dispatch", json={"team_id": district.repair_team})
    api.member.post(f"{path}/claim")
    api.member.post(f"{path}/complete", json={"note": "换了新阀门", "hours": 1})
    page = page_of(client, completed["id"])
    assert "换了新阀门" in page and 'id="rate"' in page  # to be rated again
    assert "正在重新办理" in page


def test_a_resolved_call_is_shown(client, district, completed):
    api = district.api
    api.resident.post(f"/orders/{completed['id']}/rate", json={"score": 2})
    (item,) = api.secretary.get("/follow-ups?done=false").json
    body = {"outcome": "resolved", "note": "已解释原因"}
    api.secretary.post(f"/follow-ups/{item['id']}/done", json=body)
    log_in(client, "jumin")
    page = page_of(client, completed["id"])
    assert "支部已回访：已解释说明，无需再办" in page and "已解释原因" in page


def test_a_good_rating_has_no_follow_up_notice(client, district, completed):
    district.api.resident.post(f"/orders/{completed['id']}/rate", json={"score": 5})
    log_in(client, "jumin")
    page = page_of(client, completed["id"])
    assert "回访" not in page
