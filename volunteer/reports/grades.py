"""The four grades of the yearly evaluation and the grade the system suggests.

The suggestion reads the member's service record over the year; the secretary decides.

- unqualified 不合格: no order completed in the year;
- excellent 优秀: at least 6 completed, at least 90 % of them on time, and at least 3 rated
  with at least 90 % satisfied (满意 or 基本满意);
- qualified 合格: at least 2 completed, at least 60 % on time, and nothing rated or at
  least 70 % satisfied;
- basically_qualified 基本合格: anything else with at least one completion.

Community activities count as service too: every full 2 hours of attended activities
(activity_hours, as fixed at the activity's close) count as one more completed service, on
time (an activity has no due time) and unrated. So a member who only takes part in the
community's activities is judged by the same thresholds: 4 hours of 党员公益日 are 2
services (合格 when nothing else pulls it down); 12 hours with 3 well-rated orders on time
make 优秀.
"""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from volunteer.enums import Labelled


class Grade(Labelled):
    EXCELLENT = "excellent"
    QUALIFIED = "qualified"
    BASICALLY_QUALIFIED = "basically_qualified"
    UNQUALIFIED = "unqualified"


# In the reader's language (pages); GRADES below are the fixed Chinese of the documents.
Grade.__labels__ = {
    Grade.EXCELLENT: _l("Excellent"),
    Grade.QUALIFIED: _l("Qualified"),
    Grade.BASICALLY_QUALIFIED: _l("Basically qualified"),
    Grade.UNQUALIFIED: _l("Unqualified"),
}

# Keyed by str | None: a member not yet graded has no label.
GRADES: dict[str | None, str] = {
    "excellent": "优秀",
    "qualified": "合格",
    "basically_qualified": "基本合格",
    "unqualified": "不合格",
}

EXCELLENT_COMPLETED = 6
EXCELLENT_RATE = 0.9
EXCELLENT_RATED = 3
QUALIFIED_COMPLETED = 2
QUALIFIED_ON_TIME = 0.6
QUALIFIED_SATISFACTION = 0.7
ACTIVITY_HOURS_PER_SERVICE = 2.0


@dataclass(frozen=True)
class Tally:
    """What the suggestion needs from a service record."""

    completed: int
    on_time: int
    rated: int
    satisfied: int
    activity_hours: float = 0.0

    @property
    def activity_services(self) -> int:
        """Full blocks of activity hours, each counted as one completed service."""
        return int(self.activity_hours // ACTIVITY_HOURS_PER_SERVICE)


def suggest_grade(tally: Tally) -> str:
    """The grade the record suggests (see the module's rules)."""
    completed = tally.completed + tally.activity_services
    if completed == 0:
        return "unqualified"
    on_time = (tally.on_time + tally.activity_services) / completed
    satisfaction = tally.satisfied / tally.rated if tally.rated else None
    if (
        completed >= EXCELLENT_COMPLETED
        and on_time >= EXCELLENT_RATE
        and tally.rated >= EXCELLENT_RATED
        and satisfaction is not None
        and satisfaction >= EXCELLENT_RATE
    ):
        return "excellent"
    if (
        completed >= QUALIFIED_COMPLETED
        and on_time >= QUALIFIED_ON_TIME
        and (satisfaction is None or satisfaction >= QUALIFIED_SATISFACTION)
    ):
        return "qualified"
    return "basically_qualified"
