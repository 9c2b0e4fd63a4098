"""The certificate of length of service: each kind on a date, the periods, the refusals, the log, who may print."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kadry.core.models import AccessLogEntry
from kadry.documents.services import upload_template
from kadry.documents.tests.helpers import docx_text, pdf_text, response_bytes
from kadry.documents.tests.test_order_forms import _docx
from kadry.staff.models import Employee
from kadry.testing.access_log import only_denials_by

TODAY = dt.datetime(2026, 11, 21, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def _url(employee: Employee, fmt: str = "docx") -> str:
    return reverse("documents:service_certificate", args=[employee.pk, fmt])


# ``teacher`` (conftest): a pedagogical prior job 01.09.2010–31.08.2020 (МБОУ СОШ № 5), then a mathematics
# teacher here since 01.09.2020 — the position is not marked as counted in pedagogical service.


@pytest.mark.django_db
def test_certificate_states_every_kind_of_service_today(hr_inspector, teacher: Employee) -> None:
    response = hr_inspector.client.get(_url(teacher))

    assert response.status_code == 200
    text = docx_text(response_bytes(response))
    assert "СПРАВКА" in text and "о стаже работы" in text
    assert (
        "Выдана Ивановой Марии Петровне, 14.03.1985 года рождения, в том, что по состоянию на 21 ноября 2026 г. "
        "стаж работы составляет:"
    ) in text
    # 01.09.2010–21.11.2026 without a break: 194 whole months and 21 days.
    assert "Общий стаж\n16 лет 2 месяца 21 день" in text
    assert "Страховой стаж\n16 лет 2 месяца 21 день" in text
    assert "Педагогический стаж\n10 лет" in text
    assert "Непрерывный стаж в организации\n6 лет 2 месяца 21 день" in text
    assert "с 01.09.2010 по 31.08.2020\nМБОУ СОШ № 5\nучитель математики\n10 лет\nда" in text
    assert (
        f"с 01.09.2020 по настоящее время\n{teacher.organisation.name}\nучитель математики\n6 лет 2 месяца 21 день"
        in (text)
    )
    assert "{{" not in text


@pytest.mark.django_db
def test_certificate_on_a_past_date_cuts_the_running_job(hr_inspector, teacher: Employee) -> None:
    text = docx_text(response_bytes(hr_inspector.client.get(_url(teacher), {"on": "2025-08-31"})))

    assert "по состоянию на 31 августа 2025 г." in text
    assert "Непрерывный стаж в организации\n5 лет" in text
    assert "с 01.09.2020 по 31.08.2025" in text


@pytest.mark.django_db
def test_a_job_begun_after_the_date_is_left_out(hr_inspector, teacher: Employee) -> None:
    text = docx_text(response_bytes(hr_inspector.client.get(_url(teacher), {"on": "2015-08-31"})))

    assert "Непрерывный стаж в организации\n0 дней" in text
    assert "с 01.09.2010 по 31.08.2015" in text
    assert "с 01.09.2020" not in text


@pytest.mark.django_db
@pytest.mark.parametrize(("on", "message"), [("2026-12-01", "в будущем"), ("2026-02-30", "ГГГГ-ММ-ДД")])
def test_a_future_or_malformed_date_is_refused(hr_inspector, teacher: Employee, on: str, message: str) -> None:
    response = hr_inspector.client.get(_url(teacher), {"on": on})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not AccessLogEntry.objects.exists()


@pytest.mark.django_db
def test_the_offices_correction_of_the_name_is_used(hr_inspector, teacher: Employee) -> None:
    teacher.name_forms = {"datv": "Ивановой-Гоголь Марии Петровне"}
    teacher.save(update_fields=["name_forms"])

    text = docx_text(response_bytes(hr_inspector.client.get(_url(teacher))))

    assert "Выдана Ивановой-Гоголь Марии Петровне" in text


@pytest.mark.django_db
def test_pdf_certificate_holds_the_name_and_the_service(director, teacher: Employee) -> None:
    content = response_bytes(director.client.get(_url(teacher, "pdf")))

    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    assert "Ивановой Марии Петровне" in text
    assert "16 лет 2 месяца 21 день" in text


@pytest.mark.django_db
def test_organisations_own_template_is_used(hr_inspector, teacher: Employee) -> None:
    upload_template(
        actor=hr_inspector.user,
        organisation_id=teacher.organisation_id,
        kind="service_certificate",
        file=SimpleUploadedFile("стаж.docx", _docx("{{ employee.name_dative }}: {{ pedagogical }}")),
    )

    text = docx_text(response_bytes(hr_inspector.client.get(_url(teacher))))

    assert text.strip() == "Ивановой Марии Петровне: 10 лет"


@pytest.mark.django_db
def test_issuing_the_certificate_is_logged(hr_inspector, teacher: Employee) -> None:
    hr_inspector.client.get(_url(teacher))

    entry = AccessLogEntry.objects.get()
    assert (entry.what, entry.subject_id, entry.actor) == ("Справка о стаже", teacher.pk, hr_inspector.user)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["class_teacher", "teacher", "deputy_director", "administrator"])
def test_roles_without_personal_data_get_404(personas, teacher: Employee, role: str) -> None:
    for fmt in ("docx", "pdf"):
        assert personas[role].client.get(_url(teacher, fmt)).status_code == 404
    assert not AccessLogEntry.objects.exists()


@pytest.mark.django_db
def test_another_schools_inspector_gets_404(outsider, teacher: Employee) -> None:
    assert outsider.client.get(_url(teacher)).status_code == 404
    assert only_denials_by(outsider)


@pytest.mark.django_db
def test_certificate_costs_a_bounded_number_of_queries(
    hr_inspector, teacher: Employee, django_assert_max_num_queries
) -> None:
    # session, user, membership, employee, prior jobs, assignments, template lookup, access-log insert
    with django_assert_max_num_queries(10):
        assert hr_inspector.client.get(_url(teacher)).status_code == 200
