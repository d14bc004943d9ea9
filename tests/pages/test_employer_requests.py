"""A member whose employer is not listed names it at the report-in; the street admin adds it
from the desk (街道待办), and the member's report-in gets the new employer."""

import sqlalchemy as sa

from tests.factories import UserFactory, grant
from tests.pages.helpers import log_in, submit
from tests.pages.test_member import member_of, report_in_form
from volunteer.extensions import db
from volunteer.organisations.models import Employer
from volunteer.people.models import EmployerRequest


def report_in_unlisted(client, district, name="区图书馆"):
    log_in(client, "jumin")
    form = report_in_form(district, employer_id="", employer_name=name)
    return submit(client, "/member/report-in", form, form_page="/member/report-in")


def requests(app) -> list[tuple]:
    with app.app_context():
        return db.session.execute(
            sa.select(
                EmployerRequest.id,
                EmployerRequest.name,
                EmployerRequest.street_id,
                EmployerRequest.employer_id,
                EmployerRequest.done_at,
            ).order_by(EmployerRequest.id)
        ).all()


def test_the_report_in_form_offers_to_name_an_unlisted_employer(client, district):
    log_in(client, "jumin")
    page = client.get("/member/report-in").data.decode()
    assert 'name="employer_name"' in page


def test_naming_an_unlisted_employer_reports_in_and_asks_the_street(app, client, district):
    response = report_in_unlisted(client, district)
    assert response.status_code == 302
    member = member_of(app, district.resident)
    assert member.member_type == "in_service"
    assert member.employer_id is None
    [(_, name, street_id, employer_id, done_at)] = requests(app)
    assert (name, street_id, employer_id, done_at) == ("区图书馆", district.street, None, None)


def test_a_listed_employers_name_is_that_employer(app, client, district):
    response = report_in_unlisted(client, district, name="区税务局")
    assert response.status_code == 302
    assert member_of(app, district.resident).employer_id == district.other_employer
    assert requests(app) == []


def test_in_service_needs_an_employer_or_its_name(app, client, district):
    response = report_in_unlisted(client, district, name="")
    assert response.status_code == 422
    assert 'id="employer_id-error"' in response.data.decode()
    assert requests(app) == []


def test_the_street_admin_adds_the_employer_from_the_desk(app, client, district):
    report_in_unlisted(client, district)
    [(request_id, *_)] = requests(app)
    log_in(client, "jiedao")
    page = client.get("/desk/escalated").data.decode()
    assert 'id="employer-requests"' in page
    assert "区图书馆" in page
    response = submit(
        client,
        f"/desk/employer-requests/{request_id}/add",
        {"name": "区图书馆", "party_org_name": "区图书馆党支部"},
        form_page="/desk/escalated",
    )
    assert response.status_code == 302
    with app.app_context():
        employer = db.session.scalar(sa.select(Employer).where(Employer.name == "区图书馆"))
        assert employer.party_org_name == "区图书馆党支部"
        employer_id = employer.id
    assert member_of(app, district.resident).employer_id == employer_id
    [(_, _, _, linked, done_at)] = requests(app)
    assert linked == employer_id and done_at is not None
    assert 'id="employer-requests"' not in client.get("/desk/escalated").data.decode()


def test_an_added_request_cannot_be_added_twice(app, client, district):
    report_in_unlisted(client, district)
    [(request_id, *_)] = requests(app)
    log_in(client, "jiedao")
    form = {"name": "区图书馆", "party_org_name": "区图书馆党支部"}
    path = f"/desk/employer-requests/{request_id}/add"
    assert submit(client, path, form, form_page="/desk/escalated").status_code == 302
    assert submit(client, path, form, form_page="/desk/escalated").status_code == 409


def test_a_party_organisation_is_required(app, client, district):
    report_in_unlisted(client, district)
    [(request_id, *_)] = requests(app)
    log_in(client, "jiedao")
    response = submit(
        client,
        f"/desk/employer-requests/{request_id}/add",
        {"name": "区图书馆", "party_org_name": ""},
        form_page="/desk/escalated",
    )
    assert response.status_code == 422
    assert 'id="party_org_name-error"' in response.data.decode()
    assert requests(app)[0][3] is None


def test_another_streets_admin_and_a_secretary_do_not_see_the_request(app, client, district):
    report_in_unlisted(client, district)
    [(request_id, *_)] = requests(app)
    with app.app_context():
        grant(UserFactory(username="jiedao_t"), "street_admin", street_id=district.other_street)
        db.session.commit()
    log_in(client, "jiedao_t")
    assert "区图书馆" not in client.get("/desk/escalated").data.decode()
    form = {"name": "区图书馆", "party_org_name": "区图书馆党支部"}
    path = f"/desk/employer-requests/{request_id}/add"
    assert submit(client, path, form, form_page="/desk/escalated").status_code == 404
    log_in(client, "shuji")
    assert submit(client, path, form, form_page="/desk/inbox").status_code == 403
