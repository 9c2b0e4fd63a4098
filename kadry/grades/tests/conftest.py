from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from kadry.api.tests.conftest import Api
from kadry.core.services import create_api_token
from kadry.school.models import Period, SchoolClass, Student
from kadry.testing.school import SchoolClassFactory, enrol

SUBJECTS_15 = (
    "Русский язык", "Литература", "Английский язык", "Алгебра", "Геометрия", "Информатика", "История",
    "Обществознание", "География", "Биология", "Физика", "Химия", "Музыка", "Физическая культура", "Технология",
)  # fmt: skip


@pytest.fixture
def school_class(school) -> SchoolClass:
    school_class = SchoolClassFactory(organisation=school)
    year = school_class.academic_year
    for number, (start, end) in enumerate(
        [((2026, 9, 1), (2026, 10, 24)), ((2026, 11, 5), (2026, 12, 28)), ((2027, 1, 12), (2027, 3, 20)),
         ((2027, 3, 30), (2027, 5, 26))], start=1
    ):  # fmt: skip
        Period.objects.create(
            organisation=school, academic_year=year, number=number, start=dt.date(*start), end=dt.date(*end)
        )
    return school_class


@pytest.fixture
def pupils(school_class) -> list[Student]:
    return enrol(school_class, 10)


@pytest.fixture
def api_as() -> Callable[[Any], Api]:
    def make(persona: Any) -> Api:
        _token, secret = create_api_token(actor=persona.user, membership=persona.membership, name="тесты")
        return Api(secret)

    return make
