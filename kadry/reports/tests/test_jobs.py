"""A report over more schools than KADRY_REPORT_JOB_SCHOOLS: the page offers a background job, whose XLSX
has the very cells of the synchronous export over the same schools and is its user's alone."""

from __future__ import annotations

import io
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from kadry.core.models import AccessLogEntry, Membership, Organisation
from kadry.documents.models import GeneratedDocument
from kadry.reports import jobs
from kadry.testing.factories import AssignmentFactory, MembershipFactory, OrganisationFactory, StaffingUnitFactory

pytestmark = pytest.mark.django_db

NOVEMBER = {"on": "2026-11-25", "year": "2026", "month": "11"}
# Each report and the input of its page (kadry/reports/tests/conftest.py: November 2026).
INPUTS = {
    "headcount": NOVEMBER,
    "composition": {"on": "2026-11-25"},
    "movement": {"from": "2026-11-01", "to": "2026-11-30"},
    "oo1": {"on": "2026-10-01"},
    "p4": {"year": "2026", "month": "11"},
}


@pytest.fixture
def service(school: Any, november: dict, settings: Any, tmp_path: Any) -> Client:
    """The HR head of a centralised service over two schools: Лицей № 1 (see conftest) and one more."""
    settings.MEDIA_ROOT = tmp_path / "media"  # the jobs' files
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.KADRY_REPORT_JOB_SCHOOLS = 1
    hr_service = OrganisationFactory(short_name="ЦКС", kind=Organisation.Kind.HR_SERVICE)
    Organisation.objects.filter(pk=school.pk).update(serviced_by=hr_service)
    other = OrganisationFactory(short_name="Школа № 2", serviced_by=hr_service)
    AssignmentFactory(employee__organisation=other, staffing_unit=StaffingUnitFactory(organisation=other))
    client = Client()
    client.force_login(MembershipFactory(organisation=hr_service, role=Membership.Role.HR_HEAD).user)
    return client


def _cells(content: bytes) -> list[tuple[Any, ...]]:
    return list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))


def _run_job(client: Client, report: str, query: dict[str, str], capture: Any) -> GeneratedDocument:
    with capture(execute=True):  # the immediate backend runs the job once the start commits
        response = client.post(
            f"{reverse('reports:start_job', args=[report])}?{'&'.join(f'{k}={v}' for k, v in query.items())}"
        )
    assert response.status_code == 302
    job = GeneratedDocument.objects.get(pk=response["Location"].rstrip("/").rsplit("/", 1)[1])
    assert job.status == GeneratedDocument.Status.DONE, job.error
    return job


def test_over_the_threshold_the_page_offers_the_job_not_the_figures(service: Client) -> None:
    page = service.get(reverse("reports:composition"), {"on": "2026-11-25"}).content.decode()

    assert "Сформировать отчёт" in page and "Отчёт по 2 школам" in page
    assert "По категориям должностей" not in page  # nothing counted
    export = service.get(reverse("reports:composition_export", args=["xlsx"]), {"on": "2026-11-25"})
    assert export.status_code == 302 and export["Location"].startswith(reverse("reports:composition"))
    assert service.get(reverse("reports:dashboard_pdf")).status_code == 302


@pytest.mark.parametrize("report", sorted(INPUTS))
def test_the_jobs_file_has_the_cells_of_the_synchronous_export(
    service: Client, settings: Any, report: str, django_capture_on_commit_callbacks: Any
) -> None:
    job = _run_job(service, report, INPUTS[report], django_capture_on_commit_callbacks)
    page = service.get(reverse("reports:job", args=[job.pk])).content.decode()
    assert "Скачать XLSX" in page
    downloaded = service.get(reverse("reports:job_download", args=[job.pk]))

    # The same two schools counted in the request, as under the threshold.
    settings.KADRY_REPORT_JOB_SCHOOLS = 50
    synchronous = service.get(reverse(f"reports:{report}_export", args=["xlsx"]), INPUTS[report])
    assert synchronous.status_code == 200
    cells = _cells(downloaded.getvalue())
    assert len(cells) > 5 and cells == _cells(synchronous.content)


@time_machine.travel("2026-11-25 10:00 +0300", tick=False)
def test_the_dashboards_job_writes_its_tables(service: Client, django_capture_on_commit_callbacks: Any) -> None:
    job = _run_job(service, "dashboard", {}, django_capture_on_commit_callbacks)
    cells = _cells(service.get(reverse("reports:job_download", args=[job.pk])).getvalue())

    assert cells[0][0] == "Панель руководителя на 25.11.2026"
    # Лицей № 1 has 5 on the list at the end of November (conftest), Школа № 2 one.
    assert ("11.2026", 6) in [row[:2] for row in cells]


def test_the_movement_job_logs_the_leavers_it_names(service: Client, django_capture_on_commit_callbacks: Any) -> None:
    _run_job(service, "movement", INPUTS["movement"], django_capture_on_commit_callbacks)

    entry = AccessLogEntry.objects.get(channel="batch")
    assert entry.what.startswith("Движение работников: причины увольнения за 01.11.2026–30.11.2026 (XLSX в фоне)")


def test_another_user_gets_404_for_the_job_and_its_file(
    service: Client, django_capture_on_commit_callbacks: Any
) -> None:
    job = _run_job(service, "composition", INPUTS["composition"], django_capture_on_commit_callbacks)
    colleague = Client()
    colleague.force_login(MembershipFactory(organisation=job.organisation, role=Membership.Role.HR_HEAD).user)

    assert colleague.get(reverse("reports:job", args=[job.pk])).status_code == 404
    assert colleague.get(reverse("reports:job_download", args=[job.pk])).status_code == 404
    assert service.get(reverse("reports:job_download", args=[job.pk])).status_code == 200
    assert f'href="{reverse("reports:job", args=[job.pk])}"' in service.get(reverse("reports:index")).content.decode()
    assert reverse("reports:job", args=[job.pk]) not in colleague.get(reverse("reports:index")).content.decode()
    # The documents' page offers batches of its own only.
    assert colleague.get(reverse("documents:job_download", args=[job.pk])).status_code == 404


def test_a_school_under_the_threshold_gets_its_figures(
    hr_inspector: Any, november: dict, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.KADRY_REPORT_JOB_SCHOOLS = 1
    page = hr_inspector.client.get(reverse("reports:composition"), {"on": "2026-11-25"}).content.decode()

    assert "По категориям должностей" in page and "Сформировать отчёт" not in page
    # A job asked for a scope the request counts goes back to the page.
    with django_capture_on_commit_callbacks(execute=True):
        response = hr_inspector.client.post(reverse("reports:start_job", args=["composition"]) + "?on=2026-11-25")
    assert response.status_code == 302 and response["Location"].startswith(reverse("reports:composition"))
    assert not GeneratedDocument.objects.exists()


def test_a_job_whose_service_no_longer_serves_the_school_fails(
    service: Client, school: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        service.post(reverse("reports:start_job", args=["composition"]) + f"?on=2026-11-25&organisation={school.pk}")
    # Only one school chosen: under the threshold, no job. Two schools, then the school leaves the service.
    assert not callbacks
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        service.post(reverse("reports:start_job", args=["composition"]) + "?on=2026-11-25")
    job = GeneratedDocument.objects.get()
    job.params = {**job.params, "organisation": school.pk}
    job.save(update_fields=["params"])
    Organisation.objects.filter(pk=school.pk).update(serviced_by=None)

    jobs.run_report_job(job.pk)

    job.refresh_from_db()
    assert job.status == GeneratedDocument.Status.FAILED and "обслуживает" in job.error


def test_the_job_pages_cost_the_same_queries_with_one_or_three_jobs(
    service: Client, django_capture_on_commit_callbacks: Any
) -> None:
    def counted(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert service.get(url).status_code == 200
        return len(captured.captured_queries)

    job = _run_job(service, "composition", INPUTS["composition"], django_capture_on_commit_callbacks)
    one = counted(reverse("reports:index"))
    for _more in range(2):
        _run_job(service, "composition", INPUTS["composition"], django_capture_on_commit_callbacks)

    assert counted(reverse("reports:index")) == one
    # The session, the user, the membership and the job (measured: 4, as the index with its list).
    assert counted(reverse("reports:job", args=[job.pk])) <= 4
