"""The school summary is computed once per state of the school's data: a grade loaded shows at once.

The rest of the suite runs with the memory off (conftest.py): factories write no change records. Here it
is on, and the grades that change the figures are loaded by the service, as the journal's import does.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from kadry.core.models import Membership
from kadry.grades import services_import
from kadry.grades.tests.test_analysis import _queries as _counted
from kadry.grades.tests.test_analysis import grade
from kadry.grades.tests.test_import import HEADER

pytestmark = pytest.mark.django_db
R = Membership.Role


def _queries(client: Any, url: str) -> tuple[int, Any]:
    return _counted(client, url)


@pytest.fixture(autouse=True)
def memory_on(settings):
    settings.KADRY_MEMORY_SECONDS = 120
    cache.clear()
    yield
    cache.clear()


@time_machine.travel(dt.datetime(2026, 11, 10, 9, tzinfo=dt.UTC))
def test_the_summary_is_read_from_memory_until_grades_are_loaded(personas, school_class, pupils) -> None:
    grade(pupils, school_class)
    client = personas[R.DEPUTY_DIRECTOR].client
    url = reverse("grades:summary") + "?term=q1"
    computed, _ = _queries(client, url)
    remembered, second = _queries(client, url)
    assert remembered < computed, (remembered, computed)
    assert second.context["totals"].quality.to_eng_string() == "60.0"  # the hand-computed class of ten

    # The failing student (a «2» in algebra) gets a «3»: no longer failing, success 90 → 100 %.
    failing = pupils[9]
    name = f"{failing.last_name} {failing.first_name} {failing.middle_name}"
    rows = [["", name, "", "Алгебра", "1 четверть", "3", ""], ["", name, "", "История", "1 четверть", "3", ""]]
    plan = services_import.plan_for(school_class, HEADER, rows)
    assert plan.errors == []
    services_import.commit_grades(actor=personas[R.DEPUTY_DIRECTOR].user, school_class=school_class, plan=plan)

    _, third = _queries(client, url)
    assert third.context["totals"].success.to_eng_string() == "100.0"
    assert third.context["rows"][0].analysis.counts != second.context["rows"][0].analysis.counts


def test_the_memory_is_keyed_by_the_term(personas, school_class, pupils) -> None:
    grade(pupils, school_class)
    client = personas[R.DIRECTOR].client
    _, first = _queries(client, reverse("grades:summary") + "?term=q1")
    _, second = _queries(client, reverse("grades:summary") + "?term=q2")
    assert first.context["totals"].attested == 10
    assert second.context["totals"].attested == 0
