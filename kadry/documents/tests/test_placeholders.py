"""The documented placeholders are what the context builders really give (the upload page cannot drift)."""

from __future__ import annotations

import datetime as dt

import pytest

from kadry.documents import services
from kadry.documents.contexts import CertificateRequest, employment_certificate_context, personal_card_context
from kadry.documents.models import DocumentTemplate
from kadry.documents.placeholders import PLACEHOLDERS
from kadry.documents.record_contexts import service_certificate_context, work_record_extract_context
from kadry.documents.tests.helpers import context_paths
from kadry.employment.seniority import length_of_service_on, sources_for_employee
from kadry.staff.models import Employee

Kind = DocumentTemplate.Kind
ON = dt.date(2025, 1, 15)


def _contexts(teacher: Employee) -> dict[str, dict]:
    organisation = teacher.organisation
    assignments = services.employee_assignments(teacher)
    sources = sources_for_employee(teacher)
    return {
        Kind.PERSONAL_CARD_T2: personal_card_context(
            teacher, organisation=organisation, assignments=assignments, today=ON
        ),
        Kind.EMPLOYMENT_CERTIFICATE: employment_certificate_context(
            teacher, organisation=organisation, assignments=assignments, certificate=CertificateRequest(issued_on=ON)
        ),
        Kind.SERVICE_CERTIFICATE: service_certificate_context(
            teacher, organisation=organisation, sources=sources, service=length_of_service_on(sources, ON), issued_on=ON
        ),
        Kind.WORK_RECORD_EXTRACT: work_record_extract_context(
            teacher, organisation=organisation, events=[], start=None, end=ON, issued_on=ON
        ),
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kind", [Kind.PERSONAL_CARD_T2, Kind.EMPLOYMENT_CERTIFICATE, Kind.SERVICE_CERTIFICATE, Kind.WORK_RECORD_EXTRACT]
)
def test_the_list_of_a_document_is_exactly_what_its_context_gives(teacher: Employee, kind: str) -> None:
    given = context_paths(_contexts(teacher)[kind])
    documented = set(PLACEHOLDERS[kind])

    assert given - documented == set(), "undocumented: add them to kadry/documents/placeholders.py"
    # The rows of a list the fixture leaves empty (no languages, no events…) cannot be seen here.
    assert {path for path in documented - given if "[]." not in path} == set(), "documented but not given"
