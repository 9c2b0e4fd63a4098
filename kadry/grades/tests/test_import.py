"""Loading the journal's export: the dry run's errors by row and column, one job, all or nothing."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kadry.core.models import BackgroundJob, ChangeRecord
from kadry.grades.models import CurrentGrade, Mark, PeriodGrade, Subject, Term
from kadry.grades.rules_import import parse_mark, parse_period
from kadry.grades.tests.conftest import SUBJECTS_15
from kadry.testing.school import enrol

pytestmark = pytest.mark.django_db
HEADER = ["Номер личного дела", "Обучающийся", "Класс", "Предмет", "Период", "Отметка", "Дата"]


@pytest.fixture(autouse=True)
def _import_settings(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _csv(rows: list[list[str]], header: list[str] = HEADER) -> SimpleUploadedFile:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    writer.writerows(rows)
    return SimpleUploadedFile("journal.csv", buffer.getvalue().encode("utf-8"), content_type="text/csv")


def _file(students, subjects=SUBJECTS_15, period="1 четверть", mark="5") -> list[list[str]]:
    return [[s.file_number, "", "", subject, period, mark, ""] for s in students for subject in subjects]


@pytest.mark.parametrize(
    ("text", "term"),
    [("1 четверть", Term.Q1), ("IV четв.", Term.Q4), ("четверть 2", Term.Q2), ("2 полугодие", Term.H2),
     ("1-й триместр", Term.T1), ("Год", Term.YEAR), ("q3", Term.Q3), ("5 четверть", None), ("зима", None)],
)  # fmt: skip
def test_periods_are_read_as_the_journal_writes_them(text: str, term: Term | None) -> None:
    assert parse_period(text) == term


@pytest.mark.parametrize(
    ("text", "mark"),
    [("5", Mark.FIVE), (4.0, Mark.FOUR), ("Зачёт", Mark.PASS), ("незачет", Mark.FAIL), ("н/а", Mark.NOT_ATTESTED),
     ("осв.", Mark.EXEMPT), ("6", None)],
)  # fmt: skip
def test_marks_are_read_as_the_journal_writes_them(text: object, mark: Mark | None) -> None:
    assert parse_mark(text) == mark


def test_a_30_by_15_file_is_one_job_that_writes_everything(
    personas, school_class, django_capture_on_commit_callbacks
) -> None:
    students = enrol(school_class, 30)
    client = personas["deputy_director"].client
    url = reverse("grades:import", args=[school_class.pk])
    checked = client.post(url, {"file": _csv(_file(students))})
    assert checked.status_code == 200, checked.context["plan"].errors[:3]
    plan = checked.context["plan"]
    assert (plan.period_grades, plan.students, len(plan.new_subjects)) == (450, 30, 15)
    assert PeriodGrade.objects.count() == 0  # the dry run writes nothing
    form = checked.context["form"]
    kept = {name: form[name].value() for name in ("upload", "filename")}

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**kept, "commit": "1"})

    job = BackgroundJob.objects.get()
    assert response["Location"] == reverse("grades:import_job", args=[job.pk])
    assert job.kind == BackgroundJob.Kind.GRADE_IMPORT
    assert (job.status, job.progress, job.result["period_grades"]) == ("done", 100, 450)
    assert PeriodGrade.objects.filter(school_class=school_class, term=Term.Q1).count() == 30 * 15
    assert Subject.objects.filter(organisation=school_class.organisation).count() == 15
    assert ChangeRecord.objects.filter(section="Отметки из электронного журнала").count() == 30
    page = client.get(response["Location"])
    assert "Отметок за период: 450" in page.content.decode()


def test_one_bad_cell_writes_nothing_and_names_its_row_and_column(personas, school_class) -> None:
    students = enrol(school_class, 30)
    rows = _file(students)
    rows[200][5] = "6"  # row 202 of the sheet (the header is row 1)
    client = personas["deputy_director"].client

    checked = client.post(reverse("grades:import", args=[school_class.pk]), {"file": _csv(rows)})

    assert checked.status_code == 400
    errors = [(e.row, e.column) for e in checked.context["plan"].errors]
    assert errors == [(202, "Отметка")]
    assert PeriodGrade.objects.count() == 0 and Subject.objects.count() == 0


def test_a_job_whose_file_went_bad_meanwhile_writes_nothing(personas, school_class) -> None:
    # The job checks the file again: a student moved out of the school's register before it ran.
    from kadry.grades import services_import, tasks

    students = enrol(school_class, 3)
    membership = personas["deputy_director"].membership
    rows = _file(students, subjects=SUBJECTS_15[:2])
    rows[-1][0] = "нет-такого"
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows([HEADER, *rows])
    job = services_import.create_import_job(
        membership=membership, school_class=school_class, content=buffer.getvalue().encode(), filename="j.csv"
    )

    tasks.import_grades.call(job.pk)

    job.refresh_from_db()
    assert job.status == "failed" and job.result["errors"][0][:2] == [7, "Номер личного дела"]
    assert PeriodGrade.objects.count() == 0 and Subject.objects.count() == 0


def test_students_are_found_by_name_in_the_class_and_reloading_replaces(personas, school_class, pupils) -> None:
    client = personas["deputy_director"].client
    url = reverse("grades:import", args=[school_class.pk])
    first = pupils[0]
    name = f"{first.last_name} {first.first_name} {first.middle_name}"
    rows = [["", name.upper(), "", "Алгебра", "1 четверть", "3", ""], ["", name, "", "Алгебра", "", "4", "15.10.2026"]]
    from kadry.grades import services_import

    plan = services_import.plan_for(school_class, HEADER, rows)
    assert plan.errors == [] and plan.period_grades == 1 and plan.current_grades == 1
    services_import.commit_grades(actor=None, school_class=school_class, plan=plan)
    rows[0][5] = "5"
    services_import.commit_grades(
        actor=None, school_class=school_class, plan=services_import.plan_for(school_class, HEADER, rows)
    )

    assert list(PeriodGrade.objects.values_list("student_id", "mark")) == [(first.pk, "5")]
    assert CurrentGrade.objects.count() == 1
    assert client.get(url).status_code == 200


def test_errors_name_the_row_and_column(school_class, pupils) -> None:
    from kadry.grades import services_import

    other = enrol(type(school_class).objects.create(
        organisation=school_class.organisation, academic_year=school_class.academic_year, grade=8, letter="А"
    ), 1)[0]  # fmt: skip
    rows = [
        [pupils[0].file_number, "", "", "Алгебра", "1 четверть", "5", ""],
        [pupils[0].file_number, "", "", "алгебра", "1 четверть", "4", ""],  # the same subject and period again
        [other.file_number, "", "", "Алгебра", "1 четверть", "5", ""],  # another class's student
        [pupils[1].file_number, "", "", "", "весна", "5", ""],
        ["", "Никто Никтович", "", "Алгебра", "1 четверть", "5", ""],
        [pupils[2].file_number, "", "", "Алгебра", "", "н/а", "01.10.2026"],  # «н/а» is not a lesson mark
    ]

    plan = services_import.plan_for(school_class, HEADER, rows)

    assert [(e.row, e.column) for e in plan.errors] == [
        (3, "Отметка"),
        (4, "Номер личного дела"),
        (5, "Предмет"),
        (5, "Период"),
        (6, "Обучающийся"),
        (7, "Отметка"),
    ]


def test_a_file_without_the_needed_columns_is_refused_at_the_header(school_class) -> None:
    from kadry.grades import services_import

    plan = services_import.plan_for(school_class, ["Предмет", "Оценка"], [["Алгебра", "5"]])

    assert {(e.row, e.column) for e in plan.errors} >= {(1, "Отметка"), (1, "Номер личного дела"), (1, "Оценка")}


def test_the_template_downloads(personas, school_class, pupils) -> None:
    response = personas["deputy_director"].client.get(reverse("grades:import_template", args=[school_class.pk]))

    assert response.status_code == 200 and response.content[:2] == b"PK"
