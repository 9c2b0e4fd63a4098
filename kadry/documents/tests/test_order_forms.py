"""Printed orders: every kind on its form (Т-1 … Т-11, free-form), names declined, access and query counts."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from decimal import Decimal
from urllib.parse import unquote

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from docx import Document

from kadry.core.chain import LINK_QUERIES
from kadry.core.models import AccessLogEntry
from kadry.documents import order_contexts, order_print_data
from kadry.documents.models import DocumentTemplate
from kadry.documents.order_contexts import ORDER_TEMPLATE_KINDS
from kadry.documents.order_print_data import BLANK
from kadry.documents.placeholders import PLACEHOLDERS
from kadry.documents.services import upload_template
from kadry.documents.tests.helpers import context_paths, docx_text, pdf_text, response_bytes
from kadry.orders import services as orders
from kadry.orders.models import Order
from kadry.orders.tests.conftest import HIRE, make_order
from kadry.staff.models import Employee
from kadry.testing.factories import (
    AssignmentFactory,
    StaffingUnitFactory,
)

D = dt.date
NBSP = "\u00a0"


def _url(order: Order, fmt: str = "docx") -> str:
    return reverse("documents:order_print", args=[order.pk, fmt])


def _hired(hr_inspector, director, units, employee: Employee) -> Order:
    order = make_order(
        hr_inspector,
        Order.Kind.HIRE,
        D(2026, 9, 1),
        {"employee": employee, "date": D(2026, 9, 1), "staffing_unit": units["maths"], **HIRE},
    )
    return orders.sign_order(actor=director.user, order=order)


# Each scenario drafts (and signs, where the effect matters for the text) one order about Иванова.
Scenario = Callable[..., Order]


def _hire(p, units, ivanova, sidorov, seventh) -> Order:
    return _hired(p["hr"], p["director"], units, ivanova)


def _hire_list(p, units, ivanova, sidorov, seventh) -> Order:
    order = make_order(
        p["hr"],
        Order.Kind.HIRE,
        D(2026, 9, 1),
        {"employee": ivanova, "date": D(2026, 9, 1), "staffing_unit": units["maths"], **HIRE},
        {
            "employee": sidorov,
            "date": D(2026, 9, 2),
            "staffing_unit": units["deputy"],
            **HIRE,
            "contract_number": "16/26",
        },
    )
    return orders.sign_order(actor=p["director"].user, order=order)


def _transfer(p, units, ivanova, sidorov, seventh) -> Order:
    _hired(p["hr"], p["director"], units, ivanova)
    order = make_order(
        p["hr"],
        Order.Kind.TRANSFER,
        D(2026, 10, 5),
        {
            "employee": ivanova,
            "date": D(2026, 10, 6),
            "staffing_unit": units["deputy"],
            "rate": Decimal("1"),
            "basis": "заявление от 01.10.2026",
        },
    )
    return orders.sign_order(actor=p["director"].user, order=order)


def _dismissal(p, units, ivanova, sidorov, seventh) -> Order:
    _hired(p["hr"], p["director"], units, ivanova)
    order = make_order(
        p["hr"],
        Order.Kind.DISMISSAL,
        D(2026, 11, 20),
        {
            "employee": ivanova,
            "date": D(2026, 11, 20),
            "dismissal_ground": "77-1-3",
            "statement_date": D(2026, 11, 6),
            "basis": "заявление работника от 06.11.2026",
        },
    )
    return orders.sign_order(actor=p["director"].user, order=order)


def _award(p, units, ivanova, sidorov, seventh) -> Order:
    _hired(p["hr"], p["director"], units, ivanova)
    order = make_order(
        p["hr"],
        Order.Kind.AWARD,
        D(2026, 10, 5),
        {"employee": ivanova, "date": D(2026, 10, 5), "award": "Почётная грамота", "basis": "представление"},
    )
    return orders.sign_order(actor=p["director"].user, order=order)


def _transfer_list(p, units, ivanova, sidorov, seventh) -> Order:
    _hire_list(p, units, ivanova, sidorov, seventh)
    order = make_order(
        p["hr"],
        Order.Kind.TRANSFER,
        D(2026, 10, 5),
        {"employee": ivanova, "date": D(2026, 10, 6), "staffing_unit": units["deputy"], "rate": Decimal("0.5")},
        {"employee": sidorov, "date": D(2026, 10, 6), "staffing_unit": units["maths"], "rate": Decimal("1")},
    )
    return orders.sign_order(actor=p["director"].user, order=order)


def _dismissal_list(p, units, ivanova, sidorov, seventh) -> Order:
    _hire_list(p, units, ivanova, sidorov, seventh)
    items = [
        {"employee": e, "date": D(2026, 11, 20), "dismissal_ground": "77-1-1", "basis": "соглашение сторон"}
        for e in (ivanova, sidorov)
    ]
    order = make_order(p["hr"], Order.Kind.DISMISSAL, D(2026, 11, 20), *items)
    return orders.sign_order(actor=p["director"].user, order=order)


def _award_list(p, units, ivanova, sidorov, seventh) -> Order:
    _hire_list(p, units, ivanova, sidorov, seventh)
    items = [{"employee": e, "date": D(2026, 10, 5), "award": "Благодарность"} for e in (ivanova, sidorov)]
    order = make_order(p["hr"], Order.Kind.AWARD, D(2026, 10, 5), *items)
    return orders.sign_order(actor=p["director"].user, order=order)


def _sanction(p, units, ivanova, sidorov, seventh) -> Order:
    _hired(p["hr"], p["director"], units, ivanova)
    order = make_order(
        p["hr"],
        Order.Kind.SANCTION,
        D(2026, 11, 16),
        {
            "employee": ivanova,
            "date": D(2026, 11, 16),
            "sanction_kind": "remark",
            "misconduct": "Опоздание на урок",
            "misconduct_date": D(2026, 11, 10),
            "misconduct_discovered_on": D(2026, 11, 10),
            "explanation_requested_on": D(2026, 11, 11),
            "basis": "докладная записка от 10.11.2026",
        },
    )
    return orders.sign_order(actor=p["director"].user, order=order)


def _surname_change(p, units, ivanova, sidorov, seventh) -> Order:
    _hired(p["hr"], p["director"], units, ivanova)
    order = make_order(
        p["hr"],
        Order.Kind.SURNAME_CHANGE,
        D(2026, 10, 1),
        {
            "employee": ivanova,
            "date": D(2026, 10, 1),
            "new_last_name": "Петрова",
            "basis": "свидетельство о заключении брака от 20.09.2026",
        },
    )
    return orders.sign_order(actor=p["director"].user, order=order)


def _appointment(p, units, ivanova, sidorov, seventh) -> Order:
    _hired(p["hr"], p["director"], units, ivanova)
    order = make_order(
        p["hr"],
        Order.Kind.CLASS_TEACHER_APPOINTMENT,
        D(2026, 9, 1),
        {"employee": ivanova, "date": D(2026, 9, 1), "school_class": seventh, "monthly_allowance": Decimal("5000")},
    )
    return orders.sign_order(actor=p["director"].user, order=order)


def _release(p, units, ivanova, sidorov, seventh) -> Order:
    _appointment(p, units, ivanova, sidorov, seventh)
    order = make_order(
        p["hr"],
        Order.Kind.CLASS_TEACHER_RELEASE,
        D(2026, 11, 25),
        {"employee": ivanova, "date": D(2026, 12, 31), "school_class": seventh},
    )
    return orders.sign_order(actor=p["director"].user, order=order)


def _cancellation(p, units, ivanova, sidorov, seventh) -> Order:
    hire = _hired(p["hr"], p["director"], units, ivanova)
    order = orders.create_draft(
        actor=p["hr"].user,
        organisation_id=p["hr"].organisation.pk,
        kind=Order.Kind.CANCELLATION,
        date=D(2026, 9, 3),
        cancels=hire,
        note="В связи с отказом работника от работы",
    )
    return orders.sign_order(actor=p["director"].user, order=order)


def _signed_on_its_date(p, order: Order) -> Order:
    """Sign ``order`` on its own date (an order cannot be signed before it): these are dated ahead of today."""
    with time_machine.travel(dt.datetime.combine(order.date, dt.time(9), tzinfo=dt.UTC), tick=False):
        return orders.sign_order(actor=p["director"].user, order=order)


def _leave(p, units, ivanova, sidorov, seventh) -> Order:
    _hired(p["hr"], p["director"], units, ivanova)
    item = {"employee": ivanova, "date": D(2026, 12, 28), "leave_kind": "annual", "leave_days": 14}
    order = make_order(
        p["hr"], Order.Kind.LEAVE, D(2026, 12, 10), {**item, "leave_additional_days": 3, "basis": "график отпусков"}
    )
    return _signed_on_its_date(p, order)


def _leave_list(p, units, ivanova, sidorov, seventh) -> Order:
    _hire_list(p, units, ivanova, sidorov, seventh)
    items = [
        {"employee": e, "date": D(2026, 12, 28), "leave_kind": "annual", "leave_days": 14} for e in (ivanova, sidorov)
    ]
    order = make_order(p["hr"], Order.Kind.LEAVE, D(2026, 12, 10), *items)
    return _signed_on_its_date(p, order)


def _leave_recall(p, units, ivanova, sidorov, seventh) -> Order:
    _leave(p, units, ivanova, sidorov, seventh)
    item = {"employee": ivanova, "date": D(2027, 1, 11), "basis": "согласие работника от 08.01.2027"}
    order = make_order(p["hr"], Order.Kind.LEAVE_RECALL, D(2027, 1, 8), item)
    return _signed_on_its_date(p, order)


def _trip(**changes):
    return {"date": D(2026, 11, 16), "end_date": D(2026, 11, 18), "destination": "г. Москва, ФГБНУ «ИСРО РАО»",
            "purpose": "участие в семинаре учителей математики", "basis": "служебная записка от 10.11.2026 № 7",
            **changes}  # fmt: skip


def _business_trip(p, units, ivanova, sidorov, seventh) -> Order:
    _hired(p["hr"], p["director"], units, ivanova)
    order = make_order(p["hr"], Order.Kind.BUSINESS_TRIP, D(2026, 11, 12), {"employee": ivanova, **_trip()})
    return orders.sign_order(actor=p["director"].user, order=order)


def _business_trip_list(p, units, ivanova, sidorov, seventh) -> Order:
    _hire_list(p, units, ivanova, sidorov, seventh)
    order = make_order(p["hr"], Order.Kind.BUSINESS_TRIP, D(2026, 11, 12), {"employee": ivanova, **_trip()},
                       {"employee": sidorov, **_trip(end_date=D(2026, 11, 20))})  # fmt: skip
    return orders.sign_order(actor=p["director"].user, order=order)


def _sanction_lift(p, units, ivanova, sidorov, seventh) -> Order:
    sanction = _sanction(p, units, ivanova, sidorov, seventh)
    item = {"employee": ivanova, "date": D(2026, 11, 25), "lifted_sanction": sanction.items.get(),
            "lift_initiative": "manager", "basis": "ходатайство заместителя директора от 24.11.2026"}  # fmt: skip
    order = make_order(p["hr"], Order.Kind.SANCTION_LIFT, D(2026, 11, 25), item)
    return orders.sign_order(actor=p["director"].user, order=order)


# kind → (scenario, the template used, what the DOCX must say, the name the PDF must hold)
CASES: dict[str, tuple[Scenario, str, list[str], str]] = {
    "hire": (
        _hire,
        "order_t1",
        [
            "Унифицированная форма № Т-1",
            "о приёме работника на работу",
            "Принять на работу Иванову Марию Петровну (табельный номер 0042)",
            "в структурное подразделение «МО учителей математики»",
            "на должность учителя математики",
            "с 1 сентября 2026 г.",
            f"с тарифной ставкой (окладом) 35{NBSP}000,00{NBSP}руб.",
            "трудовой договор от 01.09.2026 № 15/26",
            "1-к",
            "С приказом (распоряжением) работник ознакомлена",
        ],
        "Иванову Марию Петровну",
    ),
    "hire_list": (
        _hire_list,
        "order_t1a",
        [
            "Унифицированная форма № Т-1а",
            "Принять на работу:",
            "Иванова Мария Петровна",
            "Сидоров Пётр Ильич",
            "учитель математики",
            "заместитель директора по учебно-воспитательной работе",
            "02.09.2026",
        ],
        "Сидоров Пётр Ильич",
    ),
    "transfer": (
        _transfer,
        "order_t5",
        [
            "Унифицированная форма № Т-5",
            "Перевести на другую работу Иванову Марию Петровну",
            "с 6 октября 2026 г.",
            "Вид перевода: постоянно",
            "структурное подразделение «МО учителей математики», должность учитель математики",
            "на должность заместителя директора по учебно-воспитательной работе",
            "Основание: заявление от 01.10.2026",
        ],
        "Иванову Марию Петровну",
    ),
    "transfer_list": (
        _transfer_list,
        "order_t5a",
        [
            "Унифицированная форма № Т-5а",
            "Перевести на другую работу:",
            "Иванова Мария Петровна",
            "Сидоров Пётр Ильич",
            "МО учителей математики",
            "Администрация",
            "заместитель директора по учебно-воспитательной работе",
            "06.10.2026",
        ],
        "Сидоров Пётр Ильич",
    ),
    "dismissal_list": (
        _dismissal_list,
        "order_t8a",
        [
            "Унифицированная форма № Т-8а",
            "Прекратить действие трудового договора и уволить:",
            "Иванова Мария Петровна",
            "Сидоров Пётр Ильич",
            "учитель математики",
            "от 01.09.2026 № 15/26",
            "от 01.09.2026 № 16/26",
            "Трудовой договор расторгнут по соглашению сторон, пункт 1 части первой статьи 77 "
            "Трудового кодекса Российской Федерации",
            "20.11.2026",
        ],
        "Сидоров Пётр Ильич",
    ),
    "award_list": (
        _award_list,
        "order_t11a",
        [
            "Унифицированная форма № Т-11а",
            "Поощрить:",
            "Иванова Мария Петровна",
            "Сидоров Пётр Ильич",
            "учитель математики",
            "заместитель директора по учебно-воспитательной работе",
            "Благодарность",
            "05.10.2026",
        ],
        "Сидоров Пётр Ильич",
    ),
    "dismissal": (
        _dismissal,
        "order_t8",
        [
            "Унифицированная форма № Т-8",
            "Прекратить действие трудового договора от 01.09.2026 № 15/26, уволить 20 ноября 2026 г.",
            "Иванову Марию Петровну (табельный номер 0042)",
            "с должности учителя математики",
            "Трудовой договор расторгнут по инициативе работника, пункт 3 части первой статьи 77 "
            "Трудового кодекса Российской Федерации",
            "заявление работника от 06.11.2026",
            # 01.09–20.11.2026: 2 months 20 days → 3 months (п. 35); 56 × 3 / 12 = 14 days, none used.
            "компенсация за неиспользованный отпуск — 14.00 календарных дн. (ТК РФ ст. 127)".replace(".00", ",00"),
        ],
        "Иванову Марию Петровну",
    ),
    "award": (
        _award,
        "order_t11",
        [
            "Унифицированная форма № Т-11",
            "Поощрить учителя математики Иванову Марию Петровну",
            "Вид поощрения: Почётная грамота",
            "5 октября 2026 г.",
        ],
        "Иванову Марию Петровну",
    ),
    "sanction": (
        _sanction,
        "order_sanction",
        [
            "о применении дисциплинарного взыскания",
            "В соответствии со статьями 192 и 193 Трудового кодекса Российской Федерации,",
            "ПРИКАЗЫВАЮ:",
            "1. Объявить замечание учителю математики Ивановой Марии Петровне за опоздание на урок "
            "(дата совершения проступка — 10 ноября 2026 г.; дата обнаружения — 10 ноября 2026 г.). "
            "Основание: докладная записка от 10.11.2026. Письменное объяснение затребовано 11 ноября 2026 г.",
            "С приказом ознакомлена",
            "16 ноября 2026 г.",
        ],
        "Ивановой Марии Петровне",
    ),
    "sanction_lift": (
        _sanction_lift,
        "order_sanction_lift",
        [
            "о снятии дисциплинарного взыскания",
            "В соответствии с частью второй статьи 194 Трудового кодекса Российской Федерации,",
            "1. Снять с учителя математики Ивановой Марии Петровны дисциплинарное взыскание в виде замечания, "
            "объявленное приказом от 16 ноября 2026 г. № 2-к, досрочно с 25 ноября 2026 г. по ходатайству "
            "непосредственного руководителя. Основание: ходатайство заместителя директора от 24.11.2026.",
            "3-к",
        ],
        "Ивановой Марии Петровны",
    ),
    "surname_change": (
        _surname_change,
        "order_surname_change",
        [
            "об изменении фамилии работника",
            "1. Изменить фамилию учителя математики Ивановой Марии Петровны на «Петрова» с 1 октября 2026 г. "
            "Основание: свидетельство о заключении брака от 20.09.2026.",
            "Петрова М. П.",
        ],
        "Ивановой Марии Петровны",
    ),
    "class_teacher_appointment": (
        _appointment,
        "order_class_teacher",
        [
            "о назначении классного руководителя",
            "1. Назначить учителя математики Иванову Марию Петровну классным руководителем 7Б класса "
            "(2026/2027 учебный год) с 1 сентября 2026 г. с ежемесячным вознаграждением за классное руководство "
            f"в размере 5{NBSP}000,00{NBSP}руб.",
        ],
        "Иванову Марию Петровну",
    ),
    "class_teacher_release": (
        _release,
        "order_class_teacher",
        [
            "об освобождении от классного руководства",
            "1. Освободить учителя математики Иванову Марию Петровну от классного руководства 7Б класса "
            "(2026/2027 учебный год); последний день классного руководства — 31 декабря 2026 г., выплату "
            "вознаграждения за классное руководство прекратить с 1 января 2027 г.",
        ],
        "Иванову Марию Петровну",
    ),
    "leave": (
        _leave,
        "order_t6",
        [
            "Унифицированная форма № Т-6",
            "о предоставлении отпуска работнику",
            "Ивановой Марии Петровне (табельный номер 0042)",
            "за период работы с 01.09.2026 по 31.08.2027",
            # 1–8 January are holidays: 14 days from 28.12.2026 end on 18.01.2027 (ТК РФ ст. 120).
            "А. ежегодный основной оплачиваемый отпуск на 14 календарных дней с 28.12.2026 по 18.01.2027",
            "Б. ежегодный дополнительный оплачиваемый отпуск на 3 календарных дней с 19.01.2027 по 21.01.2027",
            "В. Всего отпуск на 17 календарных дней с 28.12.2026 по 21.01.2027",
            "1-о",  # leave orders are numbered in their own journal
        ],
        "Ивановой Марии Петровне",
    ),
    "leave_list": (
        _leave_list,
        "order_t6a",
        [
            "Унифицированная форма № Т-6а",
            "Предоставить отпуск:",
            "Иванова Мария Петровна",
            "Сидоров Пётр Ильич",
            "18.01.2027",
        ],
        "Сидоров Пётр Ильич",
    ),
    "leave_recall": (
        _leave_recall,
        "order_leave_recall",
        [
            "об отзыве работника из отпуска",
            "из ежегодного оплачиваемого отпуска с 11 января 2027 г.",
            "согласие работника",
        ],
        "Иванову Марию Петровну",
    ),
    "business_trip": (
        _business_trip,
        "order_t9",
        [
            "Унифицированная форма № Т-9",
            "0301022",  # ОКУД
            "о направлении работника в командировку",
            "Направить в командировку",
            "Иванову Марию Петровну (табельный номер 0042)",
            "структурное подразделение «МО учителей математики», должность учитель математики",
            "место назначения: г. Москва, ФГБНУ «ИСРО РАО»",
            "сроком на 3 календарных дней с 16 ноября 2026 г. по 18 ноября 2026 г.",
            "с целью: участие в семинаре учителей математики",
            "Основание (документ, номер, дата): служебная записка от 10.11.2026 № 7",
            "2-к",  # business trips are registered with the orders on personnel
        ],
        "Иванову Марию Петровну",
    ),
    "business_trip_list": (
        _business_trip_list,
        "order_t9a",
        [
            "Унифицированная форма № Т-9а",
            "0301023",  # ОКУД
            "о направлении работников в командировку",
            "Направить в командировку:",
            "Иванова Мария Петровна",
            "Сидоров Пётр Ильич",
            "20.11.2026",
        ],
        "Сидоров Пётр Ильич",
    ),
    "cancellation": (
        _cancellation,
        "order_cancellation",
        [
            "об отмене приказа от 01.09.2026 № 1-к",
            "В связи с отказом работника от работы,",
            "1. Отменить приказ от 1 сентября 2026 г. № 1-к «О приёме работника на работу» "
            "в отношении Ивановой Марии Петровны.",
            "2-к",
        ],
        "Ивановой Марии Петровны",
    ),
}


def test_every_kind_of_order_has_a_case_and_a_shipped_template() -> None:
    assert set(Order.Kind.values) <= {case.removesuffix("_list") for case in CASES}
    assert {template for _s, template, _t, _n in CASES.values()} == set(ORDER_TEMPLATE_KINDS)


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(CASES))
def test_order_prints_as_docx_on_its_form(people, units, ivanova, sidorov, seventh, case: str) -> None:
    scenario, _template, expected, _name = CASES[case]
    order = scenario(people, units, ivanova, sidorov, seventh)

    response = people["hr"].client.get(_url(order))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument")
    content = response_bytes(response)
    Document(io.BytesIO(content))  # opens with python-docx
    text = docx_text(content)
    for fragment in expected:
        assert fragment in text, (fragment, text)
    assert "ПРИКАЗ" in text
    assert "Руководитель организации" in text
    assert "А. С. Петрова" in text  # the director who signed
    assert "{{" not in text and "{%" not in text
    assert f"_{order.display_number}_{order.date.isoformat()}.docx" in unquote(response["Content-Disposition"])


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(CASES))
def test_every_field_an_order_gives_its_template_is_documented(
    people, units, ivanova, sidorov, seventh, case: str
) -> None:
    scenario, template, _expected, _name = CASES[case]
    order = order_print_data.order_for_print(Order.objects.all(), scenario(people, units, ivanova, sidorov, seventh).pk)
    items = order_print_data.order_items(order)
    context = order_contexts.order_context(
        order, items, order_print_data.load_print_data(order, items), organisation=order.organisation
    )

    assert context_paths(context) - set(PLACEHOLDERS[template]) == set(), "add them to kadry/documents/placeholders.py"


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(CASES))
def test_order_prints_as_pdf(people, units, ivanova, sidorov, seventh, case: str) -> None:
    scenario, _template, _expected, name = CASES[case]
    order = scenario(people, units, ivanova, sidorov, seventh)

    response = people["director"].client.get(_url(order, "pdf"))

    assert response.status_code == 200
    content = response_bytes(response)
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    assert name in text
    assert "ПРИКАЗ" in text


@pytest.mark.django_db
def test_hire_list_names_both_people_in_its_rows(people, units, ivanova, sidorov, seventh) -> None:
    order = _hire_list(people, units, ivanova, sidorov, seventh)

    document = Document(io.BytesIO(response_bytes(people["hr"].client.get(_url(order)))))

    rows = [[cell.text for cell in row.cells] for row in document.tables[-1].rows]
    assert [row[1] for row in rows[1:]] == ["Иванова Мария Петровна", "Сидоров Пётр Ильич"]
    assert [row[-1] for row in rows[1:]] == ["", ""]  # signed and dated by hand


@pytest.mark.django_db
def test_draft_prints_project_instead_of_a_number_and_names_the_director(people, units, ivanova) -> None:
    draft = make_order(
        people["hr"],
        Order.Kind.HIRE,
        D(2026, 9, 1),
        {"employee": ivanova, "date": D(2026, 9, 1), "staffing_unit": units["maths"], **HIRE},
    )

    text = docx_text(response_bytes(people["hr"].client.get(_url(draft))))

    assert "ПРОЕКТ" in text
    assert "1-к" not in text
    assert "А. С. Петрова" in text  # nobody signed yet: the organisation's director


@pytest.mark.django_db
def test_without_a_known_director_the_signature_is_a_blank_line(hr_inspector, units, ivanova) -> None:
    draft = make_order(
        hr_inspector,
        Order.Kind.HIRE,
        D(2026, 9, 1),
        {"employee": ivanova, "date": D(2026, 9, 1), "staffing_unit": units["maths"], **HIRE},
    )

    text = docx_text(response_bytes(hr_inspector.client.get(_url(draft))))

    assert f"Директор    {BLANK}    {BLANK}" in text


@pytest.mark.django_db
def test_signer_without_an_employee_record_is_named_from_the_user(hr_inspector, director, units, ivanova) -> None:
    director.user.first_name, director.user.last_name = "Ольга", "Смирнова"
    director.user.save(update_fields=["first_name", "last_name"])
    order = _hired(hr_inspector, director, units, ivanova)

    text = docx_text(response_bytes(hr_inspector.client.get(_url(order))))

    assert "О. Смирнова" in text


@pytest.mark.django_db
def test_corrections_of_the_declined_name_and_position_show_in_the_print(people, units, ivanova) -> None:
    ivanova.name_forms = {"accs": "Иванову-Гоголь Марию Петровну"}
    ivanova.save(update_fields=["name_forms"])
    position = units["maths"].position
    position.name_forms = {"gent": "учителя математики и информатики"}
    position.save(update_fields=["name_forms"])
    order = _hired(people["hr"], people["director"], units, ivanova)

    for fmt, read in (("docx", docx_text), ("pdf", pdf_text)):
        text = read(response_bytes(people["hr"].client.get(_url(order, fmt))))
        assert "Иванову-Гоголь Марию Петровну" in text
        assert "на должность учителя математики и информатики" in text


@pytest.mark.django_db
def test_organisations_own_template_replaces_the_shipped_one(people, units, ivanova) -> None:
    upload_template(
        actor=people["hr"].user,
        organisation_id=people["hr"].organisation.pk,
        kind="order_t1",
        file=SimpleUploadedFile("т1.docx", _docx("Свой бланк: {{ item.name_accusative }}, {{ order.number }}")),
    )
    order = _hired(people["hr"], people["director"], units, ivanova)

    text = docx_text(response_bytes(people["hr"].client.get(_url(order))))

    assert text.strip() == "Свой бланк: Иванову Марию Петровну, 1-к"


@pytest.mark.django_db
def test_a_stored_malicious_order_template_gives_a_russian_page_not_a_crash(people, units, ivanova) -> None:
    # Written past the upload's check, as an old row or a restored backup could be.
    template = DocumentTemplate(
        organisation=people["hr"].organisation, kind="order_t1", uploaded_at=timezone.now(), original_name="т1.docx"
    )
    template.file.save("order_t1.docx", ContentFile(_docx("{{ lipsum.__globals__ }}")), save=False)
    template.save()
    order = _hired(people["hr"], people["director"], units, ivanova)

    response = people["hr"].client.get(_url(order))

    assert response.status_code == 422
    assert "шаблон содержит запрещённое выражение" in response.content.decode()


def _docx(text: str) -> bytes:
    document = Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.django_db
def test_auditor_may_print_an_order(people, auditor, units, ivanova) -> None:
    order = _hired(people["hr"], people["director"], units, ivanova)
    assert auditor.client.get(_url(order)).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["class_teacher", "teacher", "deputy_director", "administrator"])
def test_roles_without_view_orders_get_404(personas, people, units, ivanova, role: str) -> None:
    order = _hired(people["hr"], people["director"], units, ivanova)
    for fmt in ("docx", "pdf"):
        assert personas[role].client.get(_url(order, fmt)).status_code == 404


@pytest.mark.django_db
def test_another_schools_inspector_gets_404(people, outsider, units, ivanova) -> None:
    order = _hired(people["hr"], people["director"], units, ivanova)
    for fmt in ("docx", "pdf"):
        assert outsider.client.get(_url(order, fmt)).status_code == 404


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_log_in(client, people, units, ivanova) -> None:
    order = _hired(people["hr"], people["director"], units, ivanova)
    response = client.get(_url(order))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_unknown_format_and_order_are_not_found(hr_inspector) -> None:
    assert hr_inspector.client.get("/documents/orders/1.xls").status_code == 404
    assert hr_inspector.client.get("/documents/orders/999999.docx").status_code == 404


@pytest.mark.django_db
def test_printing_an_order_is_logged_with_the_order_as_subject(people, units, ivanova) -> None:
    order = _hired(people["hr"], people["director"], units, ivanova)
    people["hr"].client.get(_url(order))
    entry = AccessLogEntry.objects.get()
    assert (entry.subject_type, entry.subject_id, entry.subject_repr, entry.actor) == (
        "orders.order",
        order.pk,
        str(order),
        people["hr"].user,
    )
    assert entry.what.startswith("Печать приказа (")


def _award_draft(hr_inspector, school, count: int) -> Order:
    unit = StaffingUnitFactory(organisation=school, rates=Decimal("50"))
    items = []
    for index in range(count):
        assignment = AssignmentFactory(
            employee__organisation=school, employee__last_name=f"Учителева{index}", staffing_unit=unit
        )
        items.append({"employee": assignment.employee, "date": D(2026, 10, 5), "award": "Благодарность"})
    return make_order(hr_inspector, Order.Kind.AWARD, D(2026, 10, 5), *items)


def _queries(persona, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = persona.client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_query_count_does_not_grow_with_the_items(people, school, fmt: str) -> None:
    one = _award_draft(people["hr"], school, 1)
    twenty = _award_draft(people["hr"], school, 20)

    # session, user, membership, order, items, assignments, signer, template lookup
    assert _queries(people["hr"], _url(one, fmt)) <= 9 + LINK_QUERIES[connection.vendor]
    assert _queries(people["hr"], _url(twenty, fmt)) == _queries(people["hr"], _url(one, fmt))


@pytest.mark.django_db
def test_dismissal_of_someone_without_a_contract_in_kadry_still_reads(hr_inspector, school) -> None:
    # The opening balance: an assignment entered from a paper order, with no contract row.
    assignment = AssignmentFactory(
        employee__organisation=school,
        employee__last_name="Черных",
        employee__first_name="Олег",
        employee__middle_name="Юрьевич",
        employee__sex=Employee.Sex.MALE,
        staffing_unit=StaffingUnitFactory(organisation=school, position__name="старший воспитатель"),
    )
    draft = make_order(
        hr_inspector,
        Order.Kind.DISMISSAL,
        D(2026, 11, 20),
        {"employee": assignment.employee, "date": D(2026, 11, 20), "dismissal_ground": "77-1-3", "basis": "заявление"},
    )

    text = docx_text(response_bytes(hr_inspector.client.get(_url(draft))))

    assert "Прекратить действие трудового договора, уволить 20 ноября 2026 г." in text
    assert "Черных Олега Юрьевича" in text
    assert "с должности старшего воспитателя" in text
    assert "С приказом (распоряжением) работник ознакомлен " in text


@pytest.mark.django_db
def test_the_signed_orders_page_links_its_printed_form(people, units, ivanova) -> None:
    order = _hired(people["hr"], people["director"], units, ivanova)

    body = people["hr"].client.get(reverse("orders:detail", args=[order.pk])).content.decode()

    assert _url(order, "pdf") in body and _url(order, "docx") in body
