"""The issuers' desk for the 双报到 feedback reports (admins, street admins): draft a report
for an employer and a period, review its rows, regenerate the draft, send it through the
outbox with its PDF and XLSX, and follow each address's delivery.

Drafting validates with the API's ReportCreateSchema and calls `create_report`; the actions
call the API's services; a refusal changes nothing and is flashed in the user's language.
"""

from datetime import date

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from marshmallow import ValidationError

from volunteer.auth.access import require_actor
from volunteer.extensions import db
from volunteer.i18n import localised
from volunteer.notifications.models import Delivery
from volunteer.pages.actions import act
from volunteer.pages.forms import Form
from volunteer.pages.paging import page_of
from volunteer.reports import delivery, draft_runs, services
from volunteer.reports.document import with_display
from volunteer.reports.downloads import download
from volunteer.reports.members import today
from volunteer.reports.models import ReportStatus
from volunteer.reports.periods import Period, parse_period, previous_half_year
from volunteer.reports.presenter import present, present_many
from volunteer.reports.schemas import ReportCreateSchema, ReportQuerySchema

bp = Blueprint("reports_desk", __name__, url_prefix="/desk/reports")

PAGE_SIZE = 20
REPORT = "/<id:report_id>"

# --- the list and the drafting form -----------------------------------------------------


def period_code(period: Period) -> str:
    """`2026H1` for January to June 2026 (the codes `parse_period` reads)."""
    return f"{period.start.year}H{1 if period.start.month == 1 else 2}"


def period_choices(day: date) -> list[tuple[str, str]]:
    """The periods of this year and last that have begun: halves, years, quarters."""
    choices = []
    for year in (day.year, day.year - 1):
        for code in (f"{year}H2", f"{year}H1", f"{year}", *(f"{year}Q{q}" for q in (4, 3, 2, 1))):
            period = parse_period(code)
            if period.start <= day:
                choices.append((code, period.label))
    return choices


def chosen_period(form: Form) -> dict:
    """The chosen period as the schema's dates; none chosen: the typed dates apply."""
    code = form.get("period").strip()
    if not code:
        return {}
    try:
        period = parse_period(code)
    except ValueError:
        form.errors.setdefault("period", []).append(_("Choose one of the options."))
        return {}
    return {"period_start": period.start.isoformat(), "period_end": period.end.isoformat()}


def filters_from(args) -> tuple[dict, dict]:
    """The list's filters, validated with the API's query schema; (filters, errors)."""
    try:
        return ReportQuerySchema().load(
            {name: args[name] for name in ("employer_id", "status") if args.get(name)}
        ), {}
    except ValidationError as error:
        return {}, {
            field: " ".join(localised(problem) for problem in problems)
            for field, problems in error.messages.items()  # type: ignore[union-attr]  # a dict
        }


@bp.route("", methods=["GET", "POST"])
@login_required
def index():
    """The reports, newest first, filtered by status and employer; the form to draft one."""
    actor = require_actor()
    services.employers_to_report_on(actor)  # 403 for anyone but the issuers
    default = {"period": period_code(previous_half_year(today()))}
    form = Form() if request.method == "POST" else Form(default)
    if form.submitted:
        with form.handling():
            data = form.load(
                ReportCreateSchema(),
                "employer_id",
                "period_start",
                "period_end",
                coerce={"employer_id": int},
                **chosen_period(form),
            )
            report = services.create_report(actor, **data)
            flash(_("The draft is ready: check its rows, then send it."))
            return redirect(url_for("reports_desk.report", report_id=report.id))
    return render_index(actor, form, Form(default))


def render_index(actor, form: Form, run_form: Form):
    """The list, the form to draft one report, and the form to draft them all."""
    employers = services.employers_to_report_on(actor)
    day = today()
    filters, filter_errors = filters_from(request.args)
    page = page_of(services.reports_query(actor, **filters), PAGE_SIZE)
    return render_template(
        "pages/reports_desk/index.html",
        form=form,
        run_form=run_form,
        reports=present_many(page.items, actor),
        page=page,
        # The filter offers retired employers too (their reports stay); drafting does not.
        employers=services.employers_to_report_on(actor, with_retired=True),
        employer_choices=[(employer.id, employer.name) for employer in employers],
        periods=period_choices(day),
        filters=filters,
        filter_errors=filter_errors,
        status_names=ReportStatus.labels(),
    ), max(form.status, run_form.status)


# --- every employer's report of a period, in the background ---------------------------------


@bp.route("/runs", methods=["POST"])
@login_required
def start_run():
    """Draft the period's reports for every employer in use, in the background."""
    actor = require_actor()
    services.employers_to_report_on(actor)  # 403 for anyone but the issuers
    run_form = Form()
    try:
        period = parse_period(run_form.get("period"))
    except ValueError:
        run_form.errors["period"] = [_("Choose one of the options.")]
        default = {"period": period_code(previous_half_year(today()))}
        return render_index(actor, Form(default), run_form)
    run, new = draft_runs.start_draft_run(actor, period)
    if new:
        db.session.commit()  # the thread reads the row: it must be there first
        draft_runs.run_in_background(current_app._get_current_object(), run.id)
    return redirect(url_for("reports_desk.run", run_id=run.id))


@bp.route("/runs/<id:run_id>")
@login_required
def run(run_id):
    """How far the run has come; the page reloads itself until it is over."""
    run = draft_runs.access_draft_run(require_actor(), run_id)
    return render_template(
        "pages/reports_desk/run.html",
        run=run,
        period=Period(run.period_start, run.period_end),
        under_way=draft_runs.is_under_way(run),
    )


# --- one report -------------------------------------------------------------------------


@bp.route(REPORT)
@login_required
def report(report_id):
    """The report's rows, its files, each address's delivery, and what its state allows."""
    actor = require_actor()
    report = services.manage_report(actor, report_id)
    shown = present(report, actor)
    shown["rows"] = [with_display(row) for row in shown["rows"]]
    return render_template(
        "pages/reports_desk/report.html",
        report=shown,
        addresses=report.employer.report_emails or [],
        status_names=ReportStatus.labels(),
        delivery_names=Delivery.labels(),
    )


@bp.route(REPORT + "/pdf")
@login_required
def report_pdf(report_id):
    """The report as a PDF, as the API serves it."""
    services.manage_report(require_actor(), report_id)
    return download(report_id, "pdf")


@bp.route(REPORT + "/xlsx")
@login_required
def report_xlsx(report_id):
    """The report as an XLSX workbook."""
    services.manage_report(require_actor(), report_id)
    return download(report_id, "xlsx")


def report_action(report_id: int, action, success: str):
    """Run a report's action (`act`) and flash the outcome; a refusal changes nothing."""
    actor = require_actor()
    services.manage_report(actor, report_id)  # 404 / 403 as pages
    return act(
        lambda _form: action(actor, report_id),
        done=success,
        then=url_for("reports_desk.report", report_id=report_id),
    )


@bp.route(REPORT + "/regenerate", methods=["POST"])
@login_required
def regenerate(report_id):
    """Take the draft's rows again from today's data."""
    return report_action(
        report_id,
        services.regenerate_report,
        _("The draft is taken again from today's data."),
    )


@bp.route(REPORT + "/send", methods=["POST"])
@login_required
def send(report_id):
    """Freeze the draft and queue it, with its PDF and XLSX, to every report address."""
    return report_action(
        report_id,
        delivery.send_report,
        _("The report is sent: one e-mail to each report address, with the PDF and Excel."),
    )
