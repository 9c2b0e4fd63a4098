"""The API's access log is complete: every operation is classified as returning personal data or not, each
one that does writes the log for its caller, and the others write none.

A new endpoint fails ``test_every_operation_is_classified`` until it is put in one of the two sets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from kadry.api.main import api
from kadry.api.tests.conftest import MILITARY, NEW_EMPLOYEE, PREFIX, SECTION_ROWS, Api
from kadry.core.models import AccessLogEntry, Membership
from kadry.staff.models import Employee
from kadry.staff.sections import SECTIONS
from kadry.testing.prevention import MeasureFactory, PreventionCaseFactory
from kadry.testing.school import EnrollmentFactory

pytestmark = pytest.mark.django_db
R = Membership.Role

CARD = "/employees/{employee_id}"
RESULT = ("post", "/school/prevention/cases/{case_id}/measures/{measure_id}/result")
# (method, path) of every operation whose answer carries personal data of staff or students.
PERSONAL = {
    ("get", CARD),
    ("put", CARD),
    ("patch", CARD),
    ("get", f"{CARD}/military-record"),
    ("put", f"{CARD}/military-record"),
    ("get", f"{CARD}/length-of-service"),
    ("get", f"{CARD}/name-forms"),
    ("get", f"{CARD}/work-record"),
    ("get", f"{CARD}/leave-balance"),
    ("get", f"{CARD}/work-record-entries"),
    ("get", f"{CARD}/absences"),
    # A department's month: names with their absences.
    ("get", "/timesheets/{department_id}/{year}-{month}"),
    ("get", f"{CARD}/sanctions"),
    ("get", f"{CARD}/obligations"),
    # Named lists of the organisation: the liable to military registration, the pre-retirement list.
    ("get", "/military/liable"),
    ("get", "/retirement/upcoming"),
    ("get", "/attestation/due"),
    ("get", f"{CARD}/attestation"),
    # Award nominations: named lists of the organisation (and of the schools a service keeps), an employee's.
    ("get", "/awards/nominations"),
    ("get", f"{CARD}/award-nominations"),
    # Every term of the organisation, naming whom it concerns (probation, sanctions…).
    ("get", "/deadlines"),
    ("get", "/orders/{order_id}"),
    ("put", "/orders/{order_id}"),
    ("get", "/school/classes/{class_id}"),
    ("get", "/school/students/{student_id}"),
    ("get", "/school/classes/{class_id}/attendance"),
    ("put", "/school/classes/{class_id}/attendance"),
    # Named lists only for the roles that see social data; counts for the others.
    ("get", "/school/classes/{pk}/social-passport"),
    # The activities of named students, with the class's rating.
    ("get", "/school/classes/{class_id}/activities"),
    # The register of incidents: health data of named students.
    ("get", "/school/incidents"),
    # Prevention cases (kadry/prevention/api.py): named students on a register and their plans; the
    # result recorded answers the plan's measure, so it logs too.
    ("get", "/school/prevention/cases"),
    ("get", "/school/prevention/cases/{case_id}"),
    ("post", "/school/prevention/cases/{case_id}/measures/{measure_id}/result"),
    *((method, f"{CARD}/{slug}") for slug in SECTIONS for method in ("get",)),
    *(("put", f"{CARD}/{slug}/{{row_id}}") for slug in SECTIONS),
}
# Lists (a directory of names, as the registry page), structure, creations answering what was sent,
# deletions, signing, and the school's figures.
NOT_PERSONAL = {
    ("get", "/employees"),
    ("post", "/employees"),
    # An absence recorded: the answer is what was sent and its effects.
    ("post", "/absences"),
    *(("post", f"{CARD}/{slug}") for slug in SECTIONS),
    *(("delete", f"{CARD}/{slug}/{{row_id}}") for slug in SECTIONS),
    *((method, f"/{kind}") for kind in ("departments", "positions", "staffing-units") for method in ("get", "post")),
    *((method, f"/{kind}/{{object_id}}") for kind in ("departments", "positions", "staffing-units") for method in ("get", "put")),
    ("get", "/orders"),
    ("post", "/orders"),
    ("delete", "/orders/{order_id}"),
    ("post", "/orders/{order_id}/sign"),
    ("post", "/orders/{order_id}/submit"),
    # The production calendar: no one's data.
    ("get", "/calendar/{year}"),
    ("get", "/calendar/leave-end"),
    ("post", "/orders/{order_id}/return"),
    ("get", "/school/classes"),
    ("post", "/school/classes/{class_id}/events"),
    ("post", "/school/classes/{class_id}/activities"),
    # Events with their students and escorts by id: the names are in the class's list, which logs.
    ("get", "/school/classes/{class_id}/events"),
    ("post", "/school/classes/{class_id}/class-hours"),
    ("post", "/school/classes/{class_id}/class-hours/{hour_id}/cancel"),
    ("get", "/school/classes/{class_id}/meeting-check"),
    ("post", "/school/incidents"),
    ("post", "/school/classes/{class_id}/messages"),
    ("get", "/school/overview"),
    # Unreported ЕФС-1 events by deadline with whose they are, as the deadlines page (which logs none).
    ("get", "/work-record-events"),
    # Form № 6: figures only.
    ("get", "/military/form6"),
    # The personnel databank: counts and rates, no names (the movement page names the leavers; its API does not).
    ("get", "/reports/headcount"),
    ("get", "/reports/average-headcount"),
    ("get", "/reports/movement"),
    ("get", "/reports/composition"),
    # The log itself: reading it is not logged, as on its page (each audit would grow what it audits).
    ("get", "/access-log"),
    # The e-journal's writes: creations and a transfer answering what was sent.
    ("post", "/school/years"),
    ("post", "/school/classes"),
    # Writes a class's grades and answers counts only.
    ("put", "/school/classes/{class_id}/grades"),
    ("post", "/school/students"),
    ("post", "/school/students/{student_id}/enrolments"),
    # The class's plan of educational work: events by month and who decided it, no student's data (its
    # page logs none either).
    ("get", "/school/classes/{class_id}/plan"),
    ("put", "/school/classes/{class_id}/plan/items"),
    *(("post", f"/school/classes/{{class_id}}/plan/{step}") for step in ("submit", "approve", "return", "correction")),
}  # fmt: skip


def _operations() -> set[tuple[str, str]]:
    paths = api.get_openapi_schema()["paths"]
    return {(method, path.removeprefix(PREFIX)) for path, ops in paths.items() for method in ops}


def test_every_operation_is_classified() -> None:
    assert not PERSONAL & NOT_PERSONAL
    assert _operations() == PERSONAL | NOT_PERSONAL


@pytest.fixture
def requests_(school, employee: Employee, inspector_api: Api) -> dict[tuple[str, str], tuple[str, str, Any]]:
    """Return (method, path) → (who, concrete path, body) of a valid request of every operation."""
    pupil = EnrollmentFactory(school_class__organisation=school, start=timezone.localdate() - dt.timedelta(days=30))
    order_body = {"kind": "award", "date": "2026-11-02", "items": [{"employee": employee.pk, "award": "Грамота"}]}
    created = inspector_api.post("/orders", order_body)
    assert created.status_code == 201, created.json()
    case = PreventionCaseFactory(student=pupil.student, opened_on=timezone.localdate() - dt.timedelta(days=10))
    measure = MeasureFactory(case=case)
    ids = {
        "case_id": case.pk,
        "measure_id": measure.pk,
        "employee_id": employee.pk,
        "order_id": created.json()["id"],
        "class_id": pupil.school_class_id,
        "pk": pupil.school_class_id,
        "student_id": pupil.student_id,
        "department_id": employee.assignments.get().staffing_unit.department_id,
        "year": timezone.localdate().year,
        "month": timezone.localdate().month,
    }
    bodies: dict[tuple[str, str], Any] = {
        ("put", CARD): NEW_EMPLOYEE,
        ("patch", CARD): {"phone": "+7 900 000-00-00"},
        ("put", f"{CARD}/military-record"): MILITARY,
        ("put", "/orders/{order_id}"): order_body,
        ("put", "/school/classes/{class_id}/attendance"): {"marks": []},
        (RESULT[0], RESULT[1]): {"result": "Беседа проведена", "result_on": timezone.localdate().isoformat()},
    }
    for slug, section in SECTIONS.items():
        ids[f"row_{slug}"] = section.model._default_manager.get(employee=employee).pk
        bodies[("put", f"{CARD}/{slug}/{{row_id}}")] = SECTION_ROWS[slug]
    result: dict[tuple[str, str], tuple[str, str, Any]] = {}
    for method, path in PERSONAL:
        concrete = path.format(**{**ids, "row_id": ids.get(f"row_{path.split('/')[3]}", 0) if "row_id" in path else 0})
        # The director reads the school side; a measure's result is recorded by the social pedagogue.
        who = (
            R.SOCIAL_PEDAGOGUE
            if (method, path) == RESULT
            else R.DIRECTOR
            if path.startswith("/school/")
            else R.HR_INSPECTOR
        )
        result[(method, path)] = (who, concrete, bodies.get((method, path)))
    return result


def test_every_personal_operation_logs_its_caller(requests_, personas, api_as: Callable[[Any], Api]) -> None:
    clients = {role: api_as(personas[role]) for role in (R.DIRECTOR, R.HR_INSPECTOR, R.SOCIAL_PEDAGOGUE)}
    failures = []
    for (method, path), (role, concrete, body) in sorted(requests_.items()):
        user = personas[role].user
        before = AccessLogEntry.objects.filter(actor=user).count()
        call = getattr(clients[role], method)
        response = call(concrete) if body is None else call(concrete, body)
        rows = list(AccessLogEntry.objects.filter(actor=user).order_by("id")[before:])
        if response.status_code != 200 or not rows:
            failures.append(f"{method} {path}: {response.status_code} {len(rows)} rows")
        elif any(row.denied or row.channel != "api" or not row.subject_repr for row in rows):
            failures.append(f"{method} {path}: {[(r.denied, r.channel, r.subject_repr) for r in rows]}")
    assert not failures, "\n".join(failures)


def test_lists_and_figures_write_no_log(school, employee: Employee, personas, api_as: Callable[[Any], Api]) -> None:
    pupil = EnrollmentFactory(school_class__organisation=school, start=timezone.localdate() - dt.timedelta(days=30))
    reads = {
        R.HR_INSPECTOR: [
            "/employees",
            "/departments",
            "/positions",
            "/staffing-units",
            "/orders",
            "/work-record-events",
            "/military/form6",
            "/reports/headcount",
            "/reports/average-headcount?year=2026",
            "/reports/movement?from=2026-01-01&to=2026-06-30",
            "/reports/composition",
        ],
        R.HR_HEAD: ["/access-log"],
        R.DIRECTOR: [
            "/school/classes",
            f"/school/classes/{pupil.school_class_id}/meeting-check",
            f"/school/classes/{pupil.school_class_id}/events",
            "/school/overview",
        ],
        # The administrator sees the passport's figures only.
        R.ADMINISTRATOR: [f"/school/classes/{pupil.school_class_id}/social-passport"],
    }
    for role, paths in reads.items():
        client = api_as(personas[role])
        for path in paths:
            assert client.get(path).status_code == 200, path
    assert not AccessLogEntry.objects.exists()
