"""Pages of the employer contact: its members' feedback reports.

- reports.py  the reports, one report with its files, acknowledging
"""

from volunteer.pages.employer.reports import bp

__all__ = ["bp"]
