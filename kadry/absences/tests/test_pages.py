"""The pages of absences: the register with its filters, the form, the import; access-logged and bounded."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from kadry.absences import services, services_import
from kadry.absences.models import Absence
from kadry.core.models import AccessLogEntry, BackgroundJob
from kadry.leave.services import grant_leave
from kadry.orders import services as orders
from kadry.orders.models import Order
from kadry.staff.views import card
from kadry.testing.factories import AssignmentFactory, DepartmentFactory, EmployeeFactory, StaffingUnitFactory

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = dt.datetime(2026, 3, 20, 9, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def _worker(school: Any, last_name: str, department: Any = None) -> Any:
    person = EmployeeFactory(
        organisation=school, last_name=last_name, snils="112-233-445 95" if last_name == "Смирнова" else ""
    )
    unit = StaffingUnitFactory(organisation=school, **({"department": department} if department else {}))
    AssignmentFactory(employee=person, staffing_unit=unit, start=D(2020, 9, 1))
    return person


def _absent(actor: Any, employee: Any, start: dt.date, kind: str = "unexcused", **extra: Any) -> Absence:
    data = {"kind": kind, "start": start, "end": start, **extra}
    return services.record_absence(actor=actor, employee=employee, data=data)


def test_the_register_shows_the_period_and_logs_the_opening(school: Any, hr_inspector: Any) -> None:
    worker = _worker(school, "Смирнова")
    _absent(hr_inspector.user, worker, D(2026, 3, 2))
    _absent(hr_inspector.user, worker, D(2025, 9, 2))  # before the default period
    response = hr_inspector.client.get(reverse("absences:register"))
    assert response.status_code == 200
    assert len(response.context["lines"]) == 1
    assert "ПР/24" in response.content.decode()
    entry = AccessLogEntry.objects.get(actor=hr_inspector.user)
    assert entry.subject_id == school.pk and "Неявки" in entry.what


def test_the_register_filters_by_kind_department_and_employee(school: Any, hr_inspector: Any) -> None:
    maths, office = DepartmentFactory(organisation=school), DepartmentFactory(organisation=school)
    teacher, clerk = _worker(school, "Смирнова", maths), _worker(school, "Иванова", office)
    _absent(hr_inspector.user, teacher, D(2026, 3, 2))
    _absent(hr_inspector.user, clerk, D(2026, 3, 3), "lateness", minutes_late=20)
    url = reverse("absences:register")

    def names(**query: Any) -> list[str]:
        lines = hr_inspector.client.get(url, {"start": "2026-01-01", "end": "2026-03-31", **query}).context["lines"]
        return [absence.employee.last_name for absence, _code in lines]

    assert sorted(names()) == ["Иванова", "Смирнова"]
    assert names(kind="lateness") == ["Иванова"]
    assert names(department=maths.pk) == ["Смирнова"]
    assert names(employee=clerk.pk) == ["Иванова"]
    assert names(start="2026-03-03", end="2026-03-31") == ["Иванова"]


@pytest.mark.parametrize("rows", [1, 8])
def test_the_register_costs_the_same_queries_with_1_or_8_rows(
    school: Any, hr_inspector: Any, rows: int, django_assert_max_num_queries
) -> None:
    for n in range(rows):
        _absent(hr_inspector.user, _worker(school, f"Сотрудник{n}"), D(2026, 3, 2 + n))
    # session, user, memberships; departments, employees of the filters; the page; the leaves; the log insert
    # and its chain head.
    with django_assert_max_num_queries(10):
        response = hr_inspector.client.get(reverse("absences:register"))
    assert len(response.context["lines"]) == rows


def test_recording_a_sick_leave_through_the_form(school: Any, hr_inspector: Any) -> None:
    worker = _worker(school, "Смирнова")
    response = hr_inspector.client.post(reverse("absences:create"), {
        "employee": worker.pk, "kind": "sick", "start": "2026-03-02", "end": "2026-03-06",
        "sick_leave_number": "910123456789", "sick_reason": "own_illness", "care_outpatient": "on",
    })  # fmt: skip
    absence = Absence.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("absences:edit", args=[absence.pk])
    page = hr_inspector.client.get(response["Location"]).content.decode()
    assert "Б/19" in page and "80 %" in page  # 01.09.2020–01.03.2026: 5 years 6 months of insurance length
    assert "255-ФЗ ст. 7 ч. 1" in page


def test_an_overlap_is_shown_on_the_field_and_nothing_is_saved(school: Any, hr_inspector: Any) -> None:
    worker = _worker(school, "Смирнова")
    _absent(hr_inspector.user, worker, D(2026, 3, 4))
    response = hr_inspector.client.post(reverse("absences:create"), {
        "employee": worker.pk, "kind": "business_trip", "start": "2026-03-02", "end": "2026-03-06", "destination": "Тверь",
    })  # fmt: skip
    assert response.status_code == 200
    assert "Пересекается" in str(response.context["form"].errors["start"])
    assert Absence.objects.count() == 1


def test_a_continuation_is_named_by_the_number_of_the_sheet_it_continues(school: Any, hr_inspector: Any) -> None:
    worker = _worker(school, "Смирнова")
    first = _absent(hr_inspector.user, worker, D(2026, 3, 2), "sick", end=D(2026, 3, 6),
                    sick_leave_number="910000000001", sick_reason="own_illness")  # fmt: skip
    data = {"employee": worker.pk, "kind": "sick", "start": "2026-03-07", "end": "2026-03-10",
            "sick_leave_number": "910000000002", "sick_reason": "own_illness"}  # fmt: skip
    response = hr_inspector.client.post(reverse("absences:create"), {**data, "continues_number": "910000000009"})
    assert "не внесён" in str(response.context["form"].errors["continues_number"])
    hr_inspector.client.post(reverse("absences:create"), {**data, "continues_number": "910000000001"})
    assert Absence.objects.get(sick_leave_number="910000000002").continues == first


def test_the_edit_page_logs_the_opening_and_corrects(school: Any, hr_inspector: Any) -> None:
    worker = _worker(school, "Смирнова")
    absence = _absent(hr_inspector.user, worker, D(2026, 3, 2))
    url = reverse("absences:edit", args=[absence.pk])
    assert hr_inspector.client.get(url).status_code == 200
    assert AccessLogEntry.objects.get(actor=hr_inspector.user).subject_id == worker.pk
    response = hr_inspector.client.post(url, {"kind": "unknown", "start": "2026-03-02", "end": "2026-03-03"})
    assert response.status_code == 302
    absence.refresh_from_db()
    assert (absence.kind, absence.end) == ("unknown", D(2026, 3, 3))


def test_deleting_an_absence(school: Any, hr_inspector: Any) -> None:
    absence = _absent(hr_inspector.user, _worker(school, "Смирнова"), D(2026, 3, 2))
    response = hr_inspector.client.post(reverse("absences:delete", args=[absence.pk]))
    assert response.status_code == 302 and not Absence.objects.exists()


@pytest.fixture
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"  # the uploaded files the jobs read


def _upload(client: Any, content: str, **data: Any) -> Any:
    return client.post(reverse("absences:import"), {"file": SimpleUploadedFile("элн.csv", content.encode()), **data})


def _job_page(client: Any, response: Any) -> str:
    assert response.status_code == 302, response.content.decode()
    return client.get(response["Location"]).content.decode()


@pytest.mark.usefixtures("_media")
def test_importing_a_csv_file_of_sick_leaves_runs_as_a_job(
    school: Any, hr_inspector: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # The immediate backend runs the job once the upload's transaction commits, as the worker would after it.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    _worker(school, "Смирнова")
    content = "Номер ЭЛН;СНИЛС;Дата начала;Дата окончания;Причина\n910000000001;112-233-445 95;02.03.2026;06.03.2026;\n"

    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(hr_inspector.client, content, dry_run="on")
    checked = _job_page(hr_inspector.client, response)

    assert "Файл проверен, ошибок нет: будет загружено листков — 1." in checked
    assert not Absence.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(hr_inspector.client, content)
    loaded = _job_page(hr_inspector.client, response)

    assert "Загружено листков нетрудоспособности: 1." in loaded
    assert Absence.objects.get().sick_leave_number == "910000000001"
    job = BackgroundJob.objects.filter(kind=BackgroundJob.Kind.SICK_LEAVE_IMPORT).latest("pk")
    assert (job.status, job.progress, job.result) == ("done", 100, {"created": 1})


@pytest.mark.usefixtures("_media")
def test_the_job_of_a_file_with_a_bad_row_saves_nothing_and_names_the_rows(school: Any, hr_inspector: Any) -> None:
    _worker(school, "Смирнова")
    content = (
        "Номер ЭЛН;СНИЛС;Дата начала;Дата окончания\n"
        "910000000001;112-233-445 95;02.03.2026;06.03.2026\n"
        "910000000002;112-233-445 95;01.03.2026;02.03.2026\n"
    )
    response = _upload(hr_inspector.client, content)  # the database backend: queued, not run yet
    job = BackgroundJob.objects.get(kind=BackgroundJob.Kind.SICK_LEAVE_IMPORT)
    assert response["Location"] == reverse("absences:import_job", args=[job.pk])
    assert 'hx-trigger="every 2s"' in hr_inspector.client.get(response["Location"]).content.decode()

    services_import.run_import_job(job.pk)

    job.refresh_from_db()
    assert job.status == "failed"
    assert job.error == "В файле ошибок: 1. Ничего не загружено — исправьте файл и загрузите его снова."
    assert [(row, column) for row, column, _message in job.result["errors"]] == [(3, "Дата начала")]
    assert not Absence.objects.exists()
    page = hr_inspector.client.get(response["Location"]).content.decode()
    assert "Загрузить исправленный файл" in page and "hx-trigger" not in page


@pytest.mark.usefixtures("_media")
def test_the_job_reports_its_progress_while_it_checks_the_rows(
    school: Any, hr_inspector: Any, monkeypatch: Any
) -> None:
    worker = _worker(school, "Смирнова")
    # Five one-day sheets a week apart; a report every two rows: 0 and 2 and 4 of 5.
    monkeypatch.setattr(services_import, "PROGRESS_EVERY", 2)
    lines = [f"91000000000{n};{worker.snils};{D(2026, 3, 2) + dt.timedelta(days=7 * n):%d.%m.%Y};"
             f"{D(2026, 3, 2) + dt.timedelta(days=7 * n):%d.%m.%Y}" for n in range(5)]  # fmt: skip
    _upload(hr_inspector.client, "Номер ЭЛН;СНИЛС;Дата начала;Дата окончания\n" + "\n".join(lines) + "\n")
    job = BackgroundJob.objects.get(kind=BackgroundJob.Kind.SICK_LEAVE_IMPORT)
    seen: list[int] = []
    save = services_import.save_job

    def recorded(job: BackgroundJob, **values: Any) -> None:
        seen.append(values["progress"])
        save(job, **values)

    monkeypatch.setattr(services_import, "save_job", recorded)

    services_import.run_import_job(job.pk)

    # 10 after reading; 10 + 60 × 0/5, 60 × 2/5 = 24, 60 × 4/5 = 48; 70 before the writes.
    assert seen == [10, 10, 34, 58, 70]
    assert Absence.objects.count() == 5
    assert BackgroundJob.objects.get(pk=job.pk).result == {"created": 5}


def test_the_job_page_of_another_organisation_is_404(school: Any, hr_inspector: Any, other_school: Any) -> None:
    job = BackgroundJob.objects.create(
        organisation=other_school, kind=BackgroundJob.Kind.SICK_LEAVE_IMPORT, title="Загрузка",
        created_at=timezone.now(),
    )  # fmt: skip

    assert hr_inspector.client.get(reverse("absences:import_job", args=[job.pk])).status_code == 404


def test_the_card_tab_lists_the_employees_absences(school: Any, hr_inspector: Any) -> None:
    worker = _worker(school, "Смирнова")
    _absent(hr_inspector.user, worker, D(2026, 3, 3), "lateness", minutes_late=25)
    page = hr_inspector.client.get(reverse("employee_card_tab", args=[worker.pk, "absences"])).content.decode()
    assert "на 25 мин." in page and reverse("absences:create") in page


def test_the_card_tab_is_registered_after_the_leave_and_before_the_timeline() -> None:
    # The tab is added from AbsencesConfig.ready: staff's own list does not name it.
    slugs = [tab.slug for tab in card.CARD_TABS]
    assert slugs.index("leave") + 1 == slugs.index("absences") < slugs.index("timeline")
    assert card.TABS["absences"].template == "absences/card_absences.html"


def test_the_register_shows_the_leaves_of_the_period_with_their_codes(school: Any, hr_inspector: Any) -> None:
    worker = _worker(school, "Смирнова")
    draft = orders.create_draft(
        actor=hr_inspector.user, organisation_id=school.pk, kind=Order.Kind.AWARD, date=D(2026, 3, 1)
    )
    item = orders.save_item(
        actor=hr_inspector.user, order=draft, data={"employee": worker, "date": D(2026, 3, 1), "award": "Грамота"}
    )
    grant_leave(actor=hr_inspector.user, employee=worker, order_item=item, leave_kind="study", start=D(2026, 3, 9),
                days=10, document="Приказ от 02.03.2026 № 5-о")  # fmt: skip
    _absent(hr_inspector.user, worker, D(2026, 3, 2))
    url = reverse("absences:register")
    response = hr_inspector.client.get(url)
    assert [str(code) for _leave, code in response.context["leaves"]] == ["У/11"]
    assert "Приказ от 02.03.2026 № 5-о" in response.content.decode()
    only_leaves = hr_inspector.client.get(url, {"kind": "leave"}).context
    assert (len(only_leaves["lines"]), len(only_leaves["leaves"])) == (0, 1)
    assert hr_inspector.client.get(url, {"kind": "unexcused"}).context["leaves"] == []
