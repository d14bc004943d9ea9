"""Who sees an order's contact block (name, address, phone) in clear, and who sees it masked
(docs/design.md, "Privacy" in "The order and its life"): on the detail, in the list and in
the pool."""

import json
from datetime import datetime, timedelta

import pytest

from tests.order_fixtures import order_body
from volunteer.auth.models import User
from volunteer.extensions import db
from volunteer.orders.privacy import mask_address, mask_name
from volunteer.schemas import mask_phone

NAME = "王秀英"
ADDRESS = "幸福里小区3栋2单元501"
PHONE = "13800138000"
CLEAR = {"name": NAME, "address": ADDRESS, "phone": PHONE, "masked": False}


@pytest.fixture
def order(app, district, post_order):
    """A submitted order of 王秀英, the district's resident."""
    with app.app_context():
        db.session.get(User, district.resident).display_name = NAME
        db.session.commit()
    order = post_order(address=ADDRESS, contact_phone=PHONE)
    assert order["contact"] == CLEAR
    return order


def act(api, order, action, **body):
    response = api.post(f"/orders/{order['id']}/{action}", json=body)
    assert response.status_code == 200, response.json
    return response.json


@pytest.fixture
def team_order(district, order):
    return act(district.api.secretary, order, "dispatch", team_id=district.repair_team)


@pytest.fixture
def pool_order(district, order):
    return act(district.api.secretary, order, "dispatch", pool=True)


@pytest.fixture
def claimed_order(district, team_order):
    return act(district.api.member, team_order, "claim")


@pytest.fixture
def completed_order(district, claimed_order):
    return act(district.api.member, claimed_order, "complete", note="换了阀门", hours=1)


def completed_at(order) -> datetime:
    return datetime.fromisoformat(order["completion"]["at"])


def seen_on_detail(api, order) -> dict:
    response = api.get(f"/orders/{order['id']}")
    assert response.status_code == 200, response.json
    return response.json


def seen_in_list(api, order) -> dict:
    response = api.get("/orders?page_size=100")
    assert response.status_code == 200, response.json
    matches = [listed for listed in response.json if listed["id"] == order["id"]]
    assert len(matches) == 1, f"order {order['id']} not listed once: {response.json}"
    return matches[0]


def contact_seen_by(api, order) -> dict:
    """The contact block this caller sees, the same on the detail and in the list."""
    detail = seen_on_detail(api, order)
    listed = seen_in_list(api, order)
    assert listed["contact"] == detail["contact"]
    return detail["contact"]


def assert_masked(order_json: dict) -> None:
    """Masked as docs/design.md says, and the clear values appear nowhere in the order."""
    contact = order_json["contact"]
    assert contact["masked"] is True
    assert contact["phone"] == "138****8000"
    assert contact["name"] == "王**"
    # Cut to the residential compound: never the building, the unit or the door.
    assert contact["address"].startswith("幸福里")
    assert contact["address"].endswith("****")
    assert not any(ch.isdigit() for ch in contact["address"])
    text = json.dumps(order_json, ensure_ascii=False)
    # (Not bare digits: a timestamp's microseconds may hold "501".)
    for secret in (PHONE, "3栋", "2单元501"):
        assert secret not in text


def assert_masked_for(api, order) -> None:
    assert_masked(seen_on_detail(api, order))
    assert_masked(seen_in_list(api, order))


def assert_not_visible(api, order) -> None:
    assert api.get(f"/orders/{order['id']}").status_code == 404
    assert order["id"] not in [listed["id"] for listed in api.get("/orders").json]


class TestOwnerAndBranch:
    def test_owner_sees_the_contact_in_clear(self, district, order):
        assert contact_seen_by(district.api.resident, order) == CLEAR

    def test_owner_still_sees_it_in_clear_once_claimed(self, district, claimed_order):
        assert contact_seen_by(district.api.resident, claimed_order) == CLEAR

    def test_communitys_secretary_sees_the_contact_in_clear(self, district, order):
        assert contact_seen_by(district.api.secretary, order) == CLEAR

    def test_another_communitys_secretary_gets_404(self, district, order):
        assert_not_visible(district.api.other_secretary, order)

    def test_secretary_posting_on_behalf_sees_the_named_resident(self, district):
        body = order_body(on_behalf_of={"name": "孙大爷", "phone": "13700137000"})
        proxy = district.api.secretary.post("/orders", json=body).json
        contact = contact_seen_by(district.api.secretary, proxy)
        assert contact == {
            "name": "孙大爷",
            "address": ADDRESS,
            "phone": "13700137000",
            "masked": False,
        }
        pooled = act(district.api.secretary, proxy, "dispatch", pool=True)
        assert contact_seen_by(district.api.member, pooled) == {
            "name": "孙**",
            "address": mask_address(ADDRESS),
            "phone": "137****7000",
            "masked": True,
        }


class TestStreetAdmin:
    def test_street_admin_sees_a_community_order_masked(self, district, order):
        assert_masked_for(district.api.street_admin, order)
        accepted = act(district.api.secretary, order, "accept")
        assert_masked_for(district.api.street_admin, accepted)

    def test_street_admin_sees_an_escalated_order_in_clear(self, district, order):
        act(district.api.secretary, order, "accept")
        escalated = act(district.api.secretary, order, "escalate", reason="需要街道协调")
        assert contact_seen_by(district.api.street_admin, escalated) == CLEAR


class TestClaimer:
    def test_team_member_sees_the_offer_masked_before_claiming(self, district, team_order):
        assert_masked_for(district.api.member, team_order)

    def test_claimer_sees_the_contact_in_clear_while_holding_the_claim(
        self, district, claimed_order
    ):
        assert contact_seen_by(district.api.member, claimed_order) == CLEAR

    def test_claimer_who_released_sees_it_masked_again(self, district, claimed_order):
        released = act(district.api.member, claimed_order, "release", reason="临时出差")
        assert_masked_for(district.api.member, released)

    def test_claimer_sees_it_in_clear_for_seven_days_after_completion(
        self, district, completed_order, time_machine
    ):
        assert contact_seen_by(district.api.member, completed_order) == CLEAR
        time_machine.move_to(completed_at(completed_order) + timedelta(days=3))
        rated = act(district.api.resident, completed_order, "rate", score=5)
        assert rated["status"] == "closed"
        assert contact_seen_by(district.api.member, rated) == CLEAR
        time_machine.move_to(completed_at(completed_order) + timedelta(days=7, minutes=-1))
        assert contact_seen_by(district.api.member, rated) == CLEAR

    def test_claimer_sees_it_masked_after_seven_days(self, district, completed_order, time_machine):
        time_machine.move_to(completed_at(completed_order) + timedelta(days=7, minutes=1))
        assert_masked_for(district.api.member, completed_order)
        # The owner and the secretary are not bound by the window.
        assert contact_seen_by(district.api.resident, completed_order) == CLEAR
        assert contact_seen_by(district.api.secretary, completed_order) == CLEAR

    def test_claimer_sees_a_closed_order_masked_after_seven_days(
        self, district, completed_order, time_machine
    ):
        rated = act(district.api.resident, completed_order, "rate", score=4)
        time_machine.move_to(completed_at(completed_order) + timedelta(days=8))
        assert_masked_for(district.api.member, rated)


class TestEveryoneElse:
    def test_member_browsing_a_pool_order_sees_it_masked(self, district, pool_order):
        assert_masked_for(district.api.member, pool_order)

    def test_member_browsing_the_pool_sees_it_masked(self, district, pool_order):
        response = district.api.member.get("/pool")
        assert response.status_code == 200, response.json
        (offered,) = [listed for listed in response.json if listed["id"] == pool_order["id"]]
        assert_masked(offered)

    def test_team_member_browsing_the_pool_sees_a_team_order_masked(self, district, team_order):
        response = district.api.member.get("/pool")
        assert response.status_code == 200, response.json
        (offered,) = [listed for listed in response.json if listed["id"] == team_order["id"]]
        assert_masked(offered)

    def test_browsing_member_does_not_learn_the_residents_name_from_the_timeline(
        self, district, pool_order
    ):
        detail = seen_on_detail(district.api.member, pool_order)
        assert detail["contact"]["name"] == "王**"
        assert NAME not in json.dumps(detail, ensure_ascii=False)

    def test_employer_contact_gets_404(self, district, claimed_order):
        assert_not_visible(district.api.contact, claimed_order)

    def test_admin_sees_it_masked(self, district, order):
        """docs/design.md names who sees contact data (owner, secretary, street admin once
        escalated, claimer); the operator is not among them: "everyone else sees them
        masked". Admin scope is every order, not every resident's phone number."""
        assert_masked_for(district.api.admin, order)
        claimed = act(
            district.api.member,
            act(district.api.secretary, order, "dispatch", team_id=district.repair_team),
            "claim",
        )
        assert_masked_for(district.api.admin, claimed)


class TestMaskPhone:
    @pytest.mark.parametrize(
        ("phone", "masked"),
        [
            (None, None),
            ("", ""),
            ("13800138000", "138****8000"),
            ("13912345678", "139****5678"),
            ("123", "****"),
            ("1380013", "****"),
        ],
    )
    def test_masks_the_middle_of_a_mobile_number(self, phone, masked):
        assert mask_phone(phone) == masked

    def test_a_short_number_shows_none_of_its_digits(self):
        assert not any(ch.isdigit() for ch in mask_phone("1234567"))


class TestMaskName:
    @pytest.mark.parametrize(
        ("name", "masked"),
        [
            (None, None),
            ("", ""),
            ("王", "王*"),
            ("王秀英", "王**"),
            ("李明", "李*"),
            ("欧阳娜娜", "欧***"),
        ],
    )
    def test_keeps_only_the_first_character(self, name, masked):
        assert mask_name(name) == masked


class TestMaskAddress:
    def test_nothing_to_mask(self):
        assert mask_address(None) is None
        assert mask_address("") == ""

    @pytest.mark.parametrize(
        ("address", "masked"),
        [
            ("阳光花园1号楼2单元302", "阳光花园****"),
            ("翠湖苑8幢1203", "翠湖苑****"),
            ("幸福里小区3栋2单元501", "幸福里小区****"),
            ("金桥街道幸福里社区5栋", "金桥街道幸福里社区****"),
        ],
    )
    def test_cut_after_the_residential_compound(self, address, masked):
        assert mask_address(address) == masked

    @pytest.mark.parametrize(
        ("address", "masked"),
        [
            ("人民路88号", "人民路****"),
            ("3栋2单元501", "****"),
        ],
    )
    def test_without_a_compound_cut_before_the_first_number(self, address, masked):
        assert mask_address(address) == masked

    @pytest.mark.parametrize(
        "address",
        [
            "幸福里小区3栋2单元501",
            "人民路88号",
            "3栋2单元501",
            "北京市朝阳区",
            "8号",
            # A compound word after the door number must not reveal the door.
            "幸福里3栋2单元501室（近阳光花园）",
        ],
    )
    def test_never_shows_a_number_and_always_hides_the_rest(self, address):
        masked = mask_address(address)
        assert masked.endswith("****")
        assert address.startswith(masked.removesuffix("****"))
        assert not any(ch.isdigit() for ch in masked)
