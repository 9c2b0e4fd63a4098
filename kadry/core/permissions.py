"""What each role may do. The one table every view and API endpoint consults.

Personal data (passport, SNILS, addresses, family, health) is read only by the roles that keep
or sign personnel records and by the auditor (152-ФЗ ст. 19: access limited to the persons whose
duties require it); the deputy director and teachers see the staff registry without it.
"""

from __future__ import annotations

from enum import StrEnum

from kadry.core.models import Membership

Role = Membership.Role


class Capability(StrEnum):
    VIEW_STAFF = "view_staff"  # the registry: names, positions, departments
    VIEW_PERSONAL_DATA = "view_personal_data"  # the personal card Т-2
    EDIT_PERSONAL_DATA = "edit_personal_data"
    VIEW_STRUCTURE = "view_structure"  # departments, positions, staffing table Т-3
    EDIT_STRUCTURE = "edit_structure"
    VIEW_ACCESS_LOG = "view_access_log"
    USE_API = "use_api"
    VIEW_ORDERS = "view_orders"  # orders, work records, ЕФС-1 deadlines
    DRAFT_ORDERS = "draft_orders"  # prepare drafts, cancellations, ЕФС-1 exports
    SIGN_ORDERS = "sign_orders"  # the director (ТК РФ ст. 68: the employer's order)
    # The class teachers' side. A class teacher reaches only the classes they lead (by order or as a
    # substitute); the roles below reach every class of the school.
    CLASS_WORK = "class_work"  # the workspace of one's own classes: attendance, class life, documents
    VIEW_ALL_CLASSES = "view_all_classes"  # every class, the overview, reports
    MANAGE_SCHOOL = "manage_school"  # school year, classes, students, guardians, import, substitutions
    VIEW_SOCIAL_DATA = "view_social_data"  # social categories and the named social passport
    VIEW_PREVENTION = "view_prevention"  # individual work and prevention cases (ПДН, КДН)
    # Writes that log: those who do the individual and prevention work with a student — the class
    # teacher (regulation on class teachers, §6.4) and the social-psychological service; the
    # administration reads it.
    KEEP_PREVENTION = "keep_prevention"
    VIEW_SECURITY_LOG = "view_security_log"  # log-ins, failures, lock-outs of the organisation's users
    MANAGE_USERS = "manage_users"  # the administrator: the organisation's users, temporary passwords
    # The production calendar's corrections: one national table for the whole installation, so only
    # the HR head and the administrator change it.
    EDIT_CALENDAR = "edit_calendar"
    MANAGE_SETTINGS = "manage_settings"  # the organisation's settings: the class-teacher allowance
    # The class teachers' plans of educational work are approved or returned by the deputy director for
    # educational work (regulation on class teachers, §7.1), and by the director above her.
    APPROVE_EDUCATION_PLANS = "approve_education_plans"


# The personnel office's capabilities (the school side is not theirs).
PERSONNEL = frozenset(
    {
        Capability.VIEW_STAFF,
        Capability.VIEW_PERSONAL_DATA,
        Capability.EDIT_PERSONAL_DATA,
        Capability.VIEW_STRUCTURE,
        Capability.EDIT_STRUCTURE,
        Capability.VIEW_ACCESS_LOG,
        Capability.USE_API,
        Capability.VIEW_ORDERS,
        Capability.DRAFT_ORDERS,
        Capability.SIGN_ORDERS,
    }
)
# Who sees every class with its social data and prevention cases: the administration and the
# social-psychological service (regulation on class teachers, §7; 152-ФЗ ст. 10 for special data).
SCHOOL_ADMINISTRATION = frozenset(
    {Capability.VIEW_ALL_CLASSES, Capability.VIEW_SOCIAL_DATA, Capability.VIEW_PREVENTION}
)

ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.ADMINISTRATOR: frozenset(
        {
            Capability.VIEW_STAFF,
            Capability.VIEW_STRUCTURE,
            Capability.EDIT_STRUCTURE,
            Capability.USE_API,
            Capability.VIEW_ALL_CLASSES,
            Capability.MANAGE_SCHOOL,
            Capability.VIEW_SECURITY_LOG,
            Capability.MANAGE_USERS,
            Capability.EDIT_CALENDAR,
            Capability.MANAGE_SETTINGS,
        }
    ),
    Role.HR_HEAD: (PERSONNEL - {Capability.SIGN_ORDERS})
    | {Capability.VIEW_SECURITY_LOG, Capability.EDIT_CALENDAR, Capability.MANAGE_SETTINGS},
    Role.HR_INSPECTOR: PERSONNEL - {Capability.VIEW_ACCESS_LOG, Capability.SIGN_ORDERS},
    Role.DIRECTOR: frozenset(
        {
            Capability.VIEW_STAFF,
            Capability.VIEW_PERSONAL_DATA,
            Capability.VIEW_STRUCTURE,
            Capability.USE_API,
            Capability.VIEW_ORDERS,
            Capability.SIGN_ORDERS,
            Capability.APPROVE_EDUCATION_PLANS,
            *SCHOOL_ADMINISTRATION,
        }
    ),
    Role.DEPUTY_DIRECTOR: frozenset(
        {
            Capability.VIEW_STAFF,
            Capability.VIEW_STRUCTURE,
            Capability.USE_API,
            Capability.MANAGE_SCHOOL,
            Capability.APPROVE_EDUCATION_PLANS,
            *SCHOOL_ADMINISTRATION,
        }
    ),
    Role.CLASS_TEACHER: frozenset(
        {
            Capability.USE_API,
            Capability.CLASS_WORK,
            Capability.VIEW_SOCIAL_DATA,
            Capability.VIEW_PREVENTION,
            Capability.KEEP_PREVENTION,
        }
    ),
    Role.TEACHER: frozenset({Capability.USE_API}),
    Role.SOCIAL_PEDAGOGUE: frozenset({Capability.USE_API, Capability.KEEP_PREVENTION, *SCHOOL_ADMINISTRATION}),
    Role.PSYCHOLOGIST: frozenset({Capability.USE_API, Capability.KEEP_PREVENTION, *SCHOOL_ADMINISTRATION}),
    Role.AUDITOR: frozenset(
        {
            Capability.VIEW_STAFF,
            Capability.VIEW_PERSONAL_DATA,
            Capability.VIEW_STRUCTURE,
            Capability.VIEW_ACCESS_LOG,
            Capability.USE_API,
            Capability.VIEW_ORDERS,
            Capability.VIEW_SECURITY_LOG,
        }
    ),
}

# The roles that see staff personal data (or, the administrator, manage who does): they must pass a
# second factor and their sessions have an absolute lifetime (issue 10; Приказ ФСТЭК № 21, ИАФ.1, УПД.10).
PERSONAL_DATA_ROLES = frozenset({Role.ADMINISTRATOR, Role.HR_HEAD, Role.HR_INSPECTOR, Role.DIRECTOR, Role.AUDITOR})


def role_can(role: str, capability: Capability) -> bool:
    """Return whether ``role`` has ``capability``."""
    return capability in ROLE_CAPABILITIES.get(role, frozenset())


def sees_personal_data(memberships: list[Membership]) -> bool:
    """Return whether any of a user's memberships has a personal-data role (switching roles is free)."""
    return any(m.role in PERSONAL_DATA_ROLES for m in memberships)
