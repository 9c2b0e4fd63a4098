"""No attendance and no class hours on a day without lessons: a day off, a public holiday, school holidays,
a day outside the school year. The same Russian message on the field in the service, the UI and the API."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from kadry.api.tests.conftest import Api
from kadry.core.services import create_api_token
from kadry.school.models import AttendanceMark, ClassHour, Holiday
from kadry.school.rules.school_days import no_lessons_reason
from kadry.school.services.attendance import AttendanceErrors, MarkInput, save_day

D = dt.date
YEAR: dict[str, Any] = {"year_name": "2026/2027", "year_start": D(2026, 9, 1), "year_end": D(2027, 8, 31)}

# Written out by hand from the 2026 and 2027 production calendars (ТК РФ ст. 112 and the decrees of the
# Government on the transfer of days off) and the school year of the factories, 01.09.2026–31.08.2027.
CASES = [
    (D(2026, 11, 18), None, None),  # a Wednesday
    (D(2026, 11, 4), None, "04.11.2026 — нерабочий праздничный день (День народного единства): уроков нет."),
    (D(2026, 11, 7), None, "07.11.2026 — выходной день (суббота): уроков нет."),
    (D(2026, 11, 8), None, "08.11.2026 — выходной день (воскресенье): уроков нет."),
    (D(2027, 1, 7), None, "07.01.2027 — нерабочий праздничный день (Рождество Христово): уроков нет."),
    (D(2027, 3, 8), None, "08.03.2027 — нерабочий праздничный день (Международный женский день): уроков нет."),
    (D(2026, 12, 31), None, "31.12.2026 — выходной день (перенесено с 04.01.2026): уроков нет."),
    (D(2026, 8, 31), None, "31.08.2026 — вне учебного года 2026/2027 (01.09.2026–31.08.2027): уроков нет."),
    (D(2027, 9, 1), None, "01.09.2027 — вне учебного года 2026/2027 (01.09.2026–31.08.2027): уроков нет."),
    (D(2026, 10, 28), "Осенние каникулы", "28.10.2026 — каникулы (Осенние каникулы): уроков нет."),
]


@pytest.mark.parametrize(("day", "school_holiday", "expected"), CASES)
def test_no_lessons_reason(day, school_holiday, expected) -> None:
    assert no_lessons_reason(day, school_holiday=school_holiday, **YEAR) == expected


pytestmark_db = pytest.mark.django_db


@pytest.fixture
def teacher_api(class_teacher, seventh) -> Api:
    _token, secret = create_api_token(actor=class_teacher.user, membership=class_teacher.membership, name="тесты")
    return Api(secret)


@pytestmark_db
@pytest.mark.parametrize("day", [D(2026, 11, 4), D(2026, 11, 7), D(2026, 8, 31)])
def test_attendance_is_not_marked_on_a_day_without_lessons(class_teacher, seventh, pupils, day) -> None:
    with pytest.raises(AttendanceErrors) as refused:
        save_day(
            actor=class_teacher.user,
            school_class=seventh,
            date=day,
            marks=[MarkInput(pupils[0].pk, kind="absent")],
            today=D(2026, 11, 20),
        )
    assert refused.value.day == [{c[0]: c[2] for c in CASES}[day]]
    assert not AttendanceMark.objects.exists()


@pytestmark_db
def test_the_grid_shows_a_day_off_and_refuses_to_save_it(class_teacher, seventh, pupils) -> None:
    url = f"{reverse('school:attendance_grid', args=[seventh.pk])}?date=2026-11-07"
    page = class_teacher.client.get(url).content.decode()
    assert "07.11.2026 — выходной день (суббота): уроков нет." in page
    data = {f"s{pupils[0].pk}-kind": "absent", f"s{pupils[0].pk}-whole_day": "on"}
    response = class_teacher.client.post(url, data)
    assert response.status_code == 422
    assert "07.11.2026 — выходной день (суббота): уроков нет." in response.content.decode()
    assert not AttendanceMark.objects.exists()


@pytestmark_db
def test_the_api_refuses_attendance_on_a_public_holiday_on_the_date(teacher_api, seventh, pupils) -> None:
    body = {"marks": [{"student": pupils[0].pk, "kind": "absent"}]}
    response = teacher_api.put(f"/school/classes/{seventh.pk}/attendance?date=2026-11-04", body)
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "date": ["04.11.2026 — нерабочий праздничный день (День народного единства): уроков нет."]
    }
    assert not AttendanceMark.objects.exists()


@pytestmark_db
@time_machine.travel(dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC), tick=False)
def test_a_class_hour_is_not_planned_on_a_saturday_in_the_ui(class_teacher, seventh) -> None:
    url = reverse("school:class_hours", args=[seventh.pk])
    response = class_teacher.client.post(url, {"date": "2026-11-28", "topic": "Профориентация"})
    assert response.status_code == 400
    assert response.context["form"].errors == {"date": ["28.11.2026 — выходной день (суббота): уроков нет."]}
    assert not ClassHour.objects.exists()
    assert class_teacher.client.post(url, {"date": "2026-11-27", "topic": "Профориентация"}).status_code == 302


@pytestmark_db
@time_machine.travel(dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC), tick=False)
def test_a_class_hour_is_not_planned_in_school_holidays_or_after_the_year_in_the_api(
    teacher_api, school, seventh
) -> None:
    Holiday.objects.create(
        organisation=school, academic_year=seventh.academic_year, name="Зимние каникулы",
        start=D(2026, 12, 29), end=D(2027, 1, 10),
    )  # fmt: skip
    path = f"/school/classes/{seventh.pk}/class-hours"
    holidays = teacher_api.post(path, {"date": "2026-12-29", "topic": "Итоги четверти"})
    summer = teacher_api.post(path, {"date": "2027-09-02", "topic": "Итоги года"})
    assert (holidays.status_code, summer.status_code) == (422, 422)
    assert holidays.json()["errors"] == {"date": ["29.12.2026 — каникулы (Зимние каникулы): уроков нет."]}
    assert summer.json()["errors"] == {
        "date": ["02.09.2027 — вне учебного года 2026/2027 (01.09.2026–31.08.2027): уроков нет."]
    }
    planned = teacher_api.post(path, {"date": "2026-12-28", "topic": "Итоги четверти"})
    assert planned.status_code == 201 and planned.json()["date"] == "2026-12-28"
    assert ClassHour.objects.get().topic == "Итоги четверти"
