"""API test helpers: a client that sends a persona's bearer token, and a school employee with a full card."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.db import models
from django.test import Client

from kadry.core.models import Organisation
from kadry.core.services import create_api_token
from kadry.staff.models import Employee, MilitaryRecord
from kadry.staff.sections import SECTIONS
from kadry.testing.factories import AssignmentFactory, EmployeeFactory, StaffingUnitFactory

PREFIX = "/api/v1"

# One valid row of every card section, as a client would send it.
SECTION_ROWS: dict[str, dict[str, Any]] = {
    "previous-names": {"previous_last_name": "Петрова", "changed_on": "2010-06-01", "reason": "свидетельство о браке"},
    "education": {"level": "bachelor", "institution": "МПГУ", "graduation_year": 2007, "specialty": "математика"},
    "training": {
        "kind": "training", "program": "Реализация ФГОС ООО", "institution": "ИРО",
        "start": "2023-01-10", "end": "2023-01-20", "hours": 72,
    },
    "family": {"relation": "son", "full_name": "Петров Иван Сергеевич", "birth_date": "2012-04-05"},
    "languages": {"language": "английский", "level": "fluent"},
    "awards": {"name": "Почётная грамота Минпросвещения России", "awarded_on": "2021-10-05"},
    "benefits": {"name": "Компенсация расходов на оплату жилья", "basis": "ст. 47 Федерального закона № 273-ФЗ"},
    "prior-jobs": {
        "employer": "МБОУ СОШ № 5", "position": "учитель математики",
        "start": "2010-09-01", "end": "2020-08-31", "pedagogical": True,
    },
    "hire-documents": {"kind": "criminal_record", "number": "77/123", "issued_on": "2023-08-01"},
}  # fmt: skip
assert set(SECTION_ROWS) == set(SECTIONS), "every card section needs a sample row"

MILITARY = {"reserve_category": "1", "rank": "рядовой", "fitness": "А", "commissariat": "Военный комиссариат г. Тулы"}

NEW_EMPLOYEE = {
    "last_name": "Ёлкина",
    "first_name": "Анна",
    "middle_name": "Сергеевна",
    "sex": "F",
    "birth_date": "1990-05-20",
    "snils": "11223344595",
    "inn": "500100732259",
}


class Api:
    """A test client of API v1 acting with one bearer token; bodies are sent as JSON."""

    def __init__(self, secret: str | None) -> None:
        headers = {"authorization": f"Bearer {secret}"} if secret else {}
        self.client = Client(headers=headers)

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(PREFIX + path, params)

    def post(self, path: str, body: Any = None) -> Any:
        return self.client.post(PREFIX + path, json.dumps(body), content_type="application/json")

    def put(self, path: str, body: Any = None) -> Any:
        return self.client.put(PREFIX + path, json.dumps(body), content_type="application/json")

    def patch(self, path: str, body: Any = None) -> Any:
        return self.client.patch(PREFIX + path, json.dumps(body), content_type="application/json")

    def delete(self, path: str) -> Any:
        return self.client.delete(PREFIX + path)


@pytest.fixture
def api_as() -> Callable[[Any], Api]:
    """Return a function giving an API client for a persona, through a token of their membership."""

    def make(persona: Any) -> Api:
        _token, secret = create_api_token(actor=persona.user, membership=persona.membership, name="тесты")
        return Api(secret)

    return make


@pytest.fixture
def inspector_api(hr_inspector: Any, api_as: Callable[[Any], Api]) -> Api:
    return api_as(hr_inspector)


@pytest.fixture
def employee(school: Organisation) -> Employee:
    """A working teacher of ``school`` with one row in every card section and a military record."""
    person = EmployeeFactory(organisation=school, last_name="Иванова", snils="112-233-445 95")
    unit = StaffingUnitFactory(organisation=school, department__name="Кафедра математики", position__name="Учитель")
    AssignmentFactory(employee=person, staffing_unit=unit, start=dt.date(2020, 9, 1))
    for section in SECTIONS.values():
        form_row = {
            name: dt.date.fromisoformat(value) if name in _date_fields(section.model) else value
            for name, value in SECTION_ROWS[section.slug].items()
        }
        section.model._default_manager.create(organisation=school, employee=person, **form_row)
    MilitaryRecord.objects.create(organisation=school, employee=person, **MILITARY)
    return person


def _date_fields(model: type[models.Model]) -> set[str]:
    return {field.name for field in model._meta.concrete_fields if isinstance(field, models.DateField)}
