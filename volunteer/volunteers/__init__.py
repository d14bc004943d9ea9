"""Resident volunteers (居民志愿者): residents who are no party members apply, the secretary
confirms, and they take the community's pool orders and earn love-bank credits.

A volunteer is a `Member` record of type `volunteer` (volunteer/people/models.py), so that
claiming, hours, photos and ratings are the members' own code; what differs is kept where it
is decided: no teams (teams/services.py), no direct dispatch but their pairing's visits
(orders/triage.py), counted apart in statistics and never on an employer's report."""
