"""The demo lyceum's prevention cases on 20 November 2026 (regulation on class teachers §4.3).

The Council of prevention sat on 24 September: it put a pupil of 7Б (the demo class teacher's class) on
the school's internal register for truancy, a pupil of 8А on the register of the КДН и ЗП after its
resolution, and a pupil of 6А on the register as a minor in a socially dangerous position. On 12
November it continued the 7Б plan, changed the 8А plan and closed the 6А case. Each plan has measures,
some with results, one past its term; the 8А plan's next review is due in early February. Made through
the services, so the change history and the one-open-case rule hold for the demo as for users.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from kadry.core.models import Membership, Organisation
from kadry.prevention import services
from kadry.prevention.models import PreventionCase
from kadry.school.models import ClassTeacherAssignment, Enrollment, SchoolClass, Student
from kadry.staff.models import Employee

D = dt.date
TODAY = D(2026, 11, 20)  # the demo's "today" (kadry.demo.school_life.LAST_DAY)
FIRST = D(2026, 9, 24)
SECOND = D(2026, 11, 12)
ATTENDEES = (
    "Заместитель директора по воспитательной работе — председатель\n"
    "Социальный педагог — секретарь\n"
    "Педагог-психолог\n"
    "Классные руководители 6А, 7Б, 8А классов\n"
    "Инспектор ПДН ОМВД (по приглашению)"
)
# class → (register, reason, basis document, the measures: (what, responsible, due, result, result date))
CASES: dict[tuple[int, str], tuple[str, str, str, tuple[tuple[str, str, dt.date, str, dt.date | None], ...]]] = {
    (7, "Б"): (
        PreventionCase.Register.INTERNAL,
        "Систематические пропуски уроков без уважительной причины (сентябрь: 18 уроков), конфликты с одноклассниками",
        "",
        (
            ("Ежедневный контроль посещаемости, звонок родителям при пропуске", "классный руководитель",
             D(2026, 10, 31), "Пропусков без причины в октябре — 2 урока", D(2026, 10, 31)),
            ("Беседа с обучающимся и матерью о режиме дня", "социальный педагог", D(2026, 10, 10),
             "Беседа проведена, мать обещала контролировать выход из дома", D(2026, 10, 8)),
            ("Вовлечение в секцию (волейбол)", "классный руководитель", D(2026, 11, 10), "", None),
            ("Занятия с педагогом-психологом: общение без конфликтов", "педагог-психолог", D(2026, 12, 18), "", None),
        ),
    ),
    (8, "А"): (
        PreventionCase.Register.KDN,
        "Административное правонарушение (мелкое хулиганство), рассмотрено КДН и ЗП",
        "Постановление КДН и ЗП № 47 от 10.09.2026",
        (
            ("Информация в КДН и ЗП о поведении и успеваемости", "социальный педагог", D(2026, 10, 15),
             "Характеристика направлена", D(2026, 10, 14)),
            ("Посещение семьи, акт обследования условий", "социальный педагог, классный руководитель",
             D(2026, 11, 30), "", None),
        ),
    ),
    (6, "А"): (
        PreventionCase.Register.SOP,
        "Семья в социально опасном положении: родители не исполняют обязанности по содержанию ребёнка",
        "Постановление КДН и ЗП № 41 от 02.09.2026",
        (
            ("Сопровождение семьи совместно с центром социального обслуживания", "социальный педагог",
             D(2026, 11, 1), "Семья получает помощь центра, условия улучшились", D(2026, 10, 30)),
        ),
    ),
}  # fmt: skip


def _first_student(organisation: Organisation, grade: int, letter: str) -> tuple[Student, SchoolClass]:
    school_class = SchoolClass.objects.get(organisation=organisation, grade=grade, letter=letter)
    enrolment = (
        Enrollment.objects.active(on=TODAY).filter(school_class=school_class).select_related("student").order_by("pk")
    )[0]
    return enrolment.student, school_class


def _class_teacher(school_class: SchoolClass) -> Employee | None:
    led = ClassTeacherAssignment.objects.active(on=TODAY).filter(school_class=school_class).select_related("teacher")
    assignment = led.first()
    return assignment.teacher if assignment else None


def build_prevention(organisation: Organisation) -> None:
    """Hold the two sittings of the lyceum's Council and fill the three plans."""
    social = get_user_model().objects.get(username="social")
    seat = Membership.objects.filter(organisation=organisation, user=social).first()
    pedagogue = seat.employee if seat is not None else None
    opened: dict[tuple[int, str], PreventionCase] = {}
    decisions = []
    for (grade, letter), (register, reason, basis, _measures) in CASES.items():
        student, school_class = _first_student(organisation, grade, letter)
        responsible = _class_teacher(school_class) if register == PreventionCase.Register.INTERNAL else pedagogue
        responsible = responsible or pedagogue or _class_teacher(school_class)
        decisions.append(
            {
                "kind": "open", "student": student, "register": register, "reason": reason,
                "basis_document": basis, "responsible": responsible,
                "text": "Поставить на учёт, утвердить план индивидуальной профилактической работы",
            }
        )  # fmt: skip
    first = services.hold_sitting(
        actor=social,
        organisation_id=organisation.pk,
        data={"date": FIRST, "number": "1", "attendees": ATTENDEES, "agenda": "Постановка на учёт обучающихся"},
        decisions=decisions,
        today=TODAY,
    )
    for decision in first.decisions.select_related("case__student").order_by("pk"):
        key = next(k for k in CASES if CASES[k][0] == decision.case.register)
        opened[key] = decision.case
    for key, case in opened.items():
        for what, who, due, result, result_on in CASES[key][3]:
            measure = services.add_measure(
                actor=social, case=case, data={"what": what, "responsible": who, "due_on": due}
            )
            if result_on is not None:
                services.record_result(
                    actor=social, measure=measure, data={"result": result, "result_on": result_on}, today=TODAY
                )
    services.hold_sitting(
        actor=social,
        organisation_id=organisation.pk,
        data={"date": SECOND, "number": "2", "attendees": ATTENDEES, "agenda": "Исполнение планов профилактической работы"},
        decisions=[
            {"kind": "continue", "case": opened[(7, "Б")], "text": "Пропусков стало меньше: продолжить работу по плану"},
            {"kind": "change_plan", "case": opened[(8, "А")],
             "text": "Добавить посещение семьи и занятия с психологом; пересмотреть план через три месяца"},
            {"kind": "close", "case": opened[(6, "А")],
             "text": "Снять с учёта: семья снята с учёта КДН и ЗП, условия содержания ребёнка восстановлены"},
        ],
        today=TODAY,
    )  # fmt: skip
