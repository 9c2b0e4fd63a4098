"""The demo lyceum's school life: built fast, and its social passport and attendance match independent counts."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.db.models import Q

from kadry.core.models import Organisation
from kadry.demo.builder import build_demo, remove_demo
from kadry.demo.catalog import LYCEUM
from kadry.demo.school_life import LAST_DAY, school_days
from kadry.school.models import (
    Activity,
    AttendanceDay,
    AttendanceMark,
    ClassEvent,
    ClassHour,
    EducationPlan,
    EducationPlanItem,
    Enrollment,
    ParentMeeting,
    SchoolClass,
    StudentCategory,
)
from kadry.school.queries.attendance import period_report
from kadry.school.queries.criteria import Span, class_figures
from kadry.school.queries.passport import class_passport
from kadry.testing.append_only import suspended

ON = dt.date(2026, 11, 20)
D = dt.date


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Build the demo once for the module (timed), and remove it afterwards."""
    with django_db_blocker.unblock():
        started = time.perf_counter()
        build_demo()
        elapsed = time.perf_counter() - started
        yield Organisation.objects.get(inn=LYCEUM.inn), elapsed
        with suspended():  # the demo's log, history and signed orders are append-only
            remove_demo()


@pytest.fixture
def lyceum(demo, db):
    return demo[0]


def test_the_whole_demo_builds_well_under_a_minute(demo) -> None:
    assert demo[1] < 45, f"demo built in {demo[1]:.1f} s"


def test_every_class_has_attendance_marked_for_every_school_day(lyceum) -> None:
    classes = SchoolClass.objects.filter(organisation=lyceum).count()
    days = school_days()
    # Monday to Friday: September 22, October to the holidays (25.10–04.11) 17, November 5–20 12.
    assert len(days) == 51
    assert AttendanceDay.objects.filter(organisation=lyceum).count() == classes * len(days)
    assert not AttendanceMark.objects.filter(organisation=lyceum, date__gt=LAST_DAY).exists()


def test_about_one_in_six_students_is_in_a_social_category_with_evidence(lyceum) -> None:
    students = Enrollment.objects.filter(organisation=lyceum).count()
    with_category = StudentCategory.objects.filter(organisation=lyceum).values("student").distinct().count()
    assert 0.10 <= with_category / students <= 0.22
    assert not StudentCategory.objects.filter(organisation=lyceum, evidence="").exists()
    clubs = Activity.objects.filter(organisation=lyceum, kind="club").values("student").distinct().count()
    assert 0.33 <= clubs / students <= 0.47
    assert Activity.objects.filter(organisation=lyceum, kind="self_government").exists()
    # Every competition has the level and result the activity rating counts; some clubs are outside the lyceum.
    contests = Activity.objects.filter(organisation=lyceum, kind="competition")
    assert contests.exists() and not contests.filter(Q(level="") | Q(placement="")).exists()
    assert Activity.objects.filter(organisation=lyceum, kind="club", outside_school=True).exclude(organiser="").exists()


def test_social_passport_of_every_class_matches_plain_counts(lyceum) -> None:
    for school_class in SchoolClass.objects.filter(organisation=lyceum).select_related("academic_year"):
        passport = class_passport(school_class, on=ON)
        enrolled = Enrollment.objects.filter(school_class=school_class, start__lte=ON).filter(
            Q(end__isnull=True) | Q(end__gte=ON)
        )
        valid = StudentCategory.objects.filter(student__in=enrolled.values("student"), valid_from__lte=ON).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=ON)
        )
        assert passport.students == enrolled.count()
        assert passport.boys == enrolled.filter(student__sex="M").count()
        assert passport.with_any_category == valid.values("student").distinct().count()
        for line in passport.lines:
            expected = valid.filter(category=line.category).values("student").distinct().count()
            assert line.count == expected, (str(school_class), line.category)


def test_attendance_figures_match_plain_counts_and_are_realistic(lyceum) -> None:
    classes = list(SchoolClass.objects.filter(organisation=lyceum))
    figures = class_figures(classes, Span(dt.date(2026, 9, 1), ON, ON))
    total_possible = total_missed = 0
    for school_class in classes:
        marks = AttendanceMark.objects.filter(school_class=school_class, kind="absent")
        missed = marks.filter(whole_day=True).count() * school_class.lessons_per_day + sum(
            marks.filter(whole_day=False).values_list("lessons", flat=True)
        )
        students = Enrollment.objects.filter(school_class=school_class).count()
        days = AttendanceDay.objects.filter(school_class=school_class).count()
        assert figures[school_class.pk].missed_lessons == missed
        assert figures[school_class.pk].possible_lessons == students * days * school_class.lessons_per_day
        total_possible += students * days * school_class.lessons_per_day
        total_missed += missed
    assert 0.03 <= total_missed / total_possible <= 0.08
    marks = AttendanceMark.objects.filter(organisation=lyceum)
    assert marks.filter(reason="illness").count() > marks.exclude(reason="illness").filter(kind="absent").count()
    assert marks.filter(reason="unexcused").exists() and marks.filter(kind="late").exists()
    assert 0 < marks.filter(reason="unknown").count() < 100


def test_class_life_a_meeting_per_class_in_the_first_quarter_and_class_hours(lyceum) -> None:
    for school_class in SchoolClass.objects.filter(organisation=lyceum):
        assert ParentMeeting.objects.filter(
            school_class=school_class, date__range=(dt.date(2026, 9, 1), dt.date(2026, 10, 24))
        ).exists()
    assert ClassHour.objects.filter(organisation=lyceum, status="held").count() > 300
    assert (
        ClassEvent.objects.filter(organisation=lyceum).count()
        >= SchoolClass.objects.filter(organisation=lyceum).count()
    )


def test_attendance_report_of_every_class_matches_plain_counts(lyceum) -> None:
    """The period report (as the page and the XLSX show it) against counts made here from the raw marks."""
    classes = SchoolClass.objects.filter(organisation=lyceum)
    reports = period_report(classes, dt.date(2026, 9, 1), ON)
    assert len(reports) == classes.count()
    for report in reports:
        school_class, total = report.school_class, report.total
        absent = AttendanceMark.objects.filter(school_class=school_class, kind="absent")

        def lessons(marks, per_day: int = school_class.lessons_per_day) -> int:
            whole = marks.filter(whole_day=True).count() * per_day
            return whole + sum(marks.filter(whole_day=False).values_list("lessons", flat=True))

        assert total.lessons["illness"] == lessons(absent.filter(reason="illness"))
        assert total.lessons["unknown"] == lessons(absent.filter(reason="unknown"))
        assert total.lessons["unexcused"] == lessons(absent.filter(reason="unexcused"))
        assert total.missed_lessons == lessons(absent)
        assert total.days["illness"] == absent.filter(reason="illness", whole_day=True).count()
        assert total.late == AttendanceMark.objects.filter(school_class=school_class, kind="late").count()
        marked_days = AttendanceDay.objects.filter(school_class=school_class).count()
        students = Enrollment.objects.filter(school_class=school_class).count()
        assert total.planned_lessons == students * marked_days * school_class.lessons_per_day


def test_the_demo_classes_have_first_quarter_grades_and_some_failing_pupils(lyceum) -> None:
    from kadry.grades.models import PeriodGrade, Term
    from kadry.grades.queries import class_terms
    from kadry.grades.rules import Category

    classes = list(SchoolClass.objects.filter(organisation=lyceum, grade__gte=2).select_related("academic_year"))
    assert PeriodGrade.objects.filter(organisation=lyceum, term=Term.Q1).exclude(school_class__in=classes).count() == 0
    figures = class_terms(classes, Term.Q1, today=LAST_DAY, by_subject=False)
    assert all(one.analysis.attested > 0 for one in figures.values())
    assert sum(one.analysis.counts[Category.FAILING] for one in figures.values()) > 0


def test_the_plans_of_educational_work_are_approved_but_one_sent_and_one_returned(lyceum) -> None:
    plans = EducationPlan.objects.filter(organisation=lyceum)
    by_status = {status: plans.filter(status=status).count() for status in EducationPlan.Status.values}
    # Grades 1–9, three classes each: 27 plans; 6А waits for the deputy, 7Б is returned, 8Б is a draft.
    assert by_status == {"approved": 24, "submitted": 1, "returned": 1, "draft": 1}
    returned = plans.get(status="returned")
    assert str(returned.school_class) == "7Б" and "профориентации" in returned.return_comment
    assert not returned.items.filter(direction__in=["career", "parents"]).exists()
    assert str(plans.get(status="submitted").school_class) == "6А"
    assert all(plan.items.exists() for plan in plans)
    # Every dated item is dated in its own month of the school year.
    for month, date in EducationPlanItem.objects.filter(organisation=lyceum, date__isnull=False).values_list(
        "month", "date"
    ):
        assert date is not None and date.month == month and D(2026, 9, 1) <= date <= D(2027, 6, 30)


def test_the_council_of_prevention_sat_twice_and_left_two_open_cases_and_a_closed_one(lyceum) -> None:
    from kadry.prevention.models import CouncilSitting, Measure, PreventionCase

    assert CouncilSitting.objects.filter(organisation=lyceum).count() == 2
    cases = PreventionCase.objects.filter(organisation=lyceum)
    assert sorted(cases.values_list("register", "status")) == [("internal", "open"), ("kdn", "open"), ("sop", "closed")]
    seventh = cases.get(register="internal")
    assert str(seventh.student.enrollments.get().school_class) == "7Б"
    overdue = Measure.objects.filter(organisation=lyceum, result_on__isnull=True, due_on__lt=ON)
    assert overdue.count() == 1
