"""Pages of the grid worker (网格员), phone-sized: my grids, the requests I filed for residents
and follow to the end (首问负责), the grid's other requests, and the 代办 form.

- views.py  the grid's page and the filing form (the posting form, for a named resident)
"""

from volunteer.pages.grid import views  # noqa: F401  (routes)
from volunteer.pages.grid.views import bp

__all__ = ["bp"]
