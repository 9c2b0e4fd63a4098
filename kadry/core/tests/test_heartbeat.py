"""Background jobs tell the truth: heartbeats, and the sweep of jobs whose worker died.

The job of a worker really killed mid-write is in kadry/staff/tests/test_import_worker.py.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from kadry.core.heartbeat import Heartbeat
from kadry.core.jobs import ABANDONED_ERRORS, JobAbandoned, finish_job, finishing, save_job
from kadry.core.models import BackgroundJob
from kadry.documents.models import GeneratedDocument
from kadry.staff.models import Employee
from kadry.testing.factories import EmployeeFactory

EMPLOYEE_IMPORT_ABANDONED = ABANDONED_ERRORS[BackgroundJob.Kind.EMPLOYEE_IMPORT]

Status = BackgroundJob.Status
TIMEOUT = 120


@pytest.fixture(autouse=True)
def _settings(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.KADRY_JOB_HEARTBEAT_TIMEOUT = TIMEOUT


def _job(school, *, beat_ago: float | None, status: str = Status.RUNNING, upload: bool = True) -> BackgroundJob:
    now = timezone.now()
    params = {}
    if upload:
        params["file"] = default_storage.save(f"imports/{school.pk}/a.csv", ContentFile(b"x"))
    return BackgroundJob.objects.create(
        organisation=school,
        kind=BackgroundJob.Kind.EMPLOYEE_IMPORT,
        title="Загрузка",
        status=status,
        params=params,
        created_at=now - dt.timedelta(hours=1),
        heartbeat_at=None if beat_ago is None else now - dt.timedelta(seconds=beat_ago),
    )


@pytest.mark.django_db
def test_polling_the_job_of_a_dead_worker_fails_it_and_removes_its_upload(hr_inspector, school) -> None:
    job = _job(school, beat_ago=TIMEOUT + 1)
    page = hr_inspector.client.get(reverse("employee_import_job", args=[job.pk])).content.decode()
    assert EMPLOYEE_IMPORT_ABANDONED in page and "Загрузить файл снова" in page and "hx-trigger" not in page
    job.refresh_from_db()
    assert (job.status, job.error) == (Status.FAILED, EMPLOYEE_IMPORT_ABANDONED) and job.finished_at
    assert not default_storage.exists(job.params["file"])


@pytest.mark.django_db
def test_polling_a_job_that_beats_costs_no_query_more_and_leaves_it_running(
    hr_inspector, school, django_assert_num_queries
) -> None:
    job = _job(school, beat_ago=TIMEOUT - 5)
    url = reverse("employee_import_job", args=[job.pk])
    hr_inspector.client.get(url)  # session and membership cached like on a real poll
    with django_assert_num_queries(4):  # session, user, membership, the job: the heartbeat check is free
        assert 'hx-trigger="every 2s"' in hr_inspector.client.get(url).content.decode()
    job.refresh_from_db()
    assert job.status == Status.RUNNING and default_storage.exists(job.params["file"])


@pytest.mark.django_db
def test_the_jobs_page_of_documents_fails_a_document_whose_worker_died(hr_inspector, school) -> None:
    document = GeneratedDocument.objects.create(
        organisation=school,
        kind=GeneratedDocument.Kind.PERSONAL_CARDS_T2,
        title="Т-2",
        status=GeneratedDocument.Status.RUNNING,
        created_by=hr_inspector.user,
        created_at=timezone.now() - dt.timedelta(seconds=TIMEOUT + 1),
    )
    page = hr_inspector.client.get(reverse("documents:jobs")).content.decode()
    assert "фоновый процесс остановился" in page
    document.refresh_from_db()
    assert document.status == GeneratedDocument.Status.FAILED


# Transactional: the worker's loop closes the connection (close_old_connections), ending a test transaction.
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("command", ["sweep_jobs", "db_worker"])
def test_a_starting_worker_and_sweep_jobs_fail_every_abandoned_job_and_only_those(school, command) -> None:
    dead, silent = _job(school, beat_ago=TIMEOUT + 1), _job(school, beat_ago=None, upload=False)
    alive, queued = _job(school, beat_ago=1), _job(school, beat_ago=None, status=Status.QUEUED)
    document = GeneratedDocument.objects.create(
        organisation=school,
        kind=GeneratedDocument.Kind.PERSONAL_CARDS_T2,
        title="Т-2",
        status=GeneratedDocument.Status.RUNNING,
        created_at=timezone.now(),
        heartbeat_at=timezone.now() - dt.timedelta(seconds=TIMEOUT + 1),
    )
    options = {"batch": True, "startup_delay": False, "reload": False, "verbosity": 0} if command == "db_worker" else {}
    call_command(command, **options)
    statuses = dict(BackgroundJob.objects.values_list("pk", "status"))
    assert statuses == {dead.pk: Status.FAILED, silent.pk: Status.FAILED, alive.pk: Status.RUNNING, queued.pk: "queued"}
    assert not default_storage.exists(dead.params["file"]) and default_storage.exists(alive.params["file"])
    document.refresh_from_db()
    assert document.status == GeneratedDocument.Status.FAILED


@pytest.mark.django_db
def test_a_job_failed_by_the_sweep_keeps_its_verdict_and_writes_nothing(school) -> None:
    job = _job(school, beat_ago=TIMEOUT + 1)
    call_command("sweep_jobs")  # as if the worker had only been frozen and now resumes
    with pytest.raises(JobAbandoned), finishing(job):
        EmployeeFactory(organisation=school)
    assert not Employee.objects.exists()
    assert finish_job(job, Status.DONE, result={"created": 1}) is False
    job.refresh_from_db()
    assert (job.status, job.error, job.result) == (Status.FAILED, EMPLOYEE_IMPORT_ABANDONED, {})


@pytest.mark.django_db
def test_a_running_job_writes_and_finishes_in_one_transaction(school) -> None:
    job = _job(school, beat_ago=1)
    with finishing(job):
        EmployeeFactory(organisation=school)
        assert finish_job(job, Status.DONE, result={"created": 1})
    job.refresh_from_db()
    assert job.status == Status.DONE and Employee.objects.count() == 1


@pytest.mark.django_db
def test_each_progress_save_is_a_heartbeat(school) -> None:
    job = _job(school, beat_ago=TIMEOUT + 1)
    save_job(job, progress=50)
    job.refresh_from_db()
    assert job.heartbeat_at is not None
    assert timezone.now() - job.heartbeat_at < dt.timedelta(seconds=5)


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_thread_beats_while_the_job_runs_and_stops_after(school, settings) -> None:
    settings.KADRY_JOB_HEARTBEAT_TIMEOUT = 0.2  # a beat every 0.05 s
    job = _job(school, beat_ago=TIMEOUT + 1, upload=False)
    stale = job.heartbeat_at
    assert stale is not None
    with Heartbeat(BackgroundJob, job.pk) as heartbeat:
        time.sleep(0.5)  # the job's own thread is busy and saves nothing
        job.refresh_from_db()
        assert job.heartbeat_at is not None
        assert job.heartbeat_at > stale
    assert not heartbeat._thread.is_alive()
    finish_job(job, Status.DONE)
    last = BackgroundJob.objects.get(pk=job.pk).heartbeat_at
    time.sleep(0.2)
    assert BackgroundJob.objects.get(pk=job.pk).heartbeat_at == last


@pytest.mark.django_db
def test_each_kind_of_job_failed_by_the_sweep_gets_its_own_message(school) -> None:
    jobs = {kind: _job(school, beat_ago=TIMEOUT + 1, upload=False) for kind in BackgroundJob.Kind.values}
    for kind, job in jobs.items():
        job.kind = kind
        job.result = {"done": 3, "total": 40} if kind == BackgroundJob.Kind.TIMESHEET_FILL else {}
        job.save(update_fields=["kind", "result"])

    call_command("sweep_jobs")

    errors = dict(BackgroundJob.objects.values_list("kind", "error"))
    assert errors == {
        "employee_import": "Импорт сотрудников прерван: фоновый процесс остановился. "
        "Ничего не записано — загрузите файл снова.",
        "student_import": "Импорт обучающихся прерван: фоновый процесс остановился. "
        "Ничего не записано — загрузите файл снова.",
        "sick_leave_import": "Импорт больничных листов прерван: фоновый процесс остановился. "
        "Ничего не записано — загрузите файл снова.",
        "timesheet_fill": "Заполнение табелей прервано: фоновый процесс остановился, заполнено подразделений 3 "
        "из 40. Заполненные табели сохранены — запустите заполнение снова, готовые табели не изменятся.",
        "grade_import": "Загрузка отметок прервана: фоновый процесс остановился. "
        "Ничего не записано — загрузите файл снова.",
    }


def test_a_kind_without_its_own_message_gets_the_models_one() -> None:
    from kadry.core import heartbeat

    swept = heartbeat.SweptModel(BackgroundJob, "общее", by_kind={"a": "своё", "b": lambda job: f"из {job.title}"})

    assert swept.message(BackgroundJob(kind="a")) == "своё"
    assert swept.message(BackgroundJob(kind="b", title="задачи")) == "из задачи"
    assert swept.message(BackgroundJob(kind="c")) == "общее"
