"""`manage.py purge_files`: abandoned uploads after hours, generated batch files after days; files owner-only."""

from __future__ import annotations

import datetime as dt
import os
import stat
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from kadry.core.jobs import create_upload_job
from kadry.core.models import BackgroundJob
from kadry.core.uploads import keep_upload
from kadry.documents.models import GeneratedDocument
from kadry.documents.services import run_personal_cards_job
from kadry.documents.tasks import start_personal_cards_batch
from kadry.staff.models import Employee

pytestmark = pytest.mark.django_db


def _age(name: str, hours: float) -> None:
    """Make a stored file ``hours`` old."""
    when = (timezone.now() - dt.timedelta(hours=hours)).timestamp()
    os.utime(default_storage.path(name), (when, when))


def _purge(**options) -> str:
    out = StringIO()
    call_command("purge_files", stdout=out, **options)
    return out.getvalue()


def _generated(school, hr_inspector, *, days_ago: float) -> GeneratedDocument:
    job = GeneratedDocument.objects.create(
        organisation=school,
        kind=GeneratedDocument.Kind.PERSONAL_CARDS_T2,
        title="Личные карточки",
        status=GeneratedDocument.Status.DONE,
        progress=100,
        created_by=hr_inspector.user,
        created_at=timezone.now() - dt.timedelta(days=days_ago),
        finished_at=timezone.now() - dt.timedelta(days=days_ago),
    )
    job.file.save("cards.zip", ContentFile(b"PK"), save=True)
    return job


def test_uploads_left_longer_than_the_setting_are_deleted_unless_a_job_still_needs_them(hr_inspector, settings) -> None:
    settings.KADRY_UPLOAD_KEEP_HOURS = 24
    membership = hr_inspector.membership
    folder = f"imports/{membership.organisation_id}/pending/{membership.user_id}"
    abandoned = f"{folder}/" + keep_upload(membership=membership, content=b"a;b", filename="old.csv")
    fresh = f"{folder}/" + keep_upload(membership=membership, content=b"a;b", filename="new.csv")
    queued = create_upload_job(
        membership=membership,
        kind=BackgroundJob.Kind.EMPLOYEE_IMPORT,
        title="В очереди",
        content=b"a",
        filename="q.csv",
    )
    dead = create_upload_job(
        membership=membership, kind=BackgroundJob.Kind.EMPLOYEE_IMPORT, title="Упала", content=b"a", filename="d.csv"
    )
    BackgroundJob.objects.filter(pk=dead.pk).update(status=BackgroundJob.Status.FAILED)
    for name in (abandoned, queued.params["file"], dead.params["file"]):
        _age(name, 25)
    _age(fresh, 23)

    assert _purge() == "Удалено загруженных файлов: 2; сформированных файлов: 0.\n"

    assert not default_storage.exists(abandoned) and not default_storage.exists(dead.params["file"])
    assert default_storage.exists(fresh) and default_storage.exists(queued.params["file"])


def test_generated_files_older_than_the_setting_are_deleted_and_the_row_stays(hr_inspector, school, settings) -> None:
    settings.KADRY_GENERATED_FILES_DAYS = 7
    old, recent = _generated(school, hr_inspector, days_ago=8), _generated(school, hr_inspector, days_ago=6)
    old_name = old.file.name
    assert old_name

    assert _purge() == "Удалено загруженных файлов: 0; сформированных файлов: 1.\n"

    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.file.name == "" and not default_storage.exists(old_name)
    assert recent.file.name and default_storage.exists(recent.file.name)
    page = hr_inspector.client.get(reverse("documents:jobs")).content.decode()
    assert "файл удалён по сроку хранения" in page
    assert reverse("documents:job_download", args=[old.pk]) not in page
    assert reverse("documents:job_download", args=[recent.pk]) in page
    assert hr_inspector.client.get(reverse("documents:job_download", args=[old.pk])).status_code == 404
    assert _purge(generated_days=5) == "Удалено загруженных файлов: 0; сформированных файлов: 1.\n"


def test_a_generated_document_and_a_stored_upload_are_readable_by_their_owner_only(
    hr_inspector, teacher: Employee
) -> None:
    job = start_personal_cards_batch(membership=hr_inspector.membership, on=timezone.localdate())
    run_personal_cards_job(job.pk)
    job.refresh_from_db()
    upload = create_upload_job(
        membership=hr_inspector.membership,
        kind=BackgroundJob.Kind.EMPLOYEE_IMPORT,
        title="Загрузка",
        content=b"a;b",
        filename="staff.csv",
    )
    for name in (job.file.name, upload.params["file"]):
        assert name
        path = Path(default_storage.path(name))
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, name
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700, name
