"""Attestation's documents as DOCX: the schedule, the acquaintance sheet, the representation, the protocol, the extract.

The PDF of each is a print template (``templates/attestation/print``) over the same rows; the DOCX
templates are built by ``kadry.attestation.build_templates``. A DOCX context holds strings only, with
the blanks of a paper form where a step is not recorded yet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kadry.attestation import rules
from kadry.attestation.models import Attestation, CommissionMember, Schedule
from kadry.documents.build_templates.parts import LINE_DATE
from kadry.lib.documents import render_docx

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates_docx"
BLANK = "_____________________"
DOCUMENTS = {"representation": "Представление", "protocol": "Протокол заседания", "extract": "Выписка из протокола"}
ACQUAINTANCE_SHEET = "Лист ознакомления с графиком"


def _day(value: dt.date | None, blank: str = LINE_DATE) -> str:
    return f"{value:%d.%m.%Y}" if value else blank


def _commission(schedule: Schedule) -> str:
    commission = schedule.commission
    return f"{commission.name} (приказ от {commission.order_date:%d.%m.%Y} № {commission.order_number})"


def _member(members: Sequence[CommissionMember], role: str) -> str:
    return next((member.full_name for member in members if member.role == role), BLANK)


def _schedule_context(organisation: str, schedule: Schedule, rows: Sequence[Attestation]) -> dict[str, Any]:
    return {
        "organisation": organisation,
        "order_date": f"{schedule.order_date:%d.%m.%Y}",
        "order_number": schedule.order_number,
        "school_year": schedule.school_year_label,
        "rows": [
            {
                "number": str(number),
                "full_name": row.employee.full_name,
                "position": row.position,
                "planned_on": _day(row.planned_on),
                "acquainted_on": _day(row.acquainted_on, ""),
                "due": _day(rules.acquaintance_due(row.planned_on)),
            }
            for number, row in enumerate(rows, start=1)
        ],
    }


def schedule_docx(
    organisation: str, schedule: Schedule, rows: Sequence[Attestation], members: Sequence[CommissionMember]
) -> bytes:
    """The list of workers attested and the days of their attestation (the act's appendix)."""
    context = _schedule_context(organisation, schedule, rows)
    context.update(commission=_commission(schedule), chair=_member(members, CommissionMember.Role.CHAIR))
    return render_docx(TEMPLATES_DIR / "schedule.docx", context)


def acquaintance_docx(organisation: str, schedule: Schedule, rows: Sequence[Attestation]) -> bytes:
    """The sheet each worker signs with the day they read the schedule (not later than 30 days before)."""
    return render_docx(TEMPLATES_DIR / "acquaintance.docx", _schedule_context(organisation, schedule, rows))


def document_docx(kind: str, organisation: str, attestation: Attestation, members: Sequence[CommissionMember]) -> bytes:
    """One attestation's representation, protocol or extract from the protocol."""
    employee = attestation.employee
    result = str(attestation.get_result_display()) if attestation.result else ""
    context: dict[str, Any] = {
        "organisation": organisation,
        "full_name": employee.full_name,
        "short_name": employee.short_name,
        "position": attestation.position,
        "birth_date": _day(employee.birth_date, BLANK),
        "planned_on": _day(attestation.planned_on),
        "protocol_number": attestation.protocol_number or "____",
        "protocol_date": _day(attestation.protocol_date),
        "result": f"{result[:1].upper()}{result[1:]}." if result else "_" * 48,
        "recommendations": f"Рекомендации: {attestation.recommendations}" if attestation.recommendations else "",
        "chair": _member(members, CommissionMember.Role.CHAIR),
        "secretary": _member(members, CommissionMember.Role.SECRETARY),
        "commission": _commission(attestation.schedule),
        "members": [
            {"role": str(member.get_role_display()), "full_name": member.full_name, "position": member.position}
            for member in members
        ],
    }
    if kind == "representation":
        context["text"] = attestation.representation.splitlines() or ["_" * 48]
        context["acquainted_on"] = _day(attestation.representation_acquainted_on)
    elif kind == "protocol":
        on = attestation.representation_acquainted_on
        context["acquainted"] = f" (работник ознакомлен {on:%d.%m.%Y})" if on else ""
    else:
        context["issued_on"] = _day(attestation.extract_issued_on)
        context["acquainted_on"] = _day(attestation.extract_acquainted_on)
    return render_docx(TEMPLATES_DIR / f"{kind}.docx", context)
