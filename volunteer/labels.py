"""Human names of the codes that appear in pages, reports and exports (translated)."""

from flask_babel import lazy_gettext as _l

STATUS_NAMES = {
    "submitted": _l("submitted"),
    "accepted": _l("accepted"),
    "dispatched": _l("dispatched"),
    "claimed": _l("claimed"),
    "completed": _l("completed"),
    "closed": _l("closed"),
    "escalated": _l("escalated"),
    "rejected": _l("rejected"),
    "merged": _l("merged"),
    "cancelled": _l("cancelled"),
}

CATEGORY_NAMES = {
    "policy": _l("policy outreach"),
    "patrol": _l("joint patrol"),
    "mediation": _l("mediation"),
    "eldercare": _l("elderly care"),
    "repair": _l("appliance repair"),
    "environment": _l("environment"),
    "legal": _l("legal advice"),
    "health": _l("health care"),
    "other": _l("other"),
}


def status_name(code: str) -> str:
    return str(STATUS_NAMES.get(code, code))


def category_name(code: str) -> str:
    return str(CATEGORY_NAMES.get(code, code))


ACTION_NAMES = {
    "submit": _l("submitted"),
    "accept": _l("accepted"),
    "reject": _l("rejected"),
    "merge": _l("merged"),
    "dispatch": _l("dispatched"),
    "escalate": _l("escalated to the street"),
    "claim": _l("claimed"),
    "decline": _l("declined"),
    "release": _l("released"),
    # Not the status msgid "completed": in Chinese the member's step is 办结 while the
    # status it leads to reads 待评价 (awaiting the resident's rating).
    "complete": _l("service completed"),
    "rate": _l("rated"),
    "reopen": _l("reopened"),
    "cancel": _l("cancelled"),
    "auto_close": _l("closed automatically"),
    "remind_claim": _l("reminded to claim"),
    "remind_due": _l("reminded of the time limit"),
    "supervise": _l("overdue supervision"),  # the community's or the street's: see the note
}

REPORT_STATUS_NAMES = {
    "draft": _l("draft"),
    "sent": _l("sent, awaiting acknowledgement"),
    "acknowledged": _l("acknowledged by the employer"),
}

TEAM_STATUS_NAMES = {
    "proposed": _l("awaiting approval"),
    "active": _l("in service"),
    "rejected": _l("not approved"),
}

MEMBER_STATUS_NAMES = {
    "pending": _l("pending confirmation"),
    "active": _l("reported in"),
    "left": _l("transferred out"),
}

KIND_NAMES = {"wish": _l("micro-wish"), "need": _l("service need")}

URGENCY_NAMES = {"normal": _l("normal"), "urgent": _l("urgent")}

# The three choices residents see (docs/design.md, "Satisfaction"): 满意 / 基本满意 / 不满意.
SCORE_CHOICES = ((5, _l("Satisfied")), (3, _l("Fairly satisfied")), (1, _l("Dissatisfied")))

MEMBER_TYPE_NAMES = {"in_service": _l("in-service member"), "community": _l("community member")}


def action_name(code: str) -> str:
    return str(ACTION_NAMES.get(code, code))


def named(names: dict) -> list[tuple[str, str]]:
    """(code, translated name) pairs for a chooser."""
    return [(code, str(name)) for code, name in names.items()]
