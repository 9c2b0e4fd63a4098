from __future__ import annotations

import datetime as dt

import pytest

from kadry.core.models import Organisation
from kadry.staff.models import Employee
from kadry.testing.factories import AssignmentFactory, PriorJobFactory, StaffingUnitFactory


@pytest.fixture
def employee(school: Organisation) -> Employee:
    """A working teacher of ``school`` with one prior job."""
    unit = StaffingUnitFactory(organisation=school)
    assignment = AssignmentFactory(employee__organisation=school, staffing_unit=unit, start=dt.date(2020, 9, 1))
    PriorJobFactory(employee=assignment.employee)
    return assignment.employee
