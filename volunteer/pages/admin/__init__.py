"""Pages of the operator (管理员): streets, communities, employers and role grants.

- organisations.py  streets, communities and employers, each with its create form
- editing.py        edit or retire a street, a community or an employer
- users.py          the users list with search; disable or enable an account
- grants.py         choose a user from a search, grant a role over its scope, revoke
"""

from volunteer.pages.admin import editing, grants, organisations, users  # noqa: F401  (routes)
from volunteer.pages.admin.blueprint import bp

__all__ = ["bp"]
