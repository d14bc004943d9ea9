"""The dashboard and the public 公示 page keep both views after a rework: the final
satisfaction rate, the first-time satisfaction rate (一次满意率) and the reworks."""

import re

from tests.pages.helpers import log_in


def figure(page: str, label: str) -> str:
    """The value of the figure card with this label."""
    match = re.search(
        r'<div class="value[^"]*">([^<]*)</div><div class="label">' + re.escape(label), page
    )
    assert match, label
    return match.group(1).strip()


def test_final_and_first_time_rates(client, district, completed):
    api, path = district.api, f"/orders/{completed['id']}"
    api.resident.post(f"{path}/rate", json={"score": 1, "comment": "没修好"})
    (item,) = api.secretary.get("/follow-ups?done=false").json
    api.secretary.post(f"/follow-ups/{item['id']}/done", json={"outcome": "rework", "note": "重办"})
    api.secretary.post(f"{path}/dispatch", json={"team_id": district.repair_team})
    api.member.post(f"{path}/claim")
    api.member.post(f"{path}/complete", json={"note": "换了新阀门", "hours": 1})
    api.resident.post(f"{path}/rate", json={"score": 5})

    log_in(client, "shuji")
    dashboard = client.get("/dashboard").data.decode()
    assert figure(dashboard, "满意率") == "100.0%"
    assert figure(dashboard, "一次满意率") == "0.0%"
    assert figure(dashboard, "回访重办") == "1"
    public = client.get(f"/public/communities/{district.community}").data.decode()
    assert figure(public, "一次满意率") == "0.0%"
    assert figure(public, "回访重办") == "1"
