"""Import of employees from a file: the dry run, the background job, all or nothing, access."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kadry.core.audit import diff, snapshot
from kadry.core.models import BackgroundJob, ChangeRecord, Membership
from kadry.lib.identifiers import snils_check_digits
from kadry.staff import services_import
from kadry.staff.models import Employee
from kadry.testing.factories import EmployeeFactory

HEADER = "Табельный номер;Фамилия;Имя;Отчество;Пол;Дата рождения;СНИЛС;ИНН;Телефон;E-mail"
TODAY = dt.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _import_settings(settings, tmp_path) -> None:
    """Uploaded files under a temporary MEDIA_ROOT; tasks run at once."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def snils(n: int) -> str:
    """Return the valid СНИЛС with the 9-digit number 100 000 000 + ``n``."""
    number = f"{100_000_000 + n:09d}"
    return f"{number[:3]}-{number[3:6]}-{number[6:]} {snils_check_digits(number):02d}"


def _inn_digit(digits: str, weights: tuple[int, ...]) -> str:
    return str(sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 11 % 10)


def inn(n: int) -> str:
    """Return a valid 12-digit ИНН of a person starting with 50 and ``n``."""
    digits = f"50{n:08d}"
    digits += _inn_digit(digits, (7, 2, 4, 10, 3, 5, 9, 4, 6, 8))
    return digits + _inn_digit(digits, (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8))


def row(n: int, **overrides: str) -> str:
    cells = {
        "number": f"T{n}",
        "last": f"Ёлкина{n}",
        "first": "Анна",
        "middle": "Сергеевна",
        "sex": "Ж",
        "born": "17.05.1990",
        "snils": snils(n),
        "inn": inn(n),
        "phone": "+7 910 000-00-00",
        "email": f"a{n}@example.ru",
    } | overrides
    return ";".join(cells.values())


def csv_file(*rows: str, encoding: str = "utf-8", name: str = "staff.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, "\n".join([HEADER, *rows]).encode(encoding), content_type="text/csv")


def _check(persona, upload: SimpleUploadedFile):
    return persona.client.post(reverse("employee_import"), {"file": upload, "dry_run": "1"})


def _upload(persona, upload: SimpleUploadedFile, capture) -> BackgroundJob:
    with capture(execute=True):
        response = persona.client.post(reverse("employee_import"), {"file": upload, "commit": "1"})
    job = BackgroundJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("employee_import_job", args=[job.pk])
    return job


@pytest.mark.django_db
def test_dry_run_lists_each_error_by_row_and_column(hr_inspector, school) -> None:
    EmployeeFactory(organisation=school, last_name="Петрова", snils=snils(90), personnel_number="T77")
    wrong_checksum = snils(5)[:-2] + ("00" if not snils(5).endswith("00") else "01")
    upload = csv_file(
        row(1),
        row(2, snils=wrong_checksum),
        row(3, snils=snils(1)),
        row(4, snils=snils(90)),
        row(5, born="31.02.1990"),
        row(6, last=""),
        row(7, born="01.01.2999"),
        row(8, number="T77"),
        row(9, sex="X", inn="500100732250"),
    )
    response = _check(hr_inspector, upload)
    assert response.status_code == 400
    errors = {(e.row, e.column): e.message for e in response.context["plan"].errors}
    assert errors == {
        (3, "СНИЛС"): "Неверная контрольная сумма СНИЛС — проверьте номер.",
        (4, "СНИЛС"): f"СНИЛС {snils(1)} повторяется (уже в строке 2).",
        (5, "СНИЛС"): "Этот СНИЛС уже указан в карточке сотрудника Петрова Мария Петровна.",
        (6, "Дата рождения"): "Неверный формат даты «31.02.1990»: ожидается ДД.ММ.ГГГГ.",
        (7, "Фамилия"): "Не заполнено обязательное поле.",
        (8, "Дата рождения"): "Дата рождения не может быть в будущем.",
        (9, "Табельный номер"): "Табельный номер T77 уже занят.",
        (10, "Пол"): "Укажите «М» или «Ж».",
        (10, "ИНН"): "Неверная контрольная сумма ИНН — проверьте номер.",
    }
    assert "Ошибки (9) — ничего не загружено" in response.content.decode()
    assert Employee.objects.count() == 1


@pytest.mark.django_db
def test_dry_run_of_a_clean_cp1251_file_with_commas_shows_the_count(hr_inspector) -> None:
    lines = [HEADER.replace(";", ","), row(1).replace(";", ","), row(2).replace(";", ",")]
    upload = SimpleUploadedFile("staff.csv", "\n".join(lines).encode("cp1251"))
    response = _check(hr_inspector, upload)
    assert response.status_code == 200
    assert response.context["plan"].created == 2
    assert response.context["plan"].records[0].last_name == "Ёлкина1"
    assert "Будет создано карточек сотрудников: 2" in response.content.decode()
    assert not Employee.objects.exists()


@pytest.mark.django_db
def test_a_missing_column_is_reported_on_the_header_row(hr_inspector) -> None:
    upload = SimpleUploadedFile("staff.csv", "Фамилия;Имя;Пол;Стаж\nИванов;Иван;М;5".encode())
    errors = [(e.row, e.column, e.message) for e in _check(hr_inspector, upload).context["plan"].errors]
    assert errors == [(1, "Стаж", "Неизвестный столбец."), (1, "Дата рождения", "Нет обязательного столбца.")]


@pytest.mark.django_db
def test_the_downloaded_template_passes_the_check(hr_inspector) -> None:
    response = hr_inspector.client.get(reverse("employee_import_template"))
    header = next(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert header[:3] == ("Табельный номер", "Фамилия", "Имя")
    upload = SimpleUploadedFile("template.xlsx", response.content)
    assert _check(hr_inspector, upload).context["plan"].created == 1


@pytest.mark.django_db
def test_upload_creates_every_employee_with_search_key_and_history(
    hr_inspector, school, django_capture_on_commit_callbacks
) -> None:
    job = _upload(hr_inspector, csv_file(row(1), row(2), row(3)), django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert (job.status, job.progress, job.result) == ("done", 100, {"created": 3})
    assert job.finished_at is not None and job.created_by == hr_inspector.user
    employees = list(Employee.objects.of(school).order_by("personnel_number"))
    assert [e.search_key for e in employees] == [f" елкина{n} анна сергеевна" for n in (1, 2, 3)]
    assert employees[0].snils == snils(1) and employees[0].birth_date == dt.date(1990, 5, 17)
    assert list(Employee.objects.search("елкина2")) == [employees[1]]
    history = ChangeRecord.objects.filter(subject_type="staff.employee", action=ChangeRecord.Action.CREATE)
    assert sorted(history.values_list("subject_id", flat=True)) == sorted(e.pk for e in employees)
    assert history.filter(actor=hr_inspector.user, changes__Фамилия=["", "Ёлкина1"]).count() == 1
    page = hr_inspector.client.get(reverse("employee_import_job", args=[job.pk]))
    assert "Создано карточек сотрудников: 3" in page.content.decode()
    assert "every 2s" not in page.content.decode()
    assert not default_storage.exists(job.params["file"])


@pytest.mark.django_db
def test_a_bad_row_means_nothing_is_created(hr_inspector, django_capture_on_commit_callbacks) -> None:
    job = _upload(hr_inspector, csv_file(row(1), row(2, born="вчера"), row(3)), django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == "failed"
    assert job.result == {
        "errors": [[3, "Дата рождения", "Неверный формат даты «вчера»: ожидается ДД.ММ.ГГГГ."]],
        "error_count": 1,
    }
    assert not Employee.objects.exists() and not ChangeRecord.objects.exists()
    page = hr_inspector.client.get(reverse("employee_import_job", args=[job.pk]))
    assert "Ничего не загружено" in page.content.decode()


@pytest.mark.django_db
def test_a_card_saved_after_the_check_rolls_the_whole_import_back(school, hr_inspector) -> None:
    header, rows = services_import.read_table("\n".join([HEADER, row(1), row(2)]).encode(), "staff.csv")
    plan = services_import.plan_for(organisation_id=school.pk, header=header, rows=rows, today=TODAY)
    EmployeeFactory(organisation=school, snils=snils(2))
    with pytest.raises(IntegrityError):
        services_import.commit_import(actor=hr_inspector.user, organisation_id=school.pk, plan=plan)
    assert Employee.objects.count() == 1 and not ChangeRecord.objects.exists()


@pytest.mark.django_db
def test_the_history_of_an_imported_card_is_what_creating_it_by_hand_records(school) -> None:
    employee = EmployeeFactory(organisation=school, snils=snils(1), phone="+7 910", name_forms={"gent": "Ивановой"})
    expected = diff({}, snapshot(employee, frozenset({"search_key", "employee"})))
    assert services_import.creation_changes()(employee) == expected
    assert expected["Пол"] == ["", "женский"]


@pytest.mark.django_db
def test_a_queued_job_shows_progress_and_polls(hr_inspector, school) -> None:
    job = BackgroundJob.objects.create(
        organisation=school,
        kind=BackgroundJob.Kind.EMPLOYEE_IMPORT,
        title="Загрузка",
        status=BackgroundJob.Status.RUNNING,
        progress=40,
        created_at=dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC),
        heartbeat_at=timezone.now(),  # its worker is alive
    )
    url = reverse("employee_import_job", args=[job.pk])
    page = hr_inspector.client.get(url).content.decode()
    assert 'hx-trigger="every 2s"' in page and 'value="40"' in page
    fragment = hr_inspector.client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert fragment.startswith('<div id="import-job"')


@pytest.mark.django_db
def test_checking_500_rows_takes_one_query(school, django_assert_num_queries) -> None:
    EmployeeFactory.create_batch(3, organisation=school)
    header, rows = services_import.read_table("\n".join([HEADER, *(row(n) for n in range(500))]).encode(), "s.csv")
    with django_assert_num_queries(1):
        plan = services_import.plan_for(organisation_id=school.pk, header=header, rows=rows, today=TODAY)
    assert plan.created == 500 and not plan.errors


@pytest.mark.django_db
def test_writing_500_rows_takes_a_fixed_number_of_queries(school, hr_inspector, django_assert_max_num_queries) -> None:
    header, rows = services_import.read_table("\n".join([HEADER, *(row(n) for n in range(500))]).encode(), "s.csv")
    plan = services_import.plan_for(organisation_id=school.pk, header=header, rows=rows, today=TODAY)
    # Bulk inserts: two on PostgreSQL; SQLite's limit of 999 parameters a statement splits them into ~20.
    with django_assert_max_num_queries(30):
        assert services_import.commit_import(actor=hr_inspector.user, organisation_id=school.pk, plan=plan) == 500
    assert ChangeRecord.objects.count() == 500


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Membership.Role.DIRECTOR, Membership.Role.CLASS_TEACHER, Membership.Role.AUDITOR])
def test_only_the_personnel_office_may_import(personas, role) -> None:
    client = personas[role].client
    assert client.get(reverse("employee_import")).status_code == 404
    assert client.post(reverse("employee_import"), {"file": csv_file(row(1)), "commit": "1"}).status_code == 404
    assert not BackgroundJob.objects.exists()


@pytest.mark.django_db
def test_outsider_cannot_open_the_job_of_another_school(
    hr_inspector, outsider, django_capture_on_commit_callbacks
) -> None:
    job = _upload(hr_inspector, csv_file(row(1)), django_capture_on_commit_callbacks)
    assert outsider.client.get(reverse("employee_import_job", args=[job.pk])).status_code == 404
    assert hr_inspector.client.get(reverse("employee_import_job", args=[job.pk])).status_code == 200


@pytest.mark.django_db
def test_the_list_offers_the_import_to_the_personnel_office_only(hr_inspector, director) -> None:
    assert "Загрузить из файла" in hr_inspector.client.get(reverse("employee_list")).content.decode()
    assert "Загрузить из файла" not in director.client.get(reverse("employee_list")).content.decode()
