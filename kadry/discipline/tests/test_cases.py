"""A case from the misconduct to the acquaintance, through the services; audited, refused on the field."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from kadry.core.models import ChangeRecord
from kadry.discipline import sanctions, services
from kadry.discipline import terms as discipline_terms
from kadry.discipline.models import Violation
from kadry.discipline.tests.conftest import open_case, sign_sanction

D = dt.date
pytestmark = pytest.mark.django_db


def test_opening_a_case_writes_the_employees_history(hr_inspector, teacher) -> None:
    case = open_case(hr_inspector, teacher, D(2026, 11, 17))

    record = ChangeRecord.objects.get(subject_id=teacher.pk, section=services.SECTION)
    assert (record.action, record.actor, record.object_id) == (ChangeRecord.Action.CREATE, hr_inspector.user, case.pk)
    assert case.status == Violation.Status.OPEN


def test_a_discovery_before_the_misconduct_is_refused_on_its_field(hr_inspector, teacher) -> None:
    with pytest.raises(ValidationError) as refused:
        open_case(hr_inspector, teacher, D(2026, 11, 17), discovered_on=D(2026, 11, 16))

    assert refused.value.message_dict == {"discovered_on": ["Проступок не мог быть обнаружен раньше, чем совершён."]}


def test_the_act_waits_for_the_two_working_days(hr_inspector, teacher) -> None:
    case = open_case(hr_inspector, teacher, D(2026, 11, 17))
    services.request_explanation(
        actor=hr_inspector.user, violation=case, requested_on=D(2026, 11, 18), today=D(2026, 11, 18)
    )

    with pytest.raises(ValidationError) as refused:
        services.record_non_provision_act(
            actor=hr_inspector.user, violation=case, act_on=D(2026, 11, 20), today=D(2026, 11, 30)
        )
    services.record_non_provision_act(
        actor=hr_inspector.user, violation=case, act_on=D(2026, 11, 23), today=D(2026, 11, 30)
    )

    assert refused.value.message_dict == {
        "act_on": ["Акт составляется по истечении двух рабочих дней (ТК РФ ст. 193 ч. 1): не ранее 23.11.2026."]
    }
    case.refresh_from_db()
    assert case.explanation.not_provided_act_on == D(2026, 11, 23)


def test_terms_of_a_case_with_illness(hr_inspector, teacher) -> None:
    from kadry.absences.models import Absence

    Absence.objects.create(
        organisation=teacher.organisation, employee=teacher, kind=Absence.Kind.SICK, start=D(2026, 3, 16),
        end=D(2026, 3, 20),
    )  # fmt: skip
    case = open_case(hr_inspector, teacher, D(2026, 3, 10))
    services.request_explanation(
        actor=hr_inspector.user, violation=case, requested_on=D(2026, 3, 11), today=D(2026, 3, 11)
    )
    services.record_explanation(
        actor=hr_inspector.user, violation=case, received_on=D(2026, 3, 12), text="Проспала.", today=D(2026, 3, 12)
    )

    terms = discipline_terms.terms_of(Violation.objects.select_related("explanation", "employee").get(pk=case.pk))

    assert (terms.explanation_due, terms.earliest_sanction, terms.last_day.day) == (
        D(2026, 3, 13),
        D(2026, 3, 12),
        D(2026, 4, 15),
    )
    assert terms.acquaintance_due is None


@time_machine.travel(dt.datetime(2026, 11, 30, 10, tzinfo=dt.UTC))
def test_signing_the_sanction_closes_the_case_and_the_acquaintance_is_due_in_three_working_days(
    hr_inspector, director, teacher
) -> None:
    case = open_case(hr_inspector, teacher, D(2026, 11, 17))
    order = sign_sanction(hr_inspector, director, teacher, D(2026, 11, 23), D(2026, 11, 17))
    case = Violation.objects.select_related("explanation", "employee", "sanction_item__order").get(pk=case.pk)

    assert case.status == Violation.Status.SANCTIONED
    assert case.sanction_item is not None and case.sanction_item.order == order
    assert discipline_terms.terms_of(case).acquaintance_due == D(2026, 11, 26)
    with pytest.raises(ValidationError):
        services.record_acquaintance(
            actor=hr_inspector.user, violation=case, acquainted_on=D(2026, 11, 24), refusal_act_on=D(2026, 11, 24),
            today=D(2026, 11, 30),
        )  # fmt: skip
    services.record_acquaintance(
        actor=hr_inspector.user,
        violation=case,
        acquainted_on=None,
        refusal_act_on=D(2026, 11, 24),
        today=D(2026, 11, 30),
    )
    case.refresh_from_db()
    assert case.refusal_act_on == D(2026, 11, 24)


def test_a_closed_case_cannot_be_changed(hr_inspector, teacher) -> None:
    case = open_case(hr_inspector, teacher, D(2026, 11, 17))
    services.close_without_sanction(actor=hr_inspector.user, violation=case, reason="объяснение признано уважительным")

    with pytest.raises(ValidationError):
        services.request_explanation(
            actor=hr_inspector.user, violation=case, requested_on=D(2026, 11, 18), today=D(2026, 11, 18)
        )


@time_machine.travel(dt.datetime(2026, 11, 30, 10, tzinfo=dt.UTC))
def test_sanctions_in_force_follow_the_year_of_article_194(hr_inspector, director, teacher) -> None:
    first = sign_sanction(hr_inspector, director, teacher, D(2025, 3, 13), D(2025, 3, 10))
    second = sign_sanction(hr_inspector, director, teacher, D(2026, 2, 5), D(2026, 2, 2))

    def kinds(on: dt.date) -> list[tuple[int, dt.date]]:
        return [
            (row.sanction.order_item.order_id, row.expires_after) for row in sanctions.sanctions_in_force(teacher, on)
        ]

    assert kinds(D(2026, 1, 1)) == [(first.pk, D(2026, 3, 13))]
    assert kinds(D(2026, 3, 14)) == [(first.pk, D(2027, 2, 5)), (second.pk, D(2027, 2, 5))]
    assert kinds(D(2027, 2, 6)) == []
