"""Access helpers of the staff registry: scope by organisation and role, 404 otherwise."""

from __future__ import annotations

from typing import TypeVar

from django.db import models
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from kadry.core.access import denied_as, require, service_memberships
from kadry.core.models import Membership, Organisation
from kadry.core.permissions import Capability, role_can
from kadry.staff.models import Department, Employee, Position, StaffingUnit
from kadry.staff.models.employee import EmployeeQuerySet
from kadry.staff.sections import SECTIONS, Section

StructureT = TypeVar("StructureT", bound=models.Model)


def employees_for(membership: Membership | None) -> EmployeeQuerySet:
    """Return the employees the membership may list."""
    membership = require(membership, Capability.VIEW_STAFF)
    return Employee.objects.of(membership.organisation_id)


def serviced_schools_for(memberships: list[Membership]) -> dict[int, str]:
    """Return the schools whose records the user's centralised HR services keep, ``{pk: short name}`` by name.

    Only a membership in a service with a role that sees personal data reaches them (``service_memberships``);
    a school's own staff and every other role get 404.
    """
    return dict(serviced_schools_query(memberships).order_by("short_name", "pk").values_list("pk", "short_name"))


def serviced_schools_query(memberships: list[Membership]) -> QuerySet[Organisation]:
    """Return the schools of ``serviced_schools_for`` as a query (404 for a user of no service).

    Filtering by it (``organisation__in=serviced_schools_query(...).values("pk")``) keeps a region's
    thousand school ids out of the SQL text: a subquery, instead of a thousand parameters to bind.
    """
    services = service_memberships(memberships)
    if not services:
        raise Http404
    return Organisation.objects.filter(serviced_by_id__in={m.organisation_id for m in services})


def card_membership(memberships: list[Membership], organisation_id: int) -> Membership | None:
    """Return the user's membership in the organisation that opens staff cards there, if they hold one.

    A centralised HR service's user acts in a school through their own membership there, as everywhere
    (the school's administrator grants it); the same role as in the service is preferred.
    """
    service_roles = {m.role for m in service_memberships(memberships)}
    seats = [
        m
        for m in memberships
        if m.organisation_id == organisation_id and role_can(m.role, Capability.VIEW_PERSONAL_DATA)
    ]
    return next((m for m in seats if m.role in service_roles), seats[0] if seats else None)


def get_serviced_employee_for(memberships: list[Membership], pk: int) -> tuple[Employee, Membership]:
    """Return the employee ``pk`` of a school the user's service keeps and the user's membership that opens the card."""
    with denied_as(Employee, pk):
        schools = serviced_schools_for(memberships)
        employee = get_object_or_404(Employee.objects.filter(organisation_id__in=list(schools)), pk=pk)
        membership = card_membership(memberships, employee.organisation_id)
        if membership is None:
            raise Http404
        return employee, membership


def get_employee_for(
    membership: Membership | None, pk: int, capability: Capability = Capability.VIEW_PERSONAL_DATA
) -> Employee:
    """Return the employee ``pk`` of the membership's organisation if the role has ``capability``."""
    with denied_as(Employee, pk):
        membership = require(membership, capability)
        return get_object_or_404(Employee.objects.of(membership.organisation_id), pk=pk)


def get_card_for(membership: Membership | None, pk: int) -> Employee:
    """Return the employee with every card section prefetched (one query per section): the API's whole card.

    The card page reads each tab's sections only when the tab is shown (kadry/staff/views/card.py).
    """
    with denied_as(Employee, pk):
        membership = require(membership, Capability.VIEW_PERSONAL_DATA)
        queryset = (
            Employee.objects.of(membership.organisation_id)
            .select_related("military_record")
            .prefetch_related(*(Prefetch(section.related_name) for section in SECTIONS.values()))
        )
        return get_object_or_404(queryset, pk=pk)


def section_or_404(slug: str) -> Section:
    section = SECTIONS.get(slug)
    if section is None:
        raise Http404
    return section


def get_section_row_for(employee: Employee, slug: str, row_pk: int) -> tuple[Section, models.Model]:
    """Return a card section and its row ``row_pk`` of ``employee`` (already scoped by the caller), else 404."""
    section = section_or_404(slug)
    with denied_as(section.model, row_pk):
        return section, get_object_or_404(section.model, pk=row_pk, employee=employee)


def structure_for(
    membership: Membership | None, model: type[StructureT], pk: int, capability: Capability
) -> StructureT:
    """Return a department, position or staffing unit of the membership's organisation."""
    with denied_as(model, pk):
        membership = require(membership, capability)
        return get_object_or_404(model._default_manager.filter(organisation_id=membership.organisation_id), pk=pk)


STRUCTURE_MODELS = {"departments": Department, "positions": Position, "staffing-units": StaffingUnit}
