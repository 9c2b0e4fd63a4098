"""Names and positions in the cases documents need, with the office's corrections applied.

The automatic forms come from kadry.lib.declension; a correction typed by the HR inspector (a rare
surname, a compound title) is kept on the record and wins.
"""

from __future__ import annotations

from kadry.lib.declension import Case, decline_initials, decline_name, decline_position
from kadry.staff.models import Employee, Position

# The cases shown on the card for checking, with the question each answers.
CASES: tuple[tuple[Case, str], ...] = (
    (Case.GENITIVE, "кого? (родительный)"),
    (Case.DATIVE, "кому? (дательный)"),
    (Case.ACCUSATIVE, "кого? (винительный)"),
    (Case.INSTRUMENTAL, "кем? (творительный)"),
    (Case.PREPOSITIONAL, "о ком? (предложный)"),
)


def automatic_name(employee: Employee, case: Case) -> str:
    return decline_name(employee.last_name, employee.first_name, employee.middle_name, sex=employee.sex, case=case)


def employee_name(employee: Employee, case: Case = Case.NOMINATIVE) -> str:
    """Return the full name in ``case``: the office's correction if any, else the automatic form."""
    if case == Case.NOMINATIVE:
        return employee.full_name
    return employee.name_forms.get(case.value) or automatic_name(employee, case)


def employee_initials(employee: Employee, case: Case = Case.NOMINATIVE) -> str:
    """Return «Ивановой М. П.», taking the corrected surname from the corrected full name when there is one."""
    corrected = employee.name_forms.get(case.value) if case != Case.NOMINATIVE else None
    if corrected:
        surname = corrected.split()[0]
        initials = " ".join(f"{part[0]}." for part in (employee.first_name, employee.middle_name) if part)
        return f"{surname} {initials}"
    return decline_initials(employee.last_name, employee.first_name, employee.middle_name, sex=employee.sex, case=case)


def automatic_position(position: Position, case: Case) -> str:
    return decline_position(position.name, case)


def position_name(position: Position, case: Case = Case.NOMINATIVE) -> str:
    """Return the position title in ``case``: «учителя математики» for the genitive."""
    if case == Case.NOMINATIVE:
        return position.name
    return position.name_forms.get(case.value) or automatic_position(position, case)


def corrections(automatic: dict[str, str], typed: dict[str, str]) -> dict[str, str]:
    """Keep only the typed forms that differ from the automatic ones (so later fixes of the rules apply)."""
    return {
        case: value.strip() for case, value in typed.items() if value.strip() and value.strip() != automatic.get(case)
    }
