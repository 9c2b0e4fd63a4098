"""OneQueryPaginator answers as Django's Paginator does, with one query for a page that has rows."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.paginator import Paginator

from kadry.core.models import Organisation
from kadry.lib.pagination import OneQueryPaginator
from kadry.staff.models import Employee
from kadry.testing.factories import EmployeeFactory


@pytest.fixture
def five(school: Organisation) -> Any:
    for name in ("Андреева", "Борисова", "Васильева", "Григорьева", "Денисова"):
        EmployeeFactory(organisation=school, last_name=name)
    return Employee.objects.filter(organisation=school).order_by("last_name")


@pytest.mark.parametrize("number", [1, 2, 3, 4, 0, -1, "2", "x", None])
def test_pages_are_those_of_djangos_paginator(five: Any, number: Any) -> None:
    expected = Paginator(five, 2).get_page(number)

    page = OneQueryPaginator(five, 2).get_page(number)

    assert page.number == expected.number
    assert list(page.object_list) == list(expected.object_list)
    assert (page.paginator.count, page.paginator.num_pages) == (5, 3)
    assert (page.has_previous(), page.has_next()) == (expected.has_previous(), expected.has_next())


def test_a_page_with_rows_costs_one_query(five: Any, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(1):
        page = OneQueryPaginator(five, 2).get_page(2)
        assert [employee.last_name for employee in page] == ["Васильева", "Григорьева"]
        assert page.paginator.count == 5
        assert page.has_next()


def test_a_page_past_the_end_is_the_last_and_counts_once_more(five: Any, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(3):  # the empty page, the count, the last page
        page = OneQueryPaginator(five, 2).get_page(9)
        assert [employee.last_name for employee in page] == ["Денисова"]
    assert page.number == 3


@pytest.mark.parametrize("shape", ["values", "values_list"])
def test_rows_of_values_come_without_the_total(five: Any, shape: str) -> None:
    rows = getattr(five, shape)("last_name")

    page = OneQueryPaginator(rows, 2).get_page(1)

    expected = [{"last_name": "Андреева"}, {"last_name": "Борисова"}]
    assert list(page) == (expected if shape == "values" else [tuple(row.values()) for row in expected])
    assert page.paginator.count == 5


def test_an_empty_list_has_one_empty_page(school: Organisation, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(1):
        page = OneQueryPaginator(Employee.objects.filter(organisation=school).order_by("pk"), 2).get_page(1)

    assert list(page) == []
    assert (page.number, page.paginator.count, page.paginator.num_pages) == (1, 0, 1)
