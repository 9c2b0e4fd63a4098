"""Loading grades from the electronic journal's export, or from the API: check, then write all or nothing.

A file is checked on the page (the dry run: errors by row and column), then written by a background
job with progress (kadry.core.jobs), as the student and sick-leave imports are. The API writes the
same check's result at once. Either way one bad cell writes nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

from django.db import transaction
from django.utils import timezone

from kadry.core.jobs import (
    JobAbandoned,
    create_upload_job,
    discard_upload,
    fail_with_row_errors,
    finish_job,
    finishing,
    read_upload,
    save_job,
    take_job,
)
from kadry.core.models import BackgroundJob, ChangeRecord, Membership
from kadry.core.uploads import read_uploaded_table
from kadry.grades.models import CurrentGrade, PeriodGrade, Subject
from kadry.grades.rules_import import HEADERS, GradePlan, Scope, name_key, plan_grades
from kadry.lib.tables import TableError
from kadry.lib.xlsx import table_to_xlsx
from kadry.school.models import Enrollment, SchoolClass, Student

logger = logging.getLogger(__name__)

SECTION = "Отметки из электронного журнала"


def template_xlsx(school_class: SchoolClass) -> bytes:
    """Return the import template: the columns and a row for each student of the class (one query).

    The first student's rows show a period grade, an exemption and a current mark; the others' cells
    of subject, period and grade are left to fill in.
    """
    on = min(max(timezone.localdate(), school_class.academic_year.start), school_class.academic_year.end)
    students = list(
        Student.objects.filter(
            pk__in=Enrollment.objects.active(on=on).filter(school_class=school_class).values("student_id")
        )
    )
    name = f"{school_class.grade}{school_class.letter}"
    rows = [[s.file_number, str(s), name, "", "", "", ""] for s in students]
    if students:
        first = rows[0][:3]
        rows[:1] = [
            [*first, "Математика", "1 четверть", "5", ""],
            [*first, "Физическая культура", "1 четверть", "осв.", ""],
            [*first, "Русский язык", "", "4", f"{on:%d.%m.%Y}"],
        ]
    return table_to_xlsx("Отметки", HEADERS, rows)


def class_scope(school_class: SchoolClass, *, on: dt.date) -> Scope:
    """Return the students a class's load may grade: enrolled in the class during its year (one query).

    The whole year, not only ``on``: grades of a quarter arrive after a student moved to another class.
    """
    year = school_class.academic_year
    rows = (
        Enrollment.objects.filter(organisation_id=school_class.organisation_id, school_class=school_class)
        .filter(start__lte=year.end)
        .exclude(end__lt=year.start)
        .values_list("student_id", "student__file_number", "student__last_name", "student__first_name",
                     "student__middle_name")
    )  # fmt: skip
    by_number: dict[str, tuple[int, int]] = {}
    by_name: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for student_id, number, last, first, middle in rows:
        if number in by_number:
            continue  # enrolled twice in the class (left and came back)
        by_number[number] = (student_id, school_class.pk)
        by_name[(name_key(f"{last} {first} {middle}"), "")].append((student_id, school_class.pk))
    return Scope(by_number, dict(by_name), {school_class.pk: f"{school_class.grade}{school_class.letter}"}, True)


def subjects_of(organisation_id: int) -> dict[str, str]:
    """Return the school's subjects, name key → name (one query)."""
    return {
        name_key(name): name
        for name in Subject.objects.filter(organisation_id=organisation_id).values_list("name", flat=True)
    }


def plan_for(
    school_class: SchoolClass, header: Sequence[Any], rows: Sequence[Sequence[Any]], *, first_row: int = 2
) -> GradePlan:
    """Return the plan of a class's file against the database (two queries)."""
    year = school_class.academic_year
    return plan_grades(
        header,
        rows,
        scope=class_scope(school_class, on=timezone.localdate()),
        subjects=subjects_of(school_class.organisation_id),
        year_start=year.start,
        year_end=year.end,
        first_row=first_row,
    )


@transaction.atomic
def commit_grades(*, actor: Any, school_class: SchoolClass, plan: GradePlan) -> GradePlan:
    """Write the plan in one transaction: new subjects, period grades (replacing the same student, subject and
    period), current marks (replacing the same day's), one history row per student. Nothing when it has errors."""
    if plan.errors:
        return plan
    organisation_id = school_class.organisation_id
    now = timezone.now()
    Subject.objects.bulk_create(
        [Subject(organisation_id=organisation_id, name=name) for name in plan.new_subjects], ignore_conflicts=True
    )
    subjects = {name_key(s.name): s.pk for s in Subject.objects.filter(organisation_id=organisation_id)}
    period = [r for r in plan.records if r.term is not None]
    PeriodGrade.objects.bulk_create(
        [
            PeriodGrade(
                organisation_id=organisation_id,
                academic_year_id=school_class.academic_year_id,
                school_class_id=r.class_id,
                student_id=r.student_id,
                subject_id=subjects[name_key(r.subject)],
                term=r.term or "",
                mark=r.mark,
                updated_at=now,
            )
            for r in period
        ],
        batch_size=500,
        update_conflicts=True,
        unique_fields=["organisation", "academic_year", "term", "student", "subject"],
        update_fields=["mark", "school_class", "updated_at"],
    )
    current = [r for r in plan.records if r.term is None]
    if current:
        days = {r.date for r in current if r.date is not None}
        CurrentGrade.objects.filter(
            organisation_id=organisation_id,
            school_class=school_class,
            student_id__in={r.student_id for r in current},
            date__in=days,
        ).delete()
        CurrentGrade.objects.bulk_create(
            [
                CurrentGrade(
                    organisation_id=organisation_id,
                    school_class_id=r.class_id,
                    student_id=r.student_id,
                    subject_id=subjects[name_key(r.subject)],
                    date=r.date,
                    mark=r.mark,
                    updated_at=now,
                )
                for r in current
                if r.date is not None
            ],
            batch_size=500,
        )
    per_student: dict[int, int] = defaultdict(int)
    for record in plan.records:
        per_student[record.student_id] += 1
    names = {s.pk: str(s) for s in Student.objects.filter(pk__in=per_student)}
    ChangeRecord.objects.bulk_create(
        (
            ChangeRecord(
                organisation_id=organisation_id,
                actor=actor,
                at=now,
                action=ChangeRecord.Action.UPDATE,
                subject_type=Student._meta.label_lower,
                subject_id=student_id,
                section=SECTION,
                object_id=student_id,
                object_repr=names.get(student_id, "")[:300],
                changes={"Отметок загружено": ["", str(count)], "Класс": ["", str(school_class)]},
            )
            for student_id, count in per_student.items()
        ),
        batch_size=500,
    )
    return plan


def result_of(plan: GradePlan) -> dict[str, int]:
    return {
        "period_grades": plan.period_grades,
        "current_grades": plan.current_grades,
        "students": plan.students,
        "new_subjects": len(plan.new_subjects),
    }


# The load as a background job (kadry.core.jobs): upload → queued → progress → the result page.


def create_import_job(
    *, membership: Membership, school_class: SchoolClass, content: bytes, filename: str
) -> BackgroundJob:
    """Keep the uploaded file as a pending job; return the job row (``tasks.start_import`` queues it)."""
    name = PurePath(filename).name[:200]
    return create_upload_job(
        membership=membership,
        kind=BackgroundJob.Kind.GRADE_IMPORT,
        title=f"Загрузка отметок {school_class} класса из файла «{name}»",
        content=content,
        filename=filename,
        class_id=school_class.pk,
    )


def run_import_job(job_id: int) -> None:
    """Check the job's file again (the class may have changed since the dry run) and write it, all or nothing."""
    job = take_job(job_id)
    if job is None:
        return  # Already taken by another worker, or retried after it finished.
    try:
        membership = Membership.objects.select_related("user").get(pk=job.params["membership_id"])
        school_class = SchoolClass.objects.select_related("academic_year").get(
            pk=job.params["class_id"], organisation_id=job.organisation_id
        )
        header, rows = read_uploaded_table(read_upload(job), job.params["filename"])
        save_job(job, progress=20)
        plan = plan_for(school_class, header, rows)
        if not plan.errors:
            save_job(job, progress=60)
            with finishing(job):  # the writes and «done» in one transaction, unless the sweep failed the job
                commit_grades(actor=membership.user, school_class=school_class, plan=plan)
                finish_job(job, BackgroundJob.Status.DONE, result=result_of(plan))
        else:
            fail_with_row_errors(job, plan.errors)
    except JobAbandoned:
        logger.warning("Grade import job %s was failed by the sweep: nothing written", job_id)
    except TableError as error:
        finish_job(job, BackgroundJob.Status.FAILED, error=str(error))
    except Exception as error:
        logger.exception("Grade import job %s failed", job_id)
        finish_job(job, BackgroundJob.Status.FAILED, error=str(error)[:2000] or error.__class__.__name__)
    finally:
        discard_upload(job)
