"""The list forms Т-1а, Т-5а, Т-8а, Т-11а: every column of the unified form, names and positions in the nominative,
the employee's acknowledgement left blank for the signature and the date."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.template.loader import render_to_string
from docx import Document

from kadry.documents import build_templates, order_contexts, order_print_data
from kadry.documents.tests.helpers import pdf_text, response_bytes
from kadry.documents.tests.test_order_forms import (
    _award_list,
    _dismissal_list,
    _hire_list,
    _transfer_list,
    _url,
)
from kadry.orders.models import Order

ACKNOWLEDGEMENT = "С приказом (распоряжением) работник ознакомлен. Личная подпись. Дата"
POSITION = "Должность (специальность, профессия)"

# The columns of the list forms of Постановление Госкомстата России от 05.01.2004 № 1, left to right, as
# the forms print them (a column Kadry keeps no data for stays, blank, to be filled by hand: «Надбавка»,
# «Причина перевода», «Мотив поощрения», «Сумма», the trade union's opinion). Kadry adds «№ п/п», and
# on Т-1а the conditions of work of Т-1, on Т-11а the date of each award.
UNIFIED_COLUMNS: dict[str, list[str]] = {
    "order_t1a": [
        "№ п/п",
        "Фамилия, имя, отчество",
        "Табельный номер",
        "Структурное подразделение",
        "Должность (специальность, профессия), разряд, класс (категория) квалификации",
        "Условия приёма на работу, характер работы",
        "Тарифная ставка (оклад), руб.",
        "Надбавка, руб.",
        "Период работы: с",
        "по",
        "С испытанием на срок, месяцев",
        "Основание: трудовой договор (дата, номер)",
        ACKNOWLEDGEMENT,
    ],
    "order_t5a": [
        "№ п/п",
        "Фамилия, имя, отчество",
        "Табельный номер",
        "Вид перевода (постоянно, временно)",
        "Прежнее место работы: структурное подразделение",
        "Прежнее место работы: должность (специальность, профессия)",
        "Причина перевода",
        "Новое место работы: структурное подразделение",
        "Новое место работы: должность (специальность, профессия)",
        "Тарифная ставка (оклад), руб.",
        "Надбавка, руб.",
        "Дата перевода: с",
        "по",
        "Основание: изменение к трудовому договору или другой документ",
        ACKNOWLEDGEMENT,
    ],
    "order_t8a": [
        "№ п/п",
        "Фамилия, имя, отчество",
        "Табельный номер",
        "Структурное подразделение",
        "Должность (специальность, профессия)",
        "Трудовой договор: дата, номер",
        "Дата прекращения (расторжения) трудового договора (увольнения)",
        "Основание прекращения (расторжения) трудового договора (увольнения)",
        "Документ, номер, дата",
        ACKNOWLEDGEMENT,
        "Мотивированное мнение выборного профсоюзного органа в письменной форме (дата, номер)",
    ],
    "order_t11a": [
        "№ п/п",
        "Фамилия, имя, отчество",
        "Табельный номер",
        "Структурное подразделение",
        "Должность (специальность, профессия)",
        "Мотив поощрения",
        "Вид поощрения (благодарность, ценный подарок, премия и др.)",
        "Сумма, руб.",
        "Дата поощрения",
        "Основание",
        ACKNOWLEDGEMENT,
    ],
}


@pytest.mark.parametrize("kind", sorted(UNIFIED_COLUMNS))
def test_docx_list_form_has_every_column_of_the_unified_form(kind: str) -> None:
    document = Document(str(build_templates.TEMPLATES_DIR / f"{kind}.docx"))

    headers = [cell.text for cell in document.tables[-1].rows[0].cells]

    assert headers == UNIFIED_COLUMNS[kind]


@pytest.mark.parametrize("kind", sorted(UNIFIED_COLUMNS))
def test_pdf_twin_of_a_list_form_has_the_same_columns(kind: str) -> None:
    html = render_to_string(f"documents/print/{kind}.html", {"items": [], "form": {"code": "Т"}})

    headers = re.findall(r"<th>(.*?)</th>", html)

    assert headers == UNIFIED_COLUMNS[kind]


# list scenario → (its name column, its position column, what the rows must read there)
ROWS = {
    "hire_list": (_hire_list, ["Иванова Мария Петровна", "Сидоров Пётр Ильич"], ["учитель математики"]),
    "transfer_list": (
        _transfer_list,
        ["Иванова Мария Петровна", "Сидоров Пётр Ильич"],
        ["заместитель директора по учебно-воспитательной работе", "учитель математики"],
    ),
    "dismissal_list": (_dismissal_list, ["Иванова Мария Петровна", "Сидоров Пётр Ильич"], ["учитель математики"]),
    "award_list": (_award_list, ["Иванова Мария Петровна", "Сидоров Пётр Ильич"], ["учитель математики"]),
}


def _column(rows: list[list[str]], header: str) -> list[str]:
    index = rows[0].index(header)
    return [row[index] for row in rows[1:]]


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(ROWS))
def test_list_rows_hold_the_nominative_and_a_blank_acknowledgement(
    people, units, ivanova, sidorov, seventh, case: str
) -> None:
    scenario, names, positions = ROWS[case]
    order = scenario(people, units, ivanova, sidorov, seventh)

    document = Document(io.BytesIO(response_bytes(people["hr"].client.get(_url(order)))))

    rows = [[cell.text for cell in row.cells] for row in document.tables[-1].rows]
    assert _column(rows, "Фамилия, имя, отчество") == names
    position_header = next(h for h in rows[0] if POSITION.lower() in h.lower() and "Прежнее" not in h)
    assert set(positions) <= set(_column(rows, position_header))
    assert _column(rows, ACKNOWLEDGEMENT) == ["", ""]  # the employee signs and dates it by hand


@pytest.mark.django_db
def test_hire_list_rows_carry_the_personnel_number_and_the_period(people, units, ivanova, sidorov, seventh) -> None:
    order = _hire_list(people, units, ivanova, sidorov, seventh)

    document = Document(io.BytesIO(response_bytes(people["hr"].client.get(_url(order)))))

    rows = [[cell.text for cell in row.cells] for row in document.tables[-1].rows]
    assert _column(rows, "Табельный номер")[0] == "0042"
    assert _column(rows, "Период работы: с") == ["01.09.2026", "02.09.2026"]


@pytest.mark.django_db
def test_pdf_of_a_list_form_names_people_in_the_nominative(people, units, ivanova, sidorov, seventh) -> None:
    order = _dismissal_list(people, units, ivanova, sidorov, seventh)

    text = pdf_text(response_bytes(people["hr"].client.get(_url(order, "pdf"))))

    assert "Иванова Мария Петровна" in text
    assert "Иванову" not in text


def _table_overflow(order: Order) -> float:
    """Return by how many points the widest table of the order's PDF passes the page's content box (laid out by WeasyPrint)."""
    from weasyprint import HTML
    from weasyprint.formatting_structure.boxes import TableBox

    items = order_print_data.order_items(order)
    context = order_contexts.order_context(
        order, items, order_print_data.load_print_data(order, items), organisation=order.organisation
    )
    form = order_contexts.print_form(order, len(items))
    page = HTML(string=render_to_string(f"documents/print/{form.kind}.html", context)).render().pages[0]
    box = page._page_box
    right = box.position_x + box.margin_left + box.padding_left + box.width

    def tables(parent: Any) -> list[Any]:
        found = [parent] if isinstance(parent, TableBox) else []
        for child in getattr(parent, "children", []):
            found += tables(child)
        return found

    return max(table.position_x + table.margin_width() - right for table in tables(box))


@pytest.mark.django_db
def test_pdf_of_the_widest_list_form_keeps_every_column_on_the_page(people, units, ivanova, sidorov, seventh) -> None:
    # Т-5а has 15 columns: its table used to run off the right edge, cutting the signature column.
    order = _transfer_list(people, units, ivanova, sidorov, seventh)

    assert _table_overflow(order) <= 0.5
