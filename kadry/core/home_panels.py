"""Core's own home panels: the administrator's and the auditor's (their work is the logs and the users)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from kadry.core.home import Panel, register_panel
from kadry.core.http import MemberRequest
from kadry.core.models import AccessLogEntry
from kadry.core.permissions import Capability, role_can
from kadry.lib.duration import plural

# How far back the home page counts refused attempts to open personal data: a week of them is what
# the person who reviews the log looks at between two reviews.
DENIED_LOOKBACK = dt.timedelta(days=7)


@register_panel
def access_log_panel(request: MemberRequest, today: dt.date) -> Panel | None:
    """Those who review the access log: how many refused openings there were in the last week."""
    membership = request.membership
    if not role_can(membership.role, Capability.VIEW_ACCESS_LOG):
        return None
    since = timezone.make_aware(dt.datetime.combine(today - DENIED_LOOKBACK, dt.time.min))
    # The partial index on denied rows answers this count.
    denied = AccessLogEntry.objects.filter(organisation_id=membership.organisation_id, denied=True, at__gte=since)
    return Panel(
        title="Журнал доступа к персональным данным",
        template="core/_access_log_panel.html",
        context={
            "denied": (n := denied.count()),
            "refusals": plural(n, "отказ", "отказа", "отказов"),
            "since": since.date(),
        },
        order=80,
        url=reverse("access_log"),
        link="Открыть журнал доступа",
    )


@register_panel
def administration_panel(request: MemberRequest, today: dt.date) -> Panel | None:
    """The administrator's shortcuts: users, log-ins, the structure and the school's classes."""
    if not role_can(request.membership.role, Capability.MANAGE_USERS):
        return None
    links = [
        {"url": reverse("users"), "title": "Пользователи", "note": "временные пароли, сброс второго фактора"},
        {"url": reverse("security_log"), "title": "Журнал входов", "note": "входы, ошибки, блокировки"},
        {"url": reverse("structure"), "title": "Структура организации"},
        {"url": reverse("school:year_list"), "title": "Учебные годы"},
        {"url": reverse("school:home"), "title": "Классы"},
    ]
    return Panel(title="Администрирование", template="core/_links_panel.html", context={"links": links}, order=10)


@register_panel
def audit_panel(request: MemberRequest, today: dt.date) -> Panel | None:
    """The auditor reads everything and changes nothing: the places an audit starts from."""
    role = request.membership.role
    if not (role_can(role, Capability.VIEW_ACCESS_LOG) and not role_can(role, Capability.DRAFT_ORDERS)):
        return None
    links = [
        {"url": reverse("orders:list"), "title": "Приказы", "note": "подписанные и проекты"},
        {"url": reverse("employee_list"), "title": "Сотрудники"},
        {"url": reverse("efs_deadlines"), "title": "Сроки ЕФС-1"},
        {"url": reverse("security_log"), "title": "Журнал входов"},
    ]
    return Panel(title="Проверка", template="core/_links_panel.html", context={"links": links}, order=10)
