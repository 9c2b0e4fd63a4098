"""Printing the personal card Т-2: DOCX and PDF, the access log, and who may print it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kadry.core.models import AccessLogEntry
from kadry.documents.tests.helpers import docx_text, pdf_text, response_bytes
from kadry.staff.models import Employee
from kadry.testing.access_log import only_denials_by


def _url(employee: Employee, fmt: str) -> str:
    return reverse("documents:personal_card", args=[employee.pk, fmt])


@pytest.mark.django_db
def test_t2_docx_holds_the_card(hr_inspector, teacher: Employee) -> None:
    response = hr_inspector.client.get(_url(teacher, "docx"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert "attachment" in response["Content-Disposition"]
    text = docx_text(response_bytes(response))
    assert "ЛИЧНАЯ КАРТОЧКА РАБОТНИКА" in text
    assert "Иванова" in text and "Мария" in text and "Петровна" in text
    assert "0042" in text and "112-233-445 95" in text
    assert "Калужский государственный университет им. К. Э. Циолковского" in text
    assert "Школа современного учителя математики" in text
    assert "Иванов Артём Сергеевич" in text
    assert "Почётная грамота Министерства просвещения" in text
    assert "МБОУ СОШ № 5" in text  # the prior job
    assert "учитель математики" in text and "Кафедра математики" in text  # section III
    assert "Военный комиссариат г. Калуги" in text
    assert "С записями ознакомлена." in text
    assert "{{" not in text and "{%" not in text


@pytest.mark.django_db
def test_t2_pdf_holds_the_name(director, teacher: Employee) -> None:
    response = director.client.get(_url(teacher, "pdf"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    content = response_bytes(response)
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    assert "ЛИЧНАЯ КАРТОЧКА РАБОТНИКА" in text
    assert "Иванова" in text and "Петровна" in text


@pytest.mark.django_db
def test_printing_the_card_is_logged(hr_inspector, teacher: Employee) -> None:
    hr_inspector.client.get(_url(teacher, "docx"), REMOTE_ADDR="10.1.2.3")

    entry = AccessLogEntry.objects.get()
    assert entry.what == "Печать личной карточки Т-2"
    assert (entry.subject_type, entry.subject_id) == ("staff.employee", teacher.pk)
    assert entry.actor == hr_inspector.user
    assert entry.ip_address == "10.1.2.3"


@pytest.mark.django_db
def test_unknown_format_is_not_found(hr_inspector, teacher: Employee) -> None:
    response = hr_inspector.client.get(f"/documents/employees/{teacher.pk}/t2.xls")
    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["class_teacher", "teacher", "deputy_director", "administrator"])
def test_roles_without_personal_data_get_404_and_nothing_is_logged(personas, role: str, teacher: Employee) -> None:
    for fmt in ("docx", "pdf"):
        assert personas[role].client.get(_url(teacher, fmt)).status_code == 404
    assert not AccessLogEntry.objects.exists()


@pytest.mark.django_db
def test_another_schools_inspector_gets_404(outsider, teacher: Employee) -> None:
    for fmt in ("docx", "pdf"):
        assert outsider.client.get(_url(teacher, fmt)).status_code == 404
    assert only_denials_by(outsider)


@pytest.mark.django_db
def test_pdf_unavailable_answers_a_russian_message(hr_inspector, teacher: Employee, monkeypatch) -> None:
    import sys

    # A machine without WeasyPrint (or Pango): the import fails, the rest of the app still works.
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    response = hr_inspector.client.get(_url(teacher, "pdf"))

    assert response.status_code == 503
    assert "Формирование PDF недоступно" in response.content.decode()
    assert not AccessLogEntry.objects.exists()


@pytest.mark.django_db
def test_t2_print_costs_a_bounded_number_of_queries(
    hr_inspector, teacher: Employee, django_assert_max_num_queries
) -> None:
    # session, user, membership, card + military, 9 sections, assignments, template lookup, access-log insert
    with django_assert_max_num_queries(20):
        response = hr_inspector.client.get(_url(teacher, "docx"))
    assert response.status_code == 200
