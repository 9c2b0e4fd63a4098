"""Who reaches prevention cases: exactly the roles that read a student's individual work.

The class teacher reaches the cases of the students enrolled today in the classes they lead; the
administration and the social-psychological service (``VIEW_ALL_CLASSES``), every case of their
organisation; every other role answers 404, as the individual work log does. Writing (measures,
results, reviews, the Council's sittings) is for the roles that keep that log (``keeps_prevention``).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from kadry.core.access import denied_as
from kadry.core.models import Membership
from kadry.core.permissions import Capability, role_can
from kadry.prevention.models import CouncilSitting, PreventionCase
from kadry.school.access import keeps_prevention, sees_prevention, students_for


def reader(membership: Membership | None) -> Membership:
    """Return the membership if it sees prevention cases, else 404."""
    if membership is None or not sees_prevention(membership):
        raise Http404
    return membership


def keeper(membership: Membership | None) -> Membership:
    """Return the membership if it keeps prevention records, else 404."""
    membership = reader(membership)
    if not keeps_prevention(membership):
        raise Http404
    return membership


def sees_whole_school(membership: Membership) -> bool:
    return role_can(membership.role, Capability.VIEW_ALL_CLASSES)


def within_reach(
    cases: QuerySet[PreventionCase], membership: Membership, *, on: dt.date | None = None
) -> QuerySet[PreventionCase]:
    """Keep the cases of ``cases`` the membership reads: all for the whole school's roles, else the
    students of the classes it leads (on ``on``, today by default)."""
    if sees_whole_school(membership):
        return cases
    try:
        return cases.filter(student__in=students_for(membership, on=on))
    except Http404:  # a class teacher without an employee card reaches no class
        return cases.none()


def cases_for(membership: Membership | None) -> QuerySet[PreventionCase]:
    """Return the cases the membership reads; 404 for a role that reads none."""
    membership = reader(membership)
    return within_reach(PreventionCase.objects.filter(organisation_id=membership.organisation_id), membership)


def get_case_for(membership: Membership | None, pk: int) -> PreventionCase:
    """Return the case ``pk`` if the membership reads it, else 404 (logged as a denied attempt)."""
    with denied_as(PreventionCase, pk):
        return get_object_or_404(cases_for(membership).select_related("student", "responsible"), pk=pk)


def sittings_for(membership: Membership | None) -> QuerySet[CouncilSitting]:
    """Return the school's Council sittings: the whole school's business, so the roles that see every case."""
    membership = reader(membership)
    if not sees_whole_school(membership):
        raise Http404
    return CouncilSitting.objects.filter(organisation_id=membership.organisation_id)


def get_sitting_for(membership: Membership | None, pk: int) -> CouncilSitting:
    with denied_as(CouncilSitting, pk):
        return get_object_or_404(sittings_for(membership), pk=pk)
