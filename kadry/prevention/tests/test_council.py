"""The Council's sittings: decisions open, continue, change and close cases in one transaction, all or nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from kadry.core.models import ChangeRecord
from kadry.prevention import services
from kadry.prevention.models import CouncilDecision, CouncilSitting, PreventionCase, Review
from kadry.prevention.tests.conftest import TODAY
from kadry.testing.factories import EmployeeFactory
from kadry.testing.prevention import PreventionCaseFactory

pytestmark = pytest.mark.django_db
D = dt.date
SITTING = {"date": D(2026, 12, 1), "number": "5", "attendees": "Члены Совета"}


def _open(world, **extra):
    return {
        "kind": "open", "student": world.pupil, "register": "pdn", "reason": "Доставлен в ОМВД",
        "responsible": world.case.responsible, "text": "Поставить на учёт", **extra,
    }  # fmt: skip


def test_opening_a_case_records_the_sitting_the_decision_and_the_history(world, social) -> None:
    assert world.case.opened_on == D(2026, 9, 15) and world.case.is_open
    decision = world.case.decisions.get()
    assert decision.kind == CouncilDecision.Kind.OPEN and decision.sitting.number == "1"
    history = ChangeRecord.objects.filter(subject_type="prevention.preventioncase", subject_id=world.case.pk)
    assert history.count() == 2
    # The restricted texts stay out of the history.
    assert all("Систематические" not in str(row.changes) for row in history)


def test_a_second_open_case_of_the_same_register_is_refused_on_its_field_and_nothing_is_written(world, social) -> None:
    sittings = CouncilSitting.objects.count()
    with pytest.raises(services.DecisionRefused) as caught:
        services.hold_sitting(
            actor=social.user, organisation_id=world.case.organisation_id, data=SITTING,
            decisions=[_open(world, register="pdn"), _open(world, register="internal")], today=TODAY,
        )  # fmt: skip
    assert caught.value.index == 1
    assert "уже есть открытый случай" in caught.value.message_dict["register"][0]
    # The first decision (a ПДН case) was rolled back with the sitting.
    assert CouncilSitting.objects.count() == sittings
    assert not PreventionCase.objects.filter(register="pdn").exists()


def test_the_database_refuses_two_open_cases_of_one_register(world) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        PreventionCaseFactory(student=world.pupil, register="internal", responsible=world.case.responsible)


def test_continue_and_change_plan_record_reviews_that_move_the_next_one(world, social) -> None:
    services.hold_sitting(
        actor=social.user, organisation_id=world.case.organisation_id, data=SITTING,
        decisions=[
            {"kind": "continue", "case": world.case, "text": "Продолжить работу по плану"},
            {"kind": "change_plan", "case": world.other_case, "text": "Добавить занятия с психологом"},
        ],
        today=TODAY,
    )  # fmt: skip
    review = Review.objects.get(case=world.case)
    assert review.date == D(2026, 12, 1) and review.decision is not None
    assert Review.objects.filter(case=world.other_case).count() == 1


def test_closing_needs_a_decision_and_sets_the_date_and_reason(world, social) -> None:
    services.hold_sitting(
        actor=social.user, organisation_id=world.case.organisation_id, data=SITTING,
        decisions=[{"kind": "close", "case": world.case, "text": "Снять с учёта: пропусков нет с октября"}],
        today=TODAY,
    )  # fmt: skip
    world.case.refresh_from_db()
    assert world.case.status == "closed" and world.case.closed_on == D(2026, 12, 1)
    assert world.case.closing_reason.startswith("Снять с учёта")
    # A closed case takes no more decisions.
    with pytest.raises(services.DecisionRefused) as caught:
        services.hold_sitting(
            actor=social.user, organisation_id=world.case.organisation_id,
            data={**SITTING, "number": "6", "date": D(2026, 12, 3)},
            decisions=[{"kind": "continue", "case": world.case, "text": "Продолжить"}], today=TODAY,
        )  # fmt: skip
    assert "закрыт" in caught.value.message_dict["case"][0]
    # …but the student can be put on the same register again.
    services.hold_sitting(
        actor=social.user, organisation_id=world.case.organisation_id,
        data={**SITTING, "number": "7", "date": D(2026, 12, 3)},
        decisions=[_open(world, register="internal")], today=TODAY,
    )  # fmt: skip
    assert PreventionCase.objects.filter(student=world.pupil, register="internal").count() == 2


def test_a_sitting_in_the_future_or_with_a_taken_number_is_refused(world, social) -> None:
    with pytest.raises(services.ValidationError) as caught:
        services.hold_sitting(
            actor=social.user, organisation_id=world.case.organisation_id,
            data={**SITTING, "date": D(2026, 12, 5)}, decisions=[_open(world)], today=TODAY,
        )  # fmt: skip
    assert "позже сегодняшнего" in caught.value.message_dict["date"][0]
    with pytest.raises(services.ValidationError) as caught:
        services.hold_sitting(
            actor=social.user, organisation_id=world.case.organisation_id,
            data={**SITTING, "number": "1"}, decisions=[_open(world)], today=TODAY,
        )  # fmt: skip
    assert "уже записан" in caught.value.message_dict["number"][0]


def test_one_decision_per_case_per_sitting(world, social) -> None:
    sitting = world.case.decisions.get().sitting
    with pytest.raises(services.DecisionRefused) as caught:
        services.add_decisions(
            actor=social.user, sitting=sitting, decisions=[{"kind": "continue", "case": world.case, "text": "x"}]
        )
    assert "уже принято решение" in caught.value.message_dict["case"][0]


def test_a_student_of_another_organisation_cannot_be_put_on_the_register(world, social, other_school) -> None:
    stranger = EmployeeFactory(organisation=other_school)
    with pytest.raises(services.DecisionRefused):
        services.hold_sitting(
            actor=social.user, organisation_id=world.case.organisation_id, data=SITTING,
            decisions=[_open(world, register="kdn", responsible=stranger)], today=TODAY,
        )  # fmt: skip
    assert not PreventionCase.objects.filter(register="kdn").exists()
