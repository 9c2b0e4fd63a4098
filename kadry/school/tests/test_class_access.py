"""Who reaches which class and student: a class teacher exactly their classes, by order or substitution."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from kadry.api.tests.conftest import Api
from kadry.core.chain import LINK_QUERIES
from kadry.core.models import AccessLogEntry
from kadry.core.services import create_api_token
from kadry.school.access import classes_for
from kadry.school.models import ClassTeacherSubstitution
from kadry.testing.factories import EmployeeFactory
from kadry.testing.school import (
    ClassTeacherSubstitutionFactory,
    SchoolClassFactory,
    StudentCategoryFactory,
    appoint,
    enrol,
)

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.mark.django_db
def test_appointment_by_signed_order_gives_the_teacher_the_class(school, director, class_teacher) -> None:
    teacher = EmployeeFactory(organisation=school)
    seventh = SchoolClassFactory(organisation=school, grade=7, letter="Б")
    enrol(seventh, 2)
    assignment = appoint(director, teacher, seventh, D(2026, 9, 1))
    class_teacher.membership.employee = teacher
    class_teacher.membership.save(update_fields=["employee"])

    assert assignment.order_item.order.status == "signed"
    assert list(classes_for(class_teacher.membership, on=D(2026, 9, 2))) == [seventh]


@pytest.fixture
def seventh_and_eighth(school, director, class_teacher):
    """7Б led by the class-teacher persona (by order), 8А led by nobody; two students each, enrolled a month ago."""
    today = timezone.localdate()
    start = today - dt.timedelta(days=30)
    teacher = EmployeeFactory(organisation=school)
    seventh = SchoolClassFactory(organisation=school, grade=7, letter="Б")
    eighth = SchoolClassFactory(organisation=school, grade=8, letter="А", academic_year=seventh.academic_year)
    enrol(seventh, 2, start=start)
    enrol(eighth, 2, start=start)
    appoint(director, teacher, seventh, start)
    class_teacher.membership.employee = teacher
    class_teacher.membership.save(update_fields=["employee"])
    return seventh, eighth


def test_teacher_of_7b_gets_404_for_8a_and_its_students_in_the_ui(class_teacher, seventh_and_eighth) -> None:
    seventh, eighth = seventh_and_eighth
    client = class_teacher.client
    assert client.get(reverse("school:class_detail", args=[seventh.pk])).status_code == 200
    assert client.get(reverse("school:class_detail", args=[eighth.pk])).status_code == 404
    for enrolment in eighth.enrollments.all():
        assert client.get(reverse("school:student_detail", args=[enrolment.student_id])).status_code == 404
    for enrolment in seventh.enrollments.all():
        assert client.get(reverse("school:student_detail", args=[enrolment.student_id])).status_code == 200
    assert [c.pk for c in client.get(reverse("school:home")).context["classes"]] == [seventh.pk]


def test_teacher_of_7b_gets_404_for_8a_and_its_students_in_the_api(class_teacher, seventh_and_eighth) -> None:
    seventh, eighth = seventh_and_eighth
    _token, secret = create_api_token(actor=class_teacher.user, membership=class_teacher.membership, name="t")
    api = Api(secret)
    assert [c["name"] for c in api.get("/school/classes").json()] == ["7Б"]
    assert api.get(f"/school/classes/{eighth.pk}").status_code == 404
    assert len(api.get(f"/school/classes/{seventh.pk}").json()["students"]) == 2
    for enrolment in eighth.enrollments.all():
        assert api.get(f"/school/students/{enrolment.student_id}").status_code == 404
    student_id = seventh.enrollments.first().student_id
    assert api.get(f"/school/students/{student_id}").status_code == 200
    opened = AccessLogEntry.objects.filter(subject_type="school.student", subject_id=student_id, denied=False)
    assert opened.filter(channel="api").count() == 1


def test_opening_a_student_file_is_access_logged(class_teacher, seventh_and_eighth) -> None:
    seventh, _eighth = seventh_and_eighth
    student_id = seventh.enrollments.first().student_id
    class_teacher.client.get(reverse("school:student_detail", args=[student_id]))
    entry = AccessLogEntry.objects.get(subject_id=student_id)
    assert entry.what == "Личное дело обучающегося"


def test_substitute_reaches_the_class_only_during_the_substitution(school, personas) -> None:
    substitute = EmployeeFactory(organisation=school)
    eighth = SchoolClassFactory(organisation=school, grade=8, letter="А")
    ClassTeacherSubstitutionFactory(
        school_class=eighth, substitute=substitute, start=D(2026, 10, 1), end=D(2026, 10, 14)
    )
    membership = personas["class_teacher"].membership
    membership.employee = substitute
    membership.save(update_fields=["employee"])

    assert not classes_for(membership, on=D(2026, 9, 30)).exists()
    assert list(classes_for(membership, on=D(2026, 10, 1))) == [eighth]
    assert list(classes_for(membership, on=D(2026, 10, 14))) == [eighth]
    assert not classes_for(membership, on=D(2026, 10, 15)).exists()


def test_deputy_director_assigns_a_substitute(school, personas) -> None:
    deputy = personas["deputy_director"]
    eighth = SchoolClassFactory(organisation=school, grade=8, letter="А")
    substitute = EmployeeFactory(organisation=school)
    response = deputy.client.post(
        reverse("school:substitution_create"),
        {
            "school_class": eighth.pk,
            "substitute": substitute.pk,
            "start": "2026-10-01",
            "end": "2026-10-14",
            "reason": "болезнь",
        },
    )
    assert response.status_code == 302
    assert ClassTeacherSubstitution.objects.get().assigned_by == deputy.user


@pytest.mark.parametrize("size", [1, 30])
def test_class_page_queries_are_bounded(school, personas, size, django_assert_max_num_queries) -> None:
    seventh = SchoolClassFactory(organisation=school)
    for student in enrol(seventh, size, start=timezone.localdate() - dt.timedelta(days=1)):
        StudentCategoryFactory(student=student, valid_from=D(2020, 1, 1))
    # session, user, membership, class, teachers, students, categories, periods and meetings (§6.7 warning)
    with django_assert_max_num_queries(10 + LINK_QUERIES[connection.vendor]):
        response = personas["deputy_director"].client.get(reverse("school:class_detail", args=[seventh.pk]))
    assert response.status_code == 200
    assert len(response.context["students"]) == size
    assert "многодетная" in response.content.decode()


def test_subject_teacher_sees_no_social_column(school, personas) -> None:
    seventh = SchoolClassFactory(organisation=school)
    enrol(seventh, 1, start=timezone.localdate() - dt.timedelta(days=1))
    response = personas["administrator"].client.get(reverse("school:class_detail", args=[seventh.pk]))
    assert response.context["social"] is False
