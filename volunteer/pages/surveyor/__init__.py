"""Pages of the surveyor (回访员): the open sampled orders of the street, one call at a time,
on a phone.

- calls.py  the list of orders to call, one order with the resident's contact (while it is
            open; each view logged) and the form that records the call
"""

from volunteer.pages.surveyor import calls  # noqa: F401  (routes)
from volunteer.pages.surveyor.calls import bp

__all__ = ["bp"]
