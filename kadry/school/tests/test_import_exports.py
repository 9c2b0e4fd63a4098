"""Students' names that a spreadsheet would run as formulas come in through the import and go out as text."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kadry.school.models import Student
from kadry.school.tests.test_import import HEADER, _csv
from kadry.staff.tests.test_import_exports import NAMES, formula_safe_texts
from kadry.testing.school import AcademicYearFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _import_settings(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_the_attendance_report_writes_imported_names_as_text(personas, school, django_capture_on_commit_callbacks):
    year = AcademicYearFactory(organisation=school)
    assert HEADER[2] == "Фамилия"
    rows = [["7Б", str(100 + n), name, "Анна", "Ж", "17.05.2013", "-Родитель"] for n, name in enumerate(NAMES)]
    client = personas["deputy_director"].client
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("school:import"),
            {"academic_year": year.pk, "file": _csv(rows), "create_classes": "on", "commit": "1"},
        )
    assert response.status_code == 302
    assert sorted(Student.objects.values_list("last_name", flat=True)) == sorted(NAMES)

    report = client.get(
        reverse("school:attendance_report"), {"start": "2026-09-01", "end": "2026-09-30", "format": "xlsx"}
    )

    texts = formula_safe_texts(report.content)
    assert all(any(text.startswith(name) for text in texts) for name in NAMES)
