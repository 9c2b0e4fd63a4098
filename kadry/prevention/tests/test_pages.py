"""The pages: who opens them (404 otherwise), the access log, the plan's measures and results, the sittings."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from kadry.core.models import AccessLogEntry, Membership
from kadry.prevention.models import CouncilSitting, Measure, PreventionCase
from kadry.testing.prevention import MeasureFactory

pytestmark = pytest.mark.django_db
R = Membership.Role
D = dt.date
READERS = {R.DIRECTOR, R.DEPUTY_DIRECTOR, R.SOCIAL_PEDAGOGUE, R.PSYCHOLOGIST, R.CLASS_TEACHER}


def test_the_case_page_opens_for_exactly_the_roles_that_read_individual_work(world, personas) -> None:
    url = reverse("prevention:case", args=[world.case.pk])
    for role, persona in personas.items():
        expected = 200 if role in READERS else 404
        assert persona.client.get(url).status_code == expected, role


def test_a_class_teacher_reaches_only_the_cases_of_their_classes(world, class_teacher) -> None:
    assert class_teacher.client.get(reverse("prevention:case", args=[world.other_case.pk])).status_code == 404
    page = class_teacher.client.get(reverse("prevention:register")).content.decode()
    assert str(world.pupil) in page and str(world.other) not in page
    # A denied attempt is logged as such.
    assert AccessLogEntry.objects.filter(actor=class_teacher.user, denied=True).count() == 1


def test_the_outsider_gets_404(world, outsider) -> None:
    assert outsider.client.get(reverse("prevention:case", args=[world.case.pk])).status_code == 404


def test_every_reading_of_a_case_is_logged(world, social) -> None:
    for name in ("prevention:case", "prevention:plan_pdf", "prevention:plan_docx"):
        before = AccessLogEntry.objects.filter(actor=social.user).count()
        response = social.client.get(reverse(name, args=[world.case.pk]))
        assert response.status_code == 200, name
        entry = AccessLogEntry.objects.filter(actor=social.user).order_by("pk")[before:].get()
        assert entry.subject_type == "school.student" and entry.subject_id == world.pupil.pk


def test_the_register_filters_and_highlights_the_overdue(world, social) -> None:
    MeasureFactory(case=world.case, due_on=D(2026, 11, 1), created_by=social.user)
    page = social.client.get(reverse("prevention:register")).content.decode()
    assert "просрочено: 1" in page
    # Opened 15.09 and not reviewed: the review was due 15.12 — not yet overdue on 04.12.
    assert "15.12.2026" in page and "просрочен<" not in page
    narrowed = social.client.get(reverse("prevention:register") + f"?class={world.eighth.pk}").content.decode()
    assert str(world.other) in narrowed and str(world.pupil) not in narrowed
    none = social.client.get(reverse("prevention:register") + "?kind=kdn").content.decode()
    assert "Случаев учёта нет" in none


def test_the_social_pedagogue_adds_a_measure_and_records_its_result(world, social) -> None:
    response = social.client.post(
        reverse("prevention:measure_add", args=[world.case.pk]),
        {"what": "Беседа с инспектором ПДН", "responsible": "социальный педагог", "due_on": "2026-12-20"},
    )
    assert response.status_code == 302
    measure = Measure.objects.get(case=world.case)
    url = reverse("prevention:measure_result", args=[world.case.pk, measure.pk])
    assert social.client.get(url).status_code == 200
    response = social.client.post(url, {"result": "Беседа проведена", "result_on": "2026-12-03"})
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.result == "Беседа проведена" and measure.result_on == D(2026, 12, 3)


def test_a_bad_measure_or_result_is_refused_on_its_field_and_nothing_is_written(world, social) -> None:
    response = social.client.post(
        reverse("prevention:measure_add", args=[world.case.pk]),
        {"what": "Беседа", "responsible": "социальный педагог", "due_on": "2026-09-01"},
    )
    assert response.status_code == 400
    assert "Срок мероприятия раньше постановки на учёт" in response.content.decode()
    assert not Measure.objects.exists()
    measure = MeasureFactory(case=world.case, created_by=social.user)
    url = reverse("prevention:measure_result", args=[world.case.pk, measure.pk])
    response = social.client.post(url, {"result": "Проведена", "result_on": "2026-12-10"})
    assert response.status_code == 400 and "позже сегодняшнего" in response.content.decode()
    measure.refresh_from_db()
    assert measure.result == "" and measure.result_on is None


def test_the_director_reads_but_does_not_write(world, director) -> None:
    response = director.client.post(
        reverse("prevention:measure_add", args=[world.case.pk]),
        {"what": "Беседа", "responsible": "социальный педагог", "due_on": "2026-12-20"},
    )
    assert response.status_code == 404 and not Measure.objects.exists()


def test_a_review_moves_the_next_one(world, social) -> None:
    response = social.client.post(
        reverse("prevention:review_add", args=[world.case.pk]), {"date": "2026-12-01", "conclusion": "Динамика есть"}
    )
    assert response.status_code == 302
    page = social.client.get(reverse("prevention:case", args=[world.case.pk])).content.decode()
    assert "01.03.2027" in page


def test_a_sitting_is_recorded_with_its_decisions_from_the_form(world, social) -> None:
    data = {
        "date": "2026-12-02", "number": "9", "attendees": "Члены Совета",
        "decisions-TOTAL_FORMS": "3", "decisions-INITIAL_FORMS": "0",
        "decisions-0-kind": "open", "decisions-0-student": str(world.other.pk), "decisions-0-register": "kdn",
        "decisions-0-reason": "Постановление КДН и ЗП", "decisions-0-responsible": str(world.case.responsible_id),
        "decisions-0-text": "Поставить на учёт",
        "decisions-1-kind": "close", "decisions-1-case": str(world.case.pk), "decisions-1-text": "Снять с учёта",
        "decisions-2-kind": "", "decisions-2-register": "",  # an untouched extra row: skipped
    }  # fmt: skip
    response = social.client.post(reverse("prevention:sitting_new"), data)
    assert response.status_code == 302, re.findall(
        r"<li>([^<]*)</li>|form-error[^>]*>([^<]*)", response.content.decode()
    )
    sitting = CouncilSitting.objects.get(number="9")
    assert sitting.decisions.count() == 2
    assert PreventionCase.objects.get(pk=world.case.pk).status == "closed"
    assert social.client.get(reverse("prevention:sitting", args=[sitting.pk])).status_code == 200
    assert social.client.get(reverse("prevention:protocol_pdf", args=[sitting.pk])).status_code == 200


def test_a_bad_decision_shows_on_its_row_and_nothing_is_written(world, social) -> None:
    data = {
        "date": "2026-12-02", "number": "9", "attendees": "Члены Совета",
        "decisions-TOTAL_FORMS": "2", "decisions-INITIAL_FORMS": "0",
        "decisions-0-kind": "close", "decisions-0-case": str(world.case.pk), "decisions-0-text": "Снять",
        "decisions-1-kind": "open", "decisions-1-student": str(world.other.pk), "decisions-1-register": "internal",
        "decisions-1-reason": "Повторно", "decisions-1-responsible": str(world.case.responsible_id),
        "decisions-1-text": "Поставить на учёт",
    }  # fmt: skip
    response = social.client.post(reverse("prevention:sitting_new"), data)
    assert response.status_code == 400
    assert "уже есть открытый случай" in response.content.decode()
    assert not CouncilSitting.objects.filter(number="9").exists()
    assert PreventionCase.objects.get(pk=world.case.pk).status == "open"


def test_the_class_teacher_does_not_reach_the_sittings(world, class_teacher) -> None:
    assert class_teacher.client.get(reverse("prevention:sittings")).status_code == 404


def test_the_student_page_and_the_menu_link_to_the_register(world, social) -> None:
    page = social.client.get(reverse("school:student_detail", args=[world.pupil.pk])).content.decode()
    assert reverse("prevention:register") + f"?student={world.pupil.pk}" in page
    assert "Совет профилактики" in page


def test_the_class_teacher_keeps_the_plan_of_a_student_of_their_class(world, class_teacher) -> None:
    response = class_teacher.client.post(
        reverse("prevention:measure_add", args=[world.case.pk]),
        {"what": "Контроль посещаемости", "responsible": "классный руководитель", "due_on": "2026-12-25"},
    )
    assert response.status_code == 302
    assert Measure.objects.get(case=world.case).created_by == class_teacher.user
    response = class_teacher.client.post(
        reverse("prevention:measure_add", args=[world.other_case.pk]),
        {"what": "Контроль посещаемости", "responsible": "классный руководитель", "due_on": "2026-12-25"},
    )
    assert response.status_code == 404 and not Measure.objects.filter(case=world.other_case).exists()


def test_the_sitting_and_its_protocol_are_logged_with_the_students_counted(world, director) -> None:
    sitting = world.case.decisions.get().sitting
    for name in ("prevention:sitting", "prevention:protocol_pdf"):
        before = AccessLogEntry.objects.filter(actor=director.user).count()
        assert director.client.get(reverse(name, args=[sitting.pk])).status_code == 200
        entry = AccessLogEntry.objects.filter(actor=director.user).order_by("pk")[before:].get()
        assert "1 обучающ" in entry.what
    # The list of sittings names no student: nothing logged.
    before = AccessLogEntry.objects.count()
    assert director.client.get(reverse("prevention:sittings")).status_code == 200
    assert AccessLogEntry.objects.count() == before


def test_the_register_and_a_case_cost_the_same_queries_for_few_cases_or_many(world, social) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kadry.testing.prevention import PreventionCaseFactory
    from kadry.testing.school import enrol

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert social.client.get(url).status_code == 200
        return len(queries)

    register, case = reverse("prevention:register"), reverse("prevention:case", args=[world.case.pk])
    few = count(register), count(case)
    for student in enrol(world.eighth, 15):
        new = PreventionCaseFactory(student=student, responsible=world.case.responsible)
        MeasureFactory(case=new, created_by=social.user)
    for _ in range(10):
        MeasureFactory(case=world.case, created_by=social.user)
    assert (count(register), count(case)) == few
