"""Pages of the member role (党员): report in, my service, teams, the pool, claim and complete.

- home.py    报到 (report in), my service page, consent to share the record
- teams.py   join and leave teams, propose an "N" team
- pool.py    the pool ranked for me, with direct offers first
- orders.py  one order as I may see it, and claim / decline / release / complete
- record.py  my service record (服务记录)
- pledges.py my pledges (承诺 · 践诺), shown on my home page
- activities.py  community activities (sign up, withdraw) and my certificates (志愿服务证明)
"""

from volunteer.pages.member import (  # noqa: F401  (routes)
    activities,
    home,
    orders,
    pledges,
    pool,
    record,
    teams,
)
from volunteer.pages.member.blueprint import bp

__all__ = ["bp"]
