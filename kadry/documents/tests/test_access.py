"""Who may reach the documents pages: 404 for roles without the capability and for other schools' objects."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from kadry.core.models import AccessLogEntry
from kadry.documents.models import DocumentTemplate, GeneratedDocument
from kadry.staff.models import Employee
from kadry.testing.access_log import only_denials_by


@pytest.fixture
def job(school) -> GeneratedDocument:
    return GeneratedDocument.objects.create(
        organisation=school,
        kind=GeneratedDocument.Kind.PERSONAL_CARDS_T2,
        title="Личные карточки",
        status=GeneratedDocument.Status.DONE,
        progress=100,
        created_at=timezone.now(),
    )


def _school_object_urls(employee: Employee, job: GeneratedDocument) -> list[tuple[str, str]]:
    return [
        ("get", reverse("documents:personal_card", args=[employee.pk, "docx"])),
        ("get", reverse("documents:personal_card", args=[employee.pk, "pdf"])),
        ("get", reverse("documents:employment_certificate", args=[employee.pk])),
        ("post", reverse("documents:employment_certificate", args=[employee.pk])),
        ("get", reverse("documents:job_download", args=[job.pk])),
    ]


def _organisation_urls() -> list[tuple[str, str]]:
    kind = DocumentTemplate.Kind.PERSONAL_CARD_T2
    return [
        ("get", reverse("documents:jobs")),
        ("post", reverse("documents:start_personal_cards")),
        ("get", reverse("documents:templates")),
        ("post", reverse("documents:templates")),
        ("get", reverse("documents:template_download", args=[kind])),
        ("post", reverse("documents:template_reset", args=[kind])),
    ]


@pytest.mark.django_db
def test_class_teacher_gets_404_on_every_documents_url(class_teacher, teacher: Employee, job) -> None:
    for method, url in _school_object_urls(teacher, job) + _organisation_urls():
        response = getattr(class_teacher.client, method)(url, {"fmt": "docx", "issued_on": "2025-01-10"})
        assert response.status_code == 404, (method, url)
    assert not AccessLogEntry.objects.exists()
    assert GeneratedDocument.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["teacher", "deputy_director", "administrator"])
def test_roles_without_personal_data_get_404(personas, role: str, teacher: Employee, job) -> None:
    client = personas[role].client
    for method, url in _school_object_urls(teacher, job) + _organisation_urls():
        assert getattr(client, method)(url).status_code == 404, (method, url)


@pytest.mark.django_db
def test_outsider_gets_404_on_every_object_of_another_school(outsider, teacher: Employee, job) -> None:
    for method, url in _school_object_urls(teacher, job):
        response = getattr(outsider.client, method)(url, {"fmt": "docx", "issued_on": "2025-01-10"})
        assert response.status_code == 404, (method, url)
    assert only_denials_by(outsider)


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_log_in(client, teacher: Employee) -> None:
    response = client.get(reverse("documents:personal_card", args=[teacher.pk, "docx"]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["hr_head", "hr_inspector", "director", "auditor"])
def test_roles_with_personal_data_may_print(personas, role: str, teacher: Employee) -> None:
    response = personas[role].client.get(reverse("documents:personal_card", args=[teacher.pk, "docx"]))
    assert response.status_code == 200
