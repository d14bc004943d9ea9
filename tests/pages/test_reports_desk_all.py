"""The street admin drafts the period's reports for every employer from the reports desk: the
CLI's work run in the background, with a progress page that reloads itself until done."""

import time

import sqlalchemy as sa

from tests import factories
from tests.pages.helpers import log_in, submit
from volunteer.extensions import db
from volunteer.reports.models import DraftRun, Report

DESK = "/desk/reports"


def finished(client, location: str, seconds: float = 300) -> str:
    """The progress page once the run is over (as a person reloading it would see it)."""
    deadline = time.monotonic() + seconds
    while True:
        page = client.get(location).data.decode()
        if 'http-equiv="refresh"' not in page or time.monotonic() > deadline:
            return page
        time.sleep(0.1)


def test_the_street_admin_drafts_every_employers_report_in_the_background(client, app, district):
    with app.app_context():
        factories.EmployerFactory(name="区教育局", active=False)  # retired: left out
        db.session.commit()
    log_in(client, "jiedao")
    assert "为所有单位生成" in client.get(DESK).data.decode()
    response = submit(client, f"{DESK}/runs", {"period": "2026H1"}, form_page=DESK)
    assert response.status_code == 302
    location = response.headers["Location"]
    assert "/desk/reports/runs/" in location
    page = finished(client, location)
    assert "2026年上半年" in page
    assert "2 / 2" in page
    assert "新生成 2 份" in page
    with app.app_context():
        employers = set(db.session.scalars(sa.select(Report.employer_id)))
        assert employers == {district.employer, district.other_employer}
        run = db.session.scalar(sa.select(DraftRun))
        assert (run.total, run.done, run.created, run.finished_at is not None) == (2, 2, 2, True)


def test_a_second_run_refreshes_the_drafts(client, app, district):
    log_in(client, "admin")
    for _ in range(2):
        response = submit(client, f"{DESK}/runs", {"period": "2026H1"}, form_page=DESK)
        page = finished(client, response.headers["Location"])
    assert "更新草稿 2 份" in page
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Report.id))) == 2


def test_a_bad_period_is_refused_on_the_page(client, district):
    log_in(client, "jiedao")
    response = submit(client, f"{DESK}/runs", {"period": "2026H9"}, form_page=DESK)
    assert response.status_code == 422
    assert 'id="run-period-error"' in response.data.decode()


def test_only_the_issuers_draft_and_see_runs(client, app, district):
    log_in(client, "admin")
    location = submit(client, f"{DESK}/runs", {"period": "2026H1"}, form_page=DESK).headers[
        "Location"
    ]
    finished(client, location)
    log_in(client, "shuji")
    assert client.get(location).status_code == 404
    response = submit(client, f"{DESK}/runs", {"period": "2026H1"})
    assert response.status_code == 403
    assert client.get(f"{DESK}/runs/99999").status_code == 404
