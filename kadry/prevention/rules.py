"""The arithmetic and the law of prevention cases: pure functions of plain values, no database.

Sources (read in secondary publications of the law's text — commentaries and republications; its official
publication could not be reached, nor ст. 4 checked):

- Федеральный закон от 24.06.1999 № 120-ФЗ «Об основах системы профилактики безнадзорности и
  правонарушений несовершеннолетних»:
  - ст. 1 defines «индивидуальная профилактическая работа» (timely finding of minors and families in a
    socially dangerous position, their social and pedagogical rehabilitation and/or the prevention of
    their offences and antisocial acts) and «несовершеннолетний, находящийся в социально опасном
    положении» (СОП: by neglect or homelessness in surroundings dangerous to life or health or not meeting
    the requirements of upbringing or keep, or committing an offence or antisocial acts);
  - ст. 5 lists the categories of minors with whom such work is done (neglected, homeless, using drugs or
    alcohol, brought to administrative responsibility, released from criminal responsibility…);
  - ст. 6 names its grounds: the circumstances of ст. 5 recorded in a document — the minor's or the
    parents' application, a court's sentence or ruling, a resolution of the КДН и ЗП, of the prosecutor,
    of the investigator or of the police, the conclusion of a check of a complaint, and others;
  - ст. 7: the work lasts as long as help is needed or until the causes are removed, or the minor turns
    eighteen — the law sets no periodicity of reviews.
- The register kinds ПДН (the police's units for minors) and КДН и ЗП (the municipal commissions) are the
  bodies of the system of prevention (120-ФЗ ст. 4); «внутришкольный учёт» is the school's own register.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

# The plan is reviewed every three months. This is the school's own regulation (its Положение о Совете
# профилактики), not a federal rule: 120-ФЗ ст. 7 sets no periodicity, only that the work lasts while it
# is needed. A school with another term changes it here.
REVIEW_MONTHS = 3
# How far ahead the deadlines show a review or a measure coming due.
DUE_SOON_DAYS = 30

LAW = "Федеральный закон от 24.06.1999 № 120-ФЗ"
REVIEW_SOURCE = "Положение о Совете профилактики школы: пересмотр плана раз в 3 месяца"
MEASURE_SOURCE = "План индивидуальной профилактической работы, 120-ФЗ ст. 1, 6"
# What each register kind rests on, for the register's page and the printed plan.
REGISTER_SOURCES = {
    "internal": "решение Совета профилактики школы; 120-ФЗ ст. 5, 6",
    "pdn": "учёт в подразделении по делам несовершеннолетних органа внутренних дел; 120-ФЗ ст. 4, 5, 6",
    "kdn": "постановление комиссии по делам несовершеннолетних и защите их прав; 120-ФЗ ст. 4, 6",
    "sop": "несовершеннолетний в социально опасном положении; 120-ФЗ ст. 1, 5",
}


def next_review(opened_on: dt.date, last_review: dt.date | None) -> dt.date:
    """Return when the plan is next reviewed: the last review (or the opening) plus ``REVIEW_MONTHS``."""
    start = last_review if last_review is not None and last_review > opened_on else opened_on
    # Calendar months, a missing day clipped to the month's last (30.11 + 3 → 28.02), as the project counts them.
    return start + relativedelta(months=REVIEW_MONTHS)


def review_overdue(opened_on: dt.date, last_review: dt.date | None, today: dt.date) -> bool:
    return next_review(opened_on, last_review) < today


def measure_overdue(due_on: dt.date, result_on: dt.date | None, today: dt.date) -> bool:
    """Whether a measure is past its term with no result recorded."""
    return result_on is None and due_on < today


# The decisions the Council takes on a case (``CouncilDecision.Kind``).
DECISION_KINDS = frozenset({"open", "continue", "change_plan", "close"})


@dataclass(frozen=True)
class CaseState:
    """What a decision needs to know of the case it is about."""

    is_open: bool
    opened_on: dt.date
    last_decision_on: dt.date | None


def decision_problems(kind: str, case: CaseState | None, sitting_date: dt.date) -> dict[str, str]:
    """Return field → message for a decision the Council cannot take (empty when it can).

    ``case`` is None for a decision to put a student on a register (the case does not exist yet).
    """
    if kind not in DECISION_KINDS:
        return {"kind": "Выберите решение Совета."}
    if kind == "open":
        return {}
    if case is None:
        return {"case": "Выберите случай учёта, по которому принято решение."}
    if not case.is_open:
        return {"case": "Случай уже закрыт: решение по нему не принимается."}
    if sitting_date < case.opened_on:
        return {"case": "Заседание раньше постановки на учёт: решение по этому случаю принять нельзя."}
    if case.last_decision_on is not None and sitting_date < case.last_decision_on:
        return {"case": "По случаю есть решение более позднего заседания: сначала внесите заседания по порядку."}
    return {}


def result_problems(result: str, result_on: dt.date | None, *, opened_on: dt.date, today: dt.date) -> dict[str, str]:
    """Return field → message for a measure's result that cannot be recorded."""
    problems: dict[str, str] = {}
    if not result.strip():
        problems["result"] = "Опишите результат мероприятия."
    if result_on is None:
        problems["result_on"] = "Укажите дату результата."
    elif result_on > today:
        problems["result_on"] = "Дата результата не может быть позже сегодняшнего дня."
    elif result_on < opened_on:
        problems["result_on"] = "Дата результата раньше постановки на учёт."
    return problems


def review_problems(date: dt.date, *, opened_on: dt.date, today: dt.date) -> dict[str, str]:
    if date > today:
        return {"date": "Пересмотр нельзя записать на будущую дату."}
    if date < opened_on:
        return {"date": "Пересмотр раньше постановки на учёт."}
    return {}


def measure_problems(due_on: dt.date, *, opened_on: dt.date) -> dict[str, str]:
    if due_on < opened_on:
        return {"due_on": "Срок мероприятия раньше постановки на учёт."}
    return {}
