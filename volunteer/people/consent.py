"""The consent to share the service record with the employer (PIPL art. 23): its one text and
its version. The report-in page shows TEXT; `record_consent` keeps VERSION with each consent.

Change VERSION whenever TEXT changes in substance, so that every member's recorded consent
names the words they agreed to (a translation of the same words is the same version).
"""

from flask_babel import lazy_gettext as _l

VERSION = "2026-01"

TEXT = _l(
    "I agree that the community party organisation shares my volunteer service record with "
    "the party organisation of my employer, for its annual assessment and democratic "
    "evaluation of party members: the orders I completed and how many on time, the hours I "
    "served, the residents' ratings and some of their comments, my teams, and the "
    "community's yearly evaluation of me. No resident's name, address or phone number is "
    "shared. This consent is separate from reporting in: I can report in without it. I can "
    "withdraw it at any time on my service page; after that nothing more is shared, while "
    "reports already sent stay with the employer."
)
