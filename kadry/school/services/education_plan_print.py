"""The printed plan of educational work: one context for the DOCX (docxtpl) and the PDF (HTML → WeasyPrint).

The plan prints as approved — the «УТВЕРЖДАЮ» block names who approved it and when (§7.1) — or with
its state when it is not yet approved, the activities as a table by month with their direction,
and the yearly analysis with the figures of the year (§7.3).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from kadry.core.models import Membership, Organisation
from kadry.lib.dates import short_date
from kadry.school.models import EducationPlan, EducationPlanItem, SchoolClass
from kadry.school.models.education_plan import sorted_items
from kadry.school.queries.criteria import YearAnalysis
from kadry.school.services.documents import pct

# Who signs «УТВЕРЖДАЮ» by the role they approved in (§7.1: the deputy for educational work).
SIGNER_POSITIONS: dict[str, str] = {
    Membership.Role.DEPUTY_DIRECTOR: "Заместитель директора по воспитательной работе",
    Membership.Role.DIRECTOR: "Директор",
}


def signer(user: Any, organisation_id: int) -> tuple[str, str]:
    """Return («Петрова А. В.», «Заместитель директора по воспитательной работе») for ``user`` in the school."""
    # Imported here as documents.py does: staff's declension reads the name forms the office corrected.
    from kadry.staff.declension import employee_initials

    membership = (
        Membership.objects.filter(user=user, organisation_id=organisation_id, role__in=list(SIGNER_POSITIONS))
        .select_related("employee")
        .first()
    )
    position = SIGNER_POSITIONS.get(membership.role, "") if membership else ""
    if membership is not None and membership.employee is not None:
        return employee_initials(membership.employee), position
    return (user.get_full_name() or user.username), position


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


def item_rows(items: list[EducationPlanItem]) -> list[dict[str, str]]:
    """Return the items as table rows by month: the month's name on its first row only."""
    rows = []
    previous = None
    for item in sorted_items(items):
        rows.append(
            {
                "month": item.get_month_display().capitalize() if item.month != previous else "",
                "direction": item.get_direction_display().capitalize(),
                "title": item.title,
                "form": item.form,
                "responsible": item.responsible,
                "date": short_date(item.date) if item.date else "",
            }
        )
        previous = item.month
    return rows


def plan_context(
    plan: EducationPlan | None,
    items: list[EducationPlanItem],
    analysis: YearAnalysis,
    *,
    school_class: SchoolClass,
    organisation: Organisation,
) -> dict[str, Any]:
    """Return the context of the printed plan (the DOCX's placeholders, documented in document_fields.py)."""
    approver, approver_position = ("", "")
    if plan is not None and plan.approved and plan.decided_by is not None:
        approver, approver_position = signer(plan.decided_by, organisation.pk)
    decided_on = timezone.localtime(plan.decided_at).date() if plan and plan.decided_at else None
    return {
        "organisation": organisation.name,
        "school_class": str(school_class),
        "year": str(school_class.academic_year),
        "version": str(plan.version) if plan else "1",
        "half_year": plan.get_half_year_display() if plan else "",
        "status": plan.get_status_display() if plan else "не составлен",
        "approved": bool(plan and plan.approved),
        "approver": approver,
        "approver_position": approver_position,
        "approved_on": short_date(decided_on) if plan and plan.approved and decided_on else "",
        "goals": _paragraphs(plan.goals) if plan else [],
        "directions": _paragraphs(plan.directions) if plan else [],
        "analysis": _paragraphs(plan.analysis) if plan else [],
        "items": item_rows(items),
        "rows": [
            {
                "period": str(row.period),
                "attendance": pct(row.criteria.attendance),
                "meetings": row.meetings,
                "hours_held": row.class_hours_held,
                "hours_cancelled": row.class_hours_cancelled,
                "events": row.events_held,
                "clubs": pct(row.criteria.clubs),
            }
            for row in analysis.rows
        ],
        "attendance": pct(analysis.year.attendance),
        "clubs": pct(analysis.year.clubs),
        "events_share": pct(analysis.year.events),
        "self_government": pct(analysis.year.self_government),
        "meetings": analysis.meetings,
        "hours_held": analysis.class_hours_held,
        "hours_cancelled": analysis.class_hours_cancelled,
        "events": analysis.events_held,
    }
