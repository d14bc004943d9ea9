"""干部考察进社区 (API.md #14): the employer's contact asks about a consenting member, the
secretary answers from a draft, the employer sees it and gets an e-mail."""

import sqlalchemy as sa

from volunteer.extensions import db
from volunteer.notifications.models import OutboxMessage
from volunteer.people.models import Member


def ask(district, member_id=None, api=None):
    api = api or district.api.contact
    return api.post(
        f"/members/{member_id or district.member}/opinion-requests", json={"purpose": "拟提拔"}
    )


def test_the_contact_asks_and_the_secretary_answers(app, district):
    asked = ask(district)
    assert asked.status_code == 201, asked.json
    request = asked.json
    assert request["status"] == "waiting" and request["opinion"] is None
    assert "draft" not in request
    seen = district.api.secretary.get(f"/opinion-requests/{request['id']}").json
    assert seen["draft"]["opinion"].startswith(seen["display_name"])
    assert "报到" in seen["draft"]["opinion"]
    answer = district.api.secretary.post(
        f"/opinion-requests/{request['id']}/answer",
        json={"opinion": "该同志积极参加社区服务，群众评价好。", "grade": "excellent"},
    )
    assert answer.status_code == 200, answer.json
    shown = district.api.contact.get(f"/opinion-requests/{request['id']}").json
    assert shown["status"] == "answered"
    assert shown["grade"] == "excellent"
    assert shown["opinion"] == "该同志积极参加社区服务，群众评价好。"
    with app.app_context():
        mails = db.session.scalars(
            sa.select(OutboxMessage).where(OutboxMessage.subject_type == "opinion_request")
        ).all()
        assert mails and all("考察意见" in m.subject for m in mails)
    notes = district.api.contact.get("/notifications").json
    assert any(n["kind"] == "opinion_answered" for n in notes)
    again = district.api.secretary.post(
        f"/opinion-requests/{request['id']}/answer", json={"opinion": "再次", "grade": "qualified"}
    )
    assert again.status_code == 409


def test_a_non_consenting_member_is_403(app, district):
    with app.app_context():
        db.session.get(Member, district.member).consent_employer_feedback = False
        db.session.commit()
    assert ask(district).status_code == 403


def test_another_employer_gets_404(district):
    assert ask(district, member_id=district.other_member).status_code == 404
    request = ask(district).json
    assert district.api.other_secretary.get(f"/opinion-requests/{request['id']}").status_code == 404
    answer = {"opinion": "好", "grade": "qualified"}
    assert (
        district.api.other_secretary.post(
            f"/opinion-requests/{request['id']}/answer", json=answer
        ).status_code
        == 404
    )
    assert district.api.member.get(f"/opinion-requests/{request['id']}").status_code == 404


def test_only_the_employer_s_contact_asks_and_only_the_secretary_answers(district):
    assert ask(district, api=district.api.secretary).status_code == 403
    assert ask(district, api=district.api.member).status_code == 403
    request = ask(district).json
    answer = {"opinion": "好", "grade": "qualified"}
    assert (
        district.api.contact.post(
            f"/opinion-requests/{request['id']}/answer", json=answer
        ).status_code
        == 403
    )


def test_the_answer_is_validated(district):
    request = ask(district).json
    path = f"/opinion-requests/{request['id']}/answer"
    bad = district.api.secretary.post(path, json={"opinion": "", "grade": "best"})
    assert bad.status_code == 422
    assert {"opinion", "grade"} <= set(bad.json["errors"])
    assert (
        district.api.secretary.post(
            path, json={"opinion": "x" * 2001, "grade": "qualified"}
        ).status_code
        == 422
    )
    assert (
        district.api.contact.post(
            f"/members/{district.member}/opinion-requests", json={}
        ).status_code
        == 422
    )
