"""The production calendar page: a year's norms to check against the official calendar, and its corrections."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from kadry.core.models import ChangeRecord
from kadry.leave.calendar_corrections import CALENDAR_SECTION
from kadry.leave.models import CalendarCorrection

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_today")]
D = dt.date


@pytest.fixture
def _today():
    with time_machine.travel(dt.datetime(2026, 12, 3, 9, tzinfo=dt.UTC), tick=False):
        yield


def _row(page: str, title: str) -> str:
    """Return the text of the norms table's row of ``title`` (its cells joined by «|»)."""
    row = page.split(f"<td>{title}</td>", 1)[1].split("</tr>", 1)[0]
    return "|".join(cell.split("</td>")[0].replace("<b>", "").replace("</b>", "") for cell in row.split("<td>")[1:])


def test_the_inspector_reads_the_2026_calendar_as_the_official_one(hr_inspector, django_assert_max_num_queries) -> None:
    with django_assert_max_num_queries(8):
        response = hr_inspector.client.get(reverse("leave:calendar", args=[2026]))
    page = response.content.decode()
    # Постановление Правительства РФ от 24.09.2025 № 1466: 247 working days, 1972 hours on a 40-hour week.
    assert _row(page, "<b>2026 год</b>") == "365|247|118|4|1972|1774,4|1181,6"
    assert _row(page, "Январь") == "31|15|16|0|120|108|72"
    # 9 May 2026 is a Saturday: the day off moves to Monday 11 May — a day off, not a public holiday.
    moved = page.split("Перенесённые выходные", 1)[1].split("Рабочие субботы", 1)[0]
    assert "11.05.2026" in moved
    assert "30.04.2026" in page.split("Предпраздничные сокращённые дни", 1)[1]
    assert "Добавить поправку" not in page  # the inspector checks, the HR head corrects


def test_the_hr_head_adds_replaces_and_deletes_a_correction_with_its_history(hr_head, hr_inspector) -> None:
    url = reverse("leave:calendar", args=[2020])
    assert _row(hr_head.client.get(url).content.decode(), "Июль") == "31|23|8|0|184|165,6|110,4"
    # Указ Президента РФ от 01.06.2020 № 354: 1 July 2020, the vote on the Constitution, was non-working.
    form = {"day": "2020-07-01", "kind": "day_off", "note": "Указ Президента РФ от 01.06.2020 № 354"}
    assert hr_head.client.post(url, form).status_code == 302
    page = hr_head.client.get(url).content.decode()
    assert _row(page, "Июль") == "31|22|9|0|176|158,4|105,6"
    assert "Указ Президента РФ от 01.06.2020 № 354" in page.split('id="corrections"', 1)[1]
    # The same day again replaces its correction.
    hr_head.client.post(url, {**form, "kind": "shortened", "note": "проверка"})
    correction = CalendarCorrection.objects.get()
    assert correction.kind == CalendarCorrection.Kind.SHORTENED
    # Bad input stays on the field.
    page = hr_head.client.post(url, {**form, "day": "2019-05-01"}).content.decode()
    assert "Календарь ведётся с 2020 по 2027 год." in page
    page = hr_head.client.post(url, {**form, "note": ""}).content.decode()
    assert "Обязательное поле" in page
    # Only the HR head and the administrator change the national table.
    delete = reverse("leave:calendar_correction_delete", args=[correction.pk])
    assert hr_inspector.client.post(delete).status_code == 404
    assert hr_inspector.client.post(url, form).status_code == 404
    assert hr_head.client.post(delete).status_code == 302
    assert not CalendarCorrection.objects.exists()
    actions = list(ChangeRecord.objects.filter(section=CALENDAR_SECTION).order_by("id").values_list("action", "actor"))
    user = hr_head.user.pk
    assert actions == [("create", user), ("update", user), ("delete", user)]


def test_the_calendar_is_reached_from_the_menu_and_bounded_in_years(hr_inspector) -> None:
    home = hr_inspector.client.get(reverse("home")).content.decode()
    assert reverse("leave:calendar", args=[2026]) in home
    assert hr_inspector.client.get(reverse("leave:calendar", args=[2019])).status_code == 404
    assert hr_inspector.client.get(reverse("leave:calendar", args=[2028])).status_code == 404
