"""The fixed messages of service refusals (`DomainError`) and schema errors, for the pages.

The JSON API answers in English; `volunteer.pages.forms.translated` looks a message up here to
show it in the user's language. `tests/test_refusals.py` scans the code for every such message,
so a new refusal must be added here (and translated) before the tests pass.
"""

from flask_babel import lazy_gettext as _l

REFUSALS = {
    # auth
    "Missing or invalid credentials.": _l("Missing or invalid credentials."),
    "Only an administrator may do this.": _l("Only an administrator may do this."),
    "No user of this name.": _l("No user of this name."),
    "No such user.": _l("No such user."),
    "No such record.": _l("No such record."),
    "The user already holds this role here.": _l("The user already holds this role here."),
    "No such grant.": _l("No such grant."),
    "3 to 32 characters: lower-case letters, digits or _.": _l(
        "3 to 32 characters: lower-case letters, digits or _."
    ),
    "No such community.": _l("No such community."),
    "This username is taken.": _l("This username is taken."),
    "Too many failed logins for this username; try again later.": _l(
        "Too many failed logins for this username; try again later."
    ),
    "Wrong username or password.": _l("Wrong username or password."),
    # matching
    "Only the community's secretary sets auto-dispatch.": _l(
        "Only the community's secretary sets auto-dispatch."
    ),
    "Not an active team of this community.": _l("Not an active team of this community."),
    "No auto-dispatch rule for this category.": _l("No auto-dispatch rule for this category."),
    "The pool is for active members.": _l("The pool is for active members."),
    # notifications
    "No such notification.": _l("No such notification."),
    "Follow-ups are for secretaries.": _l("Follow-ups are for secretaries."),
    "No such follow-up.": _l("No such follow-up."),
    "This follow-up is done.": _l("This follow-up is done."),
    # orders
    "This key was used for a different request body.": _l(
        "This key was used for a different request body."
    ),
    "No such order.": _l("No such order."),
    "Only the community's secretary or the street admin may do this.": _l(
        "Only the community's secretary or the street admin may do this."
    ),
    "Only the resident who ordered may do this.": _l("Only the resident who ordered may do this."),
    "The rating window has passed.": _l("The rating window has passed."),
    "Only the resident cancels; the secretary may reject instead.": _l(
        "Only the resident cancels; the secretary may reject instead."
    ),
    "Only the resident who ordered may cancel.": _l("Only the resident who ordered may cancel."),
    "Name the community.": _l("Name the community."),
    "Only the community's secretary posts on a resident's behalf.": _l(
        "Only the community's secretary posts on a resident's behalf."
    ),
    "A secretary posts for a named resident (代办).": _l(
        "A secretary posts for a named resident (代办)."
    ),
    "Only the community's residents post orders here.": _l(
        "Only the community's residents post orders here."
    ),
    "The image has too many pixels.": _l("The image has too many pixels."),
    "Not a JPEG, PNG or WebP image.": _l("Not a JPEG, PNG or WebP image."),
    "Only the resident or the claimer adds photos.": _l(
        "Only the resident or the claimer adds photos."
    ),
    "A photo may be at most 5 MB.": _l("A photo may be at most 5 MB."),
    "This order already has 3 photos here.": _l("This order already has 3 photos here."),
    "No such photo.": _l("No such photo."),
    "Give exactly one of team_id, member_id or pool: true.": _l(
        "Give exactly one of team_id, member_id or pool: true."
    ),
    "Hours are counted in steps of 0.5.": _l("Hours are counted in steps of 0.5."),
    "An escalated order is handled by the street.": _l(
        "An escalated order is handled by the street."
    ),
    "Not another open order of the same community.": _l(
        "Not another open order of the same community."
    ),
    "Not an active team this order can be dispatched to.": _l(
        "Not an active team this order can be dispatched to."
    ),
    "Not an active member this order can be offered to.": _l(
        "Not an active member this order can be offered to."
    ),
    "The due time must lie in the future.": _l("The due time must lie in the future."),
    "The community's secretary escalates its orders.": _l(
        "The community's secretary escalates its orders."
    ),
    "This order is offered to someone else.": _l("This order is offered to someone else."),
    "Only the member this order was offered to may decline it.": _l(
        "Only the member this order was offered to may decline it."
    ),
    "Only the claimer or the secretary may release this order.": _l(
        "Only the claimer or the secretary may release this order."
    ),
    "Only the member who claimed this order may complete it.": _l(
        "Only the member who claimed this order may complete it."
    ),
    # organisations
    "A street of this name exists.": _l("A street of this name exists."),
    "No such street.": _l("No such street."),
    "This street already has a community of this name.": _l(
        "This street already has a community of this name."
    ),
    "Only the community's secretary may do this.": _l(
        "Only the community's secretary may do this."
    ),
    "Only an administrator or a street admin may add employers.": _l(
        "Only an administrator or a street admin may add employers."
    ),
    "An employer of this name exists.": _l("An employer of this name exists."),
    # pages
    "No community to post in.": _l("No community to post in."),
    "Only a community's secretary may do this.": _l("Only a community's secretary may do this."),
    # people
    "Report in to the community you live in.": _l("Report in to the community you live in."),
    "Required for an in-service member.": _l("Required for an in-service member."),
    "No such employer.": _l("No such employer."),
    "Only in-service members have an employer.": _l("Only in-service members have an employer."),
    "You have already reported in.": _l("You have already reported in."),
    "No such member.": _l("No such member."),
    "Only the member decides on sharing their record.": _l(
        "Only the member decides on sharing their record."
    ),
    "Only the member or the secretary may do this.": _l(
        "Only the member or the secretary may do this."
    ),
    "The member has already left.": _l("The member has already left."),
    "Only secretaries and street admins list members.": _l(
        "Only secretaries and street admins list members."
    ),
    # reports
    "The employer has no report e-mail address.": _l("The employer has no report e-mail address."),
    "The member has not consented to share the service record.": _l(
        "The member has not consented to share the service record."
    ),
    "The period starts after it ends.": _l("The period starts after it ends."),
    "Not a year that can be evaluated.": _l("Not a year that can be evaluated."),
    "Evaluations are for the member and the community's secretary.": _l(
        "Evaluations are for the member and the community's secretary."
    ),
    "No such report.": _l("No such report."),
    "Only an administrator or a street admin may do this.": _l(
        "Only an administrator or a street admin may do this."
    ),
    "Reports are for administrators, street admins and employers.": _l(
        "Reports are for administrators, street admins and employers."
    ),
    "The period ends before it starts.": _l("The period ends before it starts."),
    "A report covers at most two years.": _l("A report covers at most two years."),
    "Only an administrator or a street admin may draft reports.": _l(
        "Only an administrator or a street admin may draft reports."
    ),
    "Only the employer's contact acknowledges its report.": _l(
        "Only the employer's contact acknowledges its report."
    ),
    # schemas.py:15
    "Text may not contain NUL characters.": _l("Text may not contain NUL characters."),
    # schemas.py:84
    "Not a mainland China mobile number.": _l("Not a mainland China mobile number."),
    # stats
    "Statistics are for secretaries, street admins and admins.": _l(
        "Statistics are for secretaries, street admins and admins."
    ),
    # teams
    "No such team.": _l("No such team."),
    "Only an active member or the secretary may create teams here.": _l(
        "Only an active member or the secretary may create teams here."
    ),
    "This community already has a team of this name.": _l(
        "This community already has a team of this name."
    ),
    "Only the secretary decides on proposed teams.": _l(
        "Only the secretary decides on proposed teams."
    ),
    "Only an active member of this community may join its teams.": _l(
        "Only an active member of this community may join its teams."
    ),
    "You are already in this team.": _l("You are already in this team."),
    "This member is not in the team.": _l("This member is not in the team."),
}
