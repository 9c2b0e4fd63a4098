"""Templates: the shipped ones are up to date; an organisation's upload replaces them; bad uploads are refused."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from kadry.core.models import ChangeRecord
from kadry.documents import build_templates, services
from kadry.documents.models import DocumentTemplate
from kadry.documents.order_contexts import ORDER_TEMPLATE_KINDS
from kadry.documents.services import template_for, upload_template
from kadry.documents.tests.helpers import docx_text, response_bytes
from kadry.lib.documents import docx_placeholders
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


def _upload(data: bytes, name: str = "справка.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=DOCX)


@pytest.mark.parametrize("kind", sorted(build_templates.BUILDERS))
def test_shipped_template_is_byte_identical_to_its_rebuild(kind: str) -> None:
    # The build is deterministic (fixed archive time stamps), so the whole file is compared, not only its text.
    committed = (build_templates.TEMPLATES_DIR / f"{kind}.docx").read_bytes()

    assert build_templates.build(kind) == committed, "Run: .venv/bin/python -m kadry.documents.build_templates"


def test_two_builds_of_a_template_give_the_same_bytes() -> None:
    first = build_templates.build("order_t1a")
    time.sleep(2)  # ZIP time stamps have a resolution of two seconds

    assert build_templates.build("order_t1a") == first


def test_builders_are_split_by_family_of_documents() -> None:
    families = {kind: builder.__module__.rsplit(".", 1)[-1] for kind, builder in build_templates.BUILDERS.items()}

    leave_forms = {"order_t6", "order_t6a"}
    trip_forms = {"order_t9", "order_t9a"}
    assert {kind for kind, family in families.items() if family == "leave"} == leave_forms
    assert {kind for kind, family in families.items() if family == "trips"} == trip_forms
    assert {kind for kind, family in families.items() if family == "orders"} == (
        set(ORDER_TEMPLATE_KINDS) - leave_forms - trip_forms
    )
    assert {kind for kind, family in families.items() if family == "cards"} == {
        "personal_card_t2",
        "employment_certificate",
        "service_certificate",
    }
    assert {kind for kind, family in families.items() if family == "records"} == {"work_record_extract"}
    for module in Path(build_templates.__file__).parent.glob("*.py"):
        assert len(module.read_text().splitlines()) <= 400, module.name


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (
            Kind.PERSONAL_CARD_T2,
            {
                "organisation",
                "employee",
                "today",
                "work_kind",
                "acquainted",
                "languages",
                "education",
                "previous_names",
                "prior_jobs",
                "family",
                "military",
                "assignments",
                "trainings",
                "retrainings",
                "awards",
                "benefits",
                "leaves",
            },
        ),
        (
            Kind.EMPLOYMENT_CERTIFICATE,
            {
                "organisation",
                "employee",
                "pronoun",
                "jobs",
                "jobs_text",
                "include_salary",
                "purpose",
                "number",
                "issued_on_long",
            },
        ),
    ],
)
def test_shipped_template_loads_with_the_expected_placeholders(kind: str, expected: set[str]) -> None:
    assert docx_placeholders(build_templates.TEMPLATES_DIR / f"{kind}.docx") == expected


@pytest.mark.django_db
def test_template_for_gives_the_shipped_one_until_the_organisation_uploads(hr_inspector, school, other_school) -> None:
    shipped = template_for(school.pk, Kind.EMPLOYMENT_CERTIFICATE)
    own = _docx("Особая справка для {{ employee.name_dative }}")

    upload_template(
        actor=hr_inspector.user, organisation_id=school.pk, kind=Kind.EMPLOYMENT_CERTIFICATE, file=_upload(own)
    )

    assert template_for(school.pk, Kind.EMPLOYMENT_CERTIFICATE) == own
    assert template_for(other_school.pk, Kind.EMPLOYMENT_CERTIFICATE) == shipped


@pytest.mark.django_db
def test_uploaded_template_is_used_for_the_certificate(hr_inspector, teacher: Employee) -> None:
    response = hr_inspector.client.post(
        reverse("documents:templates"),
        {"kind": Kind.EMPLOYMENT_CERTIFICATE, "file": _upload(_docx("Особая справка для {{ employee.name_dative }}"))},
    )
    assert response.status_code == 302

    certificate = hr_inspector.client.post(
        reverse("documents:employment_certificate", args=[teacher.pk]),
        {"issued_on": "2025-01-15", "purpose": "в банк", "fmt": "docx"},
    )

    assert docx_text(response_bytes(certificate)).strip() == "Особая справка для Ивановой Марии Петровне"


@pytest.mark.django_db
def test_upload_records_a_change_of_the_organisation(hr_inspector, school) -> None:
    upload_template(
        actor=hr_inspector.user,
        organisation_id=school.pk,
        kind=Kind.PERSONAL_CARD_T2,
        file=_upload(_docx("Т-2"), "т2.docx"),
    )

    record = ChangeRecord.objects.get()
    assert (record.subject_type, record.subject_id) == ("core.organisation", school.pk)
    assert record.action == ChangeRecord.Action.CREATE
    assert record.section == "Шаблоны документов"
    assert record.changes["Файл"] == ["", "т2.docx"]
    assert record.actor == hr_inspector.user


@pytest.mark.django_db
def test_replacing_an_upload_keeps_one_row_and_removes_the_old_file(
    hr_inspector, school, django_capture_on_commit_callbacks
) -> None:
    first = upload_template(
        actor=hr_inspector.user,
        organisation_id=school.pk,
        kind=Kind.PERSONAL_CARD_T2,
        file=_upload(_docx("один"), "1.docx"),
    )
    first_name, storage = first.file.name, first.file.storage
    assert first_name
    with django_capture_on_commit_callbacks(execute=True):
        upload_template(
            actor=hr_inspector.user,
            organisation_id=school.pk,
            kind=Kind.PERSONAL_CARD_T2,
            file=_upload(_docx("два"), "2.docx"),
        )

    template = DocumentTemplate.objects.get()
    assert template.original_name == "2.docx"
    assert docx_text(template_for(school.pk, Kind.PERSONAL_CARD_T2)) == "два"
    assert template.file.name != first_name
    assert not storage.exists(first_name)
    assert ChangeRecord.objects.filter(action=ChangeRecord.Action.UPDATE).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("справка.txt", b"just text"),
        ("справка.docx", b"just text, renamed"),
        ("справка.docx", b"PK\x03\x04 a broken archive"),
    ],
)
def test_non_docx_upload_is_refused_with_a_russian_message_on_the_field(hr_inspector, name: str, data: bytes) -> None:
    response = hr_inspector.client.post(
        reverse("documents:templates"), {"kind": Kind.EMPLOYMENT_CERTIFICATE, "file": SimpleUploadedFile(name, data)}
    )

    assert response.status_code == 400
    errors = response.context["form"].errors["file"]
    assert any(".docx" in error for error in errors)
    assert not DocumentTemplate.objects.exists()
    assert not ChangeRecord.objects.exists()


@pytest.mark.django_db
def test_docx_with_broken_tags_is_refused(hr_inspector) -> None:
    response = hr_inspector.client.post(
        reverse("documents:templates"),
        {"kind": Kind.EMPLOYMENT_CERTIFICATE, "file": _upload(_docx("Выдана {{ employee.name_dative "))},
    )

    assert response.status_code == 400
    assert "теги" in response.context["form"].errors["file"][0]


@pytest.mark.django_db
def test_templates_page_lists_every_kind_and_reset_restores_the_shipped_one(hr_inspector, school) -> None:
    upload_template(
        actor=hr_inspector.user,
        organisation_id=school.pk,
        kind=Kind.PERSONAL_CARD_T2,
        file=_upload(_docx("свой"), "свой.docx"),
    )

    body = hr_inspector.client.get(reverse("documents:templates")).content.decode()
    for label in Kind.labels:
        assert str(label) in body
    assert "шаблон организации: свой.docx" in body

    downloaded = hr_inspector.client.get(reverse("documents:template_download", args=[Kind.PERSONAL_CARD_T2]))
    assert docx_text(response_bytes(downloaded)) == "свой"

    hr_inspector.client.post(reverse("documents:template_reset", args=[Kind.PERSONAL_CARD_T2]))

    assert not DocumentTemplate.objects.exists()
    assert (
        template_for(school.pk, Kind.PERSONAL_CARD_T2)
        == (build_templates.TEMPLATES_DIR / "personal_card_t2.docx").read_bytes()
    )
    assert ChangeRecord.objects.filter(action=ChangeRecord.Action.DELETE).count() == 1


@pytest.mark.django_db
def test_kind_without_any_template_is_not_found(hr_inspector, monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(services, "SHIPPED_DIR", tmp_path)  # as if the application shipped none

    response = hr_inspector.client.get(reverse("documents:template_download", args=[Kind.ORDER_T1]))

    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["director", "auditor", "class_teacher", "deputy_director"])
def test_only_who_edits_cards_manages_templates(personas, role: str) -> None:
    client = personas[role].client
    assert client.get(reverse("documents:templates")).status_code == 404
    upload = {"kind": Kind.EMPLOYMENT_CERTIFICATE, "file": _upload(_docx("x"))}
    assert client.post(reverse("documents:templates"), upload).status_code == 404
    assert not DocumentTemplate.objects.exists()
