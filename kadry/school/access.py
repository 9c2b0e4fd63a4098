"""Access helpers of the school side: which classes and students a membership reaches.

A class teacher reaches exactly the classes they lead on the day — by a signed appointment order,
or as an assigned substitute — and nothing else; the administration and the social-psychological
service reach every class. Anything else answers 404.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from kadry.core.access import denied_as
from kadry.core.models import Membership
from kadry.core.permissions import Capability, role_can
from kadry.school.models import (
    ClassTeacherAssignment,
    ClassTeacherSubstitution,
    Enrollment,
    Incident,
    SchoolClass,
    Student,
)


def classes_for(membership: Membership | None, *, on: dt.date | None = None) -> QuerySet[SchoolClass]:
    """Return the classes the membership reaches on ``on`` (today by default); 404 for roles with none."""
    if membership is None:
        raise Http404
    classes = SchoolClass.objects.filter(organisation_id=membership.organisation_id)
    if role_can(membership.role, Capability.VIEW_ALL_CLASSES):
        return classes
    if role_can(membership.role, Capability.CLASS_WORK) and membership.employee_id:
        on = on or timezone.localdate()
        led = ClassTeacherAssignment.objects.active(on=on).filter(teacher_id=membership.employee_id)
        substituted = ClassTeacherSubstitution.objects.filter(
            substitute_id=membership.employee_id, start__lte=on, end__gte=on
        )
        return classes.filter(Q(pk__in=led.values("school_class_id")) | Q(pk__in=substituted.values("school_class_id")))
    raise Http404


def get_class_for(membership: Membership | None, pk: int, *, on: dt.date | None = None) -> SchoolClass:
    """Return the class ``pk`` if the membership reaches it, else 404 (logged as a denied attempt)."""
    with denied_as(SchoolClass, pk):
        return get_object_or_404(classes_for(membership, on=on).select_related("academic_year"), pk=pk)


def students_for(membership: Membership | None, *, on: dt.date | None = None) -> QuerySet[Student]:
    """Return the students enrolled on ``on`` in the classes the membership reaches."""
    if membership is None:
        raise Http404
    on = on or timezone.localdate()
    enrolled = Enrollment.objects.active(on=on).filter(school_class__in=classes_for(membership, on=on))
    return Student.objects.filter(organisation_id=membership.organisation_id, pk__in=enrolled.values("student_id"))


def get_student_for(membership: Membership | None, pk: int) -> Student:
    """Return the student ``pk`` if enrolled today in a class the membership reaches, else 404 (logged)."""
    with denied_as(Student, pk):
        return get_object_or_404(students_for(membership), pk=pk)


def sees_social_data(membership: Membership) -> bool:
    """Whether the membership may see students' social categories and named social lists."""
    return role_can(membership.role, Capability.VIEW_SOCIAL_DATA)


def sees_prevention(membership: Membership) -> bool:
    """Whether the membership may see individual work and prevention cases (ПДН, КДН)."""
    return role_can(membership.role, Capability.VIEW_PREVENTION)


def keeps_prevention(membership: Membership) -> bool:
    """Whether the membership adds entries to a student's individual work log (it also reads it)."""
    return sees_prevention(membership) and role_can(membership.role, Capability.KEEP_PREVENTION)


def require_school_management(membership: Membership | None) -> Membership:
    if membership is None or not role_can(membership.role, Capability.MANAGE_SCHOOL):
        raise Http404
    return membership


def sees_incidents(membership: Membership) -> bool:
    """Whether the membership may read the register of incidents: health data, so the roles that see prevention."""
    return sees_prevention(membership)


def incidents_for(membership: Membership | None, *, on: dt.date | None = None) -> QuerySet[Incident]:
    """Return the incidents of the classes the membership reaches; 404 for roles that do not read them."""
    return Incident.objects.filter(
        organisation_id=membership.organisation_id,  # type: ignore[union-attr]
        school_class__in=incident_classes(membership, on=on),
    )


def incident_classes(membership: Membership | None, *, on: dt.date | None = None) -> QuerySet[SchoolClass]:
    """Return the classes whose incidents the membership reads; none (not 404) for a class teacher without a card."""
    if membership is None or not sees_incidents(membership):
        raise Http404
    try:
        return classes_for(membership, on=on)
    except Http404:
        return SchoolClass.objects.none()


def get_incident_for(membership: Membership | None, pk: int) -> Incident:
    """Return the incident ``pk`` of a class the membership reaches, else 404 (logged as a denied attempt)."""
    with denied_as(Incident, pk):
        return get_object_or_404(
            incidents_for(membership).select_related("school_class__academic_year", "reported_by", "acknowledged_by"),
            pk=pk,
        )
