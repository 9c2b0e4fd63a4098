"""The class's activities through the pages: add, correct, remove; the import all or nothing; the criteria
filled from activities; the school's club employment; bounded queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kadry.core.models import AccessLogEntry, ChangeRecord
from kadry.lib.xlsx import table_to_xlsx
from kadry.school.models import Activity, Period
from kadry.school.queries.activities import school_summary
from kadry.school.queries.criteria import class_figures, span_of
from kadry.school.rules.activities import HEADERS
from kadry.school.rules.criteria import criteria

pytestmark = pytest.mark.django_db
D = dt.date
# Monday 16 November 2026, 10:00 in Moscow: the second quarter (05.11–28.12).
NOW = dt.datetime(2026, 11, 16, 10, 0, tzinfo=ZoneInfo("Europe/Moscow"))


def url(name: str, *args: object) -> str:
    return reverse(f"school:{name}", args=args)


def add(student, kind: str, name: str, start: dt.date, end: dt.date | None = None, **extra) -> Activity:
    return Activity.objects.create(
        organisation=student.organisation, student=student, kind=kind, name=name, start=start, end=end, **extra
    )


@time_machine.travel(NOW, tick=False)
def test_class_teacher_adds_corrects_and_removes_an_activity(world, class_teacher) -> None:
    c, pk, student = class_teacher.client, world.seventh.pk, world.students[0]
    response = c.post(
        url("activities", pk),
        {"student": student.pk, "kind": "competition", "name": "ВсОШ по математике", "start": "2026-11-10",
         "level": "municipal", "placement": "winner", "result": "диплом победителя"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()
    activity = Activity.objects.get(student=student)
    assert (activity.level, activity.placement, activity.rating_points, activity.author) == (
        "municipal", "winner", 6, class_teacher.user,
    )  # fmt: skip
    page = c.get(url("activities", pk)).content.decode()
    assert "ВсОШ по математике" in page and "Рейтинг активности класса" in page

    response = c.post(
        url("activity_edit", pk, activity.pk),
        {"student": student.pk, "kind": "competition", "name": "ВсОШ по математике", "start": "2026-11-10",
         "level": "regional", "placement": "prize_winner"},
    )  # fmt: skip
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.rating_points == 6  # regional 3 × prize 2

    assert c.get(url("activity_delete", pk, activity.pk)).status_code == 405
    assert c.post(url("activity_delete", pk, activity.pk)).status_code == 302
    assert not Activity.objects.exists()
    actions = list(
        ChangeRecord.objects.filter(section="Занятость обучающихся").order_by("id").values_list("action", flat=True)
    )
    assert actions == ["create", "update", "delete"]


@time_machine.travel(NOW, tick=False)
def test_a_competition_without_level_is_refused_on_its_field(world, class_teacher) -> None:
    response = class_teacher.client.post(
        url("activities", world.seventh.pk),
        {"student": world.students[0].pk, "kind": "competition", "name": "Конкурс", "start": "2026-11-10"},
    )
    assert response.status_code == 400
    assert "Для конкурса или олимпиады укажите уровень." in response.content.decode()
    assert not Activity.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_a_student_of_another_class_cannot_be_chosen(world, class_teacher) -> None:
    response = class_teacher.client.post(
        url("activities", world.seventh.pk),
        {"student": world.others[0].pk, "kind": "club", "name": "Шахматы", "start": "2026-11-10"},
    )
    assert response.status_code == 400
    assert not Activity.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_the_deputy_reads_the_page_but_may_not_write(world, personas) -> None:
    from kadry.core.models import Membership

    deputy = personas[Membership.Role.DEPUTY_DIRECTOR]
    add(world.students[0], "club", "Шахматы", D(2026, 9, 7))
    assert deputy.client.get(url("activities", world.seventh.pk)).status_code == 200
    assert AccessLogEntry.objects.filter(actor=deputy.user).count() == 1
    response = deputy.client.post(
        url("activities", world.seventh.pk),
        {"student": world.students[0].pk, "kind": "club", "name": "Х", "start": "2026-11-10"},
    )
    assert response.status_code == 404
    assert Activity.objects.count() == 1


def _xlsx(rows: list[list[str]]) -> SimpleUploadedFile:
    return SimpleUploadedFile("activities.xlsx", table_to_xlsx("Занятость", HEADERS, rows))


def _row(**cells: str) -> list[str]:
    return [cells.get(name, "") for name in HEADERS]


@time_machine.travel(NOW, tick=False)
def test_the_import_writes_all_rows_or_none(world, class_teacher) -> None:
    c, pk = class_teacher.client, world.seventh.pk
    first, second = world.students[0], world.students[1]
    good = [
        _row(**{"Номер личного дела": first.file_number, "Вид": "кружок", "Название, роль": "Шахматы",
                "С": "07.09.2026"}),
        _row(**{"Номер личного дела": second.file_number, "Вид": "олимпиада", "Название, роль": "ВсОШ",
                "С": "15.10.2026", "Уровень": "школьный", "Итог": "победитель"}),
    ]  # fmt: skip
    bad = [*good, _row(**{"Номер личного дела": world.others[0].file_number, "Вид": "кружок",
                          "Название, роль": "Хор", "С": "07.09.2026"})]  # fmt: skip
    # A file with one wrong row: the dry run names it and the «commit» writes nothing.
    response = c.post(url("activity_import", pk), {"file": _xlsx(bad), "commit": "1"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "ничего не загружено" in page and "Номер личного дела" in page
    assert not Activity.objects.exists()
    # The corrected file: checked, then loaded at once.
    checked = c.post(url("activity_import", pk), {"file": _xlsx(good)})
    assert checked.status_code == 200 and "Будет добавлено записей: 2" in checked.content.decode()
    assert not Activity.objects.exists()
    kept = checked.context["form"].initial
    response = c.post(
        url("activity_import", pk), {"upload": kept["upload"], "filename": kept["filename"], "commit": "1"}
    )
    assert response.status_code == 302
    assert sorted(Activity.objects.values_list("student_id", "kind", "placement")) == sorted(
        [(first.pk, "club", ""), (second.pk, "competition", "winner")]
    )
    assert ChangeRecord.objects.filter(section="Занятость обучающихся").count() == 2


@time_machine.travel(NOW, tick=False)
def test_criteria_of_the_quarter_come_from_the_activities(world) -> None:
    s = world.students
    add(s[0], "club", "Шахматы", D(2026, 9, 7))  # running
    add(s[0], "club", "Хор", D(2026, 9, 7))  # the same student: counted once
    add(s[1], "club", "Волейбол", D(2026, 9, 7), D(2026, 10, 20))  # ended in the first quarter
    add(s[2], "club", "Робототехника", D(2026, 11, 9), outside_school=True, organiser="ДДТ")
    add(s[3], "self_government", "староста класса", D(2026, 9, 4))
    add(s[4], "competition", "ВсОШ", D(2026, 11, 12), level="municipal", placement="winner")  # 2 × 3 = 6
    add(s[5], "competition", "Чтецы", D(2026, 11, 13), level="school", placement="participant")  # 1 × 1 = 1
    add(s[5], "competition", "Осенний кросс", D(2026, 10, 1), level="regional", placement="winner")  # 1st quarter
    add(world.others[0], "club", "Шахматы", D(2026, 9, 7))  # 8А: not counted for 7Б
    quarter = Period.objects.get(academic_year=world.seventh.academic_year, number=2)
    figures = class_figures([world.seventh], span_of(quarter, NOW.date()))[world.seventh.pk]
    # Clubs in the 2nd quarter: students 0 and 2 → 2 of 25 = 8.0 %; актив: 1 of 25 = 4.0 %;
    # rating: 6 + 1 = 7 points (the October cross is in the 1st quarter) → 7 ÷ 25 = 0.28 → 0.3.
    assert (figures.in_clubs, figures.in_self_government, figures.rating_points) == (2, 1, 7)
    got = criteria(figures)
    assert (got.clubs, got.self_government, got.rating) == (Decimal("8.0"), Decimal("4.0"), Decimal("0.3"))


@time_machine.travel(NOW, tick=False)
def test_the_schools_club_employment_counts_each_student_once(world, director) -> None:
    s, o = world.students, world.others
    add(s[0], "club", "Шахматы", D(2026, 9, 7))
    add(s[0], "club", "Хор", D(2026, 9, 7))
    add(s[1], "club", "Волейбол", D(2026, 9, 7), D(2026, 10, 20))  # left in October: not employed today
    add(o[0], "club", "Шахматы", D(2026, 9, 7))
    add(o[1], "competition", "ВсОШ", D(2026, 10, 1), level="regional", placement="prize_winner")  # 3 × 2 = 6
    rows, total = school_summary([world.seventh, world.eighth], on=NOW.date())
    seventh, eighth = rows
    # 7Б: 1 of 25 = 4.0 %; 8А: 1 of 3 = 33.3 %; the school: 2 of 28 = 7.1 %.
    assert (seventh.in_clubs, seventh.employment) == (1, Decimal("4.0"))
    assert (eighth.in_clubs, eighth.employment, eighth.rating.total) == (1, Decimal("33.3"), 6)
    assert total is not None
    assert (total.students, total.in_clubs, total.employment) == (28, 2, Decimal("7.1"))
    # 6 points ÷ 28 students = 0.214… → 0.2 per student.
    assert (total.rating.total, total.rating.per_student) == (6, Decimal("0.2"))
    page = director.client.get(url("activities_summary")).content.decode()
    assert ("По школе" in page and "7.1" in page) or "7,1" in page


def _add_rows(world, count: int) -> None:
    for i in range(count):
        student = world.students[i]
        add(student, "club", f"Кружок {i}", D(2026, 9, 7), organiser="ДДТ")
        add(student, "self_government", f"Роль {i}", D(2026, 9, 7))
        add(student, "competition", f"Конкурс {i}", D(2026, 10, 7), level="school", placement="winner")


@time_machine.travel(NOW, tick=False)
def test_the_class_page_queries_do_not_grow_with_rows(world, class_teacher, django_assert_max_num_queries) -> None:
    page = url("activities", world.seventh.pk)
    _add_rows(world, 2)
    with django_assert_max_num_queries(20) as few:
        assert class_teacher.client.get(page).status_code == 200
    _add_rows(world, 8)  # rows for 8 more students: the count stays
    with django_assert_max_num_queries(len(few)):
        assert class_teacher.client.get(page).status_code == 200


@time_machine.travel(NOW, tick=False)
def test_the_summary_queries_do_not_grow_with_rows(world, director, django_assert_max_num_queries) -> None:
    _add_rows(world, 2)
    with django_assert_max_num_queries(15) as few:
        assert director.client.get(url("activities_summary")).status_code == 200
    _add_rows(world, 8)
    with django_assert_max_num_queries(len(few)):
        assert director.client.get(url("activities_summary")).status_code == 200
