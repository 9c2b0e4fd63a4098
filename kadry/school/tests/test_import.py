"""Import of students: pure planning with errors by row and column; dry run writes nothing; commit is all or nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kadry.core.models import BackgroundJob
from kadry.school.models import Enrollment, Guardian, SchoolClass, Student
from kadry.school.rules.importing import RowError, plan_import
from kadry.testing.school import AcademicYearFactory, StudentFactory

D = dt.date
HEADER = ["Класс", "Номер личного дела", "Фамилия", "Имя", "Пол", "Дата рождения", "Представитель 1: ФИО"]
GOOD = ["7Б", "101", "Петрова", "Анна", "Ж", "17.05.2013", "Петрова Ольга Викторовна"]


def plan(rows, header=HEADER, **kwargs):
    options = {
        "existing_classes": {(7, "Б")},
        "existing_file_numbers": set(),
        "year_start": D(2026, 9, 1),
        "year_end": D(2027, 8, 31),
        "create_classes": False,
        **kwargs,
    }
    return plan_import(header, rows, **options)


def test_a_good_row_becomes_a_record_with_its_guardian() -> None:
    result = plan([GOOD])
    assert result.errors == []
    record = result.records[0]
    assert (record.class_name, record.birth_date, record.sex) == ("7Б", D(2013, 5, 17), "F")
    assert record.guardians[0].receives_notices


def test_errors_name_the_row_and_the_column() -> None:
    rows = [GOOD, ["7Д", "101", "", "Иван", "X", "2013/05/17", ""]]
    assert plan(rows).errors == [
        RowError(3, "Фамилия", "Не заполнено обязательное поле."),
        RowError(3, "Класс", "Класса 7Д нет в учебном году."),
        RowError(3, "Номер личного дела", "Номер личного дела 101 повторяется (уже в строке 2)."),
        RowError(3, "Пол", "Укажите «М» или «Ж»."),
        RowError(3, "Дата рождения", "Неверный формат даты «2013/05/17»: ожидается ДД.ММ.ГГГГ."),
    ]


def test_a_missing_required_column_is_reported_on_the_header() -> None:
    assert plan([GOOD[1:]], header=HEADER[1:]).errors == [RowError(1, "Класс", "Нет обязательного столбца.")]


def test_unknown_classes_are_created_when_asked_and_known_students_updated() -> None:
    result = plan([["10 а", *GOOD[1:]]], create_classes=True, existing_file_numbers={"101"})
    assert result.new_classes == [(10, "А")]
    assert (result.created, result.updated) == (0, 1)


@pytest.fixture
def year(school):
    return AcademicYearFactory(organisation=school)


def _csv(rows) -> SimpleUploadedFile:
    text = "\n".join(";".join(row) for row in [HEADER, *rows])
    return SimpleUploadedFile("students.csv", text.encode("utf-8"))


def test_dry_run_shows_errors_and_writes_nothing(personas, year) -> None:
    response = personas["deputy_director"].client.post(
        reverse("school:import"),
        {
            "academic_year": year.pk,
            "create_classes": "on",
            "file": _csv([GOOD, ["7Б", "102", "Иванов", "Иван", "М", "32.01.2013", ""]]),
        },
    )
    assert response.status_code == 400
    assert [(e.row, e.column) for e in response.context["plan"].errors] == [(3, "Дата рождения")]
    assert not Student.objects.exists() and not SchoolClass.objects.exists()


@pytest.fixture
def _jobs_run_at_once(settings, tmp_path) -> None:
    """Uploaded files under a temporary MEDIA_ROOT; tasks run at once."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.mark.usefixtures("_jobs_run_at_once")
def test_commit_runs_as_a_job_and_writes_everything_in_one_go(
    personas, year, django_capture_on_commit_callbacks
) -> None:
    rows = [
        [f"{7 + n % 2}Б", str(1000 + n), f"Ученик{n}", "Иван", "М", "01.02.2013", f"Родитель {n}"] for n in range(300)
    ]
    client = personas["deputy_director"].client
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("school:import"),
            {"academic_year": year.pk, "file": _csv(rows), "create_classes": "on", "commit": "1"},
        )
    job = BackgroundJob.objects.get()
    assert response["Location"] == reverse("school:import_job", args=[job.pk])
    assert (job.status, job.progress, job.result) == ("done", 100, {"created": 300, "updated": 0, "new_classes": 2})
    assert Student.objects.count() == 300 and Enrollment.objects.count() == 300 and Guardian.objects.count() == 300
    assert SchoolClass.objects.count() == 2
    page = client.get(reverse("school:import_job", args=[job.pk]))
    assert "Новых обучающихся: 300" in page.content.decode()
    assert personas["hr_inspector"].client.get(reverse("school:import_job", args=[job.pk])).status_code == 404


@pytest.mark.usefixtures("_jobs_run_at_once")
def test_commit_is_all_or_nothing_when_the_database_refuses_a_row(
    personas, year, school, django_capture_on_commit_callbacks
) -> None:
    other = AcademicYearFactory(organisation=school, name="2025/2026", start=D(2025, 9, 1), end=D(2026, 8, 31))
    moved = StudentFactory(organisation=school, file_number="102")
    Enrollment.objects.create(
        organisation=school,
        student=moved,
        school_class=SchoolClass.objects.create(organisation=school, academic_year=year, grade=9, letter="В"),
        start=D(2026, 9, 1),
    )
    rows = [GOOD, ["7Б", "102", "Иванов", "Иван", "М", "01.02.2013", ""]]
    with django_capture_on_commit_callbacks(execute=True):
        personas["deputy_director"].client.post(
            reverse("school:import"),
            {"academic_year": year.pk, "file": _csv(rows), "create_classes": "on", "commit": "1"},
        )

    job = BackgroundJob.objects.get()
    assert job.status == "failed"
    assert [(row, column) for row, column, _message in job.result["errors"]] == [(3, "Класс")]
    assert list(Student.objects.values_list("file_number", flat=True)) == ["102"]
    assert not SchoolClass.objects.filter(grade=7).exists() and other.pk


def test_template_is_an_xlsx_with_the_columns(personas) -> None:
    response = personas["administrator"].client.get(reverse("school:import_template"))
    assert response.content[:2] == b"PK"
