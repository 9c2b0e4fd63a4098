"""Import of classes, students and guardians: read the file, plan against the database, commit all or nothing."""

from __future__ import annotations

import logging
from pathlib import PurePath
from typing import Any

from django.db import transaction
from django.utils import timezone

from kadry.core.jobs import (
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
from kadry.lib.tables import TableError
from kadry.lib.xlsx import table_to_xlsx
from kadry.school.models import AcademicYear, Enrollment, Guardian, SchoolClass, Student
from kadry.school.rules.importing import COLUMNS, HEADERS, ImportPlan, RowError, plan_import

logger = logging.getLogger(__name__)

SECTION = "Импорт обучающихся"


def template_xlsx() -> bytes:
    """Return the import template: the columns and one example row."""
    example = [
        "7Б",
        "125",
        "Петрова",
        "Анна",
        "Сергеевна",
        "Ж",
        "17.05.2013",
        "г. Тула, ул. Ленина, д. 1, кв. 5",
        "II",
        "",
    ]
    example += ["Петрова Ольга Викторовна", "мать", "+7 910 000-00-00", "petrova@example.ru", "", "", "", ""]
    return table_to_xlsx("Обучающиеся", HEADERS, [example])


def plan_for(
    *, organisation_id: int, year: AcademicYear, header: list[Any], rows: list[list[Any]], create_classes: bool
) -> ImportPlan:
    """Return the import plan of ``rows`` against the classes of ``year`` and the school's students (two queries)."""
    existing_classes = set(
        SchoolClass.objects.filter(organisation_id=organisation_id, academic_year=year).values_list("grade", "letter")
    )
    numbers = set(Student.objects.filter(organisation_id=organisation_id).values_list("file_number", flat=True))
    return plan_import(
        header,
        rows,
        existing_classes={(grade, letter.upper()) for grade, letter in existing_classes},
        existing_file_numbers=numbers,
        year_start=year.start,
        year_end=year.end,
        create_classes=create_classes,
    )


def columns() -> tuple[tuple[str, str], ...]:
    return COLUMNS


STUDENT_FIELDS = ("last_name", "first_name", "middle_name", "sex", "birth_date", "address", "health_group")


@transaction.atomic
def commit_import(*, actor: Any, organisation_id: int, year: AcademicYear, plan: ImportPlan) -> ImportPlan:
    """Write the plan in one transaction: new classes, new and changed students, guardians, enrolments.

    Returns the plan with errors found only against the database now (a student already in another
    class); when there are any, nothing is written.
    """
    if plan.errors:
        return plan
    now = timezone.now()
    SchoolClass.objects.bulk_create(
        SchoolClass(organisation_id=organisation_id, academic_year=year, grade=grade, letter=letter)
        for grade, letter in plan.new_classes
    )
    classes = {
        f"{c.grade}{c.letter.upper()}": c
        for c in SchoolClass.objects.filter(organisation_id=organisation_id, academic_year=year)
    }
    existing = {
        s.file_number: s
        for s in Student.objects.filter(
            organisation_id=organisation_id, file_number__in=[r.file_number for r in plan.records if not r.is_new]
        )
    }
    # 1. Students: new ones in one insert, changed ones in one update.
    new_students = [
        Student(
            organisation_id=organisation_id, file_number=r.file_number, **{f: getattr(r, f) for f in STUDENT_FIELDS}
        )
        for r in plan.records
        if r.is_new
    ]
    Student.objects.bulk_create(new_students)
    changed = []
    for record in plan.records:
        if not record.is_new:
            student = existing[record.file_number]
            for name in STUDENT_FIELDS:
                setattr(student, name, getattr(record, name))
            changed.append(student)
    Student.objects.bulk_update(changed, STUDENT_FIELDS, batch_size=500)
    students = {s.file_number: s for s in [*new_students, *changed]}
    # 2. Enrolments: a student not enrolled on the date is enrolled; one in another class is an error.
    current = {
        e.student_id: e
        for e in Enrollment.objects.filter(student__in=changed).active(on=max(year.start, timezone.localdate()))
    }
    errors: list[RowError] = []
    enrolments = []
    for record in plan.records:
        student, school_class = students[record.file_number], classes[record.class_name]
        enrolment = current.get(student.pk)
        if enrolment is None:
            enrolments.append(
                Enrollment(
                    organisation_id=organisation_id,
                    student=student,
                    school_class=school_class,
                    start=record.enrolled_on,
                    basis=SECTION,
                )
            )
        elif enrolment.school_class_id != school_class.pk:
            errors.append(
                RowError(
                    record.row,
                    "Класс",
                    f"{student} уже зачислен(а) в другой класс; перевод — на странице обучающегося.",
                )
            )
    if errors:
        transaction.set_rollback(True)
        return ImportPlan(records=plan.records, errors=errors, new_classes=plan.new_classes)
    Enrollment.objects.bulk_create(enrolments, batch_size=500)
    # 3. Guardians: those in the file replace the student's guardians.
    with_guardians = [students[r.file_number] for r in plan.records if r.guardians]
    Guardian.objects.filter(student__in=[s for s in with_guardians if s.pk in {c.pk for c in changed}]).delete()
    Guardian.objects.bulk_create(
        (
            Guardian(organisation_id=organisation_id, student=students[r.file_number], **vars(g))
            for r in plan.records
            for g in r.guardians
        ),
        batch_size=500,
    )
    # 4. History: one row per student, written at once.
    ChangeRecord.objects.bulk_create(
        (
            ChangeRecord(
                organisation_id=organisation_id,
                actor=actor,
                at=now,
                action=ChangeRecord.Action.CREATE if r.is_new else ChangeRecord.Action.UPDATE,
                subject_type=Student._meta.label_lower,
                subject_id=students[r.file_number].pk,
                section=SECTION,
                object_id=students[r.file_number].pk,
                object_repr=str(students[r.file_number])[:300],
                changes={"Класс": ["", r.class_name], "Строка файла": ["", str(r.row)]},
            )
            for r in plan.records
        ),
        batch_size=500,
    )
    return plan


@transaction.atomic
def create_import_job(
    *, membership: Membership, year: AcademicYear, create_classes: bool, content: bytes, filename: str
) -> BackgroundJob:
    """Keep the uploaded file as a pending import job; return the job row (``tasks.start_import`` queues it)."""
    job = create_upload_job(
        membership=membership,
        kind=BackgroundJob.Kind.STUDENT_IMPORT,
        title=f"Загрузка обучающихся из файла «{PurePath(filename).name[:200]}»",
        content=content,
        filename=filename,
        year_id=year.pk,
        create_classes=create_classes,
    )
    return job


def run_import_job(job_id: int) -> None:
    """Plan the job's file against the database again (it may have changed) and commit it, all or nothing."""
    job = take_job(job_id)
    if job is None:
        return
    try:
        membership = Membership.objects.select_related("user").get(pk=job.params["membership_id"])
        year = AcademicYear.objects.get(pk=job.params["year_id"], organisation_id=job.organisation_id)
        header, rows = read_uploaded_table(read_upload(job), job.params["filename"])
        save_job(job, progress=20)
        plan = plan_for(
            organisation_id=job.organisation_id,
            year=year,
            header=header,
            rows=rows,
            create_classes=job.params["create_classes"],
        )
        if not plan.errors:
            save_job(job, progress=50)
            with finishing(job):  # the writes and «done» in one transaction, unless the sweep failed the job
                plan = commit_import(actor=membership.user, organisation_id=job.organisation_id, year=year, plan=plan)
                if not plan.errors:
                    result = {"created": plan.created, "updated": plan.updated, "new_classes": len(plan.new_classes)}
                    finish_job(job, BackgroundJob.Status.DONE, result=result)
        if plan.errors:
            fail_with_row_errors(job, plan.errors)
    except TableError as error:
        finish_job(job, BackgroundJob.Status.FAILED, error=str(error))
    except Exception as error:
        logger.exception("Student import job %s failed", job_id)
        finish_job(job, BackgroundJob.Status.FAILED, error=str(error)[:2000] or error.__class__.__name__)
    finally:
        discard_upload(job)
