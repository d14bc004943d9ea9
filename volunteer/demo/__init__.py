"""The demo district (`volunteer demo`, `volunteer up` on an empty database): its organisation
and people (district.py), a few months of orders told as histories of named steps
(histories.py, steps.py, orders.py), the employers' feedback reports (reports.py), community
activities, a certificate and an opinion request (activities.py), a voice note and a booked
visit (intake.py), the satisfaction index's samples, reviews and pledges (satisfaction.py),
and the love bank's volunteers, shop and pairings (love_bank.py)."""

from volunteer.demo.activities import seed_activities
from volunteer.demo.district import DEMO_PASSWORD, seed_district
from volunteer.demo.intake import seed_intake
from volunteer.demo.love_bank import seed_love_bank
from volunteer.demo.orders import seed_orders, supervise_overdue_orders
from volunteer.demo.reports import seed_reports
from volunteer.demo.satisfaction import seed_satisfaction

__all__ = ["DEMO_PASSWORD", "seed_demo"]


def seed_demo() -> list[tuple[str, str]]:
    """Seed the district through the services; returns (username, description) logins."""
    logins, secretaries = seed_district()
    by_community = {s.community_id: s for s in secretaries if s.community_id is not None}
    seed_orders(by_community)
    seed_activities(by_community)
    seed_reports(by_community)
    seed_intake(by_community)
    logins += seed_love_bank(by_community)
    supervise_overdue_orders()
    logins += seed_satisfaction(by_community)
    return logins
