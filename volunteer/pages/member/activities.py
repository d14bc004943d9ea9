"""The member's community activities (sign up, withdraw) and certificates of service."""

from flask import redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from volunteer.activities import services
from volunteer.auth.access import require_actor
from volunteer.certificates import downloads
from volunteer.certificates import services as certificates
from volunteer.certificates.schemas import CertificateInputSchema
from volunteer.extensions import db
from volunteer.pages.actions import act
from volunteer.pages.forms import Form
from volunteer.pages.member.blueprint import bp


def upcoming_for(actor) -> list[dict]:
    """Open activities of the member's community that have not ended, soonest first."""
    member = actor.active_member
    if member is None:
        return []
    select = services.activities_query(actor, community_id=member.community_id, upcoming=True)
    return [services.activity_view(actor, a) for a in db.session.scalars(select.limit(20))]


@bp.route("/activities")
@login_required
def activities():
    """Upcoming activities of my community with my place in each."""
    actor = require_actor()
    if actor.active_member is None:
        return redirect(url_for("member.home"))
    return render_template("pages/member/activities.html", activities=upcoming_for(actor))


@bp.route("/activities/<id:activity_id>/signup", methods=["POST"])
@login_required
def sign_up(activity_id):
    actor = require_actor()
    return act(
        lambda _form: services.sign_up(actor, activity_id),
        done=_("You have signed up. A reminder comes the day before."),
        then=url_for("member.activities"),
    )


@bp.route("/activities/<id:activity_id>/withdraw", methods=["POST"])
@login_required
def withdraw(activity_id):
    actor = require_actor()
    return act(
        lambda _form: services.withdraw(actor, activity_id),
        done=_("You have withdrawn; the place is free for others."),
        then=url_for("member.activities"),
    )


def certificates_page(form: Form | None = None):
    actor = require_actor()
    member = actor.member
    if member is None:
        return redirect(url_for("member.report_in"))
    shown = [
        {**certificates.certificate_view(c), "verify_url": downloads.verify_url(c)}
        for c in certificates.certificates_of(actor, member.id)
    ]
    return render_template(
        "pages/member/certificates.html", form=form or Form({}), certificates=shown
    ), (form.status if form else 200)


@bp.route("/certificates")
@login_required
def certificates_list():
    """My certificates of volunteer service, and the form to issue one for a period."""
    return certificates_page()


@bp.route("/certificates", methods=["POST"])
@login_required
def issue_certificate():
    actor = require_actor()

    def perform(form: Form):
        data = form.load(CertificateInputSchema(), "from", "to")
        member = actor.member
        return certificates.issue_certificate(actor, member.id if member else 0, **data)

    return act(
        perform,
        done=lambda c: _("Certificate %(number)s issued.", number=c.number),
        then=url_for("member.certificates_list"),
        again=certificates_page,
        refusals_on_page=True,
    )


@bp.route("/certificates/<id:certificate_id>.pdf")
@login_required
def certificate_pdf(certificate_id):
    """The certificate as a PDF."""
    return downloads.download(certificate_id)
