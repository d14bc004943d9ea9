"""The roles a user can be granted, and the scope each one is granted over."""

from flask_babel import lazy_gettext as _l

from volunteer.enums import Labelled


class Role(Labelled):
    """A role from docs/design.md's table."""

    RESIDENT = "resident"
    MEMBER = "member"
    SECRETARY = "secretary"
    STREET_ADMIN = "street_admin"
    EMPLOYER_CONTACT = "employer_contact"
    ADMIN = "admin"
    SURVEYOR = "surveyor"
    GRID_WORKER = "grid_worker"


# How the operator's pages name a role (members report in: their role has no grant form).
Role.__labels__ = {
    Role.SECRETARY: _l("secretary (a community)"),
    Role.STREET_ADMIN: _l("street admin (a street)"),
    Role.EMPLOYER_CONTACT: _l("employer contact (an employer)"),
    Role.ADMIN: _l("administrator (everything)"),
    Role.RESIDENT: _l("resident (a community)"),
    Role.SURVEYOR: _l("surveyor (a street)"),
    Role.GRID_WORKER: _l("grid worker (a grid)"),
}

# The scope column each grantable role needs (None: the role is global).
GRANT_SCOPE = {
    Role.RESIDENT: "community_id",
    Role.SECRETARY: "community_id",
    Role.STREET_ADMIN: "street_id",
    Role.EMPLOYER_CONTACT: "employer_id",
    Role.ADMIN: None,
    Role.SURVEYOR: "street_id",
    Role.GRID_WORKER: "grid_id",
}

# Roles an admin grants through POST /grants (residents register; members report in).
GRANTABLE = (
    Role.SECRETARY,
    Role.STREET_ADMIN,
    Role.EMPLOYER_CONTACT,
    Role.ADMIN,
    Role.SURVEYOR,
    Role.GRID_WORKER,
)
