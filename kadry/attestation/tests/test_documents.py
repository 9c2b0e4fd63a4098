"""Attestation's documents as DOCX and PDF: each rendered from its committed template and read back."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from kadry.attestation import build_templates, services
from kadry.attestation.printing import TEMPLATES_DIR
from kadry.attestation.tests.conftest import make_schedule
from kadry.core.models import AccessLogEntry
from kadry.documents.tests.helpers import docx_text, pdf_text
from kadry.lib.documents import DOCX_CONTENT_TYPE, docx_placeholders

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def attested(school, teacher, commission, hr_inspector):
    """Planned 30.12.2026, acquainted 20.11.2026, the representation, the protocol № 7 of 30.12.2026, the extract."""
    attestation = make_schedule(hr_inspector, commission, teacher, D(2026, 12, 30)).attestations.get()
    today = D(2027, 1, 11)
    for step, data in (
        ("acquaintance", {"acquainted_on": D(2026, 11, 20)}),
        ("representation", {"representation": "Уроки ведёт на высоком уровне.\nРуководит методобъединением.",
                            "representation_acquainted_on": D(2026, 11, 25)}),
        ("protocol", {"protocol_number": "7", "protocol_date": D(2026, 12, 30), "result": "conforms",
                      "recommendations": "Обобщить опыт."}),
        ("extract", {"extract_issued_on": D(2027, 1, 8), "extract_acquainted_on": D(2027, 1, 11)}),
    ):  # fmt: skip
        attestation = services.record_step(
            actor=hr_inspector.user, attestation=attestation, step=step, data=data, today=today
        )
    return attestation


def test_every_template_is_built_from_the_builder_and_uses_known_fields() -> None:
    assert sorted(build_templates.BUILDERS) == sorted(path.stem for path in TEMPLATES_DIR.glob("*.docx"))
    assert {"full_name", "protocol_number", "result", "secretary"} <= docx_placeholders(TEMPLATES_DIR / "extract.docx")
    assert {"rows", "order_number", "school_year"} <= docx_placeholders(TEMPLATES_DIR / "acquaintance.docx")


def _docx(client, name: str, *args) -> str:
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_CONTENT_TYPE
    assert ".docx" in response["Content-Disposition"]
    return docx_text(response.content)


def test_the_schedule_and_the_acquaintance_sheet_as_docx(school, teacher, attested, hr_inspector) -> None:
    schedule = attested.schedule
    text = _docx(hr_inspector.client, "attestation:schedule_docx", schedule.pk)
    assert "2026/2027 учебный год" in text and "от 01.09.2026 № 50-о" in text
    assert teacher.full_name in text and "30.12.2026" in text and "20.11.2026" in text
    assert "председатель — Петрова Анна Андреевна" in text
    sheet = _docx(hr_inspector.client, "attestation:acquaintance_sheet", schedule.pk, "docx")
    assert "ЛИСТ ОЗНАКОМЛЕНИЯ" in sheet and teacher.full_name in sheet
    # Not later than 30 calendar days before 30.12.2026: 30.11.2026; acquainted 20.11.2026.
    assert "30.11.2026" in sheet and "20.11.2026" in sheet
    assert AccessLogEntry.objects.filter(what__contains="Лист ознакомления с графиком 2026/2027 (DOCX)").exists()


def test_the_acquaintance_sheet_prints_as_pdf_too(school, teacher, attested, hr_inspector) -> None:
    response = hr_inspector.client.get(reverse("attestation:acquaintance_sheet", args=[attested.schedule_id, "pdf"]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Лист ознакомления" in text and teacher.full_name in text and "30.11.2026" in text
    assert (
        hr_inspector.client.get(
            reverse("attestation:acquaintance_sheet", args=[attested.schedule_id, "xlsx"])
        ).status_code
        == 404
    )


def test_the_representation_the_protocol_and_the_extract_as_docx(school, teacher, attested, hr_inspector) -> None:
    representation = _docx(hr_inspector.client, "attestation:document_docx", attested.pk, "representation")
    assert teacher.full_name in representation and "Руководит методобъединением." in representation
    assert "С представлением ознакомлен(а): 25.11.2026" in representation
    protocol = _docx(hr_inspector.client, "attestation:document_docx", attested.pk, "protocol")
    assert "ПРОТОКОЛ № 7" in protocol and "от 30.12.2026" in protocol
    assert "Соответствует занимаемой должности." in protocol and "Рекомендации: Обобщить опыт." in protocol
    assert "Зайцев Илья Петрович" in protocol and "Секретарь _____________ / Орлова Вера Ивановна" in protocol
    extract = _docx(hr_inspector.client, "attestation:document_docx", attested.pk, "extract")
    assert "ВЫПИСКА ИЗ ПРОТОКОЛА № 7" in extract and "Выписка составлена 08.01.2027" in extract
    assert f"ознакомлен(а): 11.01.2027 _____________ / {teacher.short_name}" in extract
    assert hr_inspector.client.get(reverse("attestation:document_docx", args=[attested.pk, "order"])).status_code == 404


def test_a_document_before_its_step_has_the_blanks_of_the_paper_form(school, teacher, commission, hr_inspector) -> None:
    attestation = make_schedule(hr_inspector, commission, teacher, D(2026, 12, 30)).attestations.get()
    extract = _docx(hr_inspector.client, "attestation:document_docx", attestation.pk, "extract")
    assert "ВЫПИСКА ИЗ ПРОТОКОЛА № ____" in extract and "Выписка составлена «____» ____________ 20___ г." in extract


def test_the_pages_link_the_docx_next_to_the_pdf(school, attested, hr_inspector) -> None:
    schedule_page = hr_inspector.client.get(reverse("attestation:schedule", args=[attested.schedule_id])).content
    for url in (reverse("attestation:schedule_docx", args=[attested.schedule_id]),
                reverse("attestation:acquaintance_sheet", args=[attested.schedule_id, "docx"]),
                reverse("attestation:acquaintance_sheet", args=[attested.schedule_id, "pdf"])):  # fmt: skip
        assert url.encode() in schedule_page
    detail = hr_inspector.client.get(reverse("attestation:detail", args=[attested.pk])).content
    for kind in ("representation", "protocol", "extract"):
        assert reverse("attestation:document_docx", args=[attested.pk, kind]).encode() in detail


def test_another_school_gets_404(attested, outsider) -> None:
    assert outsider.client.get(reverse("attestation:schedule_docx", args=[attested.schedule_id])).status_code == 404
    assert outsider.client.get(reverse("attestation:document_docx", args=[attested.pk, "protocol"])).status_code == 404
