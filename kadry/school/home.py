"""The school's part of the home pages: a class teacher's day, the administration's glance, the flags."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from kadry.core.home import Panel, register_panel
from kadry.core.http import MemberRequest
from kadry.core.models import Membership
from kadry.core.permissions import Capability, role_can
from kadry.lib.duration import plural
from kadry.school import access_log
from kadry.school.access import classes_for
from kadry.school.models import SchoolClass
from kadry.school.queries.attendance import flagged_students
from kadry.school.queries.overview import overview
from kadry.school.services.attendance import thresholds_of

# Who looks at the flagged students first: the social-psychological service (120-ФЗ ст. 14 — the
# school identifies the students who miss classes without a good reason and works with them).
FLAG_WATCHERS = frozenset({Membership.Role.SOCIAL_PEDAGOGUE, Membership.Role.PSYCHOLOGIST})
# Who is shown all classes at a glance: the administration.
GLANCE_WATCHERS = frozenset({Membership.Role.DEPUTY_DIRECTOR, Membership.Role.DIRECTOR})
# A home page lists this many classes (or students) at most; the rest are on the page it links to.
HOME_LIST_LIMIT = 15


@register_panel
def my_classes_panel(request: MemberRequest, today: dt.date) -> Panel | None:
    """A class teacher: today's attendance of each class they lead (four queries)."""
    membership = request.membership
    if not role_can(membership.role, Capability.CLASS_WORK):
        return None
    classes = classes_for(membership, on=today) if membership.employee_id else SchoolClass.objects.none()
    rows = overview(classes, today=today)
    return Panel(
        title="Посещаемость моих классов сегодня",
        template="school/home/_my_classes.html",
        context={"rows": rows, "today": today},
        order=10,
        url=reverse("school:home"),
        link="Мои классы",
    )


@register_panel
def glance_panel(request: MemberRequest, today: dt.date) -> Panel | None:
    """The deputy director and the director: the overview's figures and the classes not marked today."""
    membership = request.membership
    if membership.role not in GLANCE_WATCHERS:
        return None
    rows = overview(classes_for(membership, on=today), today=today)
    not_marked = [row for row in rows if not row.marked_today]
    return Panel(
        title="Классы сегодня",
        template="school/home/_glance.html",
        context={
            "classes": len(rows),
            "not_marked": not_marked[:HOME_LIST_LIMIT],
            "not_marked_count": len(not_marked),
            "unresolved": sum(row.unresolved for row in rows),
            "meetings_due": sum(1 for row in rows if row.meeting_due),
            "late_notices": sum(row.late_notice_events for row in rows),
        },
        order=30,
        url=reverse("school:overview"),
        link="Все классы на сегодня",
    )


@register_panel
def flags_panel(request: MemberRequest, today: dt.date) -> Panel | None:
    """The social pedagogue and the psychologist: the students flagged by unexcused absences today."""
    membership = request.membership
    if membership.role not in FLAG_WATCHERS:
        return None
    flags = flagged_students(classes_for(membership, on=today), thresholds_of(membership.organisation_id), today)
    if flags:
        # Named students: logged as the flags page is (152-ФЗ ст. 19).
        what = f"{access_log.ATTENDANCE_FLAGS} на {today:%d.%m.%Y}"
        access_log.record_list_access(request, membership.organisation, what, len(flags))
    return Panel(
        title="Обучающиеся, пропускающие занятия без уважительной причины",
        template="school/home/_flags.html",
        context={
            "flags": flags[:HOME_LIST_LIMIT],
            "more": len(flags) - HOME_LIST_LIMIT,
            "count": f"{len(flags)} {plural(len(flags), *access_log.STUDENTS)}",
        },
        order=10,
        url=reverse("school:attendance_flags"),
        link="Все отмеченные и пороги",
    )
