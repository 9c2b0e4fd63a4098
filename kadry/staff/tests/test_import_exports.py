"""Names that a spreadsheet would run as formulas come in through the import and go out as text in every export."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kadry.staff.models import Employee
from kadry.staff.tests.test_import import csv_file, row
from kadry.testing.factories import AssignmentFactory, StaffingUnitFactory

pytestmark = pytest.mark.django_db

# Injection payloads (OWASP «CSV Injection»): each starts with a character a spreadsheet evaluates.
NAMES = ['=HYPERLINK("http://attacker.example/","Открыть")', "+79100000000", "-1", "@SUM(A1:A9)"]


@pytest.fixture(autouse=True)
def _import_settings(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def imported(hr_inspector, school, django_capture_on_commit_callbacks) -> list[Employee]:
    """The four employees imported with formula-like surnames, each working on a staffing unit of odd names."""
    upload = csv_file(*(row(n, last=name) for n, name in enumerate(NAMES)))
    with django_capture_on_commit_callbacks(execute=True):
        response = hr_inspector.client.post(reverse("employee_import"), {"file": upload, "commit": "1"})
    assert response.status_code == 302
    employees = list(Employee.objects.of(school).order_by("pk"))
    assert [e.last_name for e in employees] == NAMES
    unit = StaffingUnitFactory(
        organisation=school, department__name="=1+1", position__name="@учитель", note="-примечание", rates=4
    )
    for employee in employees:
        AssignmentFactory(employee=employee, staffing_unit=unit, start=dt.date(2020, 9, 1))
    return employees


def formula_safe_texts(content: bytes) -> set[str]:
    """Return every text of the workbook; fail if any cell is a formula or a formula-like text is not a string."""
    texts = set()
    for sheet in load_workbook(io.BytesIO(content)).worksheets:
        for cells in sheet.iter_rows():
            for cell in cells:
                assert cell.data_type != "f", f"{cell.coordinate} is a formula: {cell.value!r}"
                if isinstance(cell.value, str):
                    if cell.value[:1] in "=+-@\t\r":
                        assert (cell.data_type, cell.quotePrefix) == ("s", True), cell.coordinate
                    texts.add(cell.value)
    return texts


def test_the_service_report_writes_imported_names_as_text(hr_inspector, imported) -> None:
    response = hr_inspector.client.get(reverse("service_report_export"))
    texts = formula_safe_texts(response.content)
    assert {e.full_name for e in imported} <= texts
    assert {"=1+1", "@учитель"} <= texts


def test_the_staffing_table_t3_writes_its_names_as_text(hr_inspector, imported) -> None:
    response = hr_inspector.client.get(reverse("staffing_table_export"))
    assert {"=1+1", "@учитель", "-примечание"} <= formula_safe_texts(response.content)


def test_the_access_log_writes_imported_names_as_text(hr_inspector, auditor, imported) -> None:
    for employee in imported:
        assert hr_inspector.client.get(reverse("employee_card", args=[employee.pk])).status_code == 200
    response = auditor.client.get(reverse("access_log_export"))
    assert {e.full_name for e in imported} <= formula_safe_texts(response.content)
