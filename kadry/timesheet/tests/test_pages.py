"""The timesheet pages: a department's month in a bounded number of queries, corrections through the form,
the close, the corrective timesheet, Т-13 as XLSX and PDF, the access log."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kadry.core.models import AccessLogEntry
from kadry.documents.tests.helpers import pdf_text
from kadry.employment.models import Assignment
from kadry.staff.models import Position
from kadry.timesheet.models import Timesheet, TimesheetCorrection
from kadry.timesheet.tests.conftest import worker

pytestmark = pytest.mark.django_db
D = dt.date
ARGS = (2026, 11)


def _url(name: str, office, query: str = "", *more: str) -> str:
    return reverse(f"timesheet:{name}", args=[*ARGS, office.pk, *more]) + query


@pytest.mark.parametrize("count", [3, 30])
def test_a_departments_month_costs_a_fixed_number_of_queries(
    hr_inspector, school, office, count: int, django_assert_max_num_queries
) -> None:
    for n in range(count):
        worker(school, office, f"Учителева{n}", f"Учитель {n}", Position.Category.PEDAGOGICAL)
    url = _url("sheet", office)
    hr_inspector.client.get(url)  # the first opening makes the primary timesheet
    with django_assert_max_num_queries(13):
        response = hr_inspector.client.get(url)
    body = response.content.decode()
    assert response.status_code == 200 and "Учителева0" in body and f"Учителева{count - 1}" in body
    assert "143" in body  # the 36-hour norm of November 2026


def test_the_page_shows_codes_totals_and_logs_the_access(hr_inspector, school, office, november) -> None:
    body = hr_inspector.client.get(_url("sheet", office)).content.decode()
    assert "Смирнова Мария Петровна" in body and "ОТ" in body and "Б" in body and "К" in body
    assert "115,2" in body and "79,5" in body  # the teacher's hours; the part-timer's
    sheet = Timesheet.objects.get()
    log = AccessLogEntry.objects.filter(actor=hr_inspector.user).latest("id")
    assert log.what == "Табель учёта рабочего времени" and log.subject_id == sheet.pk
    assert log.subject_repr == "Табель Административный отдел, ноябрь 2026"


def test_the_correction_form_is_built_when_asked_for(hr_inspector, director, office, november) -> None:
    correct = _url("correct", office)
    page = hr_inspector.client.get(_url("sheet", office)).content.decode()
    assert "Исправить табель" in page and correct not in page  # not built with every view
    # Opened with htmx: the form alone, with every row of the month to choose from.
    fragment = hr_inspector.client.get(_url("sheet", office, "?correct=1"), headers={"HX-Request": "true"})
    body = fragment.content.decode()
    assert correct in body and "Смирнова Мария Петровна" in body and "<html" not in body
    # Without JavaScript the link opens the whole page with the form.
    whole = hr_inspector.client.get(_url("sheet", office, "?correct=1")).content.decode()
    assert correct in whole and "<html" in whole
    # The director does not correct timesheets: neither the offer nor the form.
    seen = director.client.get(_url("sheet", office, "?correct=1"), headers={"HX-Request": "true"}).content.decode()
    assert "Исправить табель" not in seen and correct not in seen


def test_the_index_lists_departments_and_reaches_the_month(hr_inspector, office) -> None:
    body = hr_inspector.client.get(reverse("timesheet:index", args=ARGS)).content.decode()
    assert _url("sheet", office) in body and "ещё не открывался" in body
    assert hr_inspector.client.get(reverse("timesheet:index", args=[2026, 13])).status_code == 404


def test_correct_close_refuse_and_correct_again_on_a_corrective(hr_inspector, director, school, office,
                                                                 november) -> None:  # fmt: skip
    secretary = Assignment.objects.get(employee=november["secretary"])
    form = {"assignment": secretary.pk, "start": "2026-11-26", "end": "2026-11-27", "code": "ПР",
            "reason": "Акт об отсутствии на рабочем месте", "version": "0"}  # fmt: skip
    # No reason: refused on the field.
    response = hr_inspector.client.post(_url("correct", office), {**form, "reason": ""})
    assert response.status_code == 200 and not TimesheetCorrection.objects.exists()
    # A day of another month: refused on the field.
    response = hr_inspector.client.post(_url("correct", office), {**form, "end": "2026-12-01"})
    assert "Дни должны быть в месяце табеля" in response.content.decode()
    assert hr_inspector.client.post(_url("correct", office), form).status_code == 302
    assert TimesheetCorrection.objects.count() == 2
    # A second editor's form read at version 0 is refused.
    stale = hr_inspector.client.post(_url("correct", office), {**form, "code": "НН"})
    assert "изменил другой пользователь" in stale.content.decode()
    assert director.client.post(_url("close", office), {"version": "1"}).status_code == 404  # HR closes
    hr_inspector.client.post(_url("close", office), {"version": "1"})
    sheet = Timesheet.objects.get()
    assert sheet.is_closed
    refused = hr_inspector.client.post(_url("correct", office), {**form, "version": str(sheet.version)})
    assert "корректирующий табель" in refused.content.decode()
    # A form read before the close is told of the close, not of another editor.
    stale = hr_inspector.client.post(_url("correct", office), {**form, "version": "1"}).content.decode()
    assert "Табель закрыт: исправление вносится в корректирующий табель." in stale
    assert "изменил другой пользователь" not in stale
    assert TimesheetCorrection.objects.count() == 2
    page = hr_inspector.client.get(_url("sheet", office)).content.decode()
    assert _url("corrective", office) in page and _url("correct", office) not in page
    hr_inspector.client.post(_url("corrective", office), {"version": str(sheet.version)})
    corrective = Timesheet.objects.get(number=1)
    assert corrective.corrects == sheet and not corrective.is_closed
    again = {**form, "start": "2026-11-27", "end": "", "code": "Я", "hours": "8", "reason": "Объяснительная",
             "version": str(corrective.version)}  # fmt: skip
    assert hr_inspector.client.post(_url("correct", office), again).status_code == 302
    page = hr_inspector.client.get(_url("sheet", office)).content.decode()
    assert "корректирующий табель № 1" in page and 'class=" changed"' not in page and "changed" in page
    original = hr_inspector.client.get(_url("sheet", office, "?n=0")).content.decode()
    assert "первичный табель" in original


def test_t13_xlsx_and_pdf(hr_inspector, school, office, november) -> None:
    response = hr_inspector.client.get(_url("xlsx", office))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("№", "Фамилия, имя, отчество", "Табельный номер") and rows[0][6] == "1"
    teacher = next(row for row in rows if row[1] == "Смирнова Мария Петровна")
    assert teacher[6:10] == ("В", "ОТ", "ОТ", "В") and teacher[14] == "Я 7,2"
    assert teacher[-4:] == (16, 115.2, 143.0, "ОТ (09): 5")
    response = hr_inspector.client.get(_url("pdf", office, "", "t13"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Т-13" in text and "0301008" in text and "ТАБЕЛЬ" in text and "Смирнова Мария Петровна" in text
    assert "115,2" in text or "115.2" in text
    text = pdf_text(hr_inspector.client.get(_url("pdf", office, "", "0504421")).content)
    assert "0504421" in text and "учёта использования рабочего времени" in text and "Козлова Мария Петровна" in text
    assert hr_inspector.client.get(_url("pdf", office, "", "t12")).status_code == 404
    assert [e.what for e in AccessLogEntry.objects.order_by("id")] == [
        "Табель учёта рабочего времени (XLSX)", "Табель учёта рабочего времени (Т-13, PDF)",
        "Табель учёта рабочего времени (ф. 0504421, PDF)"]  # fmt: skip
