"""Employment's part of the home pages: the ЕФС-1 terms, applications for certificates, one's own card."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from kadry.core.audit import record_access
from kadry.core.home import (
    DEADLINE_HORIZON,
    Deadline,
    DeadlineScope,
    Panel,
    register_deadline_kind,
    register_panel,
    register_scoped_deadlines,
)
from kadry.core.http import MemberRequest
from kadry.core.models import Membership
from kadry.core.permissions import Capability, role_can
from kadry.employment.certificate_views import own_employee
from kadry.employment.models import CertificateApplication, WorkRecordEvent
from kadry.staff.views.card import current_jobs

# A home page shows this many rows of a kind at most; the rest are on the page it links to.
HOME_LIST_LIMIT = 30
OWN_CARD = "Личная карточка: свои данные (ТК РФ ст. 89)"  # what the access log says was opened
EFS_SOURCE = "27-ФЗ, ст. 11 п. 6"
# The events as a person reads them (the ЕФС-1 codes are «ПРИЕМ», «ПЕРЕВОД», «УВОЛЬНЕНИЕ»).
EFS_EVENT_WORDS: dict[str, str] = {
    WorkRecordEvent.Kind.HIRE: "приём",
    WorkRecordEvent.Kind.TRANSFER: "перевод",
    WorkRecordEvent.Kind.DISMISSAL: "увольнение",
}


EFS_KIND = register_deadline_kind("efs", "ЕФС-1")


@register_scoped_deadlines
def efs_deadlines(scope: DeadlineScope) -> list[Deadline]:
    """The ЕФС-1 events not yet reported and due within the home page's horizon (one query).

    Later events cannot exist (the term is a working day or two after the order), and the list is
    capped: the rest wait on the ЕФС-1 page the term links to.
    """
    if not role_can(scope.role, Capability.DRAFT_ORDERS):
        return []
    events = (
        WorkRecordEvent.objects.filter(
            organisation_id__in=scope.organisation_ids,
            reported_on__isnull=True,
            deadline__lte=scope.today + DEADLINE_HORIZON,
        )
        .select_related("employee")
        .order_by("deadline", "id")[:HOME_LIST_LIMIT]
    )
    url = reverse("efs_deadlines")
    return [
        Deadline(
            kind=f"ЕФС-1, {EFS_EVENT_WORDS[event.kind]} {event.date:%d.%m.%Y}",
            subject=event.employee.short_name,
            due=event.deadline,
            source=EFS_SOURCE,
            url=url,
            action="Сроки ЕФС-1",
            code=EFS_KIND,
            organisation_id=event.organisation_id,
        )
        for event in events
    ]


@register_panel
def certificate_applications_panel(request: MemberRequest, today: dt.date) -> Panel | None:
    """The HR office: the applications for certificates not yet issued, by term (one query)."""
    membership = request.membership
    if not role_can(membership.role, Capability.EDIT_PERSONAL_DATA):
        return None
    applications = list(
        CertificateApplication.objects.filter(organisation_id=membership.organisation_id, issued_on__isnull=True)
        .select_related("employee")
        .order_by("due", "id")[:HOME_LIST_LIMIT]
    )
    return Panel(
        title="Заявления о выдаче справок (ТК РФ ст. 62)",
        template="employment/home/_applications.html",
        context={"applications": applications, "today": today},
        order=30,
    )


@register_panel
def own_card_panel(request: MemberRequest, today: dt.date) -> Panel | None:
    """A teacher: their own card, read-only (ТК РФ ст. 89), and the application for a certificate."""
    membership = request.membership
    if membership.role != Membership.Role.TEACHER:
        return None
    employee = own_employee(membership)
    if employee is not None:
        record_access(membership=membership, subject=employee, what=OWN_CARD, request=request)
    application = (
        CertificateApplication.objects.filter(organisation_id=membership.organisation_id, employee=employee)
        .order_by("-applied_on", "-id")
        .first()
        if employee is not None
        else None
    )
    return Panel(
        title="Моя карточка",
        template="employment/home/_own_card.html",
        context={
            "employee": employee,
            "jobs": current_jobs(employee, today) if employee is not None else [],
            "application": application,
        },
        order=10,
    )
