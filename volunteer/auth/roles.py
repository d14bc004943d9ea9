"""The roles a user can be granted, and the scope each one is granted over."""

from enum import StrEnum


class Role(StrEnum):
    """A role from docs/design.md's table."""

    RESIDENT = "resident"
    MEMBER = "member"
    SECRETARY = "secretary"
    STREET_ADMIN = "street_admin"
    EMPLOYER_CONTACT = "employer_contact"
    ADMIN = "admin"


# The scope column each grantable role needs (None: the role is global).
GRANT_SCOPE = {
    Role.RESIDENT: "community_id",
    Role.SECRETARY: "community_id",
    Role.STREET_ADMIN: "street_id",
    Role.EMPLOYER_CONTACT: "employer_id",
    Role.ADMIN: None,
}

# Roles an admin grants through POST /grants (residents register; members report in).
GRANTABLE = (Role.SECRETARY, Role.STREET_ADMIN, Role.EMPLOYER_CONTACT, Role.ADMIN)
