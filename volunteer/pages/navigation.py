"""Where each role goes: the links of the role bar and the tiles of the start page."""

from flask import current_app
from flask_babel import lazy_gettext as _l

from volunteer.auth.roles import Role
from volunteer.pages.counts import waiting_all
from volunteer.people.models import MemberStatus

SATISFACTION = (
    "satisfaction_desk.home",
    _l("Satisfaction index"),
    _l("Samples, periodic reviews, the index and the yearly assessment."),
)
RESET_CODES = (
    "desk_accounts.reset_codes",
    _l("Reset codes"),
    _l("A one-time code for a resident's forgotten password."),
)

ACTIVITIES = (
    "desk_activities.activities",
    _l("Activities"),
    _l("党员公益日: post, QR check-in, hours."),
)
OPINIONS = (
    "desk_activities.opinions_list",
    _l("Opinion requests"),
    _l("干部考察进社区: employers ask about members."),
)

# role → (endpoint, link text, what the page is for)
ROLE_LINKS = {
    "resident": (
        ("resident.new_order", _l("Post a request"), _l("A micro-wish or a service need.")),
        ("resident.orders", _l("My requests"), _l("Follow every step; rate the result.")),
        (
            "resident.reviews",
            _l("Periodic review"),
            _l("Rate your community's service (定期评议)."),
        ),
    ),
    "grid_worker": (
        ("grid.home", _l("My grid"), _l("What you filed and follow (首问负责).")),
        ("grid.new_order", _l("File for a resident"), _l("代办 for a resident of your grid.")),
    ),
    "surveyor": (("surveyor.calls", _l("Call-backs"), _l("Call back the sampled orders (回访).")),),
    "member": (
        ("member.pool", _l("Take orders"), _l("Orders waiting for you and your teams.")),
        ("member.home", _l("My service"), _l("My orders, my teams, my service record.")),
        ("member.activities", _l("Activities"), _l("Sign up for the community's activities.")),
        (
            "member.certificates_list",
            _l("Certificates"),
            _l("志愿服务证明 of your hours, verifiable by anyone."),
        ),
    ),
    "volunteer": (
        ("member.pool", _l("Take orders"), _l("Neighbours' requests in the community pool.")),
        ("member.home", _l("My service"), _l("My orders and my service record.")),
    ),
    "love_bank": (
        (
            "volunteer.love_bank",
            _l("My love bank"),
            _l("爱心银行: my credits and the love shop."),
        ),
    ),
    "not_volunteer": (
        (
            "volunteer.apply",
            _l("Volunteer (居民志愿者)"),
            _l("Help your neighbours and earn love-bank credits."),
        ),
    ),
    "pending_member": (
        ("member.home", _l("My service"), _l("Your report-in waits for the secretary.")),
    ),
    "not_member": (
        ("member.report_in", _l("Report in (报到)"), _l("Party members: report in here.")),
    ),
    "secretary": (
        ("desk.inbox", _l("Inbox"), _l("Triage and dispatch new requests.")),
        ("desk.overdue", _l("Overdue"), _l("Orders past their time limit.")),
        (
            "desk.follow_ups",
            _l("Follow-ups"),
            _l("Call back dissatisfied residents; redo the work."),
        ),
        (
            "desk.proxy_order",
            _l("Post for a resident"),
            _l("代办: post on a resident's behalf."),
        ),
        ("roster.members", _l("Members"), _l("Confirm report-ins; evaluations.")),
        ("roster.teams", _l("Teams"), _l("The 8+N teams and auto-dispatch.")),
        ("desk_grids.grids", _l("Grids"), _l("网格 and their grid workers (网格员).")),
        ACTIVITIES,
        OPINIONS,
        RESET_CODES,
        ("dashboard.index", _l("Statistics"), _l("Rates, trends, teams and idle members.")),
        SATISFACTION,
        (
            "love_bank_desk.volunteer_list",
            _l("Volunteers"),
            _l("Confirm residents who volunteer (居民志愿者)."),
        ),
        (
            "love_bank_desk.shop_desk",
            _l("Love shop"),
            _l("爱心超市: the catalogue; hand items over by code."),
        ),
        ("love_bank_desk.ledger", _l("Love bank ledger"), _l("爱心银行: the community's books.")),
        (
            "love_bank_desk.pairing_list",
            _l("Pairings"),
            _l("结对帮扶: households, visits, contact cards."),
        ),
    ),
    "street_admin": (
        ("desk.escalated", _l("Escalated"), _l("What the communities could not handle.")),
        ("desk.overdue", _l("Overdue"), _l("Overdue orders of every community.")),
        (
            "desk.follow_ups",
            _l("Follow-ups"),
            _l("Call back dissatisfied residents; redo the work."),
        ),
        ("dashboard.index", _l("Statistics"), _l("The street's rates and communities.")),
        SATISFACTION,
        ACTIVITIES,
        RESET_CODES,
        (
            "reports_desk.index",
            _l("Feedback reports"),
            _l("Draft and send the employers' reports."),
        ),
    ),
    "employer_contact": (
        ("employer.reports", _l("Reports"), _l("Feedback on your members' service.")),
    ),
    "admin": (
        ("admin.index", _l("Administration"), _l("Streets, communities, employers, roles.")),
        ("dashboard.index", _l("Statistics"), _l("Figures of every street.")),
        (
            "reports_desk.index",
            _l("Feedback reports"),
            _l("Draft and send the employers' reports."),
        ),
    ),
}


def roles_of(user) -> list[str]:
    """The roles whose links this user sees, desk roles first."""
    roles = []
    if user.is_admin:
        roles.append("admin")
    if user.street_admin_of:
        roles.append("street_admin")
    if user.secretary_of:
        roles.append("secretary")
    if user.contact_of:
        roles.append("employer_contact")
    if user.surveyor_of:
        roles.append("surveyor")
    if user.grid_worker_of:
        roles.append("grid_worker")
    if user.member is not None and user.member.status == MemberStatus.ACTIVE:
        roles.append("volunteer" if user.member.is_volunteer else "member")
        roles.append("love_bank")
    elif user.member is not None and user.member.status == MemberStatus.PENDING:
        roles.append("pending_member")
    if user.grants_of(Role.RESIDENT):
        roles.append("resident")
    if user.member is None and user.grants_of(Role.RESIDENT):
        roles.append("not_member")  # party members report in where they live
        roles.append("not_volunteer")  # residents who are not party members volunteer
    return roles


def links_for(user) -> list[dict]:
    """The user's links, each once, in role order; only pages that exist. A link to where
    something waits for the user carries `count` (how many) and `count_name` (待办 …)."""
    if not user.is_authenticated:
        return []
    seen, links = set(), []
    for role in roles_of(user):
        for endpoint, text, purpose in ROLE_LINKS[role]:
            if endpoint in seen or endpoint not in current_app.view_functions:
                continue
            seen.add(endpoint)
            links.append({"endpoint": endpoint, "text": text, "purpose": purpose, "role": role})
    counts = waiting_all(user, [(link["role"], link["endpoint"]) for link in links])
    for link, counted in zip(links, counts, strict=True):
        if counted is not None:
            link["count_name"], link["count"] = counted
    return links
