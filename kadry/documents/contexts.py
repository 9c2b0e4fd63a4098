"""The field data of each document, built once and rendered twice: into the DOCX and into the HTML for PDF.

A context holds only strings, lists and dicts of strings, so the docxtpl (Jinja) template and the
Django template read it the same way: ``{{ employee.full_name }}``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from kadry.core.models import Organisation
from kadry.employment.models import Assignment
from kadry.lib.dates import long_date, quoted_date, short_date
from kadry.lib.declension import Case, decline_initials, decline_name, decline_phrase, decline_position, gendered
from kadry.lib.money import round_money
from kadry.staff.models import Employee, Training

# The wording of ТК РФ ст. 62 certificates when the employee names no addressee.
DEFAULT_PURPOSE = "для предоставления по месту требования"
_KIND_WORDING: dict[str, str] = {
    Assignment.Kind.MAIN: "основное место работы",
    Assignment.Kind.INTERNAL_PART_TIME: "внутреннее совместительство",
    Assignment.Kind.EXTERNAL_PART_TIME: "внешнее совместительство",
}
NBSP = "\u00a0"


class CertificateError(ValueError):
    """The certificate cannot be issued (the employee does not work on the date)."""


def format_rubles(amount: Decimal) -> str:
    """Return «35 000,00 руб.» (thousands by a no-break space, kopecks after a comma)."""
    rounded = round_money(amount)
    whole, _, kopecks = f"{rounded:.2f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return f"{NBSP.join(groups)},{kopecks}{NBSP}руб."


def format_rate(rate: Decimal) -> str:
    """Return a rate as written in documents: 1 → «1», 0.50 → «0,5»."""
    return format(rate.normalize(), "f").replace(".", ",")


def organisation_fields(organisation: Organisation) -> dict[str, str]:
    return {
        "name": organisation.name,
        "short_name": organisation.short_name,
        "name_prepositional": decline_phrase(organisation.name, Case.PREPOSITIONAL),
        "inn": organisation.inn,
        "ogrn": organisation.ogrn,
        "address": organisation.address,
        "requisites": ", ".join(
            f"{label} {value}" for label, value in (("ИНН", organisation.inn), ("ОГРН", organisation.ogrn)) if value
        ),
    }


def _choice(instance: Any, field: str) -> str:
    return str(getattr(instance, f"get_{field}_display")()) if getattr(instance, field) else ""


def _id_document(employee: Employee) -> str:
    """Return «Паспорт гражданина РФ серия 2904 № 123456, выдан …, 01.02.2010, код подразделения 400-001»."""
    parts = [
        " ".join(
            p
            for p in (
                _choice(employee, "id_doc_kind"),
                f"серия {employee.id_doc_series}" if employee.id_doc_series else "",
                f"№ {employee.id_doc_number}" if employee.id_doc_number else "",
            )
            if p
        ),
        f"выдан {employee.id_doc_issued_by}" if employee.id_doc_issued_by else "",
        short_date(employee.id_doc_issued_on),
        f"код подразделения {employee.id_doc_issuer_code}" if employee.id_doc_issuer_code else "",
    ]
    return ", ".join(p for p in parts if p)


def employee_fields(employee: Employee) -> dict[str, str]:
    """Return the main data of the card (section I of form Т-2) as strings."""
    sex = employee.sex
    return {
        "full_name": employee.full_name,
        "short_name": employee.short_name,
        "last_name": employee.last_name,
        "first_name": employee.first_name,
        "middle_name": employee.middle_name,
        "personnel_number": employee.personnel_number,
        "alphabet": employee.last_name[:1].upper(),
        "sex": _choice(employee, "sex"),
        "sex_letter": "Ж" if sex == Employee.Sex.FEMALE else "М",
        "birth_date": short_date(employee.birth_date),
        "birth_date_long": long_date(employee.birth_date),
        "birth_place": employee.birth_place,
        "citizenship": employee.citizenship,
        "inn": employee.inn,
        "snils": employee.snils,
        "marital_status": _choice(employee, "marital_status"),
        "id_doc_kind": _choice(employee, "id_doc_kind"),
        "id_doc_series": employee.id_doc_series,
        "id_doc_number": employee.id_doc_number,
        "id_doc_issued_by": employee.id_doc_issued_by,
        "id_doc_issued_on": short_date(employee.id_doc_issued_on),
        "id_doc_issuer_code": employee.id_doc_issuer_code,
        "id_document": _id_document(employee),
        "registration_address": employee.registration_address,
        "registration_date": short_date(employee.registration_date),
        "actual_address": employee.actual_address,
        "phone": ", ".join(p for p in (employee.phone, employee.phone_extra) if p),
        "email": employee.email,
        "qualification_category": _choice(employee, "qualification_category"),
        "qualification_category_date": short_date(employee.qualification_category_date),
        "work_book": _choice(employee, "work_book"),
        "name_genitive": decline_name(
            employee.last_name, employee.first_name, employee.middle_name, sex=sex, case=Case.GENITIVE
        ),
        "name_dative": decline_name(
            employee.last_name, employee.first_name, employee.middle_name, sex=sex, case=Case.DATIVE
        ),
        "initials_dative": decline_initials(
            employee.last_name, employee.first_name, employee.middle_name, sex=sex, case=Case.DATIVE
        ),
        "signature_name": decline_initials(
            employee.last_name, employee.first_name, employee.middle_name, sex=sex, initials_first=True
        ),
    }


def _assignment_fields(assignment: Assignment) -> dict[str, str]:
    unit = assignment.staffing_unit
    return {
        "start": short_date(assignment.start),
        "end": short_date(assignment.end),
        "department": unit.department.name,
        "position": unit.position.name,
        "position_genitive": decline_position(unit.position.name, Case.GENITIVE),
        "rate": format_rate(assignment.rate),
        "salary": format_rubles(unit.salary * assignment.rate),
        "kind": _KIND_WORDING.get(assignment.kind, str(assignment.get_kind_display())),
        "basis": assignment.basis,
    }


def _rows(rows: Iterable[Any], **fields: Any) -> list[dict[str, str]]:
    """Return each row as ``{name: value}``; a field is an attribute name or a function of the row."""
    result = []
    for row in rows:
        values = {}
        for name, source in fields.items():
            value = source(row) if callable(source) else getattr(row, source)
            values[name] = short_date(value) if isinstance(value, dt.date) else ("" if value is None else str(value))
        result.append(values)
    return result


def _military_fields(employee: Employee) -> dict[str, str]:
    # select_related gave the record or nothing; the reverse one-to-one raises when there is none.
    record = getattr(employee, "military_record", None)
    if record is None:
        return {"present": ""}
    return {
        "present": "yes",
        "reserve_category": _choice(record, "reserve_category"),
        "rank": record.rank,
        "composition": record.composition,
        "specialty_code": record.specialty_code,
        "fitness": _choice(record, "fitness"),
        "commissariat": record.commissariat,
        "special_registration": record.special_registration,
        "deregistered_on": short_date(record.deregistered_on),
        "deregistration_reason": record.deregistration_reason,
    }


def personal_card_context(
    employee: Employee, *, organisation: Organisation, assignments: Sequence[Assignment], today: dt.date
) -> dict[str, Any]:
    """Return the data of the personal card Т-2 (Постановление Госкомстата № 1 от 05.01.2004).

    ``employee`` comes with its card sections prefetched; ``assignments`` are all of its
    assignments with the staffing unit's position and department.
    """
    ordered = sorted(assignments, key=lambda a: a.start)
    current = [a for a in ordered if a.start <= today and (a.end is None or a.end >= today)]
    main = next((a for a in current if a.kind == Assignment.Kind.MAIN), current[0] if current else None)
    trainings = list(employee.trainings.all())
    return {
        "organisation": organisation_fields(organisation),
        "today": short_date(today),
        "today_long": long_date(today),
        "employee": employee_fields(employee),
        "work_kind": (
            "" if main is None else ("основная" if main.kind == Assignment.Kind.MAIN else "по совместительству")
        ),
        "acquainted": gendered(employee.sex, "ознакомлен", "ознакомлена"),
        "languages": _rows(employee.languageskills.all(), language="language", level=lambda r: r.get_level_display()),
        "education": _rows(
            employee.educations.all(),
            level=lambda r: r.get_level_display(),
            institution="institution",
            document=lambda r: " ".join(p for p in (r.document_name, r.document_series, r.document_number) if p),
            graduation_year="graduation_year",
            specialty="specialty",
            qualification="qualification",
        ),
        "previous_names": _rows(
            employee.namechanges.all(),
            name=str,
            changed_on="changed_on",
            reason="reason",
        ),
        "family": _rows(
            employee.familymembers.all(),
            relation=lambda r: r.get_relation_display(),
            full_name="full_name",
            birth_year=lambda r: r.birth_date.year if r.birth_date else "",
        ),
        "prior_jobs": _rows(
            employee.priorjobs.all(),
            employer="employer",
            position="position",
            start="start",
            end="end",
        ),
        "military": _military_fields(employee),
        "assignments": [_assignment_fields(a) for a in ordered],
        "trainings": _rows(
            (t for t in trainings if t.kind == Training.Kind.TRAINING),
            start="start",
            end="end",
            program="program",
            institution="institution",
            hours="hours",
            document="document",
        ),
        "retrainings": _rows(
            (t for t in trainings if t.kind == Training.Kind.RETRAINING),
            start="start",
            end="end",
            program="program",
            institution="institution",
            document="document",
        ),
        "awards": _rows(employee.awards.all(), name="name", document="document", awarded_on="awarded_on"),
        "benefits": _rows(employee.socialbenefits.all(), name="name", document="document", basis="basis"),
        "leaves": _rows(
            employee.leave_entries.filter(kind="used", reversed_by__isnull=True).order_by("start", "id"),
            kind=lambda r: r.get_leave_kind_display(),
            year_start="working_year_start",
            year_end="working_year_end",
            days="calendar_days",
            start="start",
            end="end",
            document="document",
        ),
    }


@dataclass(frozen=True)
class CertificateRequest:
    """What the person asking for a certificate chose on the form."""

    issued_on: dt.date
    purpose: str = DEFAULT_PURPOSE
    include_salary: bool = False
    number: str = ""


def employment_start(assignments: Sequence[Assignment], current: Assignment) -> dt.date:
    """Return when the unbroken employment that leads to ``current`` began (transfers do not break it)."""
    start = current.start
    for assignment in sorted(assignments, key=lambda a: a.start, reverse=True):
        if assignment.kind != current.kind or assignment.start >= start:
            continue
        if assignment.end is not None and assignment.end + dt.timedelta(days=1) >= start:
            start = assignment.start
    return start


def employment_certificate_context(
    employee: Employee,
    *,
    organisation: Organisation,
    assignments: Sequence[Assignment],
    certificate: CertificateRequest,
) -> dict[str, Any]:
    """Return the data of the certificate of employment (ТК РФ ст. 62) on ``certificate.issued_on``.

    Raise ``CertificateError`` when the employee holds no position on that day.
    """
    day = certificate.issued_on
    current = sorted(
        (a for a in assignments if a.start <= day and (a.end is None or a.end >= day)), key=lambda a: (a.kind, a.start)
    )
    if not current:
        raise CertificateError("На дату справки сотрудник не работает в организации: справку выдать нельзя.")
    jobs = []
    for assignment in current:
        fields = _assignment_fields(assignment)
        since = employment_start(assignments, assignment)
        fields["since"] = short_date(since)
        if since == assignment.start:
            fields["phrase"] = (
                f"в должности {fields['position_genitive']} с {fields['start']} по настоящее время ({fields['kind']})"
            )
        else:
            # Transferred since hired: the employment and the current position began on different days.
            fields["phrase"] = (
                f"с {fields['since']} по настоящее время ({fields['kind']}), "
                f"в должности {fields['position_genitive']} — с {fields['start']}"
            )
        jobs.append(fields)
    sex = employee.sex
    return {
        "organisation": organisation_fields(organisation),
        "employee": employee_fields(employee),
        "pronoun": gendered(sex, "он", "она"),
        "jobs": jobs,
        "jobs_text": "; ".join(job["phrase"] for job in jobs),
        "include_salary": "yes" if certificate.include_salary else "",
        "purpose": certificate.purpose.strip() or DEFAULT_PURPOSE,
        "number": certificate.number,
        "issued_on": short_date(day),
        "issued_on_long": long_date(day),
        "issued_on_quoted": quoted_date(day),
    }
