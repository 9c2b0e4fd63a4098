"""The school side's daily life in the demo lyceum, 1 September – 20 November 2026.

Social categories with their evidence, clubs and self-government roles, attendance marks for every
school day (about 5 % of lessons missed, mostly by illness; a few reasons still unknown in the last
week), a parent meeting per class in the first quarter, weekly class hours and some events. Drawn
from its own seed, in bulk: the pages of the class teacher and the administration show content, and
the demo still builds in seconds.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from typing import Any

from django.contrib.auth import get_user_model

from kadry.core.models import Membership, Organisation
from kadry.demo.education_plans import build_education_plans
from kadry.school.models import (
    AcademicYear,
    Activity,
    AttendanceDay,
    AttendanceMark,
    ClassEvent,
    ClassHour,
    ClassTeacherAssignment,
    Enrollment,
    Guardian,
    Holiday,
    ParentMeeting,
    Period,
    SchoolClass,
    Student,
    StudentCategory,
)

D = dt.date
SEED = 4913
FIRST_DAY = D(2026, 9, 1)
LAST_DAY = D(2026, 11, 20)  # the demo's "today": marks up to this day
QUARTERS = (
    (D(2026, 9, 1), D(2026, 10, 24)),
    (D(2026, 11, 5), D(2026, 12, 28)),
    (D(2027, 1, 12), D(2027, 3, 21)),
    (D(2027, 3, 30), D(2027, 5, 26)),
)
HOLIDAYS = (
    ("Осенние каникулы", D(2026, 10, 25), D(2026, 11, 4)),
    ("Зимние каникулы", D(2026, 12, 29), D(2027, 1, 11)),
    ("Весенние каникулы", D(2027, 3, 22), D(2027, 3, 29)),
)
# Unknown reasons are those of the last days: older ones have been resolved by the class teachers.
UNKNOWN_SINCE = D(2026, 11, 16)

C = StudentCategory.Category
EVIDENCE: dict[str, str] = {
    C.LARGE_FAMILY: "удостоверение многодетной семьи № {n}",
    C.LOW_INCOME: "справка УСЗН о признании семьи малоимущей № {n}",
    C.SINGLE_PARENT: "справка о составе семьи № {n}",
    C.GUARDIANSHIP: "постановление администрации об установлении опеки № {n}",
    C.ORPHAN: "свидетельство о смерти родителей, решение суда № {n}",
    C.DISABLED: "справка МСЭ № {n}",
    C.SPECIAL_NEEDS: "заключение ПМПК № {n}",
    C.SVO_FAMILY: "справка военного комиссариата № {n}",
    C.INTERNAL_REGISTER: "решение совета профилактики, протокол № {n}",
    C.PDN: "информация ПДН ОМВД № {n}",
    C.KDN: "постановление КДН и ЗП № {n}",
    C.MIGRANT: "удостоверение вынужденного переселенца № {n}",
}
# The categories of a family with two parents, and their weights among the ~15 % who have one.
OTHER_CATEGORIES = (
    (C.LARGE_FAMILY, 40),
    (C.LOW_INCOME, 12),
    (C.SVO_FAMILY, 12),
    (C.SPECIAL_NEEDS, 12),
    (C.DISABLED, 6),
    (C.INTERNAL_REGISTER, 6),
    (C.MIGRANT, 3),
)
CLUBS = (
    "Шахматы", "Робототехника", "Хор «Камертон»", "Волейбол", "Театральная студия", "Юный журналист",
    "Баскетбол", "Изостудия", "Юные инспекторы движения", "Программирование на Python", "Школьный музей",
)  # fmt: skip
ROLES = ("староста класса", "член совета обучающихся", "ответственный за дежурство", "редактор классной газеты")
CONTESTS = (
    ("школьный этап ВсОШ по математике", "участник", "school", "participant"),
    ("городской конкурс чтецов", "призёр", "municipal", "prize_winner"),
    ("региональный этап «Президентских состязаний»", "победитель", "regional", "winner"),
)
# The clubs run outside the lyceum, with the organisation running each; the others are the lyceum's own.
CLUBS_OUTSIDE = {
    "Волейбол": "ДЮСШ № 3",
    "Баскетбол": "ДЮСШ № 3",
    "Хор «Камертон»": "Дом детского творчества",
    "Юные инспекторы движения": "Отдел ГИБДД и Дом детского творчества",
}
HOUR_TOPICS = (
    "Разговоры о важном: День знаний", "Правила поведения в лицее", "Безопасная дорога в школу",
    "Разговоры о важном: День учителя", "Профилактика гриппа и ОРВИ", "Разговоры о важном: День отца",
    "Мои увлечения", "Разговоры о важном: День народного единства", "Культура общения в сети",
    "Разговоры о важном: День матери", "Итоги четверти", "Здоровый образ жизни",
)  # fmt: skip
EVENTS = (
    ("Экскурсия в краеведческий музей", "краеведческий музей", True),
    ("Осенний кросс", "стадион лицея", False),
    ("Посещение театра юного зрителя", "ТЮЗ", True),
    ("Классный праздник «Золотая осень»", "актовый зал", False),
)


def school_days(first: dt.date = FIRST_DAY, last: dt.date = LAST_DAY) -> list[dt.date]:
    """Return the lyceum's school days (five-day week, no holidays, not 4 November) from ``first`` to ``last``."""
    days = []
    day = first
    while day <= last:
        off = day.weekday() >= 5 or any(start <= day <= end for _, start, end in HOLIDAYS)
        if not off:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def build_school_life(organisation: Organisation) -> None:
    """Fill the lyceum's school year with daily life (in bulk, deterministic)."""
    rng = random.Random(SEED)
    year = AcademicYear.objects.get(organisation=organisation)
    _calendar(organisation, year)
    classes = list(SchoolClass.objects.filter(organisation=organisation).order_by("grade", "letter"))
    roster: dict[int, list[Student]] = defaultdict(list)
    for enrolment in (
        Enrollment.objects.filter(organisation=organisation).select_related("student").order_by("student__pk")
    ):
        roster[enrolment.school_class_id].append(enrolment.student)
    guardians: dict[int, list[Guardian]] = defaultdict(list)
    for guardian in Guardian.objects.filter(organisation=organisation).order_by("pk"):
        guardians[guardian.student_id].append(guardian)
    authors = _class_teacher_users(organisation, classes)

    _categories(organisation, rng, [s for c in classes for s in roster[c.pk]], guardians)
    _activities(organisation, rng, classes, roster)
    _attendance(organisation, rng, classes, roster, authors)
    _class_life(organisation, rng, classes, roster, guardians, authors)
    build_education_plans(organisation, authors)


def _calendar(organisation: Organisation, year: AcademicYear) -> None:
    if not Period.objects.filter(organisation=organisation, academic_year=year).exists():
        Period.objects.bulk_create(
            Period(organisation=organisation, academic_year=year, number=n, start=start, end=end)
            for n, (start, end) in enumerate(QUARTERS, start=1)
        )
    if not Holiday.objects.filter(organisation=organisation, academic_year=year).exists():
        Holiday.objects.bulk_create(
            Holiday(organisation=organisation, academic_year=year, name=name, start=start, end=end)
            for name, start, end in HOLIDAYS
        )


def _class_teacher_users(organisation: Organisation, classes: list[SchoolClass]) -> dict[int, Any]:
    """Return class → the user who marks its attendance: its class teacher's login, else the deputy director."""
    # Looked up with a class's teacher id, None for a class without one: then the fallback user.
    users_by_employee: dict[int | None, int | None] = dict(
        Membership.objects.filter(organisation=organisation, employee__isnull=False).values_list("employee_id", "user")
    )
    User = get_user_model()
    fallback = (
        Membership.objects.filter(organisation=organisation, role=Membership.Role.DEPUTY_DIRECTOR)
        .values_list("user", flat=True)
        .first()
        or Membership.objects.filter(organisation=organisation).values_list("user", flat=True).first()
    )
    users: dict[int | None, Any] = {
        user.pk: user for user in User.objects.filter(pk__in=[*users_by_employee.values(), fallback])
    }
    teachers = dict(
        ClassTeacherAssignment.objects.filter(organisation=organisation).values_list("school_class_id", "teacher_id")
    )
    return {c.pk: users[users_by_employee.get(teachers.get(c.pk), fallback)] for c in classes}


def _categories(
    organisation: Organisation, rng: random.Random, students: list[Student], guardians: dict[int, list[Guardian]]
) -> None:
    rows: list[StudentCategory] = []
    number = 100

    def add(student: Student, category: str, start: dt.date, end: dt.date | None = None) -> None:
        nonlocal number
        number += 1
        rows.append(
            StudentCategory(
                organisation=organisation,
                student=student,
                category=category,
                valid_from=start,
                valid_to=end,
                evidence=EVIDENCE[category].format(n=number),
            )
        )

    categories, weights = zip(*OTHER_CATEGORIES, strict=True)
    for student in students:
        relations = {g.relation for g in guardians[student.pk]}
        since = D(2026, 9, 1) if rng.random() < 0.7 else D(rng.randint(2022, 2025), rng.randint(1, 12), 1)
        if Guardian.Relation.GUARDIAN in relations:
            add(student, C.GUARDIANSHIP, since)
            if rng.random() < 0.4:
                add(student, C.ORPHAN, since)
            continue
        if len(relations) == 1 and rng.random() < 0.25:
            add(student, C.SINGLE_PARENT, since)
            if rng.random() < 0.3:
                add(student, C.LOW_INCOME, since)
            continue
        if rng.random() < 0.08:
            category = rng.choices(categories, weights)[0]
            # A few records ended in October: the passport on an earlier date still counts them.
            end = D(2026, 10, 31) if rng.random() < 0.1 else None
            add(student, category, since, end)
            if category == C.LARGE_FAMILY and rng.random() < 0.3:
                add(student, C.LOW_INCOME, since)
            if category == C.INTERNAL_REGISTER and rng.random() < 0.3:
                add(student, C.PDN, D(2026, 10, rng.randint(1, 28)))
    StudentCategory.objects.bulk_create(rows)


def _activities(
    organisation: Organisation, rng: random.Random, classes: list[SchoolClass], roster: dict[int, list[Student]]
) -> None:
    rows: list[Activity] = []
    for school_class in classes:
        students = roster[school_class.pk]
        for student in students:
            if rng.random() < 0.4:
                start = D(2026, 9, rng.randint(7, 25))
                # About one in ten left their club in October.
                end = D(2026, 10, rng.randint(10, 30)) if rng.random() < 0.1 else None
                rows.append(
                    Activity(
                        organisation=organisation,
                        student=student,
                        kind=Activity.Kind.CLUB,
                        name=(club := rng.choice(CLUBS)),
                        start=start,
                        end=end,
                        outside_school=club in CLUBS_OUTSIDE,
                        organiser=CLUBS_OUTSIDE.get(club, "Лицей"),
                    )
                )
            if rng.random() < 0.05:
                name, result, level, placement = rng.choice(CONTESTS)
                rows.append(
                    Activity(
                        organisation=organisation,
                        student=student,
                        kind=Activity.Kind.COMPETITION,
                        name=name,
                        start=D(2026, 10, rng.randint(1, 30)),
                        end=D(2026, 10, 30),
                        result=result,
                        level=level,
                        placement=placement,
                    )
                )
        roles = ROLES[: 1 if school_class.grade < 5 else rng.randint(2, 3)]
        for role, student in zip(roles, rng.sample(students, min(len(roles), len(students))), strict=False):
            rows.append(
                Activity(
                    organisation=organisation,
                    student=student,
                    kind=Activity.Kind.SELF_GOVERNMENT,
                    name=role,
                    start=D(2026, 9, 4),
                )
            )
    Activity.objects.bulk_create(rows)


def _attendance(
    organisation: Organisation,
    rng: random.Random,
    classes: list[SchoolClass],
    roster: dict[int, list[Student]],
    authors: dict[int, Any],
) -> None:
    """Marks for every school day: illness spells of a few days, single days for other reasons, lateness."""
    days = school_days()
    R = AttendanceMark.Reason
    marked_days: list[AttendanceDay] = []
    marks: list[AttendanceMark] = []
    for school_class in classes:
        author = authors[school_class.pk]
        marked_days += [
            AttendanceDay(organisation=organisation, school_class=school_class, date=day, marked_by=author)
            for day in days
        ]
        for student in roster[school_class.pk]:
            ill_left = 0
            for day in days:
                base = {"organisation": organisation, "student": student, "school_class": school_class, "date": day}
                if ill_left:
                    ill_left -= 1
                    marks.append(AttendanceMark(**base, kind="absent", reason=R.ILLNESS, author=author))
                    continue
                roll = rng.random()
                if roll < 0.009:
                    ill_left = rng.randint(2, 6)
                    marks.append(AttendanceMark(**base, kind="absent", reason=R.ILLNESS, author=author))
                elif roll < 0.015:
                    reason = rng.choices([R.NOTE, R.FAMILY, R.REPRESENTING, R.UNEXCUSED], [4, 2, 1, 3])[0]
                    if day >= UNKNOWN_SINCE and rng.random() < 0.5:
                        reason = R.UNKNOWN
                    partial = rng.random() < 0.3
                    marks.append(
                        AttendanceMark(
                            **base,
                            kind="absent",
                            reason=reason,
                            whole_day=not partial,
                            lessons=rng.randint(1, 3) if partial else 0,
                            author=author,
                            note="к врачу" if reason == R.NOTE and partial else "",
                        )
                    )
                elif roll < 0.025:
                    marks.append(
                        AttendanceMark(
                            **base,
                            kind="late",
                            minutes_late=rng.choice((5, 5, 10, 10, 15, 20)),
                            whole_day=False,
                            reason=R.UNEXCUSED if rng.random() < 0.7 else R.NOTE,
                            author=author,
                        )
                    )
    AttendanceDay.objects.bulk_create(marked_days, batch_size=2000)
    AttendanceMark.objects.bulk_create(marks, batch_size=2000)


def _class_life(
    organisation: Organisation,
    rng: random.Random,
    classes: list[SchoolClass],
    roster: dict[int, list[Student]],
    guardians: dict[int, list[Guardian]],
    authors: dict[int, Any],
) -> None:
    """A parent meeting per class in the first quarter (some in the second), weekly class hours, events."""
    meetings: list[ParentMeeting] = []
    hours: list[ClassHour] = []
    events: list[ClassEvent] = []
    days = school_days(FIRST_DAY, D(2026, 12, 25))
    for school_class in classes:
        meetings.append(
            ParentMeeting(
                organisation=organisation,
                school_class=school_class,
                date=D(2026, 9, rng.randint(10, 24)),
                agenda="1. Организация учебного года. 2. Питание и безопасность. 3. Выборы родительского комитета.",
                minutes="Слушали классного руководителя об организации учебного года.",
                decisions="Избрать родительский комитет класса.",
            )
        )
        if rng.random() < 0.4:
            meetings.append(
                ParentMeeting(
                    organisation=organisation,
                    school_class=school_class,
                    date=D(2026, 11, rng.randint(11, 19)),
                    agenda="Итоги первой четверти.",
                    minutes="Слушали об итогах четверти.",
                    decisions="Принять к сведению.",
                )
            )
        weekday = rng.randint(0, 4)
        for index, day in enumerate(d for d in days if d.weekday() == weekday):
            topic = HOUR_TOPICS[index % len(HOUR_TOPICS)]
            if day > LAST_DAY:
                hours.append(ClassHour(organisation=organisation, school_class=school_class, date=day, topic=topic))
            elif rng.random() < 0.05:
                hours.append(
                    ClassHour(
                        organisation=organisation,
                        school_class=school_class,
                        date=day,
                        topic=topic,
                        status=ClassHour.Status.CANCELLED,
                        cancel_reason="участие класса в общешкольной линейке",
                        cancel_notified_at=dt.datetime.combine(day - dt.timedelta(days=2), dt.time(9), tzinfo=dt.UTC),
                    )
                )
            else:
                hours.append(
                    ClassHour(
                        organisation=organisation,
                        school_class=school_class,
                        date=day,
                        topic=topic,
                        status=ClassHour.Status.HELD,
                    )
                )
        for title, place, outside in rng.sample(EVENTS, rng.randint(1, 2)):
            day = D(2026, rng.choice((9, 10)), rng.randint(5, 23))
            events.append(
                ClassEvent(
                    organisation=organisation,
                    school_class=school_class,
                    title=title,
                    date=day,
                    place=place,
                    outside_school=outside,
                    notice_given_on=day - dt.timedelta(days=rng.randint(3, 7)),
                    other_escorts="члены родительского комитета",
                    created_by=authors[school_class.pk],
                )
            )
        if rng.random() < 0.15:
            # An upcoming outing whose notice came too late: the overview shows it to the deputy director.
            events.append(
                ClassEvent(
                    organisation=organisation,
                    school_class=school_class,
                    title="Поездка на выставку",
                    date=D(2026, 11, 22),
                    place="выставочный центр",
                    outside_school=True,
                    notice_given_on=D(2026, 11, 20),
                    created_by=authors[school_class.pk],
                )
            )
    ParentMeeting.objects.bulk_create(meetings)
    ClassHour.objects.bulk_create(hours)
    ClassEvent.objects.bulk_create(events)

    attended = ParentMeeting.attended.through
    participants = ClassEvent.participants.through
    attendance_rows = [
        attended(parentmeeting_id=meeting.pk, guardian_id=guardian.pk)
        for meeting in meetings
        for student in roster[meeting.school_class_id]
        for guardian in guardians[student.pk][:1]
        if rng.random() < 0.75
    ]
    attended.objects.bulk_create(attendance_rows, batch_size=2000)
    participants.objects.bulk_create(
        [
            participants(classevent_id=event.pk, student_id=student.pk)
            for event in events
            for student in roster[event.school_class_id]
            if rng.random() < 0.8
        ],
        batch_size=2000,
    )
