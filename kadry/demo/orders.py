"""The demo's orders: class teachers appointed by order, this autumn's personnel orders, and drafts to sign.

Everything goes through the orders services, exactly as the office would do it, so the demo shows
numbered orders, work-record entries, ЕФС-1 deadlines and a director's queue.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Q, Sum

from kadry.core.models import Organisation
from kadry.demo.staff import Staff
from kadry.discipline import services as discipline
from kadry.employment.models import Assignment, WorkRecordEvent
from kadry.leave import schedule as schedules
from kadry.orders import services
from kadry.orders.models import Order, OrderItem
from kadry.school.models import SchoolClass
from kadry.school.rules.appointment import MAX_CLASSES_PER_TEACHER
from kadry.school.services.appointment import allowance_in_force, set_allowance
from kadry.staff.models import Department, Employee, StaffingUnit

D = dt.date
# The class teacher of 7Б is the demo user teacher7b (the second holder of this position).
TEACHER_7B = ("учитель русского языка и литературы", 1)
PRIMARY = "учитель начальных классов"


def build_orders(organisation: Organisation, staff: Staff, *, inspector: Any, director: Any) -> None:
    """Draft and sign the lyceum's orders of the autumn; leave two drafts for the director."""
    _appoint_class_teachers(organisation, staff, inspector, director)
    rehired, waiting = _dismissed(organisation)[:2]
    vacancies = _vacancies(organisation)

    def sign(kind: str, date: dt.date, *items: dict[str, Any]) -> Order:
        order = services.create_draft(actor=inspector, organisation_id=organisation.pk, kind=kind, date=date)
        for item in items:
            services.save_item(actor=inspector, order=order, data=item)
        return services.sign_order(actor=director, order=order)

    sign(
        Order.Kind.HIRE,
        D(2026, 10, 1),
        _hire_item(rehired, vacancies[0], D(2026, 10, 1), "27/26", "заявление о приёме на работу от 28.09.2026"),
    )
    teachers = [employee for holders in staff.holders.values() for employee in holders][:5]
    sign(
        Order.Kind.AWARD,
        D(2026, 10, 5),
        *(
            {
                "employee": teacher,
                "date": D(2026, 10, 5),
                "award": "Почётная грамота МАОУ «Лицей № 7»",
                "basis": "представление заместителя директора по УВР от 01.10.2026",
            }
            for teacher in teachers
        ),
    )
    cleaner = staff.holders["уборщик служебных помещений"][0]
    sign(
        Order.Kind.DISMISSAL,
        D(2026, 11, 20),
        {
            "employee": cleaner,
            "date": D(2026, 11, 20),
            "dismissal_ground": "77-1-3",
            "statement_date": D(2026, 11, 6),
            "basis": "заявление об увольнении от 06.11.2026",
        },
    )
    # Leave: the autumn holidays of two teachers (annual, 7 days each) and a study leave.
    sign(
        Order.Kind.LEAVE,
        D(2026, 10, 19),
        *(
            {
                "employee": teacher,
                "date": D(2026, 10, 26),
                "leave_kind": "annual",
                "leave_days": 7,
                "basis": "заявление работника",
            }
            for teacher in teachers[:2]
        ),
    )
    sign(
        Order.Kind.LEAVE,
        D(2026, 11, 2),
        {
            "employee": teachers[2],
            "date": D(2026, 11, 9),
            "leave_kind": "study",
            "leave_days": 10,
            "basis": "справка-вызов ПГГПУ от 01.11.2026",
        },
    )
    _draft_schedule(organisation, inspector, director)
    # Events whose deadline has passed were reported in time; the latest are still due.
    WorkRecordEvent.objects.filter(organisation=organisation, deadline__lt=D(2026, 11, 1)).update(
        reported_on=D(2026, 10, 2)
    )

    # Drafts waiting for the director's signature.
    hire = services.create_draft(
        actor=inspector, organisation_id=organisation.pk, kind=Order.Kind.HIRE, date=D(2026, 11, 23)
    )
    services.save_item(
        actor=inspector,
        order=hire,
        data=_hire_item(waiting, vacancies[1], D(2026, 11, 24), "31/26", "заявление о приёме на работу от 19.11.2026"),
    )
    sanction = services.create_draft(
        actor=inspector, organisation_id=organisation.pk, kind=Order.Kind.SANCTION, date=D(2026, 11, 23)
    )
    late = staff.holders["уборщик служебных помещений"][1]
    # The case the draft sanctions, with its explanation requested the next day (ТК РФ ст. 193 ч. 1).
    case = discipline.open_violation(
        actor=inspector, organisation_id=organisation.pk, employee=late, committed_on=D(2026, 11, 16),
        description="опоздание на работу 16.11.2026 на 2 часа без уважительной причины",
        discovered_by="заместитель директора по АХЧ", discovered_on=D(2026, 11, 16), today=D(2026, 11, 16),
    )  # fmt: skip
    discipline.request_explanation(actor=inspector, violation=case, requested_on=D(2026, 11, 17), today=D(2026, 11, 17))
    services.save_item(
        actor=inspector,
        order=sanction,
        data={
            "employee": late,
            "date": D(2026, 11, 23),
            "sanction_kind": OrderItem.SanctionKind.REMARK,
            "misconduct": "опоздание на работу 16.11.2026 на 2 часа без уважительной причины",
            "misconduct_date": D(2026, 11, 16),
            "misconduct_discovered_on": D(2026, 11, 16),
            "explanation_requested_on": D(2026, 11, 17),
            "basis": "служебная записка заместителя директора по АХЧ",
        },
    )


def _hire_item(employee: Employee, unit: StaffingUnit, start: dt.date, number: str, basis: str) -> dict[str, Any]:
    return {
        "employee": employee,
        "date": start,
        "staffing_unit": unit,
        "rate": Decimal("1"),
        "employment_kind": OrderItem.EmploymentKind.MAIN,
        "contract_term": OrderItem.ContractTerm.INDEFINITE,
        "contract_number": number,
        "contract_date": start,
        "probation_months": 3,
        "basis": basis,
    }


def _dismissed(organisation: Organisation) -> list[Employee]:
    """Return the people who worked here and left, by name."""
    working = Assignment.objects.filter(organisation=organisation).filter(
        Q(end__isnull=True) | Q(end__gte=D(2026, 11, 30))
    )
    return list(
        Employee.objects.filter(organisation=organisation, assignments__isnull=False)
        .exclude(pk__in=working.values("employee_id"))
        .distinct()
        .order_by("last_name", "first_name")
    )


def _vacancies(organisation: Organisation) -> list[StaffingUnit]:
    """Return pedagogical units with a whole free rate, in a stable order."""
    on = D(2026, 11, 30)
    active = Q(assignments__start__lte=on) & (Q(assignments__end__isnull=True) | Q(assignments__end__gte=on))
    units = (
        StaffingUnit.objects.filter(organisation=organisation, position__category="pedagogical")
        .annotate(occupied=Sum("assignments__rate", filter=active))
        .select_related("position")
        .order_by("position__name", "pk")
    )
    return [unit for unit in units if unit.rates - (unit.occupied or 0) >= 1]


def _appoint_class_teachers(organisation: Organisation, staff: Staff, inspector: Any, director: Any) -> None:
    """One order of 1 September appointing a class teacher to every class (at most two classes each)."""
    classes = list(SchoolClass.objects.filter(organisation=organisation).order_by("grade", "letter"))
    if not classes:
        return
    # The school's setting, as the HR head enters it: the federal payment (Постановление Правительства
    # РФ от 04.04.2020 № 448) from the month it started.
    set_allowance(
        actor=inspector,
        organisation_id=organisation.pk,
        amount=Decimal("5000.00"),
        valid_from=D(2020, 9, 1),
        basis="Постановление Правительства РФ от 04.04.2020 № 448",
    )
    allowance = allowance_in_force(organisation.pk, D(2026, 9, 1))
    position, index = TEACHER_7B
    teacher_7b = staff.holders[position][index]
    primary = list(staff.holders.get(PRIMARY, []))
    subject = [
        employee
        for name, holders in sorted(staff.holders.items())
        if name.startswith("учитель") and name != PRIMARY
        for employee in holders
        if employee != teacher_7b
    ]
    load: dict[int, int] = {teacher_7b.pk: 1}
    order = services.create_draft(
        actor=inspector, organisation_id=organisation.pk, kind=Order.Kind.CLASS_TEACHER_APPOINTMENT, date=D(2026, 9, 1)
    )
    for school_class in classes:
        teacher: Employee | None
        if (school_class.grade, school_class.letter) == (7, "Б"):
            teacher = teacher_7b
        else:
            pool = primary if school_class.grade <= 4 else subject
            teacher = next((t for t in pool if load.get(t.pk, 0) < MAX_CLASSES_PER_TEACHER), None)
            if teacher is None:
                continue
            load[teacher.pk] = load.get(teacher.pk, 0) + 1
        services.save_item(
            actor=inspector,
            order=order,
            data={
                "employee": teacher,
                "date": D(2026, 9, 1),
                "school_class": school_class,
                "monthly_allowance": allowance,
                "agreement": f"дополнительное соглашение от 01.09.2026 к трудовому договору ({school_class})",
            },
        )
    services.sign_order(actor=director, order=order)


def _draft_schedule(organisation: Organisation, inspector: Any, director: Any) -> None:
    """Next year's vacation schedule: every department planned (teachers in July, the others split), approved."""
    plan = schedules.schedule_for(organisation.pk, 2027)
    for department in Department.objects.filter(organisation=organisation).order_by("order", "name"):
        rows = []
        for n, (employee, _parts, days, _problems) in enumerate(schedules.department_plan(plan, department).rows):
            if days >= 56:
                rows.append(schedules.PlanRow(employee, D(2027, 7, 1), days))
            else:  # a split leave: one part of 14 days at least (ТК РФ ст. 125), staggered in the department
                rows.append(schedules.PlanRow(employee, D(2027, 6 + n % 3, 1), 14))
                rows.append(schedules.PlanRow(employee, D(2027, 10, 1 + 7 * (n % 3)), days - 14))
        plan = schedules.save_department_plan(
            actor=inspector, schedule=plan, department=department, version=plan.version, rows=rows
        )
    schedules.approve_schedule(actor=director, schedule=plan, version=plan.version, on=D(2026, 12, 1))
