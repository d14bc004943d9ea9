"""Pages of residents who help neighbours, and of everyone's love bank (爱心银行).

- apply.py      a resident applies as a resident volunteer (居民志愿者)
- love_bank.py  我的爱心银行: my balance and entries, the community's 爱心超市, my redemptions
"""

from volunteer.pages.volunteer import apply, love_bank  # noqa: F401  (routes)
from volunteer.pages.volunteer.blueprint import bp

__all__ = ["bp"]
