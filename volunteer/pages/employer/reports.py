"""The employer contact's pages: its members' feedback reports, the files, acknowledging."""

from flask import Blueprint, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from volunteer.auth.access import require_actor
from volunteer.notifications.models import Delivery
from volunteer.opinions import services as opinions
from volunteer.opinions.schemas import AskInputSchema
from volunteer.pages.actions import act
from volunteer.pages.paging import page_of
from volunteer.reports import services
from volunteer.reports.document import with_display
from volunteer.reports.downloads import download
from volunteer.reports.models import CONTACT_LABELS
from volunteer.reports.presenter import present, present_many

bp = Blueprint("employer", __name__, url_prefix="/employer")

PAGE_SIZE = 20
REPORT = "/reports/<id:report_id>"


@bp.route("/reports")
@login_required
def reports():
    """The reports on the members of the contact's employer(s), newest first."""
    actor = require_actor()
    page = page_of(services.reports_query(actor), PAGE_SIZE)
    return render_template(
        "pages/employer/reports.html",
        reports=present_many(page.items, actor),
        page=page,
        status_names=CONTACT_LABELS,
        several=len(actor.contact_of) > 1,
        opinions=[opinions.request_view(actor, r) for r in opinions.requests_of_employers(actor)],
        askable=opinions.askable_members(actor),
    )


@bp.route("/opinion-requests", methods=["POST"])
@login_required
def ask_opinion():
    """Ask the residential community's opinion of a consenting member (干部考察进社区)."""
    actor = require_actor()

    def perform(form):
        data = form.load(AskInputSchema(), "purpose")
        return opinions.ask_opinion(actor, int(form.get("member_id") or 0), data["purpose"])

    return act(
        perform,
        done=_("The community is asked; its answer will appear here and by e-mail."),
        then=url_for("employer.reports"),
    )


@bp.route(REPORT)
@login_required
def report(report_id):
    """One report: a row per member (name only where the member has not consented)."""
    actor = require_actor()
    report = services.access_report(actor, report_id)
    shown = present(report, actor)
    shown["rows"] = [with_display(row) for row in shown["rows"]]
    return render_template(
        "pages/employer/report.html",
        report=shown,
        delivery_names=Delivery.labels(),
        status_names=CONTACT_LABELS,
        own=report.employer_id in actor.contact_of,
    )


@bp.route(REPORT + "/pdf")
@login_required
def report_pdf(report_id):
    """The report as a PDF, served as the API serves it (Chinese file name)."""
    return download(report_id, "pdf")


@bp.route(REPORT + "/xlsx")
@login_required
def report_xlsx(report_id):
    """The report as an XLSX workbook."""
    return download(report_id, "xlsx")


@bp.route(REPORT + "/acknowledge", methods=["POST"])
@login_required
def acknowledge(report_id):
    """Confirm receipt of a sent report."""
    actor = require_actor()
    return act(
        lambda _form: services.acknowledge_report(actor, report_id),
        done=_("Thank you: the report is acknowledged."),
        then=url_for("employer.report", report_id=report_id),
    )
