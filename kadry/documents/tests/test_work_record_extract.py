"""СТД-Р (Приказ Минтруда России от 10.11.2022 № 713н): the events of this employer, the period, the log, who may print."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from docx import Document

from kadry.core.models import AccessLogEntry
from kadry.documents.tests.helpers import docx_text, pdf_text, response_bytes
from kadry.orders import services as orders
from kadry.orders.models import Order
from kadry.orders.tests.conftest import HIRE, make_order
from kadry.staff.models import Employee, Position
from kadry.testing.access_log import only_denials_by
from kadry.testing.factories import DepartmentFactory, EmployeeFactory, PositionFactory, StaffingUnitFactory

D = dt.date
TODAY = dt.datetime(2026, 12, 10, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def units(school) -> dict[str, Any]:
    return {
        "maths": StaffingUnitFactory(
            organisation=school,
            department=DepartmentFactory(organisation=school, name="МО учителей математики"),
            position=PositionFactory(organisation=school, name="учитель математики"),
        ),
        "deputy": StaffingUnitFactory(
            organisation=school,
            department=DepartmentFactory(organisation=school, name="Администрация"),
            rates=Decimal("1"),
            position=PositionFactory(
                organisation=school,
                name="заместитель директора по учебно-воспитательной работе",
                category=Position.Category.MANAGEMENT,
            ),
        ),
    }


@pytest.fixture
def ivanova(school) -> Employee:
    return EmployeeFactory(
        organisation=school, last_name="Иванова", first_name="Мария", middle_name="Петровна", snils="112-233-445 95"
    )


def _sign(hr_inspector, director, kind: str, date: dt.date, **item: Any) -> Order:
    order = make_order(hr_inspector, kind, date, {"date": date, **item})
    return orders.sign_order(actor=director.user, order=order)


@pytest.fixture
def history(hr_inspector, director, units, ivanova) -> dict[str, Order]:
    """Hired 01.09.2026, transferred 06.10.2026, dismissed 20.11.2026 — each by a signed order."""
    return {
        "hire": _sign(
            hr_inspector,
            director,
            Order.Kind.HIRE,
            D(2026, 9, 1),
            employee=ivanova,
            staffing_unit=units["maths"],
            **HIRE,
        ),
        "transfer": _sign(
            hr_inspector,
            director,
            Order.Kind.TRANSFER,
            D(2026, 10, 6),
            employee=ivanova,
            staffing_unit=units["deputy"],
            rate=Decimal("1"),
        ),
        "dismissal": _sign(
            hr_inspector,
            director,
            Order.Kind.DISMISSAL,
            D(2026, 11, 20),
            employee=ivanova,
            dismissal_ground="77-1-3",
            statement_date=D(2026, 11, 6),
            basis="заявление от 06.11.2026",
        ),
    }


def _url(employee: Employee, fmt: str = "docx") -> str:
    return reverse("documents:work_record_extract", args=[employee.pk, fmt])


def _rows(content: bytes) -> list[list[str]]:
    table = Document(io.BytesIO(content)).tables[-1]
    return [[cell.text for cell in row.cells] for row in table.rows[1:]]


@pytest.mark.django_db
def test_stdr_lists_hire_transfer_and_dismissal_with_the_orders(hr_inspector, ivanova, history) -> None:
    response = hr_inspector.client.get(_url(ivanova))

    assert response.status_code == 200
    content = response_bytes(response)
    text = docx_text(content)
    assert "СВЕДЕНИЯ О ТРУДОВОЙ ДЕЯТЕЛЬНОСТИ" in text
    assert "Форма СТД-Р" in text and "№ 713н" in text
    assert "Иванова" in text and "Мария" in text and "Петровна" in text
    assert "112-233-445 95" in text
    assert "14.03.1985" in text
    assert ivanova.organisation.name in text
    assert "по 10.12.2026" in text
    assert _rows(content) == [
        [
            "1",
            "01.09.2026",
            "Принята на должность учителя математики в структурное подразделение «МО учителей математики»",
            "",
            "",
            "Приказ",
            "01.09.2026",
            "1-к",
            "",
        ],
        [
            "2",
            "06.10.2026",
            "Переведена на должность заместителя директора по учебно-воспитательной работе "
            "в структурное подразделение «Администрация»",
            "",
            "",
            "Приказ",
            "06.10.2026",
            "2-к",
            "",
        ],
        [
            "3",
            "20.11.2026",
            "Уволена с должности заместителя директора по учебно-воспитательной работе",
            "",
            "Трудовой договор расторгнут по инициативе работника, пункт 3 части первой статьи 77 "
            "Трудового кодекса Российской Федерации",
            "Приказ",
            "20.11.2026",
            "3-к",
            "",
        ],
    ]


@pytest.mark.django_db
def test_a_cancelled_record_is_repeated_with_the_cancellation_mark(
    hr_inspector, director, units, ivanova, history
) -> None:
    cancellation = orders.create_draft(
        actor=hr_inspector.user,
        organisation_id=hr_inspector.organisation.pk,
        kind=Order.Kind.CANCELLATION,
        date=D(2026, 11, 25),
        cancels=history["dismissal"],
    )
    orders.sign_order(actor=director.user, order=cancellation)

    rows = _rows(response_bytes(hr_inspector.client.get(_url(ivanova))))

    assert [(row[1], row[2].split()[0], row[7], row[8]) for row in rows] == [
        ("01.09.2026", "Принята", "1-к", ""),
        ("06.10.2026", "Переведена", "2-к", ""),
        ("20.11.2026", "Уволена", "3-к", ""),
        ("20.11.2026", "Уволена", "3-к", "X"),
    ]


@pytest.mark.django_db
def test_the_period_limits_the_records(hr_inspector, ivanova, history) -> None:
    content = response_bytes(hr_inspector.client.get(_url(ivanova), {"start": "2026-10-01", "end": "2026-10-31"}))

    assert [row[1] for row in _rows(content)] == ["06.10.2026"]
    assert "с 01.10.2026 по 31.10.2026" in docx_text(content)


@pytest.mark.django_db
def test_an_empty_period_says_there_is_nothing(hr_inspector, ivanova) -> None:
    text = docx_text(response_bytes(hr_inspector.client.get(_url(ivanova))))
    assert "За указанный период сведений о трудовой деятельности нет." in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", [{"start": "2026-13-01"}, {"end": "вчера"}, {"start": "2026-11-01", "end": "2026-10-01"}]
)
def test_a_wrong_period_is_refused_and_not_logged(hr_inspector, ivanova, query: dict[str, str]) -> None:
    response = hr_inspector.client.get(_url(ivanova), query)

    assert response.status_code == 400
    assert "ГГГГ-ММ-ДД" in response.content.decode()
    assert not AccessLogEntry.objects.exists()


@pytest.mark.django_db
def test_pdf_holds_the_name_and_the_records(director, ivanova, history) -> None:
    response = director.client.get(_url(ivanova, "pdf"))

    content = response_bytes(response)
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    assert "Иванова" in text and "112-233-445 95" in text
    assert "Принята на должность учителя математики" in text


@pytest.mark.django_db
def test_printing_stdr_is_logged(hr_inspector, ivanova) -> None:
    hr_inspector.client.get(_url(ivanova), REMOTE_ADDR="10.1.2.3")

    entry = AccessLogEntry.objects.get()
    assert (entry.what, entry.subject_id, entry.actor, entry.ip_address) == (
        "СТД-Р",
        ivanova.pk,
        hr_inspector.user,
        "10.1.2.3",
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["class_teacher", "teacher", "deputy_director", "administrator"])
def test_roles_without_personal_data_get_404(personas, ivanova, role: str) -> None:
    for fmt in ("docx", "pdf"):
        assert personas[role].client.get(_url(ivanova, fmt)).status_code == 404
    assert not AccessLogEntry.objects.exists()


@pytest.mark.django_db
def test_another_schools_inspector_gets_404(outsider, ivanova) -> None:
    assert outsider.client.get(_url(ivanova)).status_code == 404
    assert only_denials_by(outsider)


@pytest.mark.django_db
def test_stdr_costs_a_bounded_number_of_queries(hr_inspector, ivanova, history, django_assert_max_num_queries) -> None:
    # session, user, membership, employee, events, template lookup, access-log insert
    with django_assert_max_num_queries(9):
        assert hr_inspector.client.get(_url(ivanova)).status_code == 200
