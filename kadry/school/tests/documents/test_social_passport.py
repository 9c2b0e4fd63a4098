"""The social passport of a class: counts for everyone who reaches the class, names only for permitted roles."""

from __future__ import annotations

import datetime as dt

import pytest

from kadry.core.models import AccessLogEntry, ApiToken, Membership
from kadry.school.models import StudentCategory
from kadry.testing.school import SchoolClassFactory, StudentCategoryFactory, enrol

Role = Membership.Role
C = StudentCategory.Category
pytestmark = pytest.mark.django_db


@pytest.fixture
def categories(class_7b):
    anna, boris, vera, _ = class_7b.students
    StudentCategoryFactory(student=anna, category=C.LARGE_FAMILY)
    StudentCategoryFactory(student=boris, category=C.LARGE_FAMILY, valid_to=dt.date(2026, 10, 31))
    StudentCategoryFactory(student=vera, category=C.DISABLED, evidence="справка МСЭ")
    return class_7b


def _url(class_7b, suffix: str = "") -> str:
    return f"/school/classes/{class_7b.school_class.pk}/social-passport/{suffix}"


def test_class_teacher_sees_counts_and_names_and_the_opening_is_logged(categories, class_teacher) -> None:
    response = class_teacher.client.get(_url(categories))
    assert response.status_code == 200
    lines = {line.category: line for line in response.context["passport"].lines}
    assert lines[C.LARGE_FAMILY].count == 1  # Boris's category ended on 31 October
    assert lines[C.DISABLED].count == 1
    assert response.context["named"]
    assert str(categories.students[0]) in response.content.decode()
    assert AccessLogEntry.objects.filter(what="Социальный паспорт класса", actor=class_teacher.user).count() == 1


def test_passport_on_an_earlier_date_counts_what_was_valid_then(categories, class_teacher) -> None:
    response = class_teacher.client.get(_url(categories) + "?on=2026-10-15")
    assert response.context["passport"].count(C.LARGE_FAMILY) == 2


def test_administrator_sees_counts_only_and_nothing_is_logged(categories, personas) -> None:
    admin = personas[Role.ADMINISTRATOR]
    response = admin.client.get(_url(categories))
    assert response.status_code == 200
    assert not response.context["named"]
    assert str(categories.students[0]) not in response.content.decode()
    assert not AccessLogEntry.objects.exists()


def test_subject_teacher_and_teacher_of_another_class_get_404(categories, personas, school, class_teacher) -> None:
    assert personas[Role.TEACHER].client.get(_url(categories)).status_code == 404
    other = SchoolClassFactory(organisation=school, grade=8, letter="А")
    enrol(other, 1)
    assert class_teacher.client.get(f"/school/classes/{other.pk}/social-passport/").status_code == 404


def test_docx_download(categories, class_teacher) -> None:
    response = class_teacher.client.get(_url(categories, "docx/"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert b"".join(response.streaming_content)[:2] == b"PK"


def test_pdf_download_or_a_clear_503(categories, personas) -> None:
    response = personas[Role.DIRECTOR].client.get(_url(categories, "pdf/"))
    assert response.status_code in (200, 503)
    if response.status_code == 200:
        assert b"".join(response.streaming_content)[:4] == b"%PDF"


def test_unknown_format_is_404(categories, class_teacher) -> None:
    assert class_teacher.client.get(_url(categories, "xls/")).status_code == 404


def test_api_gives_counts_and_ids_only_to_roles_that_see_social_data(categories, class_teacher, personas) -> None:
    def call(persona) -> dict:
        secret = f"kd_test_{persona.membership.role}"
        ApiToken.objects.create(
            membership=persona.membership, name="t", prefix=secret[:8], digest=ApiToken.digest_of(secret)
        )
        response = persona.client.get(
            f"/api/v1/school/classes/{categories.school_class.pk}/social-passport",
            headers={"authorization": f"Bearer {secret}"},
        )
        assert response.status_code == 200, response.content
        return {line["category"]: line for line in response.json()["lines"]}

    teacher_view = call(class_teacher)
    assert teacher_view[C.LARGE_FAMILY]["count"] == 1
    assert teacher_view[C.LARGE_FAMILY]["students"] == [categories.students[0].pk]
    admin_view = call(personas[Role.ADMINISTRATOR])
    assert admin_view[C.LARGE_FAMILY]["students"] is None
