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
