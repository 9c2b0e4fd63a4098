"""The grades' part of the home pages: the class teacher sees the failing students of their classes."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from kadry.core.home import Panel, register_panel
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability, role_can
from kadry.grades.queries import failing_in
from kadry.school import access_log
from kadry.school.access import classes_for

# A home page names this many failing students at most; the class's analysis lists them all.
HOME_LIST_LIMIT = 15
FAILING_ACCESS = "Неуспевающие обучающиеся"


@register_panel
def failing_panel(request: MemberRequest, today: dt.date) -> Panel | None:
    """A class teacher: the students of their classes failing the latest graded term, with the subjects."""
    membership = request.membership
    if not role_can(membership.role, Capability.CLASS_WORK) or not membership.employee_id:
        return None
    classes = list(classes_for(membership, on=today).select_related("academic_year").order_by("grade", "letter"))
    rows = failing_in(classes, today=today)
    if not rows:
        return None
    count = sum(len(students) for _c, _t, students in rows)
    # Named students with their debts: logged as the class's analysis is (152-ФЗ ст. 19).
    access_log.record_list_access(request, membership.organisation, FAILING_ACCESS, count)
    shown = [(c, t, students[:HOME_LIST_LIMIT]) for c, t, students in rows]
    first = rows[0][0]
    return Panel(
        title="Неуспевающие обучающиеся моих классов",
        template="grades/home/_failing.html",
        context={"rows": shown, "count": count},
        order=15,
        url=reverse("grades:class_analysis", args=[first.pk]),
        link="Анализ успеваемости",
    )
