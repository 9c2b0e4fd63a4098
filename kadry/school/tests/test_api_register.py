"""The school's register through the API (a regional e-journal keeps it): years, classes, students, transfers.

The management only, the token's organisation only, the pages' forms and services: 422 on the field for
bad input and nothing saved, the student's history written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from kadry.api.tests.conftest import Api
from kadry.core.models import ChangeRecord, Membership
from kadry.core.services import create_api_token
from kadry.school.models import AcademicYear, Enrollment, Period, SchoolClass, Student
from kadry.testing.school import AcademicYearFactory, EnrollmentFactory, SchoolClassFactory

pytestmark = pytest.mark.django_db
R = Membership.Role
STUDENT = {
    "file_number": "Л-0100",
    "last_name": "Смирнова",
    "first_name": "Алиса",
    "middle_name": "Олеговна",
    "sex": "F",
    "birth_date": "2015-03-04",
    "enrolled_on": "2026-09-01",
}


@pytest.fixture
def api_as() -> Callable[[Any], Api]:
    def make(persona: Any) -> Api:
        _token, secret = create_api_token(actor=persona.user, membership=persona.membership, name="тесты")
        return Api(secret)

    return make


@pytest.fixture
def deputy(personas, api_as) -> Api:
    return api_as(personas[R.DEPUTY_DIRECTOR])


def test_a_year_is_created_with_its_periods_and_holidays(deputy: Api, school) -> None:
    response = deputy.post(
        "/school/years", {"name": "2027/2028", "start": "2027-09-01", "end": "2028-08-31", "kind_10_11": "half_year"}
    )

    assert response.status_code == 201, response.json()
    year = AcademicYear.objects.get(pk=response.json()["id"])
    assert year.organisation == school and year.name == "2027/2028"
    kinds = set(Period.objects.filter(academic_year=year).values_list("grade_from", "kind"))
    assert kinds == {(1, "quarter"), (5, "quarter"), (10, "half_year")}
    assert year.holidays.count() == 4


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"end": "2027-08-31"}, "end", "Дата окончания раньше даты начала."),
        ({"name": "2026/2027"}, "name", "Такой учебный год уже есть."),
        ({"start": 0}, "start", "Введите правильную дату."),
    ],
)
def test_a_bad_year_answers_422_on_the_field(deputy: Api, school, change, field, message) -> None:
    AcademicYearFactory(organisation=school, name="2026/2027")
    body = {"name": "2027/2028", "start": "2027-09-01", "end": "2028-08-31", **change}

    response = deputy.post("/school/years", body)

    assert response.status_code == 422
    assert response.json()["errors"] == {field: [message]}
    assert AcademicYear.objects.count() == 1


def test_a_class_is_created_in_a_year_of_the_organisation(deputy: Api, school) -> None:
    year = AcademicYearFactory(organisation=school)

    response = deputy.post("/school/classes", {"academic_year": year.pk, "grade": 5, "letter": "в"})

    assert response.status_code == 201, response.json()
    assert (response.json()["grade"], response.json()["letter"]) == (5, "В")
    assert SchoolClass.objects.get(pk=response.json()["id"]).organisation == school


def test_a_year_of_another_organisation_or_a_second_5v_answers_422(deputy: Api, school, other_school) -> None:
    foreign = AcademicYearFactory(organisation=other_school)
    year = AcademicYearFactory(organisation=school)
    SchoolClassFactory(organisation=school, academic_year=year, grade=5, letter="В")

    foreign_answer = deputy.post("/school/classes", {"academic_year": foreign.pk, "grade": 5, "letter": "А"})
    twice = deputy.post("/school/classes", {"academic_year": year.pk, "grade": 5, "letter": "В"})

    assert foreign_answer.status_code == 422 and set(foreign_answer.json()["errors"]) == {"academic_year"}
    assert twice.status_code == 422
    assert twice.json()["errors"] == {"letter": ["Такой класс в этом учебном году уже есть."]}
    assert SchoolClass.objects.count() == 1


def test_a_student_is_created_enrolled_and_the_history_written(deputy: Api, school) -> None:
    school_class = SchoolClassFactory(organisation=school)

    response = deputy.post("/school/students", {**STUDENT, "school_class": school_class.pk})

    assert response.status_code == 201, response.json()
    assert response.json()["full_name"] == "Смирнова Алиса Олеговна"
    student = Student.objects.get(pk=response.json()["id"])
    assert student.organisation == school
    enrolment = Enrollment.objects.get(student=student)
    assert (enrolment.school_class, enrolment.start) == (school_class, dt.date(2026, 9, 1))
    assert ChangeRecord.objects.filter(subject_id=student.pk).count() == 2


def test_a_student_in_a_class_of_another_organisation_or_a_taken_file_number_answers_422(
    deputy: Api, school, other_school
) -> None:
    foreign = SchoolClassFactory(organisation=other_school)
    taken = EnrollmentFactory(school_class__organisation=school, student__file_number="Л-0100")

    response = deputy.post("/school/students", {**STUDENT, "school_class": foreign.pk})

    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"school_class", "file_number"}
    assert list(Student.objects.all()) == [taken.student]


def test_a_transfer_ends_the_enrolment_and_starts_the_next(deputy: Api, school) -> None:
    enrolment = EnrollmentFactory(school_class__organisation=school, start=dt.date(2026, 9, 1))
    other_class = SchoolClassFactory(
        organisation=school, academic_year=enrolment.school_class.academic_year, letter="Г"
    )

    response = deputy.post(
        f"/school/students/{enrolment.student_id}/enrolments",
        {"to_class": other_class.pk, "on": "2026-10-01", "basis": "Приказ № 5-у"},
    )

    assert response.status_code == 201, response.json()
    assert response.json()["school_class"] == other_class.pk and response.json()["start"] == "2026-10-01"
    enrolment.refresh_from_db()
    assert enrolment.end == dt.date(2026, 9, 30)


def test_a_transfer_to_the_same_class_answers_422_on_the_class(deputy: Api, school) -> None:
    enrolment = EnrollmentFactory(school_class__organisation=school, start=dt.date(2026, 9, 1))

    response = deputy.post(
        f"/school/students/{enrolment.student_id}/enrolments",
        {"to_class": enrolment.school_class_id, "on": "2026-10-01"},
    )

    assert response.status_code == 422 and set(response.json()["errors"]) == {"to_class"}
    assert Enrollment.objects.count() == 1


def test_a_student_of_another_organisation_is_not_found(deputy: Api, school, other_school) -> None:
    foreign = EnrollmentFactory(school_class__organisation=other_school, start=dt.date(2026, 9, 1))
    own_class = SchoolClassFactory(organisation=school)

    response = deputy.post(
        f"/school/students/{foreign.student_id}/enrolments", {"to_class": own_class.pk, "on": "2026-10-01"}
    )

    assert response.status_code == 404
    assert Enrollment.objects.count() == 1


@pytest.mark.parametrize("role", [R.CLASS_TEACHER, R.HR_INSPECTOR, R.DIRECTOR, R.TEACHER])
def test_roles_that_do_not_manage_the_school_create_nothing(personas, api_as, school, role) -> None:
    year = AcademicYearFactory(organisation=school)
    school_class = SchoolClassFactory(organisation=school, academic_year=year)
    client = api_as(personas[role])

    answers = [
        client.post("/school/years", {"name": "2030/2031", "start": "2030-09-01", "end": "2031-08-31"}),
        client.post("/school/classes", {"academic_year": year.pk, "grade": 9, "letter": "А"}),
        client.post("/school/students", {**STUDENT, "school_class": school_class.pk}),
    ]

    assert [answer.status_code for answer in answers] == [404, 404, 404]
    assert (AcademicYear.objects.count(), SchoolClass.objects.count(), Student.objects.count()) == (1, 1, 0)


def test_the_administrator_manages_the_school_too(personas, api_as, school) -> None:
    response = api_as(personas[R.ADMINISTRATOR]).post(
        "/school/years", {"name": "2030/2031", "start": "2030-09-01", "end": "2031-08-31"}
    )

    assert response.status_code == 201
