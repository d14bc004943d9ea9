"""My service record (服务记录): the same figures and orders as GET /members/{id}/record."""

from flask import redirect, render_template, request, url_for
from flask_login import login_required

from volunteer.auth.access import require_actor
from volunteer.pages.forms import Form
from volunteer.pages.member.blueprint import bp
from volunteer.reports.members import member_evaluation, member_record
from volunteer.reports.schemas import RecordQuerySchema


@bp.route("/record")
@login_required
def record():
    """Orders completed, on time, hours, scores over a period (default: this year so far)."""
    actor = require_actor()
    member = actor.member
    if member is None:
        return redirect(url_for("member.report_in"))
    form = Form(request.args)
    shown = None
    with form.handling():
        period = form.load(RecordQuerySchema(), "from", "to")
        shown = member_record(actor, member.id, **period)
    failed = shown is None
    if failed:  # a period that cannot be read: its errors beside this year's record
        shown = member_record(actor, member.id)
    return render_template(
        "pages/member/record.html",
        form=form,
        record=shown,
        evaluation=member_evaluation(actor, member.id, shown["end"].year),
    ), (422 if failed else 200)
