"""The import of a draft vacation schedule from a file: dry run, all or nothing, the version, the roles."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from kadry.core.models import ChangeRecord
from kadry.leave import schedule as schedules
from kadry.leave import services_import
from kadry.leave.importing import HEADERS
from kadry.leave.models import PlannedLeave, VacationSchedule
from kadry.testing.factories import AssignmentFactory, DepartmentFactory, EmployeeFactory, StaffingUnitFactory

pytestmark = pytest.mark.django_db
D = dt.date
YEAR = 2027
HEAD = "Табельный номер;ФИО;Дата рождения;Дата начала;Календарных дней;Подразделение"


@pytest.fixture(autouse=True)
def _media_and_today(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    with time_machine.travel(dt.datetime(2026, 11, 10, 9, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def staff(school):
    """Two teachers of maths (56 days, ПП РФ № 466) and an accountant (28 days) of the office; a teacher
    of another school with the same табельный номер as nobody here."""
    maths = DepartmentFactory(organisation=school, name="МО математики", order=1)
    office = DepartmentFactory(organisation=school, name="Бухгалтерия", order=2)
    library = DepartmentFactory(organisation=school, name="Библиотека", order=3)
    teacher = StaffingUnitFactory(organisation=school, department=maths, position__name="Учитель математики", rates=2)
    accountant = StaffingUnitFactory(
        organisation=school, department=office, position__name="Бухгалтер", position__category="administrative"
    )
    librarian = StaffingUnitFactory(
        organisation=school, department=library, position__name="Библиотекарь", position__category="service"
    )
    people = {}
    for key, number, last_name, unit in (
        ("first", "001", "Алексеева", teacher),
        ("second", "002", "Борисова", teacher),
        ("accountant", "003", "Громова", accountant),
        ("librarian", "004", "Дёмина", librarian),
    ):
        person = EmployeeFactory(organisation=school, personnel_number=number, last_name=last_name)
        AssignmentFactory(employee=person, staffing_unit=unit, start=D(2020, 9, 1))
        people[key] = person
    people |= {"maths": maths, "office": office, "library": library}
    return people


def _csv(*lines: str, name: str = "график.csv", encoding: str = "utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, "\n".join((HEAD, *lines)).encode(encoding), content_type="text/csv")


def _xlsx(rows: list[list], name: str = "график.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def _url() -> str:
    return reverse("leave:schedule_import", args=[YEAR])


def _dry_run(persona, upload):
    return persona.client.post(_url(), {"file": upload, "dry_run": "1"})


def _confirm(persona, checked):
    """Press «Загрузить» on the page of a dry run: its hidden fields back, no file."""
    fields = {name: checked.context["form"][name].value() for name in ("upload", "filename", "version")}
    return persona.client.post(_url(), {**fields, "commit": "1"})


def _plan(school) -> VacationSchedule:
    return schedules.schedule_for(school.pk, YEAR)


def test_a_file_of_two_departments_replaces_their_parts_and_leaves_the_others(hr_inspector, school, staff) -> None:
    plan = _plan(school)
    # Already planned: the maths teacher on the page, the librarian (not in the file: stays as is).
    plan = schedules.save_department_plan(
        actor=hr_inspector.user, schedule=plan, department=staff["maths"], version=plan.version,
        rows=[schedules.PlanRow(staff["first"], D(YEAR, 8, 1), 56)],
    )  # fmt: skip
    plan = schedules.save_department_plan(
        actor=hr_inspector.user, schedule=plan, department=staff["library"], version=plan.version,
        rows=[schedules.PlanRow(staff["librarian"], D(YEAR, 5, 1), 28)],
    )  # fmt: skip
    upload = _csv(
        "001;;;01.07.2027;42;",
        "001;;;20.08.2027;14;МО математики",  # a second part of the same person
        ";Борисова Мария Петровна;14.03.1985;01.07.2027;56;",  # found by name and birth date
        "0003;;;02.03.2027;14;",  # «0003» is «003»: a number cell in Excel drops the zeros, here they came back
        "003;;;10.10.2027;14;Бухгалтерия",
    )
    checked = _dry_run(hr_inspector, upload)
    assert checked.status_code == 200, checked.context["result"].errors
    page = checked.content.decode()
    # The dry run writes nothing and shows what will be written, department by department.
    assert PlannedLeave.objects.count() == 2
    assert [item.plan.department.name for item in checked.context["preview"]] == ["МО математики", "Бухгалтерия"]
    assert "01.07.2027 — 42 дн." in page and "20.08.2027 — 14 дн." in page and "10.10.2027 — 14 дн." in page
    assert "Частей отпуска сейчас: 1 — все будут заменены" in page and "Загрузить" in page

    response = _confirm(hr_inspector, checked)

    assert response.status_code == 302 and response["Location"] == reverse("leave:schedule", args=[YEAR])
    parts = sorted(PlannedLeave.objects.values_list("employee__last_name", "department__name", "start", "days"))
    assert parts == [
        ("Алексеева", "МО математики", D(YEAR, 7, 1), 42),
        ("Алексеева", "МО математики", D(YEAR, 8, 20), 14),
        ("Борисова", "МО математики", D(YEAR, 7, 1), 56),
        ("Громова", "Бухгалтерия", D(YEAR, 3, 2), 14),
        ("Громова", "Бухгалтерия", D(YEAR, 10, 10), 14),
        ("Дёмина", "Библиотека", D(YEAR, 5, 1), 28),  # not in the file: untouched
    ]
    plan.refresh_from_db()
    assert plan.version == 3  # two saves on the page, one import: raised once for both departments
    history = ChangeRecord.objects.filter(section=schedules.SECTION, subject_id=staff["first"].pk).latest("id")
    assert history.changes == {
        "График отпусков": ["2027: 01.08.2027 — 56 дн.", "2027: 01.07.2027 — 42 дн., 20.08.2027 — 14 дн."]
    }
    assert ChangeRecord.objects.filter(section=schedules.SECTION, subject_id=staff["accountant"].pk).count() == 1


def test_one_bad_row_writes_nothing_and_names_its_row_and_column(hr_inspector, school, staff) -> None:
    upload = _csv(
        "001;;;01.07.2027;56;",
        "002;;;31.02.2027;56;",  # row 3: no such date
        "003;;;01.07.2028;28;",  # row 4: not the schedule's year
        "004;;;01.07.2027;0;",  # row 5: no days
        "999;;;01.07.2027;28;",  # row 6: nobody has this number
        ";Громова Мария;14.03.1985;01.07.2027;28;",  # row 7: no such person (the patronymic is missing)
        "001;;;10.07.2027;14;",  # row 8: inside the part of row 2
        "002;;;01.08.2027;14;Бухгалтерия",  # row 9: she works in maths, not in the office
    )
    response = _dry_run(hr_inspector, upload)
    assert response.status_code == 400
    errors = [(e.row, e.column) for e in response.context["result"].errors]
    assert errors == [
        (3, "Дата начала"), (4, "Дата начала"), (5, "Календарных дней"), (6, "Табельный номер"), (7, "ФИО"),
        (8, "Дата начала"), (9, "Подразделение"),
    ]  # fmt: skip
    page = response.content.decode()
    assert "Неверный формат даты «31.02.2027»" in page
    assert "Дата 01.07.2028 не в 2027 году" in page
    assert "Отпуск длится хотя бы один день." in page
    assert "Сотрудник с табельным номером «999» не найден в организации." in page
    assert "пересекается с частью из строки 2" in page
    assert "Загрузить" not in page.split("<h2>Ошибки", 1)[0].split("Проверить файл", 1)[1]
    assert not PlannedLeave.objects.exists()
    # Pressing «Загрузить» anyway (a forged form) writes nothing either.
    forged = hr_inspector.client.post(_url(), {"file": _csv("001;;;01.07.2027;56;", "002;;;x;56;"), "commit": "1"})
    assert forged.status_code == 400 and not PlannedLeave.objects.exists()


def test_the_same_checks_as_the_page_are_warnings_in_the_preview(hr_inspector, school, staff) -> None:
    # 20 days of 56, split in parts under 14 days; the teacher in December, not in the summer holidays.
    upload = _csv("001;;;01.12.2027;10;", "001;;;20.12.2027;10;")
    checked = _dry_run(hr_inspector, upload)
    assert checked.status_code == 200
    page = checked.content.decode()
    assert "Одна из частей отпуска должна быть не менее 14 календарных дней (ТК РФ ст. 125)." in page
    assert "Запланировано 20 дн. из 56: распределите весь отпуск." in page
    assert "Предупреждение: отпуск с 01.12.2027 — не в летние каникулы." in page
    assert "Отпуск не запланирован." in page  # the other teacher of the department, replaced by nothing
    assert _confirm(hr_inspector, checked).status_code == 302
    assert PlannedLeave.objects.count() == 2


def test_an_import_from_a_stale_version_is_refused(hr_inspector, hr_head, school, staff) -> None:
    checked = _dry_run(hr_inspector, _csv("001;;;01.07.2027;56;"))
    assert checked.context["form"]["version"].value() == 0
    # Meanwhile the HR head saves the department on its page.
    plan = _plan(school)
    schedules.save_department_plan(
        actor=hr_head.user, schedule=plan, department=staff["maths"], version=0,
        rows=[schedules.PlanRow(staff["second"], D(YEAR, 8, 1), 56)],
    )  # fmt: skip
    response = _confirm(hr_inspector, checked)
    assert response.status_code == 200
    assert schedules.STALE in response.content.decode()
    assert list(PlannedLeave.objects.values_list("employee", flat=True)) == [staff["second"].pk]
    # The page checked the file again at the version now in force: a second «Загрузить» writes it.
    assert response.context["form"]["version"].value() == 1
    assert _confirm(hr_inspector, response).status_code == 302
    assert list(PlannedLeave.objects.values_list("employee", flat=True)) == [staff["first"].pk]


def test_formulas_are_never_evaluated(hr_inspector, school, staff) -> None:
    # openpyxl writes formulas without a computed value: read «data only», the formula cell is empty,
    # never computed to 56; a text that looks like a formula stays a text.
    upload = _xlsx([list(HEADERS), ["001", "", "", "01.07.2027", "=50+6", ""], ["002", "", "", "=DATE(2027,7,1)", 56]])
    response = _dry_run(hr_inspector, upload)
    assert response.status_code == 400
    messages = [(e.row, e.column, e.message) for e in response.context["result"].errors]
    assert messages == [(2, "Календарных дней", "Не заполнено обязательное поле."),
                        (3, "Дата начала", "Не заполнено обязательное поле.")]  # fmt: skip
    text = _csv('001;;;01.07.2027;"=50+6";', "002;;;@SUM(1);56;")
    messages = [(e.row, e.column, e.message) for e in _dry_run(hr_inspector, text).context["result"].errors]
    assert messages == [(2, "Календарных дней", "«=50+6» — не целое число календарных дней."),
                        (3, "Дата начала", "Неверный формат даты «@SUM(1)»: ожидается ДД.ММ.ГГГГ.")]  # fmt: skip
    assert not PlannedLeave.objects.exists()


def test_the_director_cannot_import(director, school, staff) -> None:
    assert director.client.get(_url()).status_code == 404
    assert director.client.post(_url(), {"file": _csv("001;;;01.07.2027;56;"), "dry_run": "1"}).status_code == 404
    assert director.client.get(reverse("leave:schedule_import_template", args=[YEAR])).status_code == 404
    page = director.client.get(reverse("leave:schedule", args=[YEAR])).content.decode()
    assert _url() not in page
    assert not PlannedLeave.objects.exists()


def test_an_employee_of_another_organisation_is_refused(hr_inspector, school, other_school, staff) -> None:
    stranger = EmployeeFactory(organisation=other_school, personnel_number="777", last_name="Чужая")
    unit = StaffingUnitFactory(organisation=other_school, position__name="Учитель математики")
    AssignmentFactory(employee=stranger, staffing_unit=unit, start=D(2020, 9, 1))
    upload = _csv("001;;;01.07.2027;56;", "777;;;01.07.2027;56;", ";Чужая Мария Петровна;14.03.1985;01.07.2027;56;")
    response = _dry_run(hr_inspector, upload)
    assert [(e.row, e.column) for e in response.context["result"].errors] == [(3, "Табельный номер"), (4, "ФИО")]
    assert "Чужая" not in "".join(e.message for e in response.context["result"].errors if e.row == 3)
    assert not PlannedLeave.objects.exists()


def test_who_does_not_work_on_1_january_or_works_in_two_departments(hr_inspector, school, staff) -> None:
    hired_later = EmployeeFactory(organisation=school, personnel_number="010", last_name="Новикова")
    AssignmentFactory(employee=hired_later, staffing_unit=staff["first"].assignments.get().staffing_unit,
                      start=D(YEAR, 2, 1))  # fmt: skip
    library = staff["librarian"].assignments.get().staffing_unit
    AssignmentFactory(employee=staff["accountant"], staffing_unit=library, start=D(2021, 9, 1), kind="2_internal")
    upload = _csv("010;;;01.07.2027;28;", "003;;;01.07.2027;28;", "003;;;01.08.2027;7;Библиотека")
    errors = _dry_run(hr_inspector, upload).context["result"].errors
    assert [(e.row, e.column, e.message) for e in errors] == [
        (2, "Табельный номер", "Новикова Мария Петровна не работает в организации на 1 января 2027 г."),
        (3, "Подразделение", "Громова Мария Петровна работает в нескольких подразделениях (Библиотека, Бухгалтерия): "
                             "укажите подразделение."),
    ]  # fmt: skip


def test_an_approved_schedule_refuses_the_import(hr_inspector, director, school, staff) -> None:
    plan = schedules.save_department_plan(
        actor=hr_inspector.user, schedule=_plan(school), department=staff["maths"], version=0,
        rows=[schedules.PlanRow(staff["first"], D(YEAR, 7, 1), 56)],
    )  # fmt: skip
    checked = _dry_run(hr_inspector, _csv("001;;;01.08.2027;56;"))
    schedules.approve_schedule(actor=director.user, schedule=plan, version=plan.version, on=D(2026, 12, 10))
    response = _confirm(hr_inspector, checked)
    assert response.status_code == 302
    assert PlannedLeave.objects.get().start == D(YEAR, 7, 1)
    page = hr_inspector.client.get(_url()).content.decode()
    assert "График утверждён: загрузить его из файла нельзя" in page and 'type="file"' not in page
    assert 'type="file"' not in hr_inspector.client.get(reverse("leave:schedule", args=[YEAR])).content.decode()
    # The service refuses it too, whatever the page.
    result = services_import.plan_for(
        schedule=_plan(school), header=HEAD.split(";"), rows=[["001", "", "", "01.08.2027", "56"]]
    )
    with pytest.raises(Exception, match="График утверждён"):
        services_import.commit_import(actor=hr_inspector.user, schedule=_plan(school), version=2, plan=result)


def test_the_template_downloads_and_the_t7_reads_back(hr_inspector, school, staff) -> None:
    page = hr_inspector.client.get(reverse("leave:schedule", args=[YEAR])).content.decode()
    template_url = reverse("leave:schedule_import_template", args=[YEAR])
    assert template_url in page and _url() in page and 'type="file"' in page
    sheet = load_workbook(io.BytesIO(hr_inspector.client.get(template_url).content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == HEADERS and len(rows) == 2 and rows[1][3] == "01.07.2027"
    # The Т-7 downloaded from the schedule page, edited in Excel, comes back through the import.
    schedules.save_department_plan(
        actor=hr_inspector.user, schedule=_plan(school), department=staff["office"], version=0,
        rows=[schedules.PlanRow(staff["accountant"], D(YEAR, 7, 1), 28)],
    )  # fmt: skip
    t7 = hr_inspector.client.get(reverse("leave:schedule_xlsx", args=[YEAR])).content
    checked = _dry_run(hr_inspector, SimpleUploadedFile("t7.xlsx", t7))
    assert checked.status_code == 200, checked.context["result"].errors
    assert [(p.employee, p.start, p.days) for p in checked.context["result"].parts] == [
        (staff["accountant"], D(YEAR, 7, 1), 28)
    ]


def test_a_cp1251_file_with_commas(hr_inspector, school, staff) -> None:
    upload = SimpleUploadedFile(
        "график.csv", "Таб. номер,Дата начала,Количество календарных дней\n004,01.06.2027,28\n".encode("cp1251")
    )
    checked = _dry_run(hr_inspector, upload)
    assert checked.status_code == 200, checked.context["result"].errors
    assert _confirm(hr_inspector, checked).status_code == 302
    assert PlannedLeave.objects.get().department == staff["library"]


@pytest.mark.parametrize("count", [2, 30])
def test_the_dry_run_costs_a_fixed_number_of_queries(
    hr_inspector, school, staff, count: int, django_assert_max_num_queries
) -> None:
    unit = staff["first"].assignments.get().staffing_unit
    lines = []
    for n in range(count):
        person = EmployeeFactory(organisation=school, personnel_number=f"1{n:03}", last_name=f"Учителева{n}")
        AssignmentFactory(employee=person, staffing_unit=unit, start=D(2020, 9, 1))
        lines += [f"1{n:03};;;01.07.2027;42;", f"1{n:03};;;20.08.2027;14;"]
    with django_assert_max_num_queries(20):
        response = _dry_run(hr_inspector, _csv(*lines))
    assert response.status_code == 200


def test_the_header_is_checked_and_the_file_is_bounded(hr_inspector, school, staff) -> None:
    upload = SimpleUploadedFile("график.csv", "Таб. номер;Начало;Дней;Должность\n001;01.07.2027;56;учитель\n".encode())
    errors = _dry_run(hr_inspector, upload).context["result"].errors
    # «Должность» of the Т-7 is ignored; «Начало» is not a column the import knows.
    assert [(e.row, e.column, e.message) for e in errors] == [
        (1, "Начало", "Неизвестный столбец."), (1, "Дата начала", "Нет обязательного столбца.")
    ]  # fmt: skip
    # Checked in the request: a file longer than a school's schedule is refused before it is checked.
    too_long = _csv(*(["001;;;01.07.2027;1;"] * (services_import.MAX_ROWS + 1)))
    response = _dry_run(hr_inspector, too_long)
    assert response.status_code == 400 and "В файле больше 2 000 строк" in response.content.decode()
    assert not PlannedLeave.objects.exists()
