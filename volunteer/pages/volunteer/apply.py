"""A resident applies as a resident volunteer (居民志愿者); the secretary confirms."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required
from werkzeug.datastructures import MultiDict

from volunteer.auth.access import require_actor
from volunteer.pages.forms import Form
from volunteer.pages.member.home import current_member, split_skills
from volunteer.pages.volunteer.blueprint import bp
from volunteer.people import services as people
from volunteer.volunteers import services
from volunteer.volunteers.schemas import VolunteerSchema


@bp.route("/apply", methods=["GET", "POST"])
@login_required
def apply():
    """The application: community, phone, skills, consent to be contacted."""
    actor = require_actor()
    if current_member(actor) is not None:
        flash(_("You already help in your community."))
        return redirect(url_for("member.home"))
    form = Form()
    if not form.submitted:
        form = Form(
            MultiDict({"community_id": str(actor.community_id or ""), "phone": actor.phone or ""})
        )
    if form.submitted:
        with form.handling():
            data = form.load(
                VolunteerSchema(),
                "community_id",
                "phone",
                coerce={"community_id": int},
                skills=split_skills(form.get("skills")),
                consent_contact=form.get("consent_contact") == "yes",
            )
            services.apply(actor, **data)
            flash(_("Thank you! The secretary of your community will confirm your application."))
            return redirect(url_for("member.home"))
    communities = people.report_in_choices()["communities"]
    return render_template(
        "pages/volunteer/apply.html",
        form=form,
        communities=[(c.id, c.name) for c in communities],
    ), form.status
