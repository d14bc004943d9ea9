"""Template filters: codes as translated names, times in the community's time zone, hours."""

from datetime import datetime
from decimal import Decimal

from flask import Flask
from flask_babel import gettext as _

from volunteer import labels
from volunteer.orders.timing import zone
from volunteer.people.models import MemberType
from volunteer.satisfaction import satisfaction_name


def local_time(value: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A UTC time as the residents read it (Asia/Shanghai unless configured)."""
    return value.astimezone(zone()).strftime(fmt) if value is not None else ""


def hours(value: Decimal | float | None) -> str:
    """Hours served as people write them: 1, 1.5, 12.25 (never 1.0)."""
    return "" if value is None else f"{float(value):g}"


def duration(hours_: float | None) -> str:
    """A time span as a secretary reads it, one decimal: 0.5 小时, 26.6 小时, 3.2 天 (days
    from 48 hours on)."""
    if hours_ is None:
        return "—"
    if hours_ < 48:
        return _("%(value)s hours", value=f"{hours_:.1f}")
    return _("%(value)s days", value=f"{hours_ / 24:.1f}")


def register_filters(app: Flask) -> None:
    app.add_template_filter(duration)
    app.add_template_filter(local_time)
    app.add_template_filter(hours)
    app.add_template_filter(labels.status_name)
    app.add_template_filter(labels.category_name)
    app.add_template_filter(labels.action_name)
    app.add_template_filter(satisfaction_name)
    app.add_template_filter(lambda code: str(labels.KIND_NAMES.get(code, code)), "kind_name")
    app.add_template_filter(lambda code: str(labels.URGENCY_NAMES.get(code, code)), "urgency_name")
    app.add_template_filter(
        lambda code: str(labels.HALF_DAY_NAMES.get(code, code)), "half_day_name"
    )
    app.add_template_filter(
        lambda code: str(MemberType.labels().get(code, code)), "member_type_name"
    )
