"""The school's settings are changed through services that write the history: a year and its calendar, a
class, a substitute. The history row moves the school's change chain, which the figures kept in memory
(the grades summary, the terms; ``kadry.core.memory``) follow."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from kadry.core.models import AuditChainHead, ChangeRecord
from kadry.school.models import Period
from kadry.school.services import classes as services
from kadry.testing.factories import EmployeeFactory
from kadry.testing.school import SchoolClassFactory

D = dt.date
pytestmark = pytest.mark.django_db


def _head(organisation_id: int) -> str:
    head = AuditChainHead.objects.filter(organisation_id=organisation_id, chain=ChangeRecord._meta.db_table).first()
    return head.last_hash if head else ""


def _formset_data(formset: Any, prefix: str) -> dict[str, str]:
    """Return what the page's formset posts back unchanged: the management form and each row's fields."""
    data = {f"{prefix}-{key}": str(value) for key, value in formset.management_form.initial.items()}
    for form in formset.forms:
        for name in form.fields:
            value = form[name].value()
            if value is not None and name != "DELETE":
                data[form.add_prefix(name)] = value.isoformat() if isinstance(value, dt.date) else str(value)
    return data


def test_a_new_year_and_its_calendar_edited_on_the_page_are_in_the_history(school, personas) -> None:
    deputy = personas["deputy_director"]
    before = _head(school.pk)
    year = services.create_year(
        actor=deputy.user, organisation_id=school.pk, name="2027/2028", start=D(2027, 9, 1), end=D(2028, 8, 31),
        kinds={(1, 11): Period.Kind.QUARTER},
    )  # fmt: skip
    assert ChangeRecord.objects.filter(subject_id=year.pk, action=ChangeRecord.Action.CREATE).exists()
    assert _head(school.pk) != before

    url = reverse("school:year_edit", args=[year.pk])
    page = deputy.client.get(url)
    data = _formset_data(page.context["periods"], "periods") | _formset_data(page.context["holidays"], "holidays")
    first = page.context["periods"].forms[0]
    data[first.add_prefix("end")] = "2027-10-23"
    moved = _head(school.pk)

    response = deputy.client.post(url, data)

    assert response.status_code == 302, response.context["holidays"].errors
    change = ChangeRecord.objects.get(subject_id=year.pk, action=ChangeRecord.Action.UPDATE)
    assert change.actor == deputy.user and change.object_id == first.instance.pk
    assert list(change.changes.values()) == [[f"{first.instance.end:%d.%m.%Y}", "23.10.2027"]]
    assert _head(school.pk) != moved


def test_a_class_saved_and_a_substitute_assigned_are_in_the_history(school, personas) -> None:
    deputy = personas["deputy_director"]
    eighth = SchoolClassFactory.build(organisation=school, grade=8, letter="А")
    eighth.academic_year = SchoolClassFactory(organisation=school).academic_year
    services.save_class(actor=deputy.user, school_class=eighth)
    eighth.letter = "В"
    services.save_class(actor=deputy.user, school_class=eighth)

    actions = list(
        ChangeRecord.objects.filter(subject_id=eighth.pk, section=services.CLASS).order_by("id").values_list("action")
    )
    assert actions == [(ChangeRecord.Action.CREATE,), (ChangeRecord.Action.UPDATE,)]

    response = deputy.client.post(
        reverse("school:substitution_create"),
        {"school_class": eighth.pk, "substitute": EmployeeFactory(organisation=school).pk, "start": "2026-10-01",
         "end": "2026-10-14", "reason": "болезнь"},
    )  # fmt: skip
    assert response.status_code == 302
    assert ChangeRecord.objects.filter(subject_id=eighth.pk, section=services.CLASS).count() == 3
