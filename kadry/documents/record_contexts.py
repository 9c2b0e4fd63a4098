"""The field data of the records given to an employee: СТД-Р and the certificate of length of service.

The certificate of length of service (справка о стаже, ТК РФ ст. 62) states each kind of length of
service on a date as ``kadry.employment.seniority`` counts it, with the periods it was counted from.

СТД-Р, «Сведения о трудовой деятельности, предоставляемые работнику работодателем»: the form and the
rules of filling it are approved by Приказ Минтруда России от 10.11.2022 № 713н (приложение № 1 — the
form, № 3 — the order of filling; in force from 01.01.2023, as amended by Приказ Минтруда России от
08.08.2025 № 489н). The employer issues it on the employee's application within three working days and
on the day of dismissal (ТК РФ ст. 66.1 ч. 5), for the period of work with this employer.

Pure functions of loaded rows, like ``contexts.py``: the caller decides what to load.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from kadry.core.models import Organisation
from kadry.documents.contexts import employee_fields, organisation_fields
from kadry.employment import rules
from kadry.employment.models import WorkRecordEvent
from kadry.employment.seniority import LengthOfService, Source
from kadry.lib.dates import long_date, short_date
from kadry.lib.declension import Case, decline_position, gendered
from kadry.staff.declension import employee_name
from kadry.staff.models import Employee

# The mark in the column «Признак отмены записи сведений о приёме, переводе, увольнении» (713н, приложение № 3).
CANCELLATION_MARK = "X"


def _event_wording(event: WorkRecordEvent, sex: str) -> str:
    """Return the column «Сведения о приёме на работу, переводе на другую работу, увольнении».

    As the work book words them (Приказ Минтруда № 320н, п. 16): «Принята на должность учителя математики
    в структурное подразделение «…»»; a dismissal is «Уволена с должности …», its reason goes to a column
    of its own.
    """
    position = decline_position(event.position, Case.GENITIVE) if event.position else ""
    where = f" в структурное подразделение «{event.department}»" if event.department else ""
    part_time = " (по совместительству)" if event.part_time else ""
    if event.kind == WorkRecordEvent.Kind.HIRE:
        return f"{gendered(sex, 'Принят', 'Принята')} на должность {position}{where}{part_time}"
    if event.kind == WorkRecordEvent.Kind.TRANSFER:
        return f"{gendered(sex, 'Переведён', 'Переведена')} на должность {position}{where}{part_time}"
    return f"{gendered(sex, 'Уволен', 'Уволена')} с должности {position}{part_time}"


def _sort_key(event: WorkRecordEvent) -> tuple[Any, ...]:
    # A cancellation follows the record it cancels (it repeats that record's date).
    return (event.date, event.cancels_id or event.pk, event.cancels_id is not None)


def work_record_extract_context(
    employee: Employee,
    *,
    organisation: Organisation,
    events: Iterable[WorkRecordEvent],
    start: dt.date | None,
    end: dt.date,
    issued_on: dt.date,
) -> dict[str, Any]:
    """Return the data of СТД-Р for ``employee``: the events of this employer from ``start`` to ``end``."""
    sex = employee.sex if employee.sex in ("M", "F") else "M"
    rows = []
    for number, event in enumerate(sorted(events, key=_sort_key), start=1):
        rows.append(
            {
                "number": str(number),
                "date": short_date(event.date),
                "wording": _event_wording(event, sex),
                "function_code": "",  # the ОКЗ code of the work done; Kadry does not keep it yet
                "reason": event.ground_wording if event.kind == WorkRecordEvent.Kind.DISMISSAL else "",
                "document_name": event.document_name,
                "document_date": short_date(event.document_date),
                "document_number": event.document_number,
                "cancelled": CANCELLATION_MARK if event.cancels_id else "",
            }
        )
    period = f"с {short_date(start)} по {short_date(end)}" if start else f"по {short_date(end)}"
    return {
        "organisation": organisation_fields(organisation),
        "employee": employee_fields(employee),
        "events": rows,
        "period": period,
        "issued_on": short_date(issued_on),
        "issued_on_long": long_date(issued_on),
    }


def _period_text(start: dt.date, end: dt.date, running: bool) -> str:
    return f"с {short_date(start)} по {'настоящее время' if running else short_date(end)}"


def service_certificate_context(
    employee: Employee,
    *,
    organisation: Organisation,
    sources: Iterable[Source],
    service: LengthOfService,
    issued_on: dt.date,
) -> dict[str, Any]:
    """Return the data of the certificate of length of service of ``employee`` on ``service.on``.

    ``sources`` are the periods of work ``service`` was counted from: the prior jobs of the card and
    the assignments here, each listed as it stands on the date (a running one up to that day).
    """
    on = service.on
    periods = []
    for source in sorted(sources, key=lambda s: s.period.start):
        cut = rules.cut([source.period], on)
        if not cut:
            continue  # begun after the date of the certificate
        period = cut[0]
        running = source.period.end is None or source.period.end > on
        periods.append(
            {
                "period": _period_text(period.start, period.end or on, running and on == issued_on),
                "employer": source.employer or organisation.name,
                "position": source.position,
                "duration": str(rules.period_duration(period)),
                "pedagogical": "да" if source.pedagogical else "",
            }
        )
    fields = employee_fields(employee)
    try:
        # The office's correction of the declined name wins (Employee.name_forms).
        fields["name_dative"] = employee_name(employee, Case.DATIVE)
    except ValueError:
        fields["name_dative"] = employee.full_name
    return {
        "organisation": organisation_fields(organisation),
        "employee": fields,
        "kinds": [{"label": kind.label, "duration": str(kind.duration)} for kind in service.kinds],
        "total": str(service.total.duration),
        "insurance": str(service.insurance.duration),
        "pedagogical": str(service.pedagogical.duration),
        "organisation_service": str(service.organisation.duration),
        "periods": periods,
        "on": short_date(on),
        "on_long": long_date(on),
        "issued_on": short_date(issued_on),
        "issued_on_long": long_date(issued_on),
    }
