"""API of the access log: who opened whose personal data, for the roles that audit it (the HR head, the auditor).

The same rule as the page ``/access-log/``: the capability to view the log (404 for other roles), the
token's organisation only, newest first, a page at a time and the total counted up to a cap (the
log only grows). Reading the log is not itself logged, as on the page: it would log every audit.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from kadry.api.endpoints import Pagination, typed
from kadry.api.enums import field_enum
from kadry.api.errors import validated
from kadry.core.access import require
from kadry.core.audit import access_log_entries
from kadry.core.forms import AccessLogFilterForm
from kadry.core.http import MemberRequest
from kadry.core.models import AccessLogEntry, Membership
from kadry.core.permissions import Capability

router = Router(tags=["Журнал доступа к персональным данным"])
MembershipRole = field_enum(Membership, "role")
EMPLOYEE_SUBJECT = "staff.employee"  # AccessLogEntry.subject_type of a staff member's data
# The page's cap on counting (kadry.core.views.ACCESS_LOG_COUNTED): older entries are reached by the filters.
COUNTED = 10_000


class AccessLogFilters(Schema):
    start: dt.date | None = Field(None, description="с даты (включительно, по местному времени)")
    end: dt.date | None = Field(None, description="по дату (включительно)")
    user: int | None = Field(None, description="id пользователя, открывшего данные")
    employee: int | None = Field(None, description="id сотрудника, чьи данные открыты")
    denied: bool = Field(False, description="только отказы в доступе")


class AccessLogEntryOut(Schema):
    id: int
    at: dt.datetime
    user: int | None = Field(description="id пользователя; null — пользователь удалён")
    user_name: str
    role: MembershipRole  # type: ignore[valid-type]
    subject_type: str = Field(description="чьи данные: staff.employee, school.student, …")
    subject_id: int
    subject: str = Field(description="чьи данные; при отказе пусто — данные чужой организации не копируются")
    what: str
    ip_address: str | None
    channel: str = Field(description="web или api")
    denied: bool

    @staticmethod
    def resolve_user(entry: AccessLogEntry) -> int | None:
        return entry.actor_id

    @staticmethod
    def resolve_user_name(entry: AccessLogEntry) -> str:
        actor = entry.actor
        return "" if actor is None else actor.get_full_name() or actor.username

    @staticmethod
    def resolve_subject(entry: AccessLogEntry) -> str:
        return entry.subject_repr


class CappedPagination(Pagination):
    """Pagination whose ``count`` stops at ``COUNTED``: a bounded count however long the log grows."""

    def _items_count(self, queryset: QuerySet[Any]) -> int:
        return int(queryset.order_by()[:COUNTED].count())


@router.get("/access-log", response=list[AccessLogEntryOut], summary="Журнал доступа к персональным данным")
@paginate(CappedPagination)
@typed()
def access_log(request: MemberRequest, filters: Query[AccessLogFilters]) -> QuerySet[AccessLogEntry]:
    """List the openings of personal data, newest first; ``count`` stops at 10 000 (narrow the period for older ones)."""
    membership = require(request.membership, Capability.VIEW_ACCESS_LOG)
    data = validated(
        AccessLogFilterForm({"start": filters.start, "end": filters.end, "denied": filters.denied, "q": ""})
    )
    entries = access_log_entries(membership.organisation_id, data)
    if filters.user is not None:
        entries = entries.filter(actor_id=filters.user)
    if filters.employee is not None:
        entries = entries.filter(subject_type=EMPLOYEE_SUBJECT, subject_id=filters.employee)
    return entries.select_related("actor").order_by("-at", "-id")
