"""The employee import's upload: bounded, kept on the server between the dry run and «Загрузить», private."""

from __future__ import annotations

import io
import stat
import zipfile
from pathlib import Path
from typing import cast

import pytest
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kadry.core.models import BackgroundJob
from kadry.staff.models import Employee
from kadry.staff.tests.test_import import HEADER, csv_file, row

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _import_settings(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _dry_run(persona, upload: SimpleUploadedFile):
    return persona.client.post(reverse("employee_import"), {"file": upload, "dry_run": "1"})


def _confirm(persona, dry_run, capture):
    """Press «Загрузить» on the page of a dry run: send back its hidden fields, no file."""
    fields = {name: dry_run.context["form"][name].value() for name in ("upload", "filename")}
    with capture(execute=True):
        return persona.client.post(reverse("employee_import"), {**fields, "commit": "1"})


def _kept_files() -> list[str]:
    media = Path(cast(FileSystemStorage, default_storage).location)  # the file system one in tests
    return [str(path) for path in media.rglob("*") if path.is_file()] if media.exists() else []


def test_a_file_of_20000_rows_passes_the_dry_run_and_is_imported_from_the_server(
    hr_inspector, settings, django_capture_on_commit_callbacks
) -> None:
    upload = csv_file(*(row(n) for n in range(20_000)))
    # Sent back in a hidden field (base64) it passed Django's limit and got a bare «400 Bad Request».
    assert upload.size is not None and upload.size * 4 / 3 > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    checked = _dry_run(hr_inspector, upload)
    assert checked.status_code == 200, checked.context["form"].errors
    assert checked.context["plan"].created == 20_000
    # The page carries the file's id, not the file.
    assert len(checked.content) < 50_000
    assert len(_kept_files()) == 1

    response = _confirm(hr_inspector, checked, django_capture_on_commit_callbacks)

    job = BackgroundJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("employee_import_job", args=[job.pk])
    assert (job.status, job.result) == ("done", {"created": 20_000})
    assert job.title == "Загрузка сотрудников из файла «staff.csv»"
    assert Employee.objects.count() == 20_000
    assert _kept_files() == []  # the kept file and the job's copy are both deleted once imported


def test_another_user_or_organisation_cannot_confirm_a_kept_file(
    hr_inspector, hr_head, outsider, django_capture_on_commit_callbacks
) -> None:
    checked = _dry_run(hr_inspector, csv_file(row(1)))
    assert checked.context["form"]["upload"].value()
    for stranger in (hr_head, outsider):
        assert _confirm(stranger, checked, django_capture_on_commit_callbacks).status_code == 404
    assert not BackgroundJob.objects.exists() and len(_kept_files()) == 1
    assert _confirm(hr_inspector, checked, django_capture_on_commit_callbacks).status_code == 302
    assert Employee.objects.count() == 1


@pytest.mark.parametrize("kept_id", ["../../../secret_key", "0" * 32 + ".txt", "a" * 32 + ".csv"])
def test_an_id_that_is_not_a_kept_file_is_not_found(hr_inspector, kept_id: str) -> None:
    response = hr_inspector.client.post(reverse("employee_import"), {"upload": kept_id, "filename": "a.csv"})
    assert response.status_code == 404


def test_checking_the_kept_file_again_keeps_the_same_file(hr_inspector) -> None:
    checked = _dry_run(hr_inspector, csv_file(row(1)))
    kept_id = checked.context["form"]["upload"].value()
    again = hr_inspector.client.post(
        reverse("employee_import"), {"upload": kept_id, "filename": "staff.csv", "dry_run": "1"}
    )
    assert again.status_code == 200 and again.context["plan"].created == 1
    assert again.context["form"]["upload"].value() == kept_id and len(_kept_files()) == 1
    assert "Файл: staff.csv" in again.content.decode()


def test_a_file_with_errors_is_not_kept(hr_inspector) -> None:
    checked = _dry_run(hr_inspector, csv_file(row(1, born="вчера")))
    assert checked.status_code == 400 and not checked.context["form"]["upload"].value()
    assert _kept_files() == []


def test_a_file_larger_than_the_limit_is_refused_on_the_file_field(hr_inspector, settings) -> None:
    settings.KADRY_IMPORT_MAX_BYTES = 1024 * 1024
    upload = csv_file(*(row(n) for n in range(9_000)))
    assert upload.size is not None and upload.size > 1024 * 1024
    response = _dry_run(hr_inspector, upload)
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == ["Файл больше 1 МБ: разделите его на несколько файлов."]
    assert "Файл больше 1 МБ" in response.content.decode()


def test_more_rows_than_the_limit_are_refused_on_the_file_field(hr_inspector, settings) -> None:
    settings.KADRY_IMPORT_MAX_ROWS = 3
    response = _dry_run(hr_inspector, csv_file(*(row(n) for n in range(4))))
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == ["В файле больше 3 строк: разделите его на несколько файлов."]
    assert _dry_run(hr_inspector, csv_file(*(row(n) for n in range(3)))).status_code == 200


def test_a_zip_bomb_is_refused_on_the_file_field(hr_inspector, settings) -> None:
    settings.KADRY_IMPORT_MAX_UNCOMPRESSED_BYTES = 1024 * 1024
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (2 * 1024 * 1024))
    response = _dry_run(hr_inspector, SimpleUploadedFile("staff.xlsx", buffer.getvalue()))
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "Файл XLSX в распакованном виде больше 1 МБ: разделите его на несколько файлов."
    ]


def test_a_job_started_from_an_oversized_file_fails_with_the_message(
    hr_inspector, settings, django_capture_on_commit_callbacks
) -> None:
    settings.KADRY_IMPORT_MAX_ROWS = 1
    with django_capture_on_commit_callbacks(execute=True):
        hr_inspector.client.post(reverse("employee_import"), {"file": csv_file(row(1), row(2)), "commit": "1"})
    job = BackgroundJob.objects.get()
    assert (job.status, job.error) == ("failed", "В файле больше 1 строк: разделите его на несколько файлов.")
    assert not Employee.objects.exists() and _kept_files() == []


def test_a_kept_upload_is_readable_by_its_owner_only(hr_inspector) -> None:
    _dry_run(hr_inspector, csv_file(row(1)))
    [kept] = _kept_files()
    assert stat.S_IMODE(Path(kept).stat().st_mode) == 0o600
    assert stat.S_IMODE(Path(kept).parent.stat().st_mode) == 0o700
    assert Path(kept).read_bytes().startswith(HEADER.encode())
