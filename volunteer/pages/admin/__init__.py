"""Pages of the operator (管理员): streets, communities, employers and role grants.

- organisations.py  streets, communities and employers; role grants
"""

from volunteer.pages.admin.organisations import bp

__all__ = ["bp"]
