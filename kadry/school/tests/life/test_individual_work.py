"""The individual work log: only the roles that see prevention cases, only reachable students, every opening logged."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kadry.core.models import AccessLogEntry, Membership
from kadry.school.models import IndividualWork

pytestmark = pytest.mark.django_db
R = Membership.Role

# Written out by hand: the class teacher of 7Б, the administration and the social-psychological
# service see it; the personnel office, the administrator, the auditor and subject teachers do not.
EXPECTED = {
    R.ADMINISTRATOR: 404,
    R.HR_HEAD: 404,
    R.HR_INSPECTOR: 404,
    R.DIRECTOR: 200,
    R.DEPUTY_DIRECTOR: 200,
    R.CLASS_TEACHER: 200,
    R.TEACHER: 404,
    R.SOCIAL_PEDAGOGUE: 200,
    R.PSYCHOLOGIST: 200,
    R.AUDITOR: 404,
}


def test_the_table_covers_every_role() -> None:
    assert set(EXPECTED) == set(R)


@pytest.mark.parametrize(("role", "status"), EXPECTED.items())
def test_each_role_opens_the_log_or_gets_404_and_openings_are_logged(world, personas, role, status) -> None:
    student = world.students[0]
    response = personas[role].client.get(reverse("school:individual_work", args=[student.pk]))
    assert response.status_code == status
    rows = AccessLogEntry.objects.filter(subject_type="school.student", subject_id=student.pk)
    if status == 200:
        entry = rows.get()
        assert (entry.actor_id, entry.role, entry.what) == (
            personas[role].user.pk,
            role,
            "Индивидуальная работа, профилактика",
        )
    else:
        assert not rows.exists()


def test_class_teacher_of_7b_gets_404_for_a_student_of_8a(world, class_teacher) -> None:
    response = class_teacher.client.get(reverse("school:individual_work", args=[world.others[0].pk]))
    assert response.status_code == 404
    # A denial, naming only the id asked for: nothing of the student is copied into the log.
    entry = AccessLogEntry.objects.get()
    assert (entry.denied, entry.subject_type, entry.subject_id, entry.subject_repr) == (
        True,
        "school.student",
        world.others[0].pk,
        "",
    )


def test_outsider_gets_404(world, outsider) -> None:
    assert outsider.client.get(reverse("school:individual_work", args=[world.students[0].pk])).status_code == 404


def test_class_teacher_adds_an_entry_and_the_director_reads_it(world, class_teacher, director) -> None:
    student = world.students[0]
    page = reverse("school:individual_work", args=[student.pk])
    data = {"date": "2026-11-20", "kind": "pdn", "content": "Постановка на учёт в ПДН", "outcome": ""}
    assert class_teacher.client.post(page, data).status_code == 302
    assert IndividualWork.objects.get().author == class_teacher.user
    assert "Постановка на учёт в ПДН" in director.client.get(page).content.decode()
    assert director.client.post(page, data).status_code == 404  # reading is not writing


# Written out by hand: who adds an entry (the class teacher and the social-psychological service);
# the administration reads only; everyone else does not reach the log at all.
WRITES = {
    R.ADMINISTRATOR: 404,
    R.HR_HEAD: 404,
    R.HR_INSPECTOR: 404,
    R.DIRECTOR: 404,
    R.DEPUTY_DIRECTOR: 404,
    R.CLASS_TEACHER: 302,
    R.TEACHER: 404,
    R.SOCIAL_PEDAGOGUE: 302,
    R.PSYCHOLOGIST: 302,
    R.AUDITOR: 404,
}


def test_the_writers_table_covers_every_role() -> None:
    assert set(WRITES) == set(R)


@pytest.mark.parametrize(("role", "status"), WRITES.items())
def test_each_role_adds_an_entry_or_gets_404(world, personas, role, status) -> None:
    student = world.students[0]
    page = reverse("school:individual_work", args=[student.pk])
    data = {"date": "2026-11-20", "kind": "kdn", "content": "Беседа с семьёй", "outcome": "Посещает занятия"}
    assert personas[role].client.post(page, data).status_code == status
    assert IndividualWork.objects.filter(student=student, author=personas[role].user).exists() == (status == 302)


def test_social_pedagogue_finds_the_log_on_the_student_page_and_adds_the_first_entry(world, personas) -> None:
    pedagogue = personas[R.SOCIAL_PEDAGOGUE]
    student = world.students[0]
    page = reverse("school:individual_work", args=[student.pk])
    assert (
        f'href="{page}"' in pedagogue.client.get(reverse("school:student_detail", args=[student.pk])).content.decode()
    )
    empty = pedagogue.client.get(page).content.decode()
    assert "Записей нет" in empty and "Добавить запись" in empty
    data = {"date": "2026-11-20", "kind": "pdn", "content": "Сверка с инспектором ПДН", "outcome": ""}
    response = pedagogue.client.post(page, data, follow=True)
    html = response.content.decode()
    assert "Сверка с инспектором ПДН" in html and "Записей нет" not in html
    # Each opening of the log is in the access log, the one after the redirect too.
    openings = AccessLogEntry.objects.filter(
        subject_id=student.pk, actor_id=pedagogue.user.pk, what="Индивидуальная работа, профилактика"
    )
    assert openings.count() == 2


def test_the_director_reads_the_log_without_the_form(world, director) -> None:
    html = director.client.get(reverse("school:individual_work", args=[world.students[0].pk])).content.decode()
    assert "Записей нет" in html and "Добавить запись" not in html
