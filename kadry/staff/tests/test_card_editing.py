"""Creating and editing the personal card through the UI: messages on the wrong field, nothing saved."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from kadry.core.models import ChangeRecord
from kadry.staff.models import Employee, PriorJob
from kadry.testing.factories import EmployeeFactory

VALID = {
    "last_name": "Иванова",
    "first_name": "Мария",
    "middle_name": "Петровна",
    "sex": "F",
    "birth_date": "1990-05-17",
    "citizenship": "Российская Федерация",
    "id_doc_kind": "21",
    "snils": "112-233-445 95",
}


def _errors(response, field: str) -> list[str]:
    return response.context["form"].errors.get(field, [])


@pytest.mark.django_db
def test_inspector_creates_an_employee_and_the_creation_is_in_history(hr_inspector) -> None:
    response = hr_inspector.client.post(reverse("employee_create"), VALID)

    employee = Employee.objects.get(last_name="Иванова")
    assert response.status_code == 302
    assert employee.organisation == hr_inspector.organisation
    assert employee.snils == "112-233-445 95"
    change = ChangeRecord.objects.get(subject_id=employee.pk)
    assert change.action == ChangeRecord.Action.CREATE
    assert change.actor == hr_inspector.user


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("snils", "112-233-445 96", "Неверная контрольная сумма СНИЛС"),
        ("snils", "12345", "11 цифр"),
        ("inn", "500100732258", "Неверная контрольная сумма ИНН"),
        ("inn", "7707083893", "12 цифр"),
        ("birth_date", "2999-01-01", "в будущем"),
        ("last_name", "", "Обязательное поле"),
        ("email", "не-почта", "адрес электронной почты"),
        ("registration_date", "1990-05-16", "раньше даты рождения"),
        ("qualification_category_date", "2999-01-01", "не может быть в будущем"),
        ("phone", "позвонить Маше", "Это не номер телефона"),
        ("phone", "123-45", "Это не номер телефона"),
        ("phone_extra", "+7 912 345 67 89 00 111", "Это не номер телефона"),
        ("last_name", "Ivanova", "только русские буквы"),
        ("first_name", "Мария2", "только русские буквы"),
        ("middle_name", "<b>Петровна</b>", "только русские буквы"),
    ],
)
def test_bad_input_gets_a_russian_message_on_its_field_and_nothing_is_saved(hr_inspector, field, value, message):
    response = hr_inspector.client.post(reverse("employee_create"), {**VALID, field: value})

    assert response.status_code == 400
    assert any(message in error for error in _errors(response, field)), _errors(response, field)
    assert not Employee.objects.exists()
    assert not ChangeRecord.objects.exists()


@pytest.mark.django_db
def test_a_future_work_book_choice_is_refused_on_its_field(hr_inspector) -> None:
    data = {**VALID, "work_book": "electronic", "work_book_chosen_on": "2999-01-01"}

    response = hr_inspector.client.post(reverse("employee_create"), data)

    assert response.status_code == 400
    assert _errors(response, "work_book_chosen_on") == ["Дата заявления не может быть в будущем."]
    assert not Employee.objects.exists()


@pytest.mark.django_db
def test_real_phones_and_double_names_pass_and_a_foreigner_keeps_a_latin_name(hr_inspector) -> None:
    russian = {
        **VALID,
        "last_name": "Петрова-Водкина",
        "phone": "+7 (912) 345-67-89",
        "phone_extra": "8 495 123 45 67",
        "registration_date": "1990-05-17",
    }
    foreign = {
        **VALID,
        "last_name": "Smith",
        "first_name": "Anna",
        "middle_name": "",
        "snils": "",
        "citizenship": "Великобритания",
    }

    assert hr_inspector.client.post(reverse("employee_create"), russian).status_code == 302
    assert hr_inspector.client.post(reverse("employee_create"), foreign).status_code == 302
    assert Employee.objects.count() == 2


@pytest.mark.django_db
def test_duplicate_snils_in_the_same_organisation_is_refused(hr_inspector) -> None:
    EmployeeFactory(organisation=hr_inspector.organisation, snils="112-233-445 95", last_name="Петрова")

    response = hr_inspector.client.post(reverse("employee_create"), {**VALID, "snils": "11223344595"})

    assert response.status_code == 400
    assert "Петрова" in _errors(response, "snils")[0]
    assert Employee.objects.count() == 1


@pytest.mark.django_db
def test_same_snils_in_another_organisation_is_allowed(hr_inspector, other_school) -> None:
    EmployeeFactory(organisation=other_school, snils="112-233-445 95")

    response = hr_inspector.client.post(reverse("employee_create"), VALID)

    assert response.status_code == 302


@pytest.mark.django_db
def test_editing_writes_old_and_new_values_to_history_and_shows_them(hr_inspector) -> None:
    employee = EmployeeFactory(organisation=hr_inspector.organisation, last_name="Иванова", snils="")
    data = {**VALID, "last_name": "Смирнова", "phone": "+7 900 123-45-67"}

    response = hr_inspector.client.post(reverse("employee_edit", args=[employee.pk]), data)

    assert response.status_code == 302
    change = ChangeRecord.objects.get(subject_id=employee.pk, action=ChangeRecord.Action.UPDATE)
    assert change.changes["Фамилия"] == ["Иванова", "Смирнова"]
    assert change.changes["Телефон"] == ["", "+7 900 123-45-67"]
    assert change.actor == hr_inspector.user
    history = hr_inspector.client.get(reverse("employee_card_tab", args=[employee.pk, "history"])).content.decode()
    assert "Иванова → Смирнова" in history


@pytest.mark.django_db
def test_saving_without_changes_writes_no_history(hr_inspector) -> None:
    employee = EmployeeFactory(
        organisation=hr_inspector.organisation,
        snils="112-233-445 95",
        **{k: v for k, v in VALID.items() if k not in {"birth_date", "snils"}},
        birth_date=dt.date(1990, 5, 17),
    )

    hr_inspector.client.post(reverse("employee_edit", args=[employee.pk]), VALID)

    assert not ChangeRecord.objects.filter(action=ChangeRecord.Action.UPDATE).exists()


@pytest.mark.django_db
@time_machine.travel(dt.datetime(2026, 11, 21, 12, tzinfo=dt.UTC))
def test_prior_job_ending_before_it_starts_is_refused_on_the_end_field(hr_inspector) -> None:
    employee = EmployeeFactory(organisation=hr_inspector.organisation)
    url = reverse("section_add", args=[employee.pk, "prior-jobs"])

    response = hr_inspector.client.post(
        url, {"employer": "МБОУ СОШ № 3", "position": "учитель", "start": "2015-09-01", "end": "2014-08-31"}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["end"] == ["Дата окончания раньше даты начала."]
    assert not PriorJob.objects.exists()


@pytest.mark.django_db
def test_section_rows_are_added_edited_and_deleted_with_history(hr_inspector) -> None:
    employee = EmployeeFactory(organisation=hr_inspector.organisation)
    client = hr_inspector.client
    added = client.post(
        reverse("section_add", args=[employee.pk, "prior-jobs"]),
        {
            "employer": "МБОУ СОШ № 3",
            "position": "учитель",
            "start": "2010-09-01",
            "end": "2015-08-31",
            "pedagogical": "on",
        },
    )
    job = PriorJob.objects.get()
    assert job.organisation_id == employee.organisation_id and job.pedagogical
    # Back to the card with the section's tab rendered by the server, showing the new row.
    assert added["Location"] == reverse("employee_card", args=[employee.pk]) + "?tab=work"
    assert "МБОУ СОШ № 3" in client.get(added["Location"]).content.decode()

    client.post(
        reverse("section_edit", args=[employee.pk, "prior-jobs", job.pk]),
        {
            "employer": "МБОУ СОШ № 3",
            "position": "учитель физики",
            "start": "2010-09-01",
            "end": "2015-08-31",
            "pedagogical": "on",
        },
    )
    client.post(reverse("section_delete", args=[employee.pk, "prior-jobs", job.pk]))

    actions = list(ChangeRecord.objects.filter(subject_id=employee.pk).order_by("id").values_list("action", flat=True))
    assert actions == ["create", "update", "delete"]
    update = ChangeRecord.objects.get(action="update")
    assert update.changes == {"Должность": ["учитель", "учитель физики"]}
    assert not PriorJob.objects.exists()


@pytest.mark.django_db
def test_military_record_is_created_then_updated(hr_inspector) -> None:
    employee = EmployeeFactory(organisation=hr_inspector.organisation)
    url = reverse("military_edit", args=[employee.pk])
    data = {"reserve_category": "1", "rank": "рядовой", "commissariat": "Военный комиссариат г. Казани", "fitness": "А"}

    created = hr_inspector.client.post(url, data)
    hr_inspector.client.post(url, {**data, "rank": "сержант"})

    assert created["Location"] == reverse("employee_card", args=[employee.pk]) + "?tab=military"
    assert "сержант" in hr_inspector.client.get(created["Location"]).content.decode()
    employee.refresh_from_db()
    assert employee.military_record.rank == "сержант"
    update = ChangeRecord.objects.get(action="update", section="Воинский учёт")
    assert update.changes["Воинское звание"] == ["рядовой", "сержант"]
