"""The repeating sections of the card and the military record through the API."""

from __future__ import annotations

from typing import Any

import pytest

from kadry.api.tests.conftest import MILITARY, SECTION_ROWS, Api
from kadry.core.models import AccessLogEntry, ChangeRecord, Organisation
from kadry.staff.models import Employee, MilitaryRecord, PriorJob
from kadry.staff.sections import SECTIONS
from kadry.testing.factories import EmployeeFactory, PriorJobFactory

pytestmark = pytest.mark.django_db

# A free-text field of each section, changed by the replace step.
EDITED_FIELD = {
    "previous-names": "reason", "education": "institution", "training": "program", "family": "full_name",
    "languages": "language", "awards": "name", "benefits": "name", "prior-jobs": "employer",
    "hire-documents": "number",
}  # fmt: skip


@pytest.fixture
def person(school: Organisation) -> Employee:
    return EmployeeFactory(organisation=school)


@pytest.mark.parametrize("slug", SECTIONS)
def test_section_row_is_added_listed_replaced_and_deleted(inspector_api: Api, person: Employee, slug: str) -> None:
    section = SECTIONS[slug]
    path = f"/employees/{person.pk}/{slug}"

    added = inspector_api.post(path, SECTION_ROWS[slug])
    assert added.status_code == 201, added.json()
    row_id = added.json()["id"]
    assert [row["id"] for row in inspector_api.get(path).json()] == [row_id]

    edited = EDITED_FIELD[slug]
    replaced = inspector_api.put(f"{path}/{row_id}", {**SECTION_ROWS[slug], edited: "Исправлено"})
    assert replaced.status_code == 200, replaced.json()
    assert replaced.json()[edited] == "Исправлено"

    assert inspector_api.delete(f"{path}/{row_id}").status_code == 204
    assert not section.model._default_manager.filter(pk=row_id).exists()
    actions = list(
        ChangeRecord.objects.filter(subject_id=person.pk, section=section.title).values_list("action", flat=True)
    )
    assert sorted(actions) == ["create", "delete", "update"]


def test_reading_a_section_is_written_to_the_access_log(inspector_api: Api, person: Employee) -> None:
    inspector_api.get(f"/employees/{person.pk}/family")

    entry = AccessLogEntry.objects.get()
    assert (entry.what, entry.channel) == ("Личная карточка Т-2: Состав семьи", "api")


def test_prior_job_ending_before_it_starts_is_rejected(inspector_api: Api, person: Employee) -> None:
    body = {**SECTION_ROWS["prior-jobs"], "start": "2015-09-01", "end": "2014-08-31"}

    response = inspector_api.post(f"/employees/{person.pk}/prior-jobs", body)

    assert response.status_code == 422
    assert response.json() == {"code": "invalid", "errors": {"end": ["Дата окончания раньше даты начала."]}}
    assert not PriorJob.objects.exists()


def test_prior_job_with_impossible_date_is_rejected(inspector_api: Api, person: Employee) -> None:
    body = {**SECTION_ROWS["prior-jobs"], "start": "2015-02-29"}

    response = inspector_api.post(f"/employees/{person.pk}/prior-jobs", body)

    assert response.status_code == 422
    assert response.json() == {"code": "invalid", "errors": {"start": ["Введите правильную дату."]}}


def test_replacing_a_row_writes_old_and_new_values(inspector_api: Api, person: Employee) -> None:
    job = PriorJobFactory(employee=person)

    inspector_api.put(
        f"/employees/{person.pk}/prior-jobs/{job.pk}", {**SECTION_ROWS["prior-jobs"], "pedagogical": False}
    )

    change = ChangeRecord.objects.get(action=ChangeRecord.Action.UPDATE)
    assert change.changes == {"Педагогическая работа": ["да", "нет"]}


def test_row_of_another_employee_is_not_found(inspector_api: Api, person: Employee, school: Organisation) -> None:
    other_job = PriorJobFactory(employee=EmployeeFactory(organisation=school))
    path = f"/employees/{person.pk}/prior-jobs/{other_job.pk}"

    assert inspector_api.put(path, SECTION_ROWS["prior-jobs"]).status_code == 404
    assert inspector_api.delete(path).status_code == 404
    assert PriorJob.objects.filter(pk=other_job.pk).exists()


def test_military_record_is_null_until_saved_then_created_and_updated(inspector_api: Api, person: Employee) -> None:
    path = f"/employees/{person.pk}/military-record"
    assert inspector_api.get(path).json() is None

    created = inspector_api.put(path, MILITARY)
    updated = inspector_api.put(path, {**MILITARY, "rank": "сержант"})

    assert created.status_code == updated.status_code == 200
    assert updated.json()["id"] == created.json()["id"]
    assert MilitaryRecord.objects.get(employee=person).rank == "сержант"
    assert inspector_api.get(path).json()["rank"] == "сержант"
    change = ChangeRecord.objects.get(subject_id=person.pk, action=ChangeRecord.Action.UPDATE)
    assert change.changes == {"Воинское звание": ["рядовой", "сержант"]}


def test_military_record_rejects_unknown_fitness_category(inspector_api: Api, person: Employee) -> None:
    response = inspector_api.put(f"/employees/{person.pk}/military-record", {**MILITARY, "fitness": "Я"})

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["fitness"]


def test_section_payload_may_not_be_misnamed(inspector_api: Api, person: Employee) -> None:
    """Fields are the model's field names; a body without them fails on the required ones."""
    response: Any = inspector_api.post(f"/employees/{person.pk}/languages", {"name": "английский"})

    assert response.status_code == 422
    assert response.json()["errors"] == {"language": ["Обязательное поле."], "level": ["Обязательное поле."]}
