"""API of the class's documents and the administration's overview: the same helpers and queries as the UI."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from ninja import Router, Schema

from kadry.core.access import require
from kadry.core.audit import record_access
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability
from kadry.school.access import classes_for, get_class_for, sees_social_data
from kadry.school.queries.overview import overview as glance
from kadry.school.queries.passport import class_passport
from kadry.school.services.documents import PASSPORT_ACCESS

router = Router()


class PassportLineOut(Schema):
    category: str
    label: str
    count: int
    students: list[int] | None = None  # ids, only for the roles that see social data


class PassportOut(Schema):
    school_class: str
    on: dt.date
    students: int
    boys: int
    girls: int
    with_any_category: int
    health_groups: dict[str, int]
    lines: list[PassportLineOut]


class GlanceOut(Schema):
    school_class_id: int
    school_class: str
    marked_today: bool
    unresolved: int
    meeting_due: bool
    late_notice_events: int


@router.get("/classes/{pk}/social-passport", response=PassportOut, summary="Социальный паспорт класса")
def social_passport(request: MemberRequest, pk: int, on: dt.date | None = None) -> PassportOut:
    membership = request.membership
    school_class = get_class_for(membership, pk)
    passport = class_passport(school_class, on=on or timezone.localdate())
    named = sees_social_data(membership)
    if named:
        record_access(membership=membership, subject=school_class, what=PASSPORT_ACCESS, request=request, channel="api")
    return PassportOut(
        school_class=str(school_class),
        on=passport.on,
        students=passport.students,
        boys=passport.boys,
        girls=passport.girls,
        with_any_category=passport.with_any_category,
        health_groups=passport.health_groups,
        lines=[
            PassportLineOut(
                category=line.category,
                label=line.label,
                count=line.count,
                students=[s.id for s in line.students] if named else None,
            )
            for line in passport.lines
        ],
    )


@router.get("/overview", response=list[GlanceOut], summary="Все классы на сегодня")
def overview(request: MemberRequest) -> list[GlanceOut]:
    membership = require(request.membership, Capability.VIEW_ALL_CLASSES)
    today = timezone.localdate()
    return [
        GlanceOut(
            school_class_id=row.school_class.pk,
            school_class=str(row.school_class),
            marked_today=row.marked_today,
            unresolved=row.unresolved,
            meeting_due=row.meeting_due,
            late_notice_events=row.late_notice_events,
        )
        for row in glance(classes_for(membership, on=today), today=today)
    ]
