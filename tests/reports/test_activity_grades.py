"""The suggested grade counts activity hours (volunteer/reports/grades.py): every full 2 hours
of attended activities is one more completed service, on time and unrated."""

from volunteer.reports.grades import Tally, suggest_grade


def tally(completed=0, on_time=0, rated=0, satisfied=0, activity_hours=0.0) -> Tally:
    return Tally(completed, on_time, rated, satisfied, activity_hours)


def test_activities_alone_lift_a_member_above_unqualified():
    assert suggest_grade(tally()) == "unqualified"
    assert suggest_grade(tally(activity_hours=1.5)) == "unqualified"
    assert suggest_grade(tally(activity_hours=2)) == "basically_qualified"
    assert suggest_grade(tally(activity_hours=4)) == "qualified"


def test_activity_hours_count_towards_excellent():
    orders = {"completed": 3, "on_time": 3, "rated": 3, "satisfied": 3}
    assert suggest_grade(tally(**orders)) == "qualified"
    assert suggest_grade(tally(**orders, activity_hours=5.5)) == "qualified"
    assert suggest_grade(tally(**orders, activity_hours=6)) == "excellent"


def test_activity_services_raise_the_on_time_share():
    late = {"completed": 2, "on_time": 1, "rated": 0, "satisfied": 0}
    assert suggest_grade(tally(**late)) == "basically_qualified"
    assert suggest_grade(tally(**late, activity_hours=2)) == "qualified"
