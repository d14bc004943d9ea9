"""Human names of the codes that appear in pages, reports and exports (translated).

The coded columns' names live with their enums (`Enum.label`, `Enum.labels()`); the order's
are gathered here for the pages, beside the categories, which are not an enum."""

from flask_babel import lazy_gettext as _l

from volunteer.orders.states import Action, Kind, OrderStatus, Urgency
from volunteer.satisfaction import Satisfaction

STATUS_NAMES = OrderStatus.labels()

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


ACTION_NAMES = Action.labels()

KIND_NAMES = Kind.labels()

URGENCY_NAMES = Urgency.labels()

# 预约服务: the two half-days an appointment is made for (orders/appointments.py).
HALF_DAY_NAMES = {"am": _l("morning"), "pm": _l("afternoon")}

# The three choices residents see (docs/design.md, "Satisfaction"): 满意 / 基本满意 / 不满意,
# each stored as its score; volunteer/satisfaction.py names any score with the same words.
SCORE_CHOICES = tuple((choice.score, choice.label) for choice in Satisfaction)


def action_name(code: str) -> str:
    return str(ACTION_NAMES.get(code, code))


def named(names: dict) -> list[tuple[str, str]]:
    """(code, translated name) pairs for a chooser."""
    return [(code, str(name)) for code, name in names.items()]
