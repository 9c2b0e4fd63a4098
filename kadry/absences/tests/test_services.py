"""Recording, correcting, deleting and importing absences: all or nothing, with the change history."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from kadry.absences import services, services_import
from kadry.absences.models import Absence
from kadry.core.models import ChangeRecord
from kadry.leave.services import grant_leave
from kadry.orders import services as orders
from kadry.orders.models import Order
from kadry.testing.factories import AssignmentFactory, EmployeeFactory, PriorJobFactory

pytestmark = pytest.mark.django_db
D = dt.date
SICK = {"kind": "sick", "sick_leave_number": "910123456789", "sick_reason": "own_illness"}


@pytest.fixture
def worker(school: Any) -> Any:
    person = EmployeeFactory(organisation=school, snils="112-233-445 95", personnel_number="0042")
    AssignmentFactory(employee=person, start=D(2020, 9, 1), end=D(2026, 6, 30))
    return person


def _sick(actor: Any, employee: Any, start: dt.date, end: dt.date, **extra: Any) -> Absence:
    return services.record_absence(actor=actor, employee=employee, data={**SICK, "start": start, "end": end, **extra})


def test_recording_a_sick_leave_writes_the_change_history(hr_inspector: Any, worker: Any) -> None:
    absence = _sick(hr_inspector.user, worker, D(2026, 3, 2), D(2026, 3, 6))
    assert absence.created_by == hr_inspector.user and absence.calendar_days == 5
    record = ChangeRecord.objects.get(subject_id=worker.pk, section="Неявки")
    assert record.action == ChangeRecord.Action.CREATE
    assert record.changes["Номер ЭЛН"] == ["", "910123456789"]


def test_an_overlapping_absence_is_refused_and_nothing_is_saved(hr_inspector: Any, worker: Any) -> None:
    _sick(hr_inspector.user, worker, D(2026, 3, 2), D(2026, 3, 6))
    with pytest.raises(ValidationError) as caught:
        services.record_absence(
            actor=hr_inspector.user, employee=worker,
            data={"kind": "business_trip", "start": D(2026, 3, 5), "end": D(2026, 3, 9), "destination": "Тверь"},
        )  # fmt: skip
    assert "start" in caught.value.message_dict
    assert Absence.objects.count() == 1


def test_fields_of_another_kind_are_not_kept(hr_inspector: Any, worker: Any) -> None:
    trip = services.record_absence(
        actor=hr_inspector.user, employee=worker,
        data={"kind": "business_trip", "start": D(2026, 3, 5), "end": D(2026, 3, 9), "destination": "Тверь",
              "sick_leave_number": "910123456789", "minutes_late": 5},
    )  # fmt: skip
    assert (trip.sick_leave_number, trip.minutes_late, trip.destination) == ("", None, "Тверь")


def test_a_continuation_is_recorded_the_day_after_and_protects_the_first_sheet(hr_inspector: Any, worker: Any) -> None:
    first = _sick(hr_inspector.user, worker, D(2026, 3, 2), D(2026, 3, 6))
    with pytest.raises(ValidationError):
        _sick(
            hr_inspector.user, worker, D(2026, 3, 9), D(2026, 3, 13), sick_leave_number="910123456790", continues=first
        )
    second = _sick(
        hr_inspector.user, worker, D(2026, 3, 7), D(2026, 3, 13), sick_leave_number="910123456790", continues=first
    )
    with pytest.raises(ValidationError) as caught:
        services.delete_absence(actor=hr_inspector.user, absence=first)
    assert "continues" in caught.value.message_dict
    services.delete_absence(actor=hr_inspector.user, absence=second)
    services.delete_absence(actor=hr_inspector.user, absence=first)
    assert not Absence.objects.exists()
    assert ChangeRecord.objects.filter(section="Неявки", action=ChangeRecord.Action.DELETE).count() == 2


def test_correcting_an_absence_checks_against_the_others_but_not_itself(hr_inspector: Any, worker: Any) -> None:
    absence = _sick(hr_inspector.user, worker, D(2026, 3, 2), D(2026, 3, 6))
    services.correct_absence(
        actor=hr_inspector.user, absence=absence, data={**SICK, "start": D(2026, 3, 3), "end": D(2026, 3, 10)}
    )
    absence.refresh_from_db()
    assert absence.end == D(2026, 3, 10)
    record = ChangeRecord.objects.get(section="Неявки", action=ChangeRecord.Action.UPDATE)
    assert record.changes["По"] == ["06.03.2026", "10.03.2026"]


def test_a_sick_leave_after_the_dismissal_is_refused(hr_inspector: Any, worker: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        _sick(hr_inspector.user, worker, D(2026, 7, 1), D(2026, 7, 3))
    assert "уволен 30.06.2026" in caught.value.message_dict["start"][0]


def test_an_illness_inside_an_annual_leave_is_noticed_without_changing_the_ledger(
    school: Any, hr_inspector: Any, worker: Any
) -> None:
    draft = orders.create_draft(
        actor=hr_inspector.user, organisation_id=school.pk, kind=Order.Kind.AWARD, date=D(2026, 3, 1)
    )
    item = orders.save_item(
        actor=hr_inspector.user, order=draft, data={"employee": worker, "date": D(2026, 3, 1), "award": "Грамота"}
    )
    [leave] = grant_leave(actor=hr_inspector.user, employee=worker, order_item=item, leave_kind="annual",
                          start=D(2026, 4, 6), days=14, document="Приказ")  # fmt: skip
    absence = _sick(hr_inspector.user, worker, D(2026, 4, 15), D(2026, 4, 24))
    [notice] = services.leave_notices(absence)
    assert notice.leave == leave and notice.days == 5  # 15–19 April of a leave ending on 19 April
    assert "ТК РФ ст. 124" in str(notice)
    leave.refresh_from_db()
    assert leave.end == D(2026, 4, 19)


def test_the_sick_pay_rate_comes_from_the_insurance_length_on_the_first_day(hr_inspector: Any, worker: Any) -> None:
    # 01.09.2014–31.08.2020 before (6 years) plus 01.09.2020–01.03.2026 here (5 years 6 months): 11 years.
    PriorJobFactory(employee=worker, start=D(2014, 9, 1), end=D(2020, 8, 31))
    absence = _sick(hr_inspector.user, worker, D(2026, 3, 2), D(2026, 3, 6))
    pay = services.sick_pay_of(absence)
    assert pay is not None and pay.percent == 100


def test_the_sick_pay_of_a_short_length_is_sixty_percent(hr_inspector: Any, worker: Any) -> None:
    absence = _sick(hr_inspector.user, worker, D(2024, 3, 4), D(2024, 3, 6))  # 3 years 6 months
    pay = services.sick_pay_of(absence)
    assert pay is not None and pay.percent == 60


HEADER = ["Номер ЭЛН", "СНИЛС", "Табельный номер", "Дата начала", "Дата окончания", "Причина", "Продолжение листка"]


def test_importing_sick_leaves_saves_every_row_with_continuations(hr_inspector: Any, worker: Any) -> None:
    rows = [
        ["910000000001", "112-233-445 95", "", "02.03.2026", "06.03.2026", "заболевание", ""],
        ["910000000002", "", "0042", "2026-03-07", "2026-03-10", "01", "910000000001"],
    ]
    created = services_import.import_sick_leaves(
        actor=hr_inspector.user, organisation_id=worker.organisation_id, header=HEADER, rows=rows
    )
    assert [a.sick_leave_number for a in created] == ["910000000001", "910000000002"]
    assert created[1].continues == created[0]
    assert ChangeRecord.objects.filter(section="Неявки").count() == 2


def test_an_import_with_one_bad_row_saves_nothing_and_names_the_row(hr_inspector: Any, worker: Any) -> None:
    rows = [
        ["910000000001", "112-233-445 95", "", "02.03.2026", "06.03.2026", "", ""],
        ["91000000000", "112-233-445 95", "", "10.03.2026", "12.03.2026", "", ""],
        ["910000000003", "", "9999", "10.03.2026", "12.03.2026", "", ""],
        ["910000000004", "", "0042", "05.03.2026", "12.03.2026", "", ""],
    ]
    with pytest.raises(services_import.ImportRefused) as caught:
        services_import.import_sick_leaves(
            actor=hr_inspector.user, organisation_id=worker.organisation_id, header=HEADER, rows=rows
        )
    assert [(e.row, e.column) for e in caught.value.errors] == [(3, "Номер ЭЛН"), (4, "СНИЛС"), (5, "Дата начала")]
    assert not Absence.objects.exists() and not ChangeRecord.objects.filter(section="Неявки").exists()


def test_an_import_without_the_columns_is_refused(hr_inspector: Any, worker: Any) -> None:
    with pytest.raises(services_import.ImportRefused) as caught:
        services_import.import_sick_leaves(
            actor=hr_inspector.user, organisation_id=worker.organisation_id, header=["Номер ЭЛН"], rows=[]
        )
    assert {e.column for e in caught.value.errors} == {"Дата начала", "Дата окончания", "СНИЛС"}


def test_a_dry_run_checks_the_whole_file_and_saves_nothing(hr_inspector: Any, worker: Any) -> None:
    rows = [
        ["910000000001", "112-233-445 95", "", "02.03.2026", "06.03.2026", "", ""],
        ["910000000002", "112-233-445 95", "", "07.03.2026", "10.03.2026", "", "910000000001"],
    ]
    checked = services_import.import_sick_leaves(
        actor=hr_inspector.user, organisation_id=worker.organisation_id, header=HEADER, rows=rows, dry_run=True
    )
    assert len(checked) == 2
    assert not Absence.objects.exists() and not ChangeRecord.objects.filter(section="Неявки").exists()
