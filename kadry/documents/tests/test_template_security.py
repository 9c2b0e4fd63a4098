"""An organisation's template cannot run code: refused at upload, and sandboxed if it got into the database."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from docx import Document
from jinja2.exceptions import SecurityError

from kadry.core.models import ChangeRecord
from kadry.documents import build_templates, services
from kadry.documents.models import DocumentTemplate, GeneratedDocument
from kadry.documents.placeholders import PLACEHOLDERS
from kadry.documents.tasks import start_personal_cards_batch
from kadry.documents.tests.helpers import docx_text, response_bytes
from kadry.lib.documents import MAX_TEMPLATE_BYTES, MAX_TEMPLATE_UNCOMPRESSED_BYTES, UnsafeTemplateError
from kadry.lib.docx_template import check_template
from kadry.staff.models import Employee

Kind = DocumentTemplate.Kind
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _docx(*paragraphs: str) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _upload(hr_inspector, data: bytes, kind: str = Kind.EMPLOYMENT_CERTIFICATE, name: str = "справка.docx"):
    return hr_inspector.client.post(
        reverse("documents:templates"), {"kind": kind, "file": SimpleUploadedFile(name, data, content_type=DOCX)}
    )


def _touch(path: Path) -> str:
    """Return a placeholder that creates ``path`` through ``os.popen`` under an unsandboxed Jinja."""
    return "{{ cycler.__init__.__globals__.os.popen('touch " + str(path) + "').read() }}"


def _stored(school, kind: str, data: bytes) -> DocumentTemplate:
    """Write a template straight into the database, past the form's check (an old row, a restored backup…)."""
    template = DocumentTemplate(organisation=school, kind=kind, uploaded_at=timezone.now(), original_name="x.docx")
    template.file.save(f"{kind}.docx", ContentFile(data), save=False)
    template.save()
    return template


def _certificate(persona, employee: Employee):
    return persona.client.post(
        reverse("documents:employment_certificate", args=[employee.pk]),
        {"issued_on": "2025-01-15", "purpose": "в банк", "fmt": "docx"},
    )


# --- Every shipped template passes the check its kind documents ---


@pytest.mark.parametrize("kind", sorted(PLACEHOLDERS))
def test_every_shipped_template_uses_only_its_documented_placeholders(kind: str) -> None:
    check_template((build_templates.TEMPLATES_DIR / f"{kind}.docx").read_bytes(), PLACEHOLDERS[kind], document=kind)


def test_every_kind_of_template_has_its_list() -> None:
    assert set(PLACEHOLDERS) == set(Kind.values)


# --- Refused at upload, with the placeholder named on the file field ---


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("payload", "named"),
    [
        ("{{ ''.__class__.__mro__ }}", "''.__class__.__mro__"),
        ("{{ cycler.__init__.__globals__ }}", "cycler.__init__.__globals__"),
        ("{{ lipsum() }}", "lipsum(…)"),
        ("{{ self }}", "self"),
        ("{% import 'base.html' as base %}", "{% import %}"),
        ("{% include 'base.html' %}", "{% include %}"),
        ("{{ employee.full_name|attr('__class__') }}", "employee.full_name|attr(…)"),
        ("{{ employee.name_dative.upper() }}", "employee.name_dative.upper(…)"),
        ("{{ employee.password }}", "employee.password"),
    ],
)
def test_a_template_with_a_payload_is_refused_at_upload_naming_it(hr_inspector, payload: str, named: str) -> None:
    response = _upload(hr_inspector, _docx("Справка для {{ employee.name_dative }}", payload))

    assert response.status_code == 400
    errors = response.context["form"].errors["file"]
    assert any(f"«{named}»" in error for error in errors), errors
    assert not DocumentTemplate.objects.exists()
    assert not ChangeRecord.objects.exists()


@pytest.mark.django_db
def test_the_service_checks_too_when_called_without_the_form(hr_inspector, school) -> None:
    upload = SimpleUploadedFile("x.docx", _docx("{{ lipsum() }}"), content_type=DOCX)

    with pytest.raises(services.ValidationError) as raised:
        services.upload_template(
            actor=hr_inspector.user, organisation_id=school.pk, kind=Kind.PERSONAL_CARD_T2, file=upload
        )

    assert "«lipsum(…)»" in raised.value.message_dict["file"][0]
    assert not DocumentTemplate.objects.exists()


@pytest.mark.django_db
def test_a_field_of_another_document_is_refused_for_this_one(hr_inspector) -> None:
    # ``jobs`` is the certificate's; the card Т-2 has no such list.
    response = _upload(
        hr_inspector, _docx("{%p for job in jobs %}", "{{ job.position }}", "{%p endfor %}"), Kind.PERSONAL_CARD_T2
    )

    assert response.status_code == 400
    (error,) = response.context["form"].errors["file"]
    assert "«jobs»" in error
    assert "Личная карточка работника (форма Т-2)" in error


@pytest.mark.django_db
def test_a_zip_bomb_is_refused_before_it_is_unpacked(hr_inspector) -> None:
    buffer = io.BytesIO(_docx("{{ employee.name_dative }}"))
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/zeros.bin", bytes(MAX_TEMPLATE_UNCOMPRESSED_BYTES))
    assert len(buffer.getvalue()) < 100 * 1024  # small on the wire, 20 MB unpacked

    response = _upload(hr_inspector, buffer.getvalue())

    assert response.status_code == 400
    (error,) = response.context["form"].errors["file"]
    assert "В распакованном виде файл занимает 20 МБ (допускается не больше 20 МБ)" in error
    assert not DocumentTemplate.objects.exists()


@pytest.mark.django_db
def test_a_file_over_the_size_limit_is_refused(hr_inspector) -> None:
    response = _upload(hr_inspector, _docx("x") + bytes(MAX_TEMPLATE_BYTES))

    assert response.status_code == 400
    assert response.context["form"].errors["file"] == ["Файл больше 2 МБ: для шаблона документа это слишком много."]


@pytest.mark.django_db
def test_a_legitimate_template_with_loops_conditions_and_filters_is_stored_and_used(hr_inspector, teacher) -> None:
    template = _docx(
        "Справка дана {{ employee.name_dative|upper }}",
        "{%p for job in jobs %}",
        "{{ loop.index }}. {{ job.position }}{% if job.rate != '1' %} ({{ job.rate }} ставки){% endif %}",
        "{%p endfor %}",
    )
    assert _upload(hr_inspector, template).status_code == 302

    text = docx_text(response_bytes(_certificate(hr_inspector, teacher)))

    assert text.splitlines() == ["Справка дана ИВАНОВОЙ МАРИИ ПЕТРОВНЕ", "1. учитель математики"]


@pytest.mark.django_db
def test_the_upload_page_lists_each_kinds_fields_with_their_meaning(hr_inspector) -> None:
    body = hr_inspector.client.get(reverse("documents:templates")).content.decode()

    assert "{{ employee.name_dative }}" in body
    assert "ФИО в дательном падеже" in body
    assert "{% for row in jobs %} … {% endfor %}" in body
    assert "{{ row.position_genitive }}" in body
    assert "Приказ об отмене приказа — полей: 41" in body


# --- Written straight into the database: fails with a security error, runs nothing ---


@pytest.mark.django_db
def test_a_stored_malicious_template_fails_with_a_security_error_and_runs_nothing(school, tmp_path) -> None:
    target = tmp_path / "pwned"
    _stored(school, Kind.EMPLOYMENT_CERTIFICATE, _docx(_touch(target)))

    with pytest.raises(UnsafeTemplateError) as raised:
        services.render(Kind.EMPLOYMENT_CERTIFICATE, {}, "docx", organisation_id=school.pk)

    assert isinstance(raised.value.__cause__, SecurityError)
    assert not target.exists()


@pytest.mark.django_db
def test_the_certificate_page_says_why_in_russian_instead_of_crashing(hr_inspector, school, teacher, tmp_path) -> None:
    target = tmp_path / "pwned"
    _stored(school, Kind.EMPLOYMENT_CERTIFICATE, _docx(_touch(target)))

    response = _certificate(hr_inspector, teacher)

    assert response.status_code == 422
    assert "шаблон содержит запрещённое выражение" in response.content.decode()
    assert not target.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "url_name"),
    [
        (Kind.PERSONAL_CARD_T2, "documents:personal_card"),
        (Kind.SERVICE_CERTIFICATE, "documents:service_certificate"),
        (Kind.WORK_RECORD_EXTRACT, "documents:work_record_extract"),
    ],
)
def test_the_other_printed_documents_say_why_too(hr_inspector, school, teacher, kind: str, url_name: str) -> None:
    _stored(school, kind, _docx("{{ ''.__class__.__mro__ }}"))

    response = hr_inspector.client.get(reverse(url_name, args=[teacher.pk, "docx"]))

    assert response.status_code == 422
    assert "шаблон содержит запрещённое выражение" in response.content.decode()


@pytest.mark.django_db
def test_a_batch_job_with_a_stored_malicious_template_fails_with_the_russian_message(
    hr_inspector, school, teacher, tmp_path, django_capture_on_commit_callbacks
) -> None:
    target = tmp_path / "pwned"
    _stored(school, Kind.PERSONAL_CARD_T2, _docx(_touch(target)))

    with django_capture_on_commit_callbacks(execute=True):
        start_personal_cards_batch(membership=hr_inspector.membership, on=timezone.localdate())

    job = GeneratedDocument.objects.get()
    assert job.status == GeneratedDocument.Status.FAILED
    assert job.error.startswith("Документ не сформирован: шаблон содержит запрещённое выражение")
    assert not job.file
    assert not target.exists()
