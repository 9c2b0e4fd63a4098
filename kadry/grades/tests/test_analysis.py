"""The class's analysis page, the report files, the school summary, the home panel, the §9.5 criteria, the API."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kadry.core.models import AccessLogEntry, Membership
from kadry.grades.models import PeriodGrade, Subject, Term
from kadry.grades.performance import class_performance
from kadry.grades.rules import Category
from kadry.school.models import Period
from kadry.school.queries.criteria import class_figures, span_of
from kadry.school.rules.criteria import criteria
from kadry.school.services.documents import characteristic_draft
from kadry.testing.factories import EmployeeFactory, MembershipFactory
from kadry.testing.school import SchoolClassFactory, appoint, enrol

pytestmark = pytest.mark.django_db
R = Membership.Role
# The ten students of the hand-computed class (kadry/grades/tests/test_rules.py): quality 60.0, success 90.0.
TEN = [
    ("5", "5", "5", "5"),
    ("5", "5", "5", "5"),
    ("4", "5", "5", "5"),
    ("4", "4", "4", "4"),
    ("5", "4", "5", "4"),
    ("4", "4", "5", "5"),
    ("3", "4", "5", "5"),
    ("3", "3", "4", "4"),
    ("3", "3", "3", "3"),
    ("2", "3", "na", "4"),
]
NAMES = ("Алгебра", "Русский язык", "История", "Физика")


def grade(students, school_class, rows=TEN, term=Term.Q1) -> None:
    subjects = [Subject.objects.get_or_create(organisation=school_class.organisation, name=n)[0] for n in NAMES]
    PeriodGrade.objects.bulk_create(
        PeriodGrade(
            organisation=school_class.organisation,
            academic_year=school_class.academic_year,
            school_class=school_class,
            student=student,
            subject=subject,
            term=term,
            mark=mark,
            updated_at=timezone.now(),
        )
        for student, marks in zip(students, rows, strict=True)
        for subject, mark in zip(subjects, marks, strict=True)
    )


@time_machine.travel(dt.datetime(2026, 11, 10, 9, tzinfo=dt.UTC))
def test_the_class_analysis_shows_the_hand_computed_figures(personas, school_class, pupils) -> None:
    grade(pupils, school_class)
    # The second quarter is better: the failing student now has «3» in every subject → success 100.0.
    grade(pupils, school_class, [*TEN[:9], ("3", "3", "3", "3")], term=Term.Q2)
    client = personas[R.DEPUTY_DIRECTOR].client

    response = client.get(reverse("grades:class_analysis", args=[school_class.pk]) + "?term=q2")

    context = response.context
    assert (context["quality"], context["success"]) == ("60,0", "100,0")
    assert (context["previous_quality"], context["previous_success"]) == ("60,0", "90,0")
    assert context["success_change"].arrow == "↑"
    q1 = client.get(reverse("grades:class_analysis", args=[school_class.pk]) + "?term=q1").context
    failing = next(line for line in q1["lines"] if line.key == "failing")
    assert [(s.pk, detail) for s, detail in failing.students] == [(pupils[9].pk, "Алгебра (2), История (н/а)")]
    assert AccessLogEntry.objects.filter(actor=personas[R.DEPUTY_DIRECTOR].user).count() == 2


def _queries(client, url: str) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


def test_the_class_analysis_costs_the_same_queries_for_more_students(
    personas, school_class, pupils, django_assert_max_num_queries
) -> None:
    grade(pupils, school_class)
    client = personas[R.DEPUTY_DIRECTOR].client
    url = reverse("grades:class_analysis", args=[school_class.pk]) + "?term=q1"
    client.get(url)
    ten, _ = _queries(client, url)
    more = enrol(school_class, 10)
    grade(more, school_class)

    with django_assert_max_num_queries(ten):
        response = client.get(url)

    assert ten <= 16, ten
    assert response.context["analysis"].students == 20


def test_the_school_summary_costs_the_same_queries_for_more_classes(
    personas, school, school_class, pupils, django_assert_max_num_queries
) -> None:
    grade(pupils, school_class)
    client = personas[R.DIRECTOR].client
    url = reverse("grades:summary") + "?term=q1"
    client.get(url)
    one, _ = _queries(client, url)
    for letter in "ВГДЕ":
        other = SchoolClassFactory(organisation=school, academic_year=school_class.academic_year, letter=letter)
        grade(enrol(other, 10), other)

    with django_assert_max_num_queries(one):
        response = client.get(url)

    assert one <= 14, one

    rows = response.context["rows"]
    assert len(rows) == 5
    assert response.context["totals"].quality.to_eng_string() == "60.0"  # five copies of the class of ten


@pytest.mark.parametrize("fmt", ["xlsx", "pdf", "docx"])
def test_the_deputys_report_downloads(personas, school_class, pupils, fmt) -> None:
    grade(pupils, school_class)

    response = personas[R.DIRECTOR].client.get(reverse("grades:class_report", args=[school_class.pk, fmt]))

    assert response.status_code in (200, 503)  # 503: no WeasyPrint libraries on this machine
    if response.status_code == 200:
        assert b"".join(response.streaming_content)[:4] in (b"PK\x03\x04", b"%PDF")


def test_a_class_without_marks_is_listed_but_not_in_the_schools_total(personas, school, school_class, pupils) -> None:
    grade(pupils, school_class)
    first = SchoolClassFactory(organisation=school, academic_year=school_class.academic_year, grade=1, letter="А")
    enrol(first, 12)

    response = personas[R.DIRECTOR].client.get(reverse("grades:summary") + "?term=q1")
    totals = response.context["totals"]
    assert (totals.students, totals.attested, totals.counts[Category.NOT_ATTESTED]) == (10, 10, 0)
    assert totals.quality.to_eng_string() == "60.0"  # the class of ten alone
    assert "отметок за период нет" in response.content.decode()

    sheet = load_workbook(
        io.BytesIO(personas[R.DIRECTOR].client.get(reverse("grades:summary_xlsx") + "?term=q1").content)
    ).active
    rows = {row[0]: row for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert rows["1А"][1:3] == (12, "отметок за период нет")
    assert rows["Всего"][1] == 10


def test_the_summary_exports_xlsx(personas, school_class, pupils) -> None:
    grade(pupils, school_class)

    response = personas[R.DIRECTOR].client.get(reverse("grades:summary_xlsx") + "?term=q1")

    assert response.status_code == 200 and response.content[:2] == b"PK"


def test_a_class_teacher_sees_the_failing_students_of_their_class_on_the_home_page(
    personas, school, school_class, pupils
) -> None:
    grade(pupils, school_class)
    teacher = EmployeeFactory(organisation=school)
    appoint(personas[R.DIRECTOR], teacher, school_class, on=dt.date(2026, 9, 1))
    membership = MembershipFactory(organisation=school, role=R.CLASS_TEACHER, employee=teacher)
    from django.test import Client

    client = Client()
    client.force_login(membership.user)

    page = client.get(reverse("home")).content.decode()

    assert "Неуспевающие обучающиеся моих классов" in page
    assert f"{pupils[9]} — Алгебра (2), История (н/а)" in page
    assert str(pupils[8]) not in page.split("Неуспевающие обучающиеся моих классов")[1].split("</section>")[0]
    # The class teacher loads the class's grades and sees the analysis.
    assert client.get(reverse("grades:import", args=[school_class.pk])).status_code == 200


def test_the_criteria_and_the_characteristic_use_the_grades(school_class, pupils) -> None:
    grade(pupils, school_class)
    period = Period.objects.get(academic_year=school_class.academic_year, number=1)

    figures = class_figures([school_class], span_of(period, dt.date(2026, 10, 1)))[school_class.pk]

    assert (criteria(figures).quality, criteria(figures).success) == (figures.quality, figures.success)
    assert str(figures.quality) == "60.0" and str(figures.success) == "90.0"
    assert class_performance([school_class], None) == {}  # no year grades yet
    draft = characteristic_draft(pupils[9], today=dt.date(2026, 11, 10), with_family=False)
    assert "академическую задолженность: алгебра (2), история (н/а)" in draft
    assert "успевает на «отлично»" in characteristic_draft(pupils[0], today=dt.date(2026, 11, 10), with_family=False)


def test_the_api_puts_a_class_grades_all_or_nothing(personas, school_class, pupils, api_as) -> None:
    api = api_as(personas[R.DEPUTY_DIRECTOR])
    path = f"/school/classes/{school_class.pk}/grades"
    body = [{"student": s.pk, "subject": "Алгебра", "period": "1 четверть", "grade": "5"} for s in pupils]
    bad = [*body[:-1], {**body[-1], "grade": "7"}, {"student": 0, "subject": "Алгебра", "period": "год", "grade": "5"}]

    refused = api.put(path, bad)

    assert refused.status_code == 422
    assert set(refused.json()["errors"]) == {"9.grade", "10.student"}
    assert PeriodGrade.objects.count() == 0
    answered = api.put(path, body)
    assert answered.status_code == 200 and answered.json()["period_grades"] == 10
    assert PeriodGrade.objects.filter(term=Term.Q1).count() == 10
    assert api_as(personas[R.SOCIAL_PEDAGOGUE]).put(path, body).status_code == 404
