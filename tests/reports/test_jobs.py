"""The `employer-reports` job and `volunteer reports generate`: every employer, once."""

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from volunteer.extensions import db
from volunteer.jobs.runner import run_job
from volunteer.jobs.schedule import JOBS_BY_NAME, trigger_of
from volunteer.reports.models import Report


def reports(app) -> list[tuple]:
    with app.app_context():
        return [
            (r.employer_id, str(r.period_start), str(r.period_end), r.status)
            for r in db.session.scalars(sa.select(Report).order_by(Report.employer_id))
        ]


def test_the_job_runs_on_1_january_and_1_july_at_six(app):
    job = JOBS_BY_NAME["employer-reports"]
    assert job.trigger == {"trigger": "cron", "month": "1,7", "day": 1, "hour": 6, "minute": 0}
    app.config["JOB_SCHEDULES"] = {"employer-reports": {"month": "1", "day": 15}}
    assert trigger_of(job, app.config)["month"] == "1"
    assert trigger_of(job, app.config)["day"] == 15


def test_on_1_july_the_job_drafts_the_first_half_year_for_every_employer(
    app, district, hospital, time_machine
):
    time_machine.move_to(datetime(2026, 6, 30, 22, 0, tzinfo=UTC))  # 06:00 on 1 July in China
    outcome = run_job(app, "employer-reports")
    assert outcome.ok, outcome.result
    assert outcome.result == "2026年上半年: 2 drafted, 0 drafts refreshed, 0 already sent"
    assert reports(app) == [
        (district.employer, "2026-01-01", "2026-06-30", "draft"),
        (district.other_employer, "2026-01-01", "2026-06-30", "draft"),
    ]
    listed = district.api.admin.get("/reports").json
    hospital_report = next(r for r in listed if r["employer_id"] == district.employer)
    assert hospital_report["member_count"] == 3


def test_running_the_job_twice_makes_no_second_draft(app, district, hospital, time_machine):
    time_machine.move_to(datetime(2026, 7, 1, 1, 0, tzinfo=UTC))
    run_job(app, "employer-reports")
    first = reports(app)
    report_id = district.api.admin.get("/reports").json[-1]["id"]
    district.api.admin.post(f"/reports/{report_id}/send")
    outcome = run_job(app, "employer-reports")
    assert outcome.result == "2026年上半年: 0 drafted, 1 drafts refreshed, 1 already sent"
    assert [r[:3] for r in reports(app)] == [r[:3] for r in first]


def test_the_cli_generates_a_period_with_a_progress_bar(app, district, hospital, cli):
    result = cli("reports", "generate", "--period", "2026Q1")
    assert result.exit_code == 0, result.output
    assert "2026年第一季度 反馈表" in result.output
    assert "2026年第一季度: 2 drafted" in result.output
    assert {r[1:3] for r in reports(app)} == {("2026-01-01", "2026-03-31")}
    again = cli("reports", "generate", "--period", "2026q1")
    assert "0 drafted, 2 drafts refreshed" in again.output
    assert len(reports(app)) == 2


def test_the_cli_refuses_a_period_it_cannot_read(cli):
    result = cli("reports", "generate", "--period", "2026H3")
    assert result.exit_code == 2
    assert "not a period" in result.output


def test_the_cli_writes_every_reports_files(app, district, hospital, cli, tmp_path):
    result = cli("reports", "generate", "--period", "2026H1", "--files", str(tmp_path / "out"),
                 "--workers", "1")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "2 reports written" in result.output
    names = sorted(path.name for path in (tmp_path / "out").iterdir())
    assert len(names) == 4
    assert any(name.endswith("市第一人民医院-2026年上半年.pdf") for name in names)


@pytest.mark.slow  # a process pool renders the files
def test_the_files_are_rendered_in_worker_processes(app, district, hospital, cli, tmp_path):
    result = cli("reports", "generate", "--period", "2026H1", "--files", str(tmp_path / "out"),
                 "--workers", "2")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "out").glob("*.pdf"))) == 2
