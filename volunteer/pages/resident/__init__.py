"""Pages of the resident role: register, post, my requests, rate, reopen, cancel.

- orders.py  register, my requests, one request with its timeline, rate / reopen / cancel
"""

from volunteer.pages.resident.orders import bp

__all__ = ["bp"]
