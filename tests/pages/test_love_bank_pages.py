"""The love bank's pages without a browser: who sees which link, the volunteer's service page,
the desk's refusals shown on the page, and no data changed by a refused form."""

from tests.factories import PASSWORD
from tests.pages.helpers import log_in, submit


def test_a_resident_is_invited_to_volunteer_and_applies(client, district):
    log_in(client, "jumin")
    home = client.get("/").data.decode()
    assert "/volunteer/apply" in home
    answer = submit(
        client,
        "/volunteer/apply",
        {
            "community_id": str(district.community),
            "phone": "13900139000",
            "skills": "电工，陪伴老人",
        },
        form_page="/volunteer/apply",
    )
    assert answer.status_code == 302
    volunteers = district.api.secretary.get("/volunteers").json
    found = [(v["skills"], v["consent_contact"]) for v in volunteers]
    assert found == [(["电工", "陪伴老人"], False)]


def test_an_application_without_a_phone_names_the_field(client, district):
    log_in(client, "jumin")
    answer = submit(
        client,
        "/volunteer/apply",
        {"community_id": str(district.community), "phone": ""},
        form_page="/volunteer/apply",
    )
    assert answer.status_code == 422
    assert 'id="phone-error"' in answer.data.decode()
    assert district.api.secretary.get("/volunteers").json == []


def test_a_volunteers_service_page_has_no_teams(client, district):
    client_api = district.api.resident
    applied = client_api.post(
        "/volunteers", json={"community_id": district.community, "phone": "13800138000"}
    )
    district.api.secretary.post(f"/volunteers/{applied.json['id']}/confirm")
    log_in(client, "jumin", PASSWORD)
    page = client.get("/member").data.decode()
    assert 'id="teams"' not in page and 'id="consent"' not in page
    home = client.get("/").data.decode()
    assert "/volunteer/love-bank" in home and "/member/pool" in home


def test_the_desk_pages_are_for_secretaries(client, district):
    log_in(client, "jumin")
    for path in ("/desk/volunteers", "/desk/shop", "/desk/ledger", "/desk/pairings"):
        assert client.get(path).status_code == 403, path


def test_a_wrong_code_is_said_on_the_shop_page(client, district):
    log_in(client, "shuji")
    for path in ("/desk/volunteers", "/desk/shop", "/desk/ledger", "/desk/pairings"):
        assert client.get(path).status_code == 200, path
    answer = submit(client, "/desk/shop/hand-over", {"code": "ZZZZZZ"}, form_page="/desk/shop")
    assert answer.status_code == 422
    assert "本社区没有这个兑换码" in answer.data.decode()
