"""The movement of students for a period, hand-computed from enrolments: no database."""

from __future__ import annotations

import datetime as dt

from kadry.school.rules.movement import Stay, movement

D = dt.date


def stay(student: int, class_name: str, start: dt.date, end: dt.date | None = None, reason: str = "", **kw) -> Stay:
    return Stay(
        student_id=student,
        student=f"Ученик {student}",
        class_name=class_name,
        grade=int(class_name[:-1]),
        start=start,
        end=end,
        end_reason=reason,
        destination=kw.get("destination", ""),
        basis=kw.get("basis", ""),
    )


def test_arrivals_departures_and_transfers_of_a_quarter() -> None:
    stays = [
        stay(1, "7Б", D(2026, 9, 1)),  # stays all along
        stay(2, "7Б", D(2026, 9, 1)),
        stay(3, "7Б", D(2026, 9, 1), D(2026, 11, 19), "class_transfer"),  # moved to 7А on 20.11
        stay(3, "7А", D(2026, 11, 20)),
        stay(4, "7А", D(2026, 9, 1), D(2026, 12, 4), "other_school", destination="МБОУ СОШ № 5"),  # left
        stay(5, "7А", D(2026, 11, 16)),  # arrived
        stay(6, "7А", D(2026, 11, 10), D(2026, 12, 20), "family_education"),  # arrived and left
        stay(7, "8А", D(2026, 9, 1), D(2026, 11, 3), "other_school"),  # left before the period
    ]
    got = movement(stays, D(2026, 11, 5), D(2026, 12, 28))
    # On the roll the evening of 04.11: students 1, 2, 3, 4 = 4 (7 left on 03.11).
    # Arrived: 5 and 6 = 2; left: 4 and 6 = 2; moved: 3 = 1; at the end: 1, 2, 3, 5 = 4 = 4 + 2 − 2.
    assert (got.at_start, len(got.arrived), len(got.left), len(got.moved), got.at_end) == (4, 2, 2, 1, 4)
    assert got.balanced
    assert [s.student_id for s in got.arrived] == [6, 5]  # by date: 10.11, then 16.11
    assert [(s.student_id, s.destination) for s in got.left] == [(4, "МБОУ СОШ № 5"), (6, "")]
    move = got.moved[0]
    assert (move.student, move.from_class, move.to_class, move.on) == ("Ученик 3", "7Б", "7А", D(2026, 11, 20))


def test_a_student_leaving_on_the_last_day_is_gone_at_the_end() -> None:
    stays = [stay(1, "5А", D(2026, 9, 1), D(2026, 12, 28), "other_school"), stay(2, "5А", D(2026, 9, 1))]
    got = movement(stays, D(2026, 11, 5), D(2026, 12, 28))
    # 2 at the start, 1 left on 28.12: 1 at the end.
    assert (got.at_start, len(got.left), got.at_end, got.balanced) == (2, 1, 1, True)


def test_a_transfer_on_the_first_day_is_a_move_not_an_arrival() -> None:
    stays = [stay(1, "6А", D(2026, 9, 1), D(2026, 11, 4), "class_transfer"), stay(1, "6Б", D(2026, 11, 5))]
    got = movement(stays, D(2026, 11, 5), D(2026, 12, 28))
    assert (got.at_start, len(got.arrived), len(got.moved), got.at_end) == (1, 0, 1, 1)


def test_graduates_of_grades_9_and_11_by_destination() -> None:
    end = D(2027, 6, 30)
    stays = [
        stay(1, "9А", D(2026, 9, 1), end, "promoted"),  # to grade 10 of this school
        stay(1, "10А", D(2027, 7, 1)),
        stay(2, "9А", D(2026, 9, 1), end, "vocational", destination="Тульский колледж"),
        stay(3, "9А", D(2026, 9, 1), end, "vocational", destination="Политехнический колледж"),
        stay(4, "9Б", D(2026, 9, 1), end, "other_school", destination="Лицей № 2"),
        stay(5, "11А", D(2026, 9, 1), end, "graduated", destination="ТулГУ"),
        stay(6, "11А", D(2026, 9, 1), end, "graduated"),
        stay(7, "9А", D(2026, 9, 1), D(2027, 2, 1), "class_transfer"),  # moved to 9Б: not a graduate of 9А
        stay(7, "9Б", D(2027, 2, 2), end, "vocational"),
        stay(8, "8А", D(2026, 9, 1), end, "promoted"),  # grade 8: not a graduate
    ]
    got = movement(stays, D(2027, 6, 1), D(2027, 6, 30))
    # Grade 9: 1 promoted to the 10th here, 3 to colleges (2, 3, 7), 1 to another school = 5.
    assert dict(got.destinations[9]) == {"promoted": 1, "vocational": 3, "other_school": 1}
    assert dict(got.destinations[11]) == {"graduated": 2}
    # Promotions are internal: only those leaving the school left (2, 3, 4, 5, 6, 7) = 6.
    assert len(got.left) == 6
