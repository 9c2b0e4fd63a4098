"""Reading attendance: the grid of a day, the week, unresolved reasons, flags and the period report.

Each function costs a fixed number of queries whatever the number of students: the rows are read
once and combined in Python with the pure rules.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, FilteredRelation, Q, QuerySet

from kadry.school.models import AttendanceMark, AttendanceThresholds, Enrollment, Holiday, SchoolClass, Student
from kadry.school.rules import attendance as rules


def holiday_on(school_class: SchoolClass, day: dt.date) -> Holiday | None:
    """Return the school holidays covering ``day`` for the class's grade, if any."""
    return (
        Holiday.objects.filter(
            organisation_id=school_class.organisation_id,
            start__lte=day,
            end__gte=day,
            grade_from__lte=school_class.grade,
            grade_to__gte=school_class.grade,
        )
        .order_by("start")
        .first()
    )


def enrolled_students(school_class: SchoolClass, day: dt.date) -> list[Student]:
    """Return the students enrolled in the class on ``day``, in the class list's order (one query)."""
    enrolled = Enrollment.objects.active(on=day).filter(
        organisation_id=school_class.organisation_id, school_class=school_class
    )
    return list(
        Student.objects.filter(organisation_id=school_class.organisation_id, pk__in=enrolled.values("student_id"))
    )


def day_marks(school_class: SchoolClass, day: dt.date, student_ids: Iterable[int]) -> dict[int, AttendanceMark]:
    """Return the marks of ``day`` of the given students, by student id (one query)."""
    return {
        mark.student_id: mark
        for mark in AttendanceMark.objects.filter(
            organisation_id=school_class.organisation_id, date=day, student_id__in=list(student_ids)
        )
    }


@dataclass(frozen=True, slots=True)
class DayMark:
    """The stored mark of a student on the grid's day (what the grid shows of it)."""

    kind: str
    whole_day: bool
    lessons: int
    minutes_late: int | None
    reason: str
    note: str


def grid_students(school_class: SchoolClass, day: dt.date) -> list[tuple[Student, DayMark | None]]:
    """Return the students enrolled in the class on ``day``, in the class list's order, each with their mark of the day.

    One query: the day's mark is joined to the student (one mark per student and day at most).
    """
    organisation_id = school_class.organisation_id
    enrolled = Enrollment.objects.active(on=day).filter(organisation_id=organisation_id, school_class=school_class)
    students = Student.objects.filter(organisation_id=organisation_id, pk__in=enrolled.values("student_id")).annotate(
        day_mark=FilteredRelation(
            "attendance_marks",
            condition=Q(attendance_marks__organisation_id=organisation_id, attendance_marks__date=day),
        ),
        mark_kind=F("day_mark__kind"),
        mark_whole_day=F("day_mark__whole_day"),
        mark_lessons=F("day_mark__lessons"),
        mark_minutes_late=F("day_mark__minutes_late"),
        mark_reason=F("day_mark__reason"),
        mark_note=F("day_mark__note"),
    )
    return [
        (
            student,
            DayMark(
                student.mark_kind,
                student.mark_whole_day,
                student.mark_lessons,
                student.mark_minutes_late,
                student.mark_reason,
                student.mark_note,
            )
            if student.mark_kind
            else None,
        )
        for student in students
    ]


def unresolved_marks(classes: QuerySet[SchoolClass]) -> QuerySet[AttendanceMark]:
    """Return the marks whose reason is still unknown in ``classes``, oldest first."""
    return (
        AttendanceMark.objects.filter(school_class__in=classes, reason=AttendanceMark.Reason.UNKNOWN)
        .select_related("student", "school_class")
        .order_by("date", "school_class__grade", "school_class__letter", "student__last_name", "student__first_name")
    )


def week_of(day: dt.date) -> list[dt.date]:
    """Return Monday to Saturday of the week holding ``day``."""
    monday = day - dt.timedelta(days=day.weekday())
    return [monday + dt.timedelta(days=offset) for offset in range(6)]


@dataclass
class WeekRow:
    student: Student
    cells: list[AttendanceMark | None]
    missing_reasons: int = 0


def week_rows(school_class: SchoolClass, days: list[dt.date]) -> list[WeekRow]:
    """Return the class's students enrolled in the week with their marks of each day (two queries)."""
    enrolled = Enrollment.objects.filter(
        Q(end__isnull=True) | Q(end__gte=days[0]),
        organisation_id=school_class.organisation_id,
        school_class=school_class,
        start__lte=days[-1],
    )
    students = list(
        Student.objects.filter(organisation_id=school_class.organisation_id, pk__in=enrolled.values("student_id"))
    )
    marks = AttendanceMark.objects.filter(
        organisation_id=school_class.organisation_id,
        school_class=school_class,
        date__gte=days[0],
        date__lte=days[-1],
    )
    by_key = {(mark.student_id, mark.date): mark for mark in marks}
    rows = []
    for student in students:
        cells = [by_key.get((student.pk, day)) for day in days]
        missing = sum(1 for mark in cells if mark is not None and mark.reason == AttendanceMark.Reason.UNKNOWN)
        rows.append(WeekRow(student, cells, missing))
    return rows


def holidays_by_grade(organisation_id: int, start: dt.date, end: dt.date) -> list[Holiday]:
    """Return the holidays overlapping [start, end] (one query)."""
    return list(Holiday.objects.filter(organisation_id=organisation_id, start__lte=end, end__gte=start))


def breaks_for(holidays: list[Holiday], grade: int) -> list[tuple[dt.date, dt.date]]:
    return [(h.start, h.end) for h in holidays if h.grade_from <= grade <= h.grade_to]


# Report groups of reasons: illness, other good reasons, no good reason, not found out yet.
GROUPS = ("illness", "excused", "unexcused", "unknown")


def group_of(reason: str) -> str:
    if reason == AttendanceMark.Reason.ILLNESS:
        return "illness"
    if reason == AttendanceMark.Reason.UNKNOWN:
        return "unknown"
    return "excused" if reason in AttendanceMark.EXCUSED else "unexcused"


@dataclass
class ReportRow:
    """One student's (or a class's total) attendance over a period."""

    label: str
    school_class: SchoolClass
    student: Student | None = None
    days: dict[str, int] = field(default_factory=lambda: dict.fromkeys(GROUPS, 0))
    lessons: dict[str, int] = field(default_factory=lambda: dict.fromkeys(GROUPS, 0))
    late: int = 0
    planned_lessons: int = 0

    @property
    def missed_lessons(self) -> int:
        return sum(self.lessons.values())

    @property
    def missed_days(self) -> int:
        return sum(self.days.values())

    @property
    def percentage(self) -> Decimal:
        return rules.attendance_percentage(planned_lessons=self.planned_lessons, missed_lessons=self.missed_lessons)

    def add(self, other: ReportRow) -> None:
        for group in GROUPS:
            self.days[group] += other.days[group]
            self.lessons[group] += other.lessons[group]
        self.late += other.late
        self.planned_lessons += other.planned_lessons


@dataclass
class ClassReport:
    school_class: SchoolClass
    students: list[ReportRow]
    total: ReportRow


def period_report(classes: QuerySet[SchoolClass], start: dt.date, end: dt.date) -> list[ClassReport]:
    """Return per student and per class attendance over [start, end] (four queries for any number of classes).

    A student counts in a class for the school days of their enrolment there; a mark counts for the
    class it was made in.
    """
    class_list = list(classes.order_by("grade", "letter"))
    if not class_list:
        return []
    organisation_id = class_list[0].organisation_id
    holidays = holidays_by_grade(organisation_id, start, end)
    enrollments = (
        Enrollment.objects.filter(
            Q(end__isnull=True) | Q(end__gte=start),
            organisation_id=organisation_id,
            school_class__in=class_list,
            start__lte=end,
        )
        .select_related("student")
        .order_by("student__last_name", "student__first_name", "student__middle_name", "student_id", "start")
    )
    marks = AttendanceMark.objects.filter(
        organisation_id=organisation_id, school_class__in=class_list, date__gte=start, date__lte=end
    ).values_list("school_class_id", "student_id", "date", "kind", "whole_day", "lessons", "reason")
    days_by_class = {c.pk: rules.school_days(start, end, breaks_for(holidays, c.grade)) for c in class_list}
    rows: dict[tuple[int, int], ReportRow] = {}
    by_class: dict[int, list[ReportRow]] = defaultdict(list)
    classes_by_pk = {c.pk: c for c in class_list}
    for enrollment in enrollments:
        school_class = classes_by_pk[enrollment.school_class_id]
        first, last = max(start, enrollment.start), min(end, enrollment.end or end)
        planned = sum(1 for day in days_by_class[school_class.pk] if first <= day <= last)
        key = (school_class.pk, enrollment.student_id)
        if key not in rows:
            rows[key] = ReportRow(str(enrollment.student), school_class, enrollment.student)
            by_class[school_class.pk].append(rows[key])
        rows[key].planned_lessons += planned * school_class.lessons_per_day
    for class_id, student_id, _day, kind, whole_day, lessons, reason in marks:
        row = rows.get((class_id, student_id))
        if row is None:  # a mark outside the enrolment: nothing planned to miss
            continue
        if kind == AttendanceMark.Kind.LATE:
            row.late += 1
            continue
        group = group_of(reason)
        row.lessons[group] += rules.lessons_missed(
            kind=kind, whole_day=whole_day, lessons=lessons, lessons_per_day=row.school_class.lessons_per_day
        )
        if whole_day:
            row.days[group] += 1
    reports = []
    for school_class in class_list:
        total = ReportRow(f"Итого по классу {school_class}", school_class)
        for row in by_class[school_class.pk]:
            total.add(row)
        reports.append(ClassReport(school_class, by_class[school_class.pk], total))
    return reports


@dataclass
class Flag:
    student: Student
    school_class: SchoolClass
    reasons: list[str]


def flagged_students(classes: QuerySet[SchoolClass], thresholds: AttendanceThresholds, on: dt.date) -> list[Flag]:
    """Return the students of ``classes`` flagged on ``on``: a run of days without good reason, or the month's share.

    The run is searched in the school days of the last 30 days up to ``on``; the share is of all the
    lessons of the calendar month of ``on``. Four queries.
    """
    class_list = list(classes.order_by("grade", "letter"))
    if not class_list:
        return []
    organisation_id = class_list[0].organisation_id
    month_start = on.replace(day=1)
    window_start = min(month_start, on - dt.timedelta(days=30))
    month_end = (month_start + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
    holidays = holidays_by_grade(organisation_id, window_start, month_end)
    marks_by_student: dict[tuple[int, int], list[rules.MarkFact]] = defaultdict(list)
    marks = AttendanceMark.objects.filter(
        organisation_id=organisation_id,
        school_class__in=class_list,
        date__gte=window_start,
        date__lte=on,
        kind=AttendanceMark.Kind.ABSENT,
    ).exclude(reason__in=list(AttendanceMark.EXCUSED))
    for class_id, student_id, day, kind, whole_day, lessons, reason in marks.values_list(
        "school_class_id", "student_id", "date", "kind", "whole_day", "lessons", "reason"
    ):
        marks_by_student[(class_id, student_id)].append(rules.MarkFact(day, kind, whole_day, lessons, reason))
    if not marks_by_student:
        return []
    students = Student.objects.in_bulk([student_id for _class_id, student_id in marks_by_student])
    classes_by_pk = {c.pk: c for c in class_list}
    flags = []
    for (class_id, student_id), facts in marks_by_student.items():
        school_class = classes_by_pk[class_id]
        days = rules.school_days(window_start, month_end, breaks_for(holidays, school_class.grade))
        reasons = rules.flag_reasons(
            facts,
            school_days=[day for day in days if day <= on],
            month_days=[day for day in days if day >= month_start],
            lessons_per_day=school_class.lessons_per_day,
            days_in_row=thresholds.days_in_row,
            monthly_share=thresholds.monthly_share,
        )
        if reasons:
            flags.append(Flag(students[student_id], school_class, reasons))
    flags.sort(key=lambda f: (f.school_class.grade, f.school_class.letter, f.student.last_name, f.student.first_name))
    return flags
