"""The batch of personal cards Т-2 as a background job, and the page that follows the jobs."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from kadry.core.models import AccessLogEntry, Organisation
from kadry.documents.models import GeneratedDocument
from kadry.documents.tasks import start_personal_cards_batch
from kadry.documents.tests.helpers import docx_text, response_bytes
from kadry.staff.models import Employee
from kadry.testing.factories import AssignmentFactory, EmployeeFactory, StaffingUnitFactory


@pytest.fixture
def staff(school: Organisation, teacher: Employee) -> list[Employee]:
    """Three people working in ``school`` today, one dismissed and one never hired."""
    unit = StaffingUnitFactory(organisation=school, position__name="сторож")
    working = [teacher] + [
        AssignmentFactory(employee__organisation=school, staffing_unit=unit, start=dt.date(2021, 1, 11)).employee
        for _ in range(2)
    ]
    AssignmentFactory(
        employee__organisation=school, staffing_unit=unit, start=dt.date(2015, 1, 12), end=dt.date(2019, 6, 30)
    )
    EmployeeFactory(organisation=school)
    return working


def _start(persona, captured, **data):
    with captured(execute=True):
        return persona.client.post(reverse("documents:start_personal_cards"), data)


@pytest.mark.django_db
def test_batch_goes_from_queued_to_done_with_a_zip_of_every_working_employee(
    hr_inspector, staff: list[Employee], django_capture_on_commit_callbacks
) -> None:
    response = _start(hr_inspector, django_capture_on_commit_callbacks, fmt="docx")

    assert response.status_code == 302
    job = GeneratedDocument.objects.get()
    assert job.status == GeneratedDocument.Status.DONE
    assert job.progress == 100
    assert job.finished_at is not None
    assert job.created_by == hr_inspector.user
    assert job.error == ""
    with zipfile.ZipFile(job.file.open("rb")) as archive:
        names = archive.namelist()
        assert len(names) == len(staff) == 3
        assert all(name.endswith(".docx") for name in names)
        teacher_card = next(name for name in names if "Иванова" in name)
        assert "Иванова" in docx_text(archive.read(teacher_card))


@pytest.mark.django_db
def test_batch_in_pdf(hr_inspector, staff: list[Employee], django_capture_on_commit_callbacks) -> None:
    _start(hr_inspector, django_capture_on_commit_callbacks, fmt="pdf")

    job = GeneratedDocument.objects.get()
    with zipfile.ZipFile(job.file.open("rb")) as archive:
        contents = [archive.read(name) for name in archive.namelist()]
    assert len(contents) == 3
    assert all(content.startswith(b"%PDF") for content in contents)


@pytest.mark.django_db
def test_the_job_is_queued_until_the_transaction_commits(hr_inspector, staff: list[Employee]) -> None:
    # Without committing, the worker has nothing to pick up yet: the row waits in the queue.
    job = start_personal_cards_batch(membership=hr_inspector.membership, on=timezone.localdate())

    job.refresh_from_db()
    assert (job.status, job.progress) == (GeneratedDocument.Status.QUEUED, 0)


@pytest.mark.django_db
def test_each_printed_card_is_logged(hr_inspector, staff: list[Employee], django_capture_on_commit_callbacks) -> None:
    _start(hr_inspector, django_capture_on_commit_callbacks)

    entries = AccessLogEntry.objects.filter(what="Печать личной карточки Т-2")
    assert sorted(e.subject_id for e in entries) == sorted(e.pk for e in staff)
    assert {(e.channel, e.actor_id, e.role) for e in entries} == {("batch", hr_inspector.user.pk, "hr_inspector")}


@pytest.mark.django_db
def test_a_failing_job_is_marked_failed_with_its_error(
    hr_inspector, staff: list[Employee], django_capture_on_commit_callbacks, monkeypatch
) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("Шаблон повреждён")

    monkeypatch.setattr("kadry.documents.services.render_personal_card", broken)
    _start(hr_inspector, django_capture_on_commit_callbacks)

    job = GeneratedDocument.objects.get()
    assert job.status == GeneratedDocument.Status.FAILED
    assert job.error == "Шаблон повреждён"
    assert not job.file
    body = hr_inspector.client.get(reverse("documents:jobs")).content.decode()
    assert "Шаблон повреждён" in body


@pytest.mark.django_db
def test_jobs_page_polls_while_a_job_is_pending_and_stops_when_done(
    hr_inspector, staff: list[Employee], django_capture_on_commit_callbacks
) -> None:
    pending = start_personal_cards_batch(membership=hr_inspector.membership, on=timezone.localdate())

    page = hr_inspector.client.get(reverse("documents:jobs")).content.decode()
    assert 'hx-trigger="every 2s"' in page
    assert "в очереди" in page

    from kadry.documents.services import run_personal_cards_job

    run_personal_cards_job(pending.pk)
    partial = hr_inspector.client.get(reverse("documents:jobs"), HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial
    assert 'hx-trigger="every 2s"' not in partial
    assert reverse("documents:job_download", args=[pending.pk]) in partial


@pytest.mark.django_db
def test_done_job_downloads_as_zip(hr_inspector, staff: list[Employee], django_capture_on_commit_callbacks) -> None:
    _start(hr_inspector, django_capture_on_commit_callbacks)
    job = GeneratedDocument.objects.get()

    response = hr_inspector.client.get(reverse("documents:job_download", args=[job.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response_bytes(response))) as archive:
        assert len(archive.namelist()) == 3


@pytest.mark.django_db
def test_running_a_job_twice_does_nothing_the_second_time(
    hr_inspector, staff: list[Employee], django_capture_on_commit_callbacks
) -> None:
    from kadry.documents.services import run_personal_cards_job

    _start(hr_inspector, django_capture_on_commit_callbacks)
    job = GeneratedDocument.objects.get()
    run_personal_cards_job(job.pk)

    assert AccessLogEntry.objects.count() == 3


@pytest.mark.django_db
@pytest.mark.parametrize("jobs", [1, 30])
def test_jobs_page_costs_the_same_queries_with_1_or_30_jobs(
    hr_inspector, school: Organisation, jobs: int, django_assert_max_num_queries
) -> None:
    now = timezone.now()
    GeneratedDocument.objects.bulk_create(
        GeneratedDocument(
            organisation=school,
            kind=GeneratedDocument.Kind.PERSONAL_CARDS_T2,
            title=f"Пакет {n}",
            status=GeneratedDocument.Status.DONE,
            progress=100,
            file=f"generated/{school.pk}/cards-{n}.zip",
            created_by=hr_inspector.user,
            created_at=now,
        )
        for n in range(jobs)
    )

    # session, user, membership, jobs with their authors
    with django_assert_max_num_queries(5):
        response = hr_inspector.client.get(reverse("documents:jobs"))
    assert response.status_code == 200
    assert response.content.decode().count("Скачать ZIP") == jobs


@pytest.mark.django_db
def test_outsider_sees_no_job_of_another_school(
    hr_inspector, outsider, staff: list[Employee], django_capture_on_commit_callbacks
) -> None:
    _start(hr_inspector, django_capture_on_commit_callbacks)
    job = GeneratedDocument.objects.get()

    assert outsider.client.get(reverse("documents:job_download", args=[job.pk])).status_code == 404
    assert job.title not in outsider.client.get(reverse("documents:jobs")).content.decode()


@pytest.mark.django_db
def test_unknown_batch_format_is_not_found(hr_inspector) -> None:
    assert hr_inspector.client.post(reverse("documents:start_personal_cards"), {"fmt": "xls"}).status_code == 404
    assert not GeneratedDocument.objects.exists()
