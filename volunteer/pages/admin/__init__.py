"""Pages of the operator (管理员): streets, communities, employers and role grants.

- organisations.py  streets, communities and employers, each with its create form
- grants.py         find a user, grant a role over its scope, revoke
"""

from volunteer.pages.admin import grants, organisations  # noqa: F401  (routes)
from volunteer.pages.admin.blueprint import bp

__all__ = ["bp"]
