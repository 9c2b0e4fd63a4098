"""Undoing an attestation step recorded by mistake: the last one only, the card put back, the history kept."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from kadry.attestation import services
from kadry.attestation.models import SECTION, Attestation
from kadry.attestation.tests.conftest import make_schedule
from kadry.core.models import ChangeRecord
from kadry.staff import services as staff_services

D = dt.date
pytestmark = pytest.mark.django_db
TODAY = D(2026, 10, 5)
REPRESENTATION = {"representation": "Оценка", "representation_acquainted_on": D(2026, 9, 1)}
PROTOCOL = {"protocol_number": "3", "protocol_date": D(2026, 10, 1), "result": "conforms", "recommendations": ""}


@pytest.fixture
def planned(teacher, commission, hr_inspector) -> Attestation:
    return make_schedule(hr_inspector, commission, teacher, D(2026, 10, 1)).attestations.get()


def record(hr, attestation: Attestation, step: str, data: dict) -> Attestation:
    return services.record_step(actor=hr.user, attestation=attestation, step=step, data=data, today=TODAY)


def undo(hr, attestation: Attestation, step: str) -> Attestation:
    return services.undo_step(actor=hr.user, attestation=attestation, step=step)


def test_only_the_last_step_is_undone(planned, hr_inspector) -> None:
    with pytest.raises(ValidationError, match="Отменять нечего"):
        undo(hr_inspector, planned, "acquaintance")
    record(hr_inspector, planned, "acquaintance", {"acquainted_on": D(2026, 9, 1)})
    record(hr_inspector, planned, "representation", REPRESENTATION)
    assert services.last_step(Attestation.objects.get(pk=planned.pk)) == "representation"
    # The acquaintance is not the last step any more: refused, nothing changed.
    with pytest.raises(ValidationError, match="только последний записанный шаг — «представление работодателя»"):
        undo(hr_inspector, planned, "acquaintance")
    assert Attestation.objects.get(pk=planned.pk).acquainted_on == D(2026, 9, 1)
    done = undo(hr_inspector, planned, "representation")
    assert (done.representation, done.representation_acquainted_on, done.acquainted_on) == ("", None, D(2026, 9, 1))
    assert services.last_step(done) == "acquaintance"
    # The history keeps what was cleared.
    row = ChangeRecord.objects.filter(section=SECTION, object_id=planned.pk).first()
    assert row is not None and row.changes["Представление работодателя"] == ["Оценка", ""]


def test_undoing_the_protocol_puts_the_card_back(teacher, planned, hr_inspector) -> None:
    # The card held the first category of 15.03.2019, lapsed by 01.10.2026: «соответствует» goes on it.
    staff_services.update_employee(
        actor=hr_inspector.user, employee=teacher,
        data={"qualification_category": "first", "qualification_category_date": D(2019, 3, 15)},
    )  # fmt: skip
    record(hr_inspector, planned, "representation", REPRESENTATION)
    record(hr_inspector, planned, "protocol", PROTOCOL)
    teacher.refresh_from_db()
    assert (teacher.qualification_category, teacher.qualification_category_date) == ("conformity", D(2026, 10, 1))
    done = undo(hr_inspector, planned, "protocol")
    assert (done.protocol_date, done.protocol_number, done.result, done.card_written) == (None, "", "", False)
    teacher.refresh_from_db()
    assert (teacher.qualification_category, teacher.qualification_category_date) == ("first", D(2019, 3, 15))
    # And the representation is the last step now; the protocol can be recorded again.
    assert services.last_step(done) == "representation"


def test_the_protocol_recorded_twice_still_puts_back_what_was_before_the_first(teacher, planned, hr_inspector) -> None:
    record(hr_inspector, planned, "representation", REPRESENTATION)
    record(hr_inspector, planned, "protocol", PROTOCOL)
    record(hr_inspector, planned, "protocol", {**PROTOCOL, "protocol_number": "4", "protocol_date": D(2026, 10, 2)})
    undo(hr_inspector, planned, "protocol")
    teacher.refresh_from_db()
    assert (teacher.qualification_category, teacher.qualification_category_date) == ("", None)


def test_the_protocol_is_not_undone_when_the_card_changed_since(teacher, planned, hr_inspector) -> None:
    record(hr_inspector, planned, "representation", REPRESENTATION)
    record(hr_inspector, planned, "protocol", PROTOCOL)
    # A category decision of 03.10.2026 went on the card after the protocol.
    services.record_category(
        actor=hr_inspector.user, employee=teacher, category="first", decided_on=D(2026, 10, 3),
        issued_by="Аттестационная комиссия министерства", decision_number="12", today=TODAY,
    )  # fmt: skip
    with pytest.raises(ValidationError, match="после него категория в карточке изменилась"):
        undo(hr_inspector, planned, "protocol")
    unchanged = Attestation.objects.get(pk=planned.pk)
    teacher.refresh_from_db()
    assert (unchanged.protocol_number, teacher.qualification_category) == ("3", "first")


def test_a_protocol_written_to_the_card_without_the_former_value_is_refused(teacher, planned, hr_inspector) -> None:
    record(hr_inspector, planned, "representation", REPRESENTATION)
    record(hr_inspector, planned, "protocol", PROTOCOL)
    # As a row recorded before Kadry kept the card's former value.
    Attestation.objects.filter(pk=planned.pk).update(card_written=False)
    with pytest.raises(ValidationError, match="прежнее значение не сохранено"):
        undo(hr_inspector, planned, "protocol")
    assert Attestation.objects.get(pk=planned.pk).protocol_number == "3"


def test_a_non_conformity_protocol_and_the_extract_leave_the_card_alone(teacher, planned, hr_inspector) -> None:
    record(hr_inspector, planned, "representation", REPRESENTATION)
    record(hr_inspector, planned, "protocol", {**PROTOCOL, "result": "does_not"})
    record(hr_inspector, planned, "extract", {"extract_issued_on": D(2026, 10, 2), "extract_acquainted_on": None})
    with pytest.raises(ValidationError, match="«выписка из протокола»"):
        undo(hr_inspector, planned, "protocol")
    assert undo(hr_inspector, planned, "extract").extract_issued_on is None
    assert undo(hr_inspector, planned, "protocol").protocol_date is None
    teacher.refresh_from_db()
    assert teacher.qualification_category == ""


def test_the_page_offers_the_last_step_and_says_why_it_refuses(planned, hr_inspector, auditor) -> None:
    record(hr_inspector, planned, "acquaintance", {"acquainted_on": D(2026, 9, 1)})
    page = hr_inspector.client.get(reverse("attestation:detail", args=[planned.pk])).content.decode()
    assert reverse("attestation:undo", args=[planned.pk, "acquaintance"]) in page
    assert "Отменить шаг «ознакомление с графиком»" in page
    # The auditor reads, never undoes; an unknown step is no page.
    assert auditor.client.post(reverse("attestation:undo", args=[planned.pk, "acquaintance"])).status_code == 404
    assert hr_inspector.client.post(reverse("attestation:undo", args=[planned.pk, "order"])).status_code == 404
    refused = hr_inspector.client.post(reverse("attestation:undo", args=[planned.pk, "protocol"]))
    assert refused.status_code == 302
    assert "только последний записанный шаг" in " ".join(str(m) for m in get_messages(refused.wsgi_request))
    done = hr_inspector.client.post(reverse("attestation:undo", args=[planned.pk, "acquaintance"]))
    assert done.status_code == 302 and Attestation.objects.get(pk=planned.pk).acquainted_on is None
