"""The deadlines page's and API's choice of terms: by kind, and for a centralised service by school.

The terms themselves come from the registry (``kadry.core.home``); this module only narrows them. A
school's user sees their school; a centralised HR service's user sees every school it serves, or the
one chosen (``?organisation=``); any other organisation is refused on the field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import cast

from django import forms

from kadry.core.home import Deadline, deadline_kinds, deadlines_for
from kadry.core.models import Membership, Organisation

# What the access log says was opened: the terms name the employees and what is due of them.
ACCESS_LOG_WHAT = "Сроки: работники и их сроки"
NOT_SERVED = "Сроки видны только по своей организации и по школам, которые обслуживает ваша кадровая служба."


def served_schools(membership: Membership) -> list[tuple[int, str]]:
    """Return (id, name) of the schools a centralised service keeps (one query); empty for a school."""
    if membership.organisation.kind != Organisation.Kind.HR_SERVICE:
        return []
    return list(
        Organisation.objects.filter(serviced_by_id=membership.organisation_id)
        .order_by("short_name")
        .values_list("pk", "short_name")
    )


class DeadlineFilterForm(forms.Form):
    kind = forms.ChoiceField(label="Вид срока", required=False)
    organisation = forms.TypedChoiceField(label="Школа", required=False, coerce=int, empty_value=None)

    def __init__(self, *args: object, schools: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        cast(forms.ChoiceField, self.fields["kind"]).choices = [("", "Все сроки"), *deadline_kinds().items()]
        organisation = cast(forms.TypedChoiceField, self.fields["organisation"])
        organisation.choices = [("", "Все школы"), *schools]
        organisation.error_messages["invalid_choice"] = NOT_SERVED


@dataclass(frozen=True)
class DeadlineChoice:
    """Which terms to show: of which kind (all when empty), of which organisations, due in which period."""

    kind: str = ""
    organisation_ids: tuple[int, ...] | None = None  # None: every organisation the membership keeps
    start: dt.date | None = None
    end: dt.date | None = None


def chosen_deadlines(membership: Membership, today: dt.date, choice: DeadlineChoice) -> list[Deadline]:
    """Return the registered terms of ``membership`` that ``choice`` keeps, soonest first."""
    found = deadlines_for(membership, today, until=choice.end, organisation_ids=choice.organisation_ids)
    return [
        d
        for d in found
        if (not choice.kind or d.kind_code == choice.kind) and (choice.start is None or d.due >= choice.start)
    ]


def organisation_names(membership: Membership, schools: list[tuple[int, str]]) -> dict[int, str]:
    """Return organisation id → the name shown beside a term (the school's, for a centralised service)."""
    return dict(schools) or {membership.organisation_id: membership.organisation.short_name}
