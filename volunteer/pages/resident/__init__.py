"""Pages of the resident role: register, post, my requests, rate, reopen, cancel.

- register.py  register as a resident of a community, then log in
- orders.py    post a request, my requests, one request with its timeline, rate / reopen /
               cancel
"""

from volunteer.pages.resident import orders, register  # noqa: F401  (routes)
from volunteer.pages.resident.blueprint import bp

__all__ = ["bp"]
