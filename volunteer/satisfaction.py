"""The one rating scale people see: 满意 / 基本满意 / 不满意 (docs/design.md, "Satisfaction").

The API keeps the 1–5 score; every page, timeline, follow-up, notification and report shows
the score's word from here: 5–4 满意, 3 基本满意, 2–1 不满意."""

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from volunteer.enums import Labelled


class Satisfaction(Labelled):
    """A rating as residents choose it; `score` is what the form stores for the choice."""

    SATISFIED = "satisfied"
    BASICALLY_SATISFIED = "basically_satisfied"
    DISSATISFIED = "dissatisfied"

    @classmethod
    def of_score(cls, score: int) -> "Satisfaction":
        if score >= 4:
            return cls.SATISFIED
        if score == 3:
            return cls.BASICALLY_SATISFIED
        return cls.DISSATISFIED

    @property
    def score(self) -> int:
        return SCORES[self]


Satisfaction.__labels__ = {
    Satisfaction.SATISFIED: _l("Satisfied"),
    Satisfaction.BASICALLY_SATISFIED: _l("Fairly satisfied"),
    Satisfaction.DISSATISFIED: _l("Dissatisfied"),
}

SCORES = {
    Satisfaction.SATISFIED: 5,
    Satisfaction.BASICALLY_SATISFIED: 3,
    Satisfaction.DISSATISFIED: 1,
}


def satisfaction_name(score: int | None) -> str:
    """The word for a score in the reader's language; "" when not rated."""
    return "" if score is None else str(Satisfaction.of_score(score).label)


def satisfaction_word(score: int) -> str:
    """The word in Chinese, for stored messages (notifications, e-mails)."""
    with force_locale("zh_Hans_CN"):
        return str(Satisfaction.of_score(score).label)


def rating_note(score: int, comment: str | None) -> str:
    """The rating as the timeline keeps it (after a rework, the order's own rating is gone)."""
    word = satisfaction_word(score)
    return f"{word}：{comment}" if comment else word
