"""Reasons in the reader's language (zh by default, en on request)."""

from flask_babel import gettext as _

from volunteer.labels import category_name
from volunteer.matching.scoring import Reason


def render(reason: Reason) -> str:
    """One reason as a short phrase a secretary can read."""
    p = reason.params
    match reason.key:
        case "serves_category":
            return _("serves category %(category)s", category=category_name(p["category"]))
        case "skill":
            return _("skill %(skill)s", skill=p["skill"])
        case "same_grid":
            return _("same grid (%(grid)s)", grid=p["grid"])
        case "same_community":
            return _("same community")
        case "same_street":
            return _("same street")
        case "no_open_claims":
            return _("no open claims")
        case "open_claims":
            return _("%(count)s open claims", count=p["count"])
        case "rating":
            return _(
                "rating %(average)s (%(count)s ratings)", average=p["average"], count=p["count"]
            )
        case "no_service_this_period":
            return _("no service this quarter")
        case "services_this_period":
            return _("%(count)s services this quarter", count=p["count"])
        case "offered_to_you":
            return _("offered to you directly")
        case "urgent":
            return _("urgent")
        case "no_active_members":
            return _("no active members")
        case "resident_volunteer":
            return _("resident volunteer (居民志愿者): dispatch to the pool")
        case "active_members":
            return _("%(count)s active members", count=p["count"])
    return reason.key
