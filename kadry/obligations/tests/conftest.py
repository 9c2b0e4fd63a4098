from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kadry.staff.models import Position
from kadry.testing.factories import AssignmentFactory, StaffingUnitFactory

D = dt.date


def works(school: Any, last_name: str, category: str = Position.Category.PEDAGOGICAL, **assignment: Any) -> Any:
    """Return an employee of ``school`` working from 01.09.2020 in a position of ``category``."""
    unit = StaffingUnitFactory(organisation=school, position__category=category)
    values = {"start": D(2020, 9, 1), **assignment}
    return AssignmentFactory(
        employee__organisation=school, employee__last_name=last_name, staffing_unit=unit, **values
    ).employee


@pytest.fixture
def teacher(school) -> Any:
    return works(school, "Сидорова")


@pytest.fixture
def janitor(school) -> Any:
    return works(school, "Дворников", Position.Category.SERVICE)
