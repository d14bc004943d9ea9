"""My service page, reporting in (报到), and the consent to share my record with my employer."""

import re

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required
from werkzeug.datastructures import MultiDict

from volunteer.auth.access import require_actor
from volunteer.orders.presenter import present
from volunteer.orders.work import held_orders, offered_orders
from volunteer.pages.actions import act
from volunteer.pages.forms import Form
from volunteer.pages.member.activities import upcoming_for
from volunteer.pages.member.blueprint import bp
from volunteer.pages.member.orders import member_actions
from volunteer.pages.member.teams import team_lists
from volunteer.people import consent, services
from volunteer.people.models import MemberStatus
from volunteer.people.schemas import ConsentSchema, MemberSchema
from volunteer.reports.members import member_record
from volunteer.schemas import text


class ReportInFormSchema(MemberSchema):
    """The API's report-in, and on the page the name of an employer that is not listed."""

    employer_name = text(1, 100, load_default=None)


# Skills are typed in one field, separated by commas (either width), 、 or semicolons.
SKILL_SEPARATORS = re.compile(r"[,，、;；]+")


def current_member(actor):
    """The caller's report-in unless they have left the community (then they may report in
    again)."""
    member = actor.member
    return member if member is not None and member.status != MemberStatus.LEFT else None


@bp.route("")
@login_required
def home():
    """My status, my orders in progress, my teams, consent, and this year's record."""
    actor = require_actor()
    member = current_member(actor)
    if member is None:
        return render_template("pages/member/not_reported.html")
    active = member.status == MemberStatus.ACTIVE
    return render_template(
        "pages/member/home.html",
        member=member,
        orders=[present(order, actor) for order in held_orders(member)] if active else [],
        offers=[offer_card(actor, order) for order in offered_orders(member)] if active else [],
        # Teams are for party members; a resident volunteer takes pool orders only.
        teams=team_lists(actor, member) if active and not member.is_volunteer else None,
        record=member_record(actor, member.id) if active else None,
        consent_text=consent.TEXT,
        activities=upcoming_for(actor) if active else [],
    )


def offer_card(actor, order) -> dict:
    """An order offered to me in person, as the pool shows it: take it or decline it."""
    return {
        "order": present(order, actor),
        "reasons": [],
        "actions": member_actions(actor, order),
        "offered": True,
    }


@bp.route("/report-in", methods=["GET", "POST"])
@login_required
def report_in():
    """报到: report in to the community where I live; the secretary confirms."""
    actor = require_actor()
    if current_member(actor) is not None:
        flash(_("You have already reported in."))
        return redirect(url_for("member.home"))
    form = Form()
    if not form.submitted:
        form = Form(prefilled(actor))
    if form.submitted:
        with form.handling():
            data = form.load(
                ReportInFormSchema(),
                "community_id",
                "member_type",
                "employer_id",
                "employer_name",
                "phone",
                "grid",
                coerce={"community_id": int, "employer_id": int},
                skills=split_skills(form.get("skills")),
                consent_employer_feedback=form.get("consent") == "yes",
            )
            services.report_in(actor, **data)
            flash(_("You have reported in. The secretary of your community will confirm it."))
            return redirect(url_for("member.home"))
    choices = services.report_in_choices()
    return render_template(
        "pages/member/report_in.html",
        form=form,
        communities=[(c.id, c.name) for c in choices["communities"]],
        employers=[(e.id, e.name) for e in choices["employers"]],
        grids=[(grid, c.name) for c in choices["communities"] for grid in c.grids or ()],
        consent_text=consent.TEXT,
        consent_version=consent.VERSION,
    ), form.status


def prefilled(actor) -> MultiDict:
    """A new report-in starts from what the user registered with; in service or not is the
    member's own explicit choice (a preselected answer failed on the employer left blank)."""
    return MultiDict(
        {
            "community_id": str(actor.community_id or ""),
            "phone": actor.phone or "",
        }
    )


def split_skills(text: str) -> list[str]:
    return [skill.strip() for skill in SKILL_SEPARATORS.split(text) if skill.strip()]


@bp.route("/consent", methods=["POST"])
@login_required
def set_consent():
    """Give or withdraw the consent to share my service record with my employer."""
    actor = require_actor()
    member = current_member(actor)
    if member is None:
        return redirect(url_for("member.report_in"))
    given = Form().get("consent") == "yes"

    def change(_form):
        data = ConsentSchema().load({"consent_employer_feedback": given})
        services.set_consent(actor, member.id, data["consent_employer_feedback"])

    return act(
        change,
        done=_("Thank you: your record will be shared with your employer.")
        if given
        else _("Consent withdrawn: your record will no longer be shared with your employer."),
        then=url_for("member.home") + "#consent",
    )
