"""Pages of the resident role: register, post, my requests, rate, reopen, cancel.

- register.py  register as a resident of a community, then log in
- following.py the hint while posting (这件事邻居已经反映过了), follow / unfollow a request
- reviews.py   定期评议: rate the community once in each open review window
- orders.py    post a request, my requests, one request with its timeline, rate / reopen /
               cancel
"""

from volunteer.pages.resident import following, orders, register, reviews  # noqa: F401  (routes)
from volunteer.pages.resident.blueprint import bp

__all__ = ["bp"]
