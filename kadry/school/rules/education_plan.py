"""The class teacher's plan of educational work: its months and half-years, and who may do what when. Pure values.

Sources, the lyceum's regulation on class teachers (seed 003):
- §4.11, §4.13: the class teacher plans the work and keeps the plan of educational work in the class;
- §7.1: the plan is made under the deputy director for educational work and «представляет на
  утверждение заместителю директора по воспитательной работе» — so a plan is a draft, then sent,
  then approved or returned;
- §6.4: during the quarter the class teacher «проводит коррекцию плана воспитательной работы на новое
  полугодие» — an approved plan is corrected by a new revision for the second half-year, the approved
  one kept as it was;
- §7.3: once a year the written analysis of the results of the work with the class.
"""

from __future__ import annotations

import datetime as dt

# The plan's states (EducationPlan.Status keeps their labels).
DRAFT = "draft"
SUBMITTED = "submitted"
APPROVED = "approved"
RETURNED = "returned"
# What the class teacher edits: a plan not yet sent, or one the deputy returned with comments.
EDITABLE = frozenset({DRAFT, RETURNED})

# The months of a school year in their order: from September to June (June: the exams of grades 9 and
# 11, the graduation, the summer camp — the plan's last month).
SCHOOL_MONTHS = (9, 10, 11, 12, 1, 2, 3, 4, 5, 6)
MONTH_NAMES = {
    9: "Сентябрь",
    10: "Октябрь",
    11: "Ноябрь",
    12: "Декабрь",
    1: "Январь",
    2: "Февраль",
    3: "Март",
    4: "Апрель",
    5: "Май",
    6: "Июнь",
}
# The half-years of §6.4: the first ends with the second quarter before the winter holidays, the
# second runs from January to the end of the year.
FIRST_HALF = 1
SECOND_HALF = 2
FIRST_HALF_MONTHS = frozenset({9, 10, 11, 12})


def month_order(month: int) -> int:
    """Return the place of ``month`` in the school year: September 0 … June 9."""
    return SCHOOL_MONTHS.index(month)


def half_year_of(month: int) -> int:
    """Return the half-year (1 or 2) a month of the school year belongs to."""
    return FIRST_HALF if month in FIRST_HALF_MONTHS else SECOND_HALF


# --- what may be done in which state --------------------------------------------------------------


def edit_refusal(status: str) -> str | None:
    """Return why the class teacher may not change the plan in ``status``, or None when they may."""
    if status == SUBMITTED:
        return "План отправлен на утверждение: до решения заместителя директора его не меняют."
    if status == APPROVED:
        return (
            "План утверждён и не меняется. Чтобы изменить его, начните корректировку на новое полугодие "
            "(п. 6.4 положения о классном руководителе)."
        )
    return None


def submit_refusal(status: str, *, goals: str, items: int) -> dict[str, str]:
    """Return, by field, why the plan cannot be sent for approval (§7.1); empty when it can."""
    refusal = edit_refusal(status)
    if refusal:
        return {"__all__": refusal}
    problems = {}
    if not goals.strip():
        problems["goals"] = "Сформулируйте цели и задачи воспитательной работы: без них план не утверждают."
    if items == 0:
        problems["__all__"] = "В плане нет ни одного мероприятия: добавьте их по направлениям и месяцам."
    return problems


def decision_refusal(status: str) -> str | None:
    """Return why the deputy may not approve or return the plan in ``status`` (§7.1), or None."""
    if status == SUBMITTED:
        return None
    if status == APPROVED:
        return "План уже утверждён."
    return "Утвердить или вернуть можно только план, отправленный классным руководителем на утверждение."


def return_refusal(status: str, comment: str) -> dict[str, str]:
    """Return, by field, why the plan cannot be returned: it must be sent, and the comment says what to change."""
    refusal = decision_refusal(status)
    if refusal:
        return {"__all__": refusal}
    if not comment.strip():
        return {"comment": "Напишите классному руководителю, что исправить в плане."}
    return {}


def correction_refusal(status: str, *, latest: bool) -> str | None:
    """Return why a correction cannot start from this revision (§6.4), or None.

    A correction starts from the approved plan, and only from the class's latest revision: a second
    correction started beside the first would leave two plans in force.
    """
    if not latest:
        return "Корректировка уже начата: изменения вносят в последнюю редакцию плана."
    if status != APPROVED:
        return "Корректировку начинают от утверждённого плана; этот план ещё не утверждён."
    return None


def correction_half_year(approved_half_year: int) -> int:
    """Return the half-year a correction of the approved revision plans for: the new half-year (§6.4)."""
    return max(approved_half_year, SECOND_HALF)


def item_refusals(
    *,
    month: int,
    date: dt.date | None,
    plan_half_year: int,
    year_start: dt.date,
    year_end: dt.date,
    old_month: int | None = None,
) -> dict[str, str]:
    """Return, by field, what is wrong with an item of the plan: its date, or a month already approved.

    - the date, when given, is a day of the item's month inside the class's school year;
    - in a correction for the second half-year the first half-year's items stay as they were approved:
      none is added, moved, changed or removed there (``old_month``: where an edited item was).
    """
    problems: dict[str, str] = {}
    if month not in MONTH_NAMES:
        problems["month"] = "Выберите месяц учебного года: с сентября по июнь."
        return problems
    if plan_half_year == SECOND_HALF and (
        half_year_of(month) == FIRST_HALF or (old_month is not None and half_year_of(old_month) == FIRST_HALF)
    ):
        problems["month"] = (
            "В корректировке на второе полугодие меняют мероприятия января — июня; первое полугодие остаётся, "
            "как было утверждено."
        )
    if date is not None:
        if date.month != month:
            problems["date"] = f"Дата не в выбранном месяце: {MONTH_NAMES[month].lower()}."
        elif not year_start <= date <= year_end:
            problems["date"] = "Дата вне учебного года класса."
    return problems
