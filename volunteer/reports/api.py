"""/members/{id}/record, /members/{id}/evaluations/{year} and /reports."""

from volunteer.auth.access import require_actor
from volunteer.blueprints import ApiBlueprint as Blueprint
from volunteer.pagination import paginate
from volunteer.reports import delivery, members, services
from volunteer.reports.downloads import download
from volunteer.reports.presenter import present, present_many
from volunteer.reports.schemas import (
    EvaluationInputSchema,
    EvaluationSchema,
    RecordQuerySchema,
    RecordSchema,
    ReportCreateSchema,
    ReportDetailSchema,
    ReportQuerySchema,
    ReportSchema,
)

blp = Blueprint(
    "reports", __name__, url_prefix="/api/v1", description="Records, evaluations, reports (双反馈)"
)

MEMBER = "/members/<id:member_id>"
REPORT = "/reports/<id:report_id>"
BINARY = {"format": "binary", "type": "string"}


@blp.route(MEMBER + "/record")
@blp.arguments(RecordQuerySchema, location="query")
@blp.response(200, RecordSchema)
def member_record(args, member_id):
    """A member's service record over a period (default: this year so far). The member,
    the community's managers, and the employer's contact when the member consented (403
    without consent)."""
    return members.member_record(require_actor(), member_id, **args)


@blp.route(MEMBER + "/evaluations/<int(min=1, max=9999):year>", methods=["PUT"])
@blp.arguments(EvaluationInputSchema)
@blp.response(200, EvaluationSchema)
def evaluate(data, member_id, year):
    """Record the year's grade and comment (the community's secretary); the answer shows
    the grade the record suggests beside the one decided."""
    return members.evaluate_member(require_actor(), member_id, year, **data)


@blp.route(MEMBER + "/evaluations/<int(min=1, max=9999):year>")
@blp.response(200, EvaluationSchema)
@blp.refuses(422)  # a year that cannot be evaluated
def evaluation(member_id, year):
    """The year's evaluation (grade null until decided) and the suggested grade."""
    return members.member_evaluation(require_actor(), member_id, year)


@blp.route("/reports", methods=["POST"])
@blp.arguments(ReportCreateSchema)
@blp.response(201, ReportDetailSchema)
def create_report(data):
    """Draft an employer's report for a period (admin, street admin)."""
    actor = require_actor()
    return present(services.create_report(actor, **data), actor)


@blp.route("/reports")
@blp.arguments(ReportQuerySchema, location="query")
@blp.response(200, ReportSchema(many=True))
@blp.paginate()
def list_reports(args, pagination_parameters):
    """Reports in the caller's scope, newest first (an employer contact: its own)."""
    actor = require_actor()
    return present_many(
        paginate(services.reports_query(actor, **args), pagination_parameters), actor
    )


@blp.route(REPORT)
@blp.response(200, ReportDetailSchema)
def get_report(report_id):
    """One report with its rows and each address's delivery state."""
    actor = require_actor()
    return present(services.access_report(actor, report_id), actor)


@blp.route(REPORT + "/regenerate", methods=["POST"])
@blp.response(200, ReportDetailSchema)
def regenerate_report(report_id):
    """Take a draft's rows again from today's data (a sent report is frozen: 409)."""
    actor = require_actor()
    return present(services.regenerate_report(actor, report_id), actor)


@blp.route(REPORT + "/send", methods=["POST"])
@blp.response(200, ReportDetailSchema)
def send_report(report_id):
    """Freeze the draft and e-mail it with the PDF and XLSX to every report address."""
    actor = require_actor()
    return present(delivery.send_report(actor, report_id), actor)


@blp.route(REPORT + "/acknowledge", methods=["POST"])
@blp.response(200, ReportDetailSchema)
def acknowledge_report(report_id):
    """The employer's contact confirms receipt."""
    actor = require_actor()
    return present(services.acknowledge_report(actor, report_id), actor)


@blp.route(REPORT + "/pdf")
@blp.response(200, BINARY, content_type="application/pdf")
def report_pdf(report_id):
    """The report as an A4 PDF (fonts embedded)."""
    return download(report_id, "pdf")


@blp.route(REPORT + "/xlsx")
@blp.response(200, BINARY, content_type=delivery.xlsx.CONTENT_TYPE)
def report_xlsx(report_id):
    """The report as an XLSX workbook."""
    return download(report_id, "xlsx")
