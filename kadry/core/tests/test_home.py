"""The home page of each role: what it has to do today, at a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kadry.core import home
from kadry.core.home import Deadline
from kadry.core.models import AccessLogEntry, Membership
from kadry.employment.certificate_rules import certificate_due
from kadry.employment.models import CertificateApplication, WorkRecordEvent
from kadry.orders import services as orders
from kadry.orders.models import Order
from kadry.orders.tests.conftest import HIRE
from kadry.school.services.attendance import MarkInput, save_day
from kadry.testing.factories import EmployeeFactory, StaffingUnitFactory
from kadry.testing.school import SchoolClassFactory, appoint, enrol

R = Membership.Role
# Thursday 19 November 2026, 12:00 in Moscow: a school day.
TODAY = dt.date(2026, 11, 19)
NOW = dt.datetime(2026, 11, 19, 9, 0, tzinfo=dt.UTC)
# The most queries a home page may cost, whatever the amount of data (the session, the membership,
# the panels' few queries each, one or two for each source of terms, an access-log insert where names
# are shown). The terms of probation, fixed-term contracts, transfers, long leave and sanctions' expiry
# added five; attestation (the categories, the open attestations, the calendar) and the obligations
# (the working staff with their records and the school's own kinds) seven more: 27 for the HR head.
HOME_QUERIES = 28

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_today")]


@pytest.fixture
def _today():
    with time_machine.travel(NOW, tick=False):
        yield


def _home(persona) -> str:
    response = persona.client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def _hire(personas, school, on: dt.date, *, sign: bool = True, last_name: str = "Новикова") -> Order:
    hr = personas[R.HR_INSPECTOR]
    unit = StaffingUnitFactory(organisation=school, rates=Decimal("1"))
    order = orders.create_draft(actor=hr.user, organisation_id=school.pk, kind=Order.Kind.HIRE, date=on)
    employee = EmployeeFactory(organisation=school, last_name=last_name)
    orders.save_item(actor=hr.user, order=order, data={"employee": employee, "date": on, "staffing_unit": unit, **HIRE})
    orders.submit_order(actor=hr.user, order=order)
    if sign:
        orders.sign_order(actor=personas[R.DIRECTOR].user, order=order)
    return order


def _empty_draft(personas, school) -> Order:
    hr = personas[R.HR_INSPECTOR]
    return orders.create_draft(actor=hr.user, organisation_id=school.pk, kind=Order.Kind.AWARD, date=TODAY)


def test_certificate_is_due_on_the_third_working_day_counting_the_day_of_the_application() -> None:
    # ТК РФ ст. 62 with ст. 14: Thu 19.11 (1), Fri 20 (2), Mon 23 (3).
    assert certificate_due(dt.date(2026, 11, 19)) == dt.date(2026, 11, 23)
    # Tue 03.11 (1); Wed 04.11 is the Day of National Unity, a holiday; Thu 5 (2), Fri 6 (3).
    assert certificate_due(dt.date(2026, 11, 3)) == dt.date(2026, 11, 6)
    # Applied on Saturday 21.11: Mon 23 (1), Tue 24 (2), Wed 25 (3).
    assert certificate_due(dt.date(2026, 11, 21)) == dt.date(2026, 11, 25)


def test_inspector_sees_efs_terms_due_and_overdue_and_drafts_with_errors(personas, school) -> None:
    _hire(personas, school, dt.date(2026, 11, 10), last_name="Просроченная")  # due 11.11: overdue
    _hire(personas, school, dt.date(2026, 11, 18), last_name="Сегодняшняя")  # due 19.11: today
    _hire(personas, school, dt.date(2026, 10, 1), last_name="Сданная")
    WorkRecordEvent.objects.filter(employee__last_name="Сданная").update(reported_on=dt.date(2026, 10, 2))
    empty = _empty_draft(personas, school)
    ready = _hire(personas, school, TODAY, sign=False, last_name="Готовая")

    page = _home(personas[R.HR_INSPECTOR])

    overdue, due = page.split("Просрочено", 1)[1].split("На ближайшую неделю", 1)
    # The ЕФС-1 terms only: the new employees' documents and training have their own terms (obligations).
    efs_overdue = [line for line in overdue.splitlines() if "ЕФС-1" in line and "<li>" in line]
    efs_due = [line for line in due.splitlines() if "ЕФС-1" in line and "<li>" in line]
    assert [("Просроченная" in line, "11.11.2026" in line) for line in efs_overdue] == [(True, True)]
    assert [("Сегодняшняя" in line, "19.11.2026" in line) for line in efs_due] == [(True, True)]
    assert not any("Сданная" in line for line in efs_overdue + efs_due)
    assert reverse("orders:check", args=[empty.pk]) in page and "нет ни одного сотрудника" in page
    assert reverse("orders:check", args=[ready.pk]) not in page  # nothing visibly wrong with it


def test_inspector_sees_a_draft_missing_a_required_field(personas, school) -> None:
    hr = personas[R.HR_INSPECTOR]
    order = orders.create_draft(actor=hr.user, organisation_id=school.pk, kind=Order.Kind.HIRE, date=TODAY)
    employee = EmployeeFactory(organisation=school)
    orders.save_item(actor=hr.user, order=order, data={"employee": employee, "date": TODAY, **HIRE})

    page = _home(hr)

    assert reverse("orders:check", args=[order.pk]) in page and "пункт 1: Выберите штатную единицу." in page


def test_director_sees_the_drafts_waiting_for_signature(personas, school) -> None:
    draft = _hire(personas, school, TODAY, sign=False, last_name="Подписываемая")
    signed = _hire(personas, school, dt.date(2026, 11, 18), last_name="Подписанная")

    page = _home(personas[R.DIRECTOR])

    assert "На подпись" in page and reverse("orders:detail", args=[draft.pk]) in page
    assert reverse("orders:detail", args=[signed.pk]) not in page
    assert 'id="deadlines"' not in page  # the director does not report to the Social Fund


def test_deputy_sees_the_classes_not_marked_today(personas, school) -> None:
    marked = SchoolClassFactory(organisation=school, grade=5, letter="А")
    not_marked = SchoolClassFactory(organisation=school, grade=6, letter="В")
    enrol(marked, 2)
    enrol(not_marked, 2)
    save_day(actor=personas[R.DEPUTY_DIRECTOR].user, school_class=marked, date=TODAY, marks=[])

    page = _home(personas[R.DEPUTY_DIRECTOR])

    assert "Не отметили посещаемость: <b>1</b> из 2" in page
    assert reverse("school:attendance_grid", args=[not_marked.pk]) in page
    assert reverse("school:attendance_grid", args=[marked.pk]) not in page
    assert reverse("school:overview") in page


def test_class_teacher_sees_todays_attendance_of_their_classes_only(personas, school, class_teacher) -> None:
    own = SchoolClassFactory(organisation=school, grade=7, letter="Б")
    other = SchoolClassFactory(organisation=school, grade=8, letter="А")
    teacher = EmployeeFactory(organisation=school, last_name="Классная")
    class_teacher.membership.employee = teacher
    class_teacher.membership.save(update_fields=["employee"])
    appoint(personas[R.DIRECTOR], teacher, own, dt.date(2026, 9, 1))
    appoint(personas[R.DIRECTOR], EmployeeFactory(organisation=school), other, dt.date(2026, 9, 1))

    page = _home(class_teacher)
    assert "Отметить посещаемость" in page and reverse("school:attendance_grid", args=[own.pk]) in page
    assert reverse("school:attendance_grid", args=[other.pk]) not in page

    save_day(actor=class_teacher.user, school_class=own, date=TODAY, marks=[])
    assert "Отметить посещаемость" not in _home(class_teacher)


def test_class_teacher_without_a_class_is_told_so(class_teacher) -> None:
    assert "Сегодня вы не ведёте ни одного класса" in _home(class_teacher)


def test_social_pedagogue_and_psychologist_see_flagged_students_logged(personas, school, class_teacher) -> None:
    school_class = SchoolClassFactory(organisation=school, grade=7, letter="Б", lessons_per_day=6)
    missing, present = enrol(school_class, 2)
    for day in (dt.date(2026, 11, 17), dt.date(2026, 11, 18), TODAY):
        save_day(
            actor=personas[R.DEPUTY_DIRECTOR].user,
            school_class=school_class,
            date=day,
            marks=[MarkInput(missing.pk, kind="absent", reason="unexcused")],
        )
    for role in (R.SOCIAL_PEDAGOGUE, R.PSYCHOLOGIST):
        page = _home(personas[role])
        assert str(missing) in page and str(present) not in page and "3 дн. подряд" in page
        assert AccessLogEntry.objects.filter(role=role, what__startswith="Пропуски без уважительной").count() == 1


def test_teacher_sees_only_their_own_card_read_only_and_the_opening_is_logged(personas, school) -> None:
    teacher = personas[R.TEACHER]
    me = EmployeeFactory(organisation=school, last_name="Собственная", snils="112-233-445 95")
    colleague = EmployeeFactory(organisation=school, last_name="Чужая")
    teacher.membership.employee = me
    teacher.membership.save(update_fields=["employee"])

    page = _home(teacher)

    assert "Собственная" in page and "112-233-445 95" in page and "Чужая" not in page
    assert "Запросить справку с места работы" in page
    assert reverse("employee_edit", args=[me.pk]) not in page  # read-only
    entry = AccessLogEntry.objects.get(actor=teacher.user)
    assert (entry.subject_type, entry.subject_id) == ("staff.employee", me.pk)
    assert teacher.client.get(reverse("employee_card", args=[colleague.pk])).status_code == 404


def test_teacher_applies_for_a_certificate_and_the_hr_office_issues_it(personas, school) -> None:
    teacher, hr = personas[R.TEACHER], personas[R.HR_INSPECTOR]
    me = EmployeeFactory(organisation=school, last_name="Заявительница")
    teacher.membership.employee = me
    teacher.membership.save(update_fields=["employee"])

    response = teacher.client.post(reverse("certificate_apply"), {"purpose": "в банк"}, follow=True)
    teacher.client.post(reverse("certificate_apply"), {"purpose": "ещё раз"})

    application = CertificateApplication.objects.get(employee=me)  # one open application, not two
    assert (application.applied_on, application.due, application.purpose) == (TODAY, dt.date(2026, 11, 23), "в банк")
    page = response.content.decode()
    assert "не позднее 23.11.2026" in page and "Запросить справку" not in page
    hr_page = _home(hr)
    assert "Заявительница" in hr_page and "в банк" in hr_page
    assert reverse("documents:employment_certificate", args=[me.pk]) in hr_page

    hr.client.post(reverse("certificate_issued", args=[application.pk]))

    application.refresh_from_db()
    assert application.issued_on == TODAY and application.issued_by == hr.user
    assert "Заявительница" not in _home(hr)
    assert "Запросить справку с места работы" in _home(teacher)


def test_a_user_without_an_employee_record_cannot_apply(personas) -> None:
    teacher = personas[R.TEACHER]
    assert "не связана с карточкой сотрудника" in _home(teacher)
    assert teacher.client.post(reverse("certificate_apply")).status_code == 404
    assert not CertificateApplication.objects.exists()


def test_administrator_and_auditor_get_their_own_home(personas) -> None:
    assert reverse("users") in _home(personas[R.ADMINISTRATOR])
    auditor = _home(personas[R.AUDITOR])
    assert reverse("access_log") in auditor and "отказов в доступе не было" in auditor


def _count(persona) -> int:
    with CaptureQueriesContext(connection) as queries:
        _home(persona)
    return len(queries)


def _more_of_everything(personas, school, n: int) -> None:
    for i in range(n):
        _hire(personas, school, dt.date(2026, 11, 18), last_name=f"Принятая{i}")
        _hire(personas, school, TODAY, sign=False, last_name=f"Проект{i}")
        _empty_draft(personas, school)
        school_class = SchoolClassFactory(organisation=school, grade=9, letter="АБВГДЕЖЗ"[i])
        pupils = enrol(school_class, 2)
        for day in (dt.date(2026, 11, 17), dt.date(2026, 11, 18), TODAY):
            save_day(
                actor=personas[R.DEPUTY_DIRECTOR].user,
                school_class=school_class,
                date=day,
                marks=[MarkInput(pupils[0].pk, kind="absent", reason="unexcused")],
            )
        employee = EmployeeFactory(organisation=school)
        CertificateApplication.objects.create(
            organisation=school, employee=employee, applied_on=TODAY, due=TODAY, applied_by=personas[R.TEACHER].user
        )


def test_every_home_page_costs_a_bounded_number_of_queries(personas, school) -> None:
    teacher = personas[R.TEACHER]
    teacher.membership.employee = EmployeeFactory(organisation=school)
    teacher.membership.save(update_fields=["employee"])
    _more_of_everything(personas, school, 1)
    few = {role: _count(persona) for role, persona in personas.items()}
    _more_of_everything(personas, school, 4)
    many = {role: _count(persona) for role, persona in personas.items()}

    assert many == few, "a home page costs more queries with more data"
    assert max(few.values()) <= HOME_QUERIES, few


def test_the_home_page_counts_overdue_terms_by_kind_and_shows_the_oldest_few(personas, monkeypatch) -> None:
    today = timezone.localdate()

    def many(scope):  # twelve of one kind, two of another, fifteen coming this week
        org = scope.organisation_ids[0]
        old = [Deadline("Медосмотр", f"Сотрудник {n:02}", today - dt.timedelta(days=30 - n), "ТК РФ ст. 220", "/m/",
                        "Открыть", "t_exam", org) for n in range(12)]  # fmt: skip
        other = [Deadline("Испытание", f"Новичок {n}", today - dt.timedelta(days=1), "ТК РФ ст. 70", "/p/", "Открыть",
                          "t_probation", org) for n in range(2)]  # fmt: skip
        soon = [Deadline("Отпуск", f"Отпускник {n:02}", today + dt.timedelta(days=n % 7), "ТК РФ ст. 123", "/v/",
                         "Открыть", "t_leave", org) for n in range(15)]  # fmt: skip
        return old + other + soon

    monkeypatch.setattr(home, "_scoped_sources", [many])
    monkeypatch.setattr(home, "_deadline_sources", [])
    monkeypatch.setattr(
        home, "_deadline_kinds", {"t_exam": "Медосмотры", "t_probation": "Испытание", "t_leave": "Отпуска"}
    )
    page = personas["hr_inspector"].client.get(reverse("home"))
    body = page.content.decode()
    assert "Просрочено: 14" in body
    assert [
        (label, count, [d.subject for d in oldest], more)
        for label, _c, count, oldest, more in page.context["overdue_groups"]
    ] == [
        ("Медосмотры", 12, ["Сотрудник 00", "Сотрудник 01", "Сотрудник 02"], 9),
        ("Испытание", 2, ["Новичок 0", "Новичок 1"], 0),
    ]
    assert "?kind=t_exam" in body and "ещё 9" in body and "Сотрудник 03" not in body
    assert len(page.context["due"]) == 10 and "ещё 5" in body
