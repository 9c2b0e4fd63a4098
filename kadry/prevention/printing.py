"""The printed documents: the individual prevention plan (PDF and DOCX) and the protocol of a sitting (PDF).

One context of plain strings serves the PDF page and the DOCX template; the DOCX template is built by
``kadry.prevention.build_templates`` and holds only the placeholders listed in ``PLAN_FIELDS``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from kadry.lib.documents import render_docx
from kadry.lib.docx_template import Fields, rows
from kadry.prevention import queries, rules
from kadry.prevention.models import CouncilDecision, CouncilSitting, PreventionCase

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates_docx"

PLAN_FIELDS: Fields = (
    {
        "organisation": "наименование организации",
        "student": "фамилия, имя, отчество обучающегося",
        "birth_date": "дата рождения",
        "school_class": "класс",
        "register": "вид учёта",
        "register_source": "на чём основан вид учёта (120-ФЗ)",
        "reason": "основание и причина постановки на учёт",
        "basis_document": "документ-основание",
        "opened_on": "дата постановки на учёт",
        "opening_decision": "решение Совета профилактики о постановке (протокол № и дата)",
        "responsible": "ответственный за план: фамилия и инициалы",
        "next_review": "дата следующего пересмотра плана",
        "status": "состояние случая",
        "closed": "непусто, если случай закрыт (для {% if closed %})",
        "closed_on": "дата снятия с учёта",
        "closing_reason": "причина снятия с учёта",
    }
    | rows(
        "measures",
        "мероприятия плана",
        {
            "number": "№ п/п",
            "what": "мероприятие",
            "responsible": "ответственный",
            "due_on": "срок",
            "result": "результат и его дата",
        },
    )
    | rows("reviews", "пересмотры плана", {"date": "дата", "conclusion": "вывод", "decision": "решение Совета"})
)
PLACEHOLDERS: dict[str, Fields] = {"prevention_plan": PLAN_FIELDS}


def _date(day: dt.date | None) -> str:
    return f"{day:%d.%m.%Y}" if day else ""


def plan_context(case: PreventionCase, organisation: Any, today: dt.date) -> dict[str, Any]:
    """Return the plan's context: strings only, the same for the PDF page and the DOCX."""
    plan = queries.plan_of(case, today)
    student = case.student
    opening = next((d for d in plan.decisions if d.kind == CouncilDecision.Kind.OPEN), None)
    return {
        "organisation": organisation.name or organisation.short_name,
        "student": " ".join(p for p in (student.last_name, student.first_name, student.middle_name) if p),
        "birth_date": _date(student.birth_date),
        "school_class": str(plan.school_class) if plan.school_class else "—",
        "register": case.get_register_display(),
        "register_source": rules.REGISTER_SOURCES.get(case.register, ""),
        "reason": case.reason,
        "basis_document": case.basis_document or "—",
        "opened_on": _date(case.opened_on),
        "opening_decision": str(opening.sitting) if opening else "—",
        "responsible": case.responsible.short_name,
        "next_review": _date(plan.next_review) or "—",
        "status": case.get_status_display(),
        "closed": "" if case.is_open else "да",
        "closed_on": _date(case.closed_on),
        "closing_reason": case.closing_reason,
        "measures": [
            {
                "number": str(n),
                "what": m.what,
                "responsible": m.responsible,
                "due_on": _date(m.due_on),
                "result": f"{m.result} ({_date(m.result_on)})" if m.result_on else "",
            }
            for n, m in enumerate(plan.measures, start=1)
        ],
        "reviews": [
            {
                "date": _date(r.date),
                "conclusion": r.conclusion,
                "decision": str(r.decision.sitting) if r.decision_id and r.decision else "",
            }
            for r in plan.reviews
        ],
    }


def plan_docx(context: dict[str, Any]) -> bytes:
    """Return the plan as DOCX (the template built by ``kadry.prevention.build_templates``)."""
    return render_docx(TEMPLATES_DIR / "prevention_plan.docx", context)


def protocol_context(sitting: CouncilSitting, organisation: Any, today: dt.date) -> dict[str, Any]:
    """Return the protocol's context: the sitting and its decisions with the students' classes (two queries)."""
    decisions = list(sitting.decisions.select_related("case__student", "case__responsible").order_by("pk"))
    classes = queries.classes_of([d.case.student_id for d in decisions], today)
    return {
        "organisation": organisation.name or organisation.short_name,
        "sitting": sitting,
        "attendees": [line for line in sitting.attendees.splitlines() if line.strip()],
        "agenda": [line for line in sitting.agenda.splitlines() if line.strip()],
        "decisions": [(d, classes.get(d.case.student_id)) for d in decisions],
    }
