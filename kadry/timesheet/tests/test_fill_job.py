"""Filling the month of every department as a background job: who starts it, its organisations, progress, failure."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from kadry.core.models import BackgroundJob, Membership, Organisation
from kadry.testing.factories import DepartmentFactory, MembershipFactory, OrganisationFactory
from kadry.timesheet import month_grid, services
from kadry.timesheet.models import Timesheet

pytestmark = pytest.mark.django_db


def _recording(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, Any]]:
    """Record every progress save of the job (percent, departments done / total)."""
    saved: list[tuple[int, Any]] = []
    original = services.save_job

    def save_job(job: BackgroundJob, **values: Any) -> None:
        saved.append((values["progress"], dict(values["result"])))
        original(job, **values)

    monkeypatch.setattr(services, "save_job", save_job)
    return saved


def test_hr_starts_the_filling_from_the_month_list_and_the_job_reports_progress_and_result(
    hr_inspector, school, office, november, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    DepartmentFactory(organisation=school, name="Кафедра физики")  # empty: a timesheet with no rows
    index = hr_inspector.client.get(reverse("timesheet:index", args=[2026, 11])).content.decode()
    assert "Заполнить табели всех подразделений" in index
    with django_capture_on_commit_callbacks() as callbacks:
        response = hr_inspector.client.post(reverse("timesheet:fill", args=[2026, 11]))
    job = BackgroundJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("timesheet:job", args=[job.pk])
    assert len(callbacks) == 1  # the enqueueing, after the commit
    assert (job.kind, job.status, job.created_by) == ("timesheet_fill", "queued", hr_inspector.user)
    assert job.params == {"year": 2026, "month": 11, "organisations": [school.pk]}
    saved = _recording(monkeypatch)
    services.run_fill_job(job.pk)
    # Two departments: 1 + 98 × 1 // 2 = 50 % after the first, 99 % after the second.
    assert saved == [(50, {"done": 1, "total": 2}), (99, {"done": 2, "total": 2})]
    job.refresh_from_db()
    # November at the office as test_filling computes it by hand: the teacher 16 days × 7.2 = 115.2, the
    # secretary 47 + 64 = 111 (sick and on a trip 3 days each), the half-rate part-timer 79.5: 305.7 in all.
    assert (job.status, job.progress) == ("done", 100)
    assert job.result == {"done": 2, "total": 2, "closed": 0, "rows": 3, "hours": "305,7", "organisations": 1}
    assert Timesheet.objects.filter(year=2026, month=11).count() == 2
    page = hr_inspector.client.get(reverse("timesheet:job", args=[job.pk])).content.decode()
    assert "Заполнено табелей подразделений: 2" in page and "every 2s" not in page
    services.run_fill_job(job.pk)  # a retried task finds the job finished and does nothing
    assert len(saved) == 2


def test_a_failure_keeps_the_departments_done_and_says_so_in_russian(hr_inspector, school, office, monkeypatch) -> None:
    DepartmentFactory(organisation=school, name="Кафедра физики")
    job = services.create_fill_job(membership=hr_inspector.membership, year=2026, month=11)
    original = month_grid.filling
    calls = 0

    def failing(sheet: Timesheet) -> month_grid.Grid:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise RuntimeError("disk full")
        return original(sheet)

    monkeypatch.setattr(services, "filling", failing)
    services.run_fill_job(job.pk)
    job.refresh_from_db()
    assert job.status == "failed" and job.result == {"done": 1, "total": 2}
    assert job.error.startswith("Заполнение остановилось из-за ошибки: заполнено подразделений 1 из 2.")
    # All or nothing per department: the first one's timesheet stays open and filled.
    assert Timesheet.objects.filter(department=office, year=2026, month=11).exists()
    page = hr_inspector.client.get(reverse("timesheet:job", args=[job.pk])).content.decode()
    assert "Запустить заполнение снова" in page and "1 из 2" in page


def test_a_centralised_hr_service_fills_every_school_where_its_user_keeps_the_records(school) -> None:
    service = OrganisationFactory(kind=Organisation.Kind.HR_SERVICE)
    other, foreign, left = OrganisationFactory(), OrganisationFactory(), OrganisationFactory()
    seat = MembershipFactory(organisation=service, role=Membership.Role.HR_HEAD)
    user = seat.user
    MembershipFactory(organisation=school, user=user, role=Membership.Role.HR_INSPECTOR)
    MembershipFactory(organisation=other, user=user, role=Membership.Role.HR_HEAD)
    MembershipFactory(organisation=foreign, user=user, role=Membership.Role.DIRECTOR)  # not an HR role
    MembershipFactory(organisation=left, user=user, role=Membership.Role.HR_INSPECTOR, is_active=False)
    MembershipFactory(organisation=foreign, role=Membership.Role.HR_HEAD)  # another user's seat
    assert services.organisations_to_fill(seat) == sorted([service.pk, school.pk, other.pk])
    for organisation in (school, other, foreign):
        DepartmentFactory(organisation=organisation)
    job = services.create_fill_job(membership=seat, year=2026, month=11)
    services.run_fill_job(job.pk)
    job.refresh_from_db()
    assert (job.organisation_id, job.status, job.result["done"], job.result["organisations"]) == (
        service.pk,
        "done",
        2,
        3,
    )
    assert set(Timesheet.objects.values_list("organisation_id", flat=True)) == {school.pk, other.pk}
    # A school's own inspector fills only their school, even if the user also sits in others.
    assert services.organisations_to_fill(Membership.objects.get(organisation=school, user=user)) == [school.pk]


def test_only_hr_starts_it_and_another_organisation_cannot_see_the_job(hr_inspector, director, outsider) -> None:
    assert director.client.post(reverse("timesheet:fill", args=[2026, 11])).status_code == 404
    assert "Заполнить табели" not in director.client.get(reverse("timesheet:index", args=[2026, 11])).content.decode()
    job = services.create_fill_job(membership=hr_inspector.membership, year=2026, month=11)
    assert outsider.client.get(reverse("timesheet:job", args=[job.pk])).status_code == 404


def test_the_bench_times_filling_this_month_of_every_department(school, office, november) -> None:
    from bench import inproc  # the bench's in-process scenarios (bench/inproc.py), on the test data

    result = inproc.timesheet_fill(2)
    assert (result["organisations"], result["departments"], result["rows"], result["rounds"]) == (1, 1, 3, 2)
    assert result["first_s"] > 0 and result["departments_per_s"] > 0
    today = timezone.localdate()
    assert Timesheet.objects.filter(department=office, year=today.year, month=today.month).count() == 1
