"""The student import keeps the checked file on the server; «Загрузить» names it, for its uploader only."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import pytest
from django.core.files.storage import FileSystemStorage, default_storage
from django.test import Client
from django.urls import reverse

from kadry.core.models import BackgroundJob, Membership
from kadry.school.models import Student
from kadry.school.tests.test_import import GOOD, _csv
from kadry.testing.factories import MembershipFactory
from kadry.testing.school import AcademicYearFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _import_settings(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _files() -> list[Path]:
    media = Path(cast(FileSystemStorage, default_storage).location)  # the file system one in tests
    return [path for path in media.rglob("*") if path.is_file()] if media.exists() else []


def _rows(count: int) -> list[list[str]]:
    guardian = "Представитель Ольга Викторовна Иванова-Петрова"
    return [[f"{5 + n % 4}А", str(10_000 + n), f"Ученик{n}", "Иван", "М", "01.02.2013", guardian] for n in range(count)]


def test_a_large_register_is_checked_then_imported_from_the_kept_file(
    personas, school, settings, django_capture_on_commit_callbacks
) -> None:
    year = AcademicYearFactory(organisation=school)
    client = personas["deputy_director"].client
    upload = _csv(_rows(20_000))
    assert upload.size is not None and upload.size * 4 / 3 > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    checked = client.post(reverse("school:import"), {"academic_year": year.pk, "file": upload, "create_classes": "on"})
    assert checked.status_code == 200 and checked.context["plan"].created == 20_000
    form = checked.context["form"]
    fields = {name: form[name].value() for name in ("academic_year", "upload", "filename")}
    assert len(_files()) == 1 and len(checked.content) < 50_000

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("school:import"), {**fields, "create_classes": "on", "commit": "1"})

    job = BackgroundJob.objects.get()
    assert response["Location"] == reverse("school:import_job", args=[job.pk])
    assert (job.status, job.result["created"]) == ("done", 20_000)
    assert Student.objects.count() == 20_000 and _files() == []


def test_another_user_or_school_cannot_confirm_the_kept_file(personas, school, other_school) -> None:
    year = AcademicYearFactory(organisation=school)
    checked = personas["deputy_director"].client.post(
        reverse("school:import"), {"academic_year": year.pk, "file": _csv([GOOD]), "create_classes": "on"}
    )
    data = {"academic_year": year.pk, "upload": checked.context["form"]["upload"].value(), "commit": "1"}
    assert data["upload"]
    assert personas["administrator"].client.post(reverse("school:import"), data).status_code == 404
    # The deputy director of another school, with a year of their own.
    deputy = MembershipFactory(organisation=other_school, role=Membership.Role.DEPUTY_DIRECTOR)
    stranger = Client()
    stranger.force_login(deputy.user)
    their_year = AcademicYearFactory(organisation=other_school)
    assert stranger.post(reverse("school:import"), {**data, "academic_year": their_year.pk}).status_code == 404
    assert not BackgroundJob.objects.exists() and len(_files()) == 1


def test_too_many_rows_are_refused_on_the_file_field(personas, school, settings) -> None:
    settings.KADRY_IMPORT_MAX_ROWS = 2
    year = AcademicYearFactory(organisation=school)
    response = personas["deputy_director"].client.post(
        reverse("school:import"), {"academic_year": year.pk, "file": _csv(_rows(3))}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == ["В файле больше 2 строк: разделите его на несколько файлов."]
