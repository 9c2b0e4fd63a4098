"""Every page of the application × every role, written out by hand; and every URL must be listed here.

A new URL fails ``test_every_url_is_in_the_matrix`` until its row is added, so no page ships without
its permission check being tested. Forbidden answers 404 (DESIGN.md); a POST-only URL answers GET with
405 to the roles that may use it and 404 to the others. Objects of another organisation: see
``test_outsider_gets_404_for_every_object_url``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from kadry.absences.models import Absence
from kadry.attestation import services as attestation
from kadry.awards import services as awards
from kadry.core.models import ApiToken, BackgroundJob, Membership
from kadry.discipline import services as discipline
from kadry.documents.models import GeneratedDocument
from kadry.employment.models import CertificateApplication, WorkRecordEvent
from kadry.leave import schedule as schedules
from kadry.leave.models import CalendarCorrection, LeaveRule, PlannedLeave, VacationSchedule
from kadry.orders import services as orders
from kadry.orders.models import Order
from kadry.orders.tests.conftest import HIRE
from kadry.prevention.models import CouncilDecision
from kadry.school.models import (
    Activity,
    AttendanceMark,
    Characteristic,
    ClassEvent,
    ClassHour,
    ClassTeacherAssignment,
    ClassVisit,
    Incident,
    ParentMeeting,
    ParentMessage,
)
from kadry.staff.models import PriorJob
from kadry.testing.factories import AssignmentFactory, EmployeeFactory, PriorJobFactory, StaffingUnitFactory
from kadry.testing.prevention import CouncilSittingFactory, MeasureFactory, PreventionCaseFactory
from kadry.testing.school import EducationPlanFactory, EducationPlanItemFactory, EnrollmentFactory

R = Membership.Role
ALL = frozenset(R)
STAFF = frozenset({R.ADMINISTRATOR, R.HR_HEAD, R.HR_INSPECTOR, R.DIRECTOR, R.DEPUTY_DIRECTOR, R.AUDITOR})
CARD = frozenset({R.HR_HEAD, R.HR_INSPECTOR, R.DIRECTOR, R.AUDITOR})
HR = frozenset({R.HR_HEAD, R.HR_INSPECTOR})
STRUCTURE_EDITORS = frozenset({R.ADMINISTRATOR, R.HR_HEAD, R.HR_INSPECTOR})
LOG = frozenset({R.HR_HEAD, R.AUDITOR})
SECURITY_LOG = frozenset({R.ADMINISTRATOR, R.HR_HEAD, R.AUDITOR})
ADMIN = frozenset({R.ADMINISTRATOR})
ORDERS = frozenset({R.HR_HEAD, R.HR_INSPECTOR, R.DIRECTOR, R.AUDITOR})
DIRECTOR = frozenset({R.DIRECTOR})
NOBODY: frozenset[str] = frozenset()
# Every class (the persona class teacher leads none, so reaches no class page).
SCHOOL_CLASSES = frozenset({R.ADMINISTRATOR, R.DIRECTOR, R.DEPUTY_DIRECTOR, R.SOCIAL_PEDAGOGUE, R.PSYCHOLOGIST})
SCHOOL_MANAGERS = frozenset({R.ADMINISTRATOR, R.DEPUTY_DIRECTOR})
INCIDENT_READERS = SCHOOL_CLASSES - {R.ADMINISTRATOR}
SCHOOL_HEADS = frozenset({R.DIRECTOR, R.DEPUTY_DIRECTOR})
# Prevention cases (kadry/prevention): read by the roles that read individual work — the persona class
# teacher leads no class, so opens the register (empty) but no case; kept by the social-psychological service.
PREVENTION_KEEPERS = frozenset({R.SOCIAL_PEDAGOGUE, R.PSYCHOLOGIST})

# url name → (the roles that may open it, the status they get). Everybody else gets 404.
MATRIX: dict[str, tuple[frozenset[str], int]] = {
    "home": (ALL, 200),
    "profile": (ALL, 200),
    "deadlines": (ORDERS, 200),
    "deadline_open": (ALL, 405),
    "switch_organisation": (ALL, 405),
    "logout": (ALL, 405),
    "token_create": (ALL, 405),
    "token_revoke": (ALL, 405),
    "access_log": (LOG, 200),
    "access_log_export": (LOG, 200),
    # Logging in (kadry/core/views_account.py, views_security.py). The personas have no second factor
    # yet, so its verification and management pages send them to the set-up.
    "security_log": (SECURITY_LOG, 200),
    "users": (ADMIN, 200),
    "user_password_reset": (ADMIN, 200),
    "password_change": (ALL, 200),
    "two_factor_setup": (ALL, 200),
    "two_factor_verify": (ALL, 302),
    "two_factor_manage": (ALL, 302),
    "two_factor_codes": (ALL, 405),
    "two_factor_reset": (ALL, 405),
    "employee_list": (STAFF, 200),
    "employee_list_export": (STAFF, 200),
    "employee_create": (HR, 200),
    "employee_import": (HR, 200),
    "employee_import_template": (HR, 200),
    "employee_import_job": (HR, 200),
    "employee_card": (CARD, 200),
    # A centralised HR service's registry across its schools (kadry/staff/tests/test_serviced_registry.py):
    # the personas act in a school, so none of them reaches it. Like a school's registry it shows no
    # personal data (not in PERSONAL_DATA); the card it opens, in its school, logs the opening there.
    "serviced_employee_list": (NOBODY, 200),
    "serviced_employee_open": (NOBODY, 302),
    "employee_card_tab": (CARD, 200),
    "employee_edit": (HR, 200),
    "military_edit": (HR, 200),
    "employee_name_forms": (HR, 200),
    "position_name_forms": (STRUCTURE_EDITORS, 200),
    "section_add": (HR, 200),
    "section_edit": (HR, 200),
    "section_delete": (HR, 405),
    "structure": (STAFF, 200),
    "structure_create": (STRUCTURE_EDITORS, 200),
    "structure_edit": (STRUCTURE_EDITORS, 200),
    "staffing_table": (STAFF, 200),
    "staffing_table_export": (STAFF, 200),
    "staffing_table_pdf": (STAFF, 200),
    "orders:list": (ORDERS, 200),
    "orders:new": (HR, 200),
    "orders:queue": (DIRECTOR, 200),
    "orders:queue_count": (DIRECTOR, 200),
    "orders:queue_sign": (DIRECTOR, 405),
    "orders:detail": (ORDERS, 200),
    "orders:edit": (HR, 200),
    "orders:delete": (HR, 405),
    "orders:check": (ORDERS, 200),
    "orders:sign": (DIRECTOR, 405),
    "orders:submit": (HR, 405),
    "orders:return": (DIRECTOR, 405),
    "orders:cancel": (HR, 200),
    "orders:item_add": (HR, 200),
    "orders:employee_search": (HR, 200),
    "orders:item_edit": (HR, 200),
    "orders:item_delete": (HR, 405),
    "documents:personal_card": (CARD, 200),
    "documents:employment_certificate": (CARD, 200),
    "documents:jobs": (CARD, 200),
    "documents:start_personal_cards": (CARD, 405),
    "documents:job_download": (CARD, 200),
    "documents:templates": (HR, 200),
    "documents:template_download": (HR, 200),
    "documents:template_reset": (HR, 405),
    "documents:order_print": (ORDERS, 200),
    "documents:work_record_extract": (CARD, 200),
    "documents:service_certificate": (CARD, 200),
    "efs_deadlines": (ORDERS, 200),
    "efs_mark_reported": (HR, 405),
    "efs1_export": (HR, 200),
    "efs1_xml": (HR, 400),
    "work_record": (CARD, 200),
    "work_record_xlsx": (CARD, 200),
    "employee_service": (CARD, 200),
    "service_report": (CARD, 200),
    "service_report_export": (CARD, 200),
    # An employee applies for a certificate from their home page (any role: it is their own employee
    # record, 404 without one); the HR office marks it issued.
    "certificate_apply": (ALL, 405),
    "certificate_issued": (HR, 405),
    # Leave (kadry/leave/urls.py): the schedule and the notices show personal data (CARD); HR edits,
    # the director approves; the leave orders from the schedule are drafted by HR.
    "leave:schedule": (CARD, 200),
    "leave:schedule_approve": (DIRECTOR, 405),
    "leave:schedule_xlsx": (CARD, 200),
    "leave:schedule_pdf": (CARD, 200),
    "leave:department": (CARD, 200),
    # The import of a draft schedule from a file: HR (DRAFT_ORDERS); the approved schedule's page says it is locked.
    "leave:schedule_import": (HR, 200),
    "leave:schedule_import_template": (HR, 200),
    "leave:notices": (CARD, 200),
    "leave:notice_print": (CARD, 200),
    "leave:notice_handed": (HR, 405),
    "leave:part_move": (HR, 405),
    "leave:rules": (HR, 200),
    "leave:rule_edit": (HR, 200),
    "leave:rule_delete": (HR, 405),
    # The production calendar: read by the staff roles, its national corrections changed by the HR
    # head and the administrator only.
    "leave:calendar": (STAFF, 200),
    "leave:calendar_correction_delete": (frozenset({R.ADMINISTRATOR, R.HR_HEAD}), 405),
    "orders:from_schedule": (HR, 405),
    "orders:lift_sanction": (HR, 405),
    # Absences (kadry/absences/urls.py): read by the roles that see personal data, kept by HR.
    "absences:register": (CARD, 200),
    "absences:create": (HR, 200),
    "absences:edit": (HR, 200),
    "absences:delete": (HR, 405),
    "absences:import": (HR, 200),
    "absences:import_job": (HR, 200),
    "absences:import_template": (HR, 200),
    # The timesheet (kadry/timesheet/urls.py): read by the roles that see personal data, kept by HR.
    "timesheet:index": (CARD, 200),
    "timesheet:sheet": (CARD, 200),
    "timesheet:correct": (HR, 405),
    "timesheet:close": (HR, 405),
    "timesheet:corrective": (HR, 405),
    "timesheet:fill": (HR, 405),
    "timesheet:job": (HR, 200),
    "timesheet:xlsx": (CARD, 200),
    "timesheet:pdf": (CARD, 200),
    # Labour discipline (kadry/discipline/urls.py): the register and a case read by CARD, kept by HR.
    "discipline:register": (CARD, 200),
    "discipline:new": (HR, 200),
    "discipline:detail": (CARD, 200),
    "discipline:act": (HR, 405),
    # The personnel databank (kadry/reports/urls.py): figures read by the roles that see personal data;
    # the movement names the leavers and their recorded reasons (PERSONAL_DATA).
    "reports:index": (CARD, 200),
    "reports:dashboard": (CARD, 200),
    "reports:dashboard_pdf": (CARD, 200),
    "reports:headcount": (CARD, 200),
    "reports:headcount_export": (CARD, 200),
    "reports:composition": (CARD, 200),
    "reports:composition_export": (CARD, 200),
    "reports:movement": (CARD, 200),
    "reports:movement_export": (CARD, 200),
    "reports:oo1": (CARD, 200),
    "reports:oo1_export": (CARD, 200),
    "reports:p4": (CARD, 200),
    "reports:p4_export": (CARD, 200),
    # A report over too many schools is a background job; its page and file are its user's alone
    # (world's job was started by the HR inspector), anyone else gets 404.
    "reports:start_job": (CARD, 405),
    "reports:job": (frozenset({R.HR_INSPECTOR}), 200),
    "reports:job_download": (frozenset({R.HR_INSPECTOR}), 200),
    # Military registration (kadry/military/urls.py): read by CARD, the notices marked sent by HR.
    "military:liable": (CARD, 200),
    "military:reconciliation": (CARD, 200),
    "military:form6": (CARD, 200),
    "military:form6_export": (CARD, 200),
    "military:notices": (CARD, 200),
    "military:notice_sent": (HR, 405),
    "military:notice_print": (CARD, 200),
    # Attestation of pedagogical workers (kadry/attestation/urls.py): read by CARD, kept by HR.
    "attestation:due": (CARD, 200),
    "attestation:schedules": (CARD, 200),
    "attestation:schedule_new": (HR, 200),
    "attestation:schedule": (CARD, 200),
    "attestation:schedule_pdf": (CARD, 200),
    "attestation:schedule_docx": (CARD, 200),
    "attestation:acquaintance_sheet": (CARD, 200),
    "attestation:commissions": (CARD, 200),
    "attestation:commission": (CARD, 200),
    "attestation:category_new": (HR, 200),
    "attestation:detail": (CARD, 200),
    "attestation:step": (HR, 405),
    "attestation:undo": (HR, 405),
    "attestation:document": (CARD, 200),
    "attestation:document_docx": (CARD, 200),
    # Award nominations (kadry/awards): HR drafts and sends; the roles that read personal data see them.
    "awards:list": (CARD, 200),
    "awards:new": (HR, 200),
    "awards:detail": (CARD, 200),
    "awards:print": (CARD, 200),
    "awards:act": (HR, 405),
    # Mandatory training and documents (kadry/obligations/urls.py): read by CARD, recorded by HR.
    "obligations:register": (CARD, 200),
    "obligations:register_xlsx": (CARD, 200),
    "obligations:record": (HR, 200),
    "obligations:kinds": (CARD, 200),
    "obligations:notice": (CARD, 200),
    # The pre-retirement and pension list (kadry/retirement/urls.py).
    "retirement:upcoming": (CARD, 200),
    "retirement:export": (CARD, 200),
    # The school register (kadry/school/urls_classes.py).
    "school:home": (frozenset({*SCHOOL_CLASSES, R.CLASS_TEACHER}), 200),
    "school:class_detail": (SCHOOL_CLASSES, 200),
    "school:class_create": (SCHOOL_MANAGERS, 200),
    "school:class_edit": (SCHOOL_MANAGERS, 200),
    "school:year_list": (SCHOOL_MANAGERS, 200),
    "school:allowance_settings": (frozenset({R.ADMINISTRATOR, R.HR_HEAD}), 200),
    "school:year_create": (SCHOOL_MANAGERS, 200),
    "school:year_edit": (SCHOOL_MANAGERS, 200),
    "school:substitution_create": (SCHOOL_MANAGERS, 200),
    "school:student_create": (SCHOOL_MANAGERS, 200),
    "school:student_detail": (SCHOOL_CLASSES, 200),
    "school:student_edit": (SCHOOL_MANAGERS, 200),
    "school:student_transfer": (SCHOOL_MANAGERS, 200),
    "school:student_withdraw": (SCHOOL_MANAGERS, 200),
    "school:import": (SCHOOL_MANAGERS, 200),
    "school:import_template": (SCHOOL_MANAGERS, 200),
    "school:import_job": (SCHOOL_MANAGERS, 200),
    # Attendance (kadry/school/urls_attendance.py): a class page needs the class; lists need class work.
    "school:attendance_grid": (SCHOOL_CLASSES, 200),
    "school:attendance_week": (SCHOOL_CLASSES, 200),
    "school:attendance_unresolved": (frozenset({*SCHOOL_CLASSES, R.CLASS_TEACHER}), 200),
    "school:attendance_set_reason": (frozenset({*SCHOOL_CLASSES, R.CLASS_TEACHER}), 405),
    "school:attendance_flags": (SCHOOL_CLASSES, 200),
    "school:attendance_thresholds": (SCHOOL_CLASSES, 200),
    "school:attendance_report": (frozenset({*SCHOOL_CLASSES, R.CLASS_TEACHER}), 200),
    # The class's documents and the administration's overview (kadry/school/urls_documents.py).
    "school:social_passport": (SCHOOL_CLASSES, 200),
    "school:social_passport_download": (SCHOOL_CLASSES, 200),
    "school:characteristics": (SCHOOL_CLASSES, 200),
    "school:characteristic_new": (NOBODY, 200),  # the class teacher of the student's class only
    "school:characteristic_edit": (NOBODY, 200),
    "school:characteristic_docx": (SCHOOL_CLASSES, 200),
    "school:characteristic_issue": (NOBODY, 405),
    # The plan of educational work (kadry/school/urls_education_plan.py): read by whoever reaches the class,
    # written and sent by its class teacher (the persona leads none), approved or returned by the deputy
    # director and the director (§7.1), whose list of every class's plan it is.
    "school:education_plan": (SCHOOL_CLASSES, 200),
    "school:education_plan_item_new": (NOBODY, 200),
    "school:education_plan_item": (NOBODY, 200),
    "school:education_plan_item_delete": (NOBODY, 405),
    "school:education_plan_submit": (NOBODY, 405),
    "school:education_plan_correct": (NOBODY, 405),
    "school:education_plan_approve": (SCHOOL_HEADS, 405),
    "school:education_plan_return": (SCHOOL_HEADS, 405),
    "school:education_plan_analysis": (SCHOOL_CLASSES, 200),
    "school:education_plan_docx": (SCHOOL_CLASSES, 200),
    "school:education_plan_pdf": (SCHOOL_CLASSES, 200),
    "school:education_plans": (SCHOOL_HEADS, 200),
    "school:overview": (SCHOOL_CLASSES, 200),
    "school:criteria": (SCHOOL_CLASSES, 200),
    # Class life (kadry/school/urls_life.py): read by whoever reaches the class, written only by its class
    # teacher (the persona leads none); the individual work log only by the roles that see prevention cases.
    "school:class_hours": (SCHOOL_CLASSES, 200),
    "school:class_hour_held": (NOBODY, 200),
    "school:class_hour_cancel": (NOBODY, 200),
    "school:meetings": (SCHOOL_CLASSES, 200),
    "school:meeting_new": (NOBODY, 200),
    "school:meeting_edit": (NOBODY, 200),
    "school:meeting_protocol": (SCHOOL_CLASSES, 200),
    "school:events": (SCHOOL_CLASSES, 200),
    "school:event_new": (NOBODY, 200),
    "school:event_detail": (SCHOOL_CLASSES, 200),
    "school:event_notice": (SCHOOL_CLASSES, 200),
    "school:briefings": (SCHOOL_CLASSES, 200),
    "school:briefing_new": (NOBODY, 200),
    "school:duty": (SCHOOL_CLASSES, 200),
    "school:visits": (SCHOOL_CLASSES, 200),
    "school:individual_work": (SCHOOL_CLASSES - {R.ADMINISTRATOR}, 200),
    # Activities, the personal file and the movement (kadry/school/urls_activities.py).
    "school:activities": (SCHOOL_CLASSES, 200),
    "school:activity_edit": (NOBODY, 200),  # the class teacher of the class only
    "school:activity_delete": (NOBODY, 405),
    "school:activity_import": (NOBODY, 200),
    "school:activity_import_template": (SCHOOL_CLASSES, 200),
    "school:activities_summary": (SCHOOL_CLASSES, 200),
    "school:student_file": (SCHOOL_CLASSES, 200),
    "school:student_file_print": (SCHOOL_CLASSES, 200),
    "school:student_file_issue": (SCHOOL_MANAGERS, 405),  # the management, or the student's class teacher
    "school:movement": (SCHOOL_CLASSES, 200),
    "school:movement_xlsx": (SCHOOL_CLASSES, 200),
    # Grades (kadry/grades/urls.py): read by whoever reaches the class; loaded by its class teacher (the
    # persona leads none) and the school's management; the summary of every class by the administration.
    "grades:class_analysis": (SCHOOL_CLASSES, 200),
    "grades:class_report": (SCHOOL_CLASSES, 200),
    "grades:import": (SCHOOL_MANAGERS, 200),
    "grades:student_analysis": (SCHOOL_CLASSES, 200),
    "grades:summary": (SCHOOL_CLASSES, 200),
    "grades:summary_xlsx": (SCHOOL_CLASSES, 200),
    "grades:import_template": (SCHOOL_MANAGERS, 200),
    "grades:import_job": (SCHOOL_MANAGERS, 200),
    # Incidents with students (kadry/school/urls_incidents.py): health data, so the roles that see
    # prevention cases; reported and corrected by the class teacher who wrote the report, received and
    # the act kept by the director and the deputy. Messages to parents: as the class's other records.
    # Corrections of the journals (kadry/school/views/corrections.py): the record's author only.
    "school:life_correct": (NOBODY, 200),
    "school:life_cancel": (NOBODY, 405),
    "school:visit_done": (NOBODY, 200),
    # The appointment's consent and additional agreement (kadry/school/views/appointment.py).
    "school:appointment": (SCHOOL_HEADS, 200),
    "school:appointment_agreement": (SCHOOL_HEADS, 200),
    "school:appointment_agreement_docx": (SCHOOL_HEADS, 200),
    "school:incidents": (INCIDENT_READERS | {R.CLASS_TEACHER}, 200),
    "school:incident_new": (NOBODY, 200),
    "school:incident_detail": (INCIDENT_READERS, 200),
    "school:incident_edit": (NOBODY, 200),
    "school:incident_acknowledge": (SCHOOL_HEADS, 405),
    "school:incident_act": (SCHOOL_HEADS, 200),
    "school:incident_act_pdf": (INCIDENT_READERS, 200),
    "school:incident_act_docx": (INCIDENT_READERS, 200),
    "school:parent_messages": (SCHOOL_CLASSES, 200),
    "school:parent_message_new": (NOBODY, 200),
    "school:parent_message": (SCHOOL_CLASSES, 200),
    "school:parent_message_print": (SCHOOL_CLASSES, 200),
    "school:parent_message_xlsx": (SCHOOL_CLASSES, 200),
    "prevention:register": (INCIDENT_READERS | {R.CLASS_TEACHER}, 200),
    "prevention:case": (INCIDENT_READERS, 200),
    "prevention:measure_add": (PREVENTION_KEEPERS, 405),
    "prevention:measure_result": (PREVENTION_KEEPERS, 200),
    "prevention:review_add": (PREVENTION_KEEPERS, 405),
    "prevention:plan_pdf": (INCIDENT_READERS, 200),
    "prevention:plan_docx": (INCIDENT_READERS, 200),
    # The Council's sittings: the whole school's business (not the class teacher's).
    "prevention:sittings": (INCIDENT_READERS, 200),
    "prevention:sitting_new": (PREVENTION_KEEPERS, 200),
    "prevention:sitting": (INCIDENT_READERS, 200),
    "prevention:protocol_pdf": (INCIDENT_READERS, 200),
}
# Reached without logging in, or the API (which has its own matrix in kadry/api/tests).
NOT_IN_MATRIX = {"login"}

# The pages that show personal data (of staff or students): one GET by a role that may open it writes
# the access log (152-ФЗ ст. 19); every other page writes none (kadry/core/tests/test_access_log_matrix.py).
# url name → the query string the page needs to show the data ("" when it shows it as it opens).
PERSONAL_DATA: dict[str, str] = {
    "employee_list_export": "",
    "employee_card": "",
    "employee_card_tab": "",
    "employee_edit": "",
    "military_edit": "",
    "employee_name_forms": "",
    "section_edit": "",
    "orders:detail": "",
    "orders:queue": "",
    "orders:employee_search": "?q=",
    "documents:personal_card": "",
    "documents:employment_certificate": "",
    "documents:job_download": "",
    "documents:order_print": "",
    "documents:work_record_extract": "",
    "documents:service_certificate": "",
    "efs1_export": "?start=2026-01-01&end=2026-12-31",
    "leave:schedule_xlsx": "",
    "absences:register": "",
    "absences:edit": "",
    "leave:schedule_pdf": "",
    "timesheet:sheet": "",
    "timesheet:xlsx": "",
    "timesheet:pdf": "",
    "discipline:detail": "",
    "reports:movement": "",
    "reports:movement_export": "",
    "reports:job_download": "",
    "military:liable": "",
    "deadlines": "",
    "military:reconciliation": "",
    "military:notices": "",
    "military:notice_print": "",
    "attestation:due": "",
    "attestation:schedule_new": "",
    "attestation:schedule": "",
    "attestation:schedule_pdf": "",
    "attestation:schedule_docx": "",
    "attestation:acquaintance_sheet": "",
    "attestation:detail": "",
    "attestation:document": "",
    "attestation:document_docx": "",
    "awards:detail": "",
    "awards:print": "",
    "obligations:register": "",
    "obligations:register_xlsx": "",
    "obligations:notice": "",
    "retirement:upcoming": "",
    "retirement:export": "",
    "work_record": "",
    "work_record_xlsx": "",
    "employee_service": "",
    "service_report": "",
    "service_report_export": "",
    "school:class_detail": "",
    "school:student_detail": "",
    "school:student_edit": "",
    "school:attendance_grid": "",
    "school:attendance_week": "",
    "school:attendance_unresolved": "",
    "school:attendance_flags": "",
    "school:attendance_report": "",
    "school:social_passport": "",
    "school:social_passport_download": "",
    "school:characteristics": "",
    "school:characteristic_docx": "",
    "school:criteria": "",
    "school:briefings": "",
    "school:duty": "",
    "school:meeting_protocol": "",
    "school:event_detail": "",
    "school:event_notice": "",
    "school:individual_work": "",
    "school:activities": "",
    "school:student_file": "",
    "school:student_file_print": "",
    "school:movement": "",
    "school:movement_xlsx": "",
    "grades:class_analysis": "",
    "grades:class_report": "",
    "grades:student_analysis": "",
    "school:appointment": "",
    "school:appointment_agreement": "",
    "school:appointment_agreement_docx": "",
    "school:incidents": "",
    "school:incident_detail": "",
    "school:incident_act_pdf": "",
    "school:incident_act_docx": "",
    "school:parent_message": "",
    "school:parent_message_print": "",
    "school:parent_message_xlsx": "",
    "prevention:register": "",
    "prevention:case": "",
    "prevention:measure_result": "",
    "prevention:plan_pdf": "",
    "prevention:plan_docx": "",
    "prevention:sitting_new": "",
    "prevention:sitting": "",
    "prevention:protocol_pdf": "",
}
# Pages whose personal part only some roles see; to the others they show figures only and log nothing.
SOCIAL_DATA = frozenset({R.DIRECTOR, R.DEPUTY_DIRECTOR, R.SOCIAL_PEDAGOGUE, R.PSYCHOLOGIST})
PERSONAL_FOR: dict[str, frozenset[str]] = {
    "school:social_passport": SOCIAL_DATA,
    "school:social_passport_download": SOCIAL_DATA,
}


def _all_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list, namespace: str = "") -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, namespace + (f"{pattern.namespace}:" if pattern.namespace else ""))
            elif isinstance(pattern, URLPattern) and pattern.name and not namespace.startswith("api-"):
                names.add(namespace + pattern.name)

    walk(get_resolver().url_patterns)
    return names


def test_every_url_is_in_the_matrix() -> None:
    assert _all_url_names() - NOT_IN_MATRIX == set(MATRIX)


@pytest.fixture
def world(school, personas):
    """One object of each kind in ``school``, for the URLs that name one; return url name → URL."""
    hr = personas[R.HR_INSPECTOR]
    unit = StaffingUnitFactory(organisation=school, rates=Decimal("3"))
    employee = AssignmentFactory(employee__organisation=school, staffing_unit=unit).employee
    PriorJobFactory(employee=employee)
    newcomer = EmployeeFactory(organisation=school)
    draft = orders.create_draft(
        actor=hr.user, organisation_id=school.pk, kind=Order.Kind.HIRE, date=dt.date(2026, 11, 2)
    )
    item = orders.save_item(
        actor=hr.user,
        order=draft,
        data={"employee": newcomer, "date": dt.date(2026, 11, 2), "staffing_unit": unit, **HIRE},
    )
    signed = orders.create_draft(
        actor=hr.user, organisation_id=school.pk, kind=Order.Kind.AWARD, date=dt.date(2026, 11, 2)
    )
    orders.save_item(
        actor=hr.user, order=signed, data={"employee": employee, "date": dt.date(2026, 11, 2), "award": "Благодарность"}
    )
    orders.sign_order(actor=personas[R.DIRECTOR].user, order=signed)
    token = ApiToken.objects.create(membership=hr.membership, name="t", prefix="kd_x", digest="0" * 64)
    job = GeneratedDocument.objects.create(
        organisation=school,
        kind=GeneratedDocument.Kind.PERSONAL_CARDS_T2,
        title="Т-2",
        created_by=hr.user,
        status=GeneratedDocument.Status.DONE,
        progress=100,
        created_at=timezone.now(),
    )
    job.file.save("cards.zip", ContentFile(b"PK"))
    report_job = GeneratedDocument.objects.create(
        organisation=school,
        kind=GeneratedDocument.Kind.REPORT_XLSX,
        title="Качественный состав работников",
        params={"report": "composition", "filename": "composition"},
        created_by=hr.user,
        status=GeneratedDocument.Status.DONE,
        progress=100,
        created_at=timezone.now(),
    )
    report_job.file.save("composition.xlsx", ContentFile(b"PK"))
    import_job = BackgroundJob.objects.create(
        organisation=school,
        kind=BackgroundJob.Kind.EMPLOYEE_IMPORT,
        title="Загрузка сотрудников",
        created_by=hr.user,
        created_at=timezone.now(),
    )
    fill_job = BackgroundJob.objects.create(
        organisation=school,
        kind=BackgroundJob.Kind.TIMESHEET_FILL,
        title="Заполнение табелей",
        params={"year": 2026, "month": 11, "organisations": [school.pk]},
        created_by=hr.user,
        created_at=timezone.now(),
    )
    sick_leave_import_job = BackgroundJob.objects.create(
        organisation=school,
        kind=BackgroundJob.Kind.SICK_LEAVE_IMPORT,
        title="Загрузка листков нетрудоспособности",
        created_by=hr.user,
        created_at=timezone.now(),
    )
    student_import_job = BackgroundJob.objects.create(
        organisation=school,
        kind=BackgroundJob.Kind.STUDENT_IMPORT,
        title="Загрузка обучающихся",
        created_by=hr.user,
        created_at=timezone.now(),
    )
    e, job_pk = employee.pk, PriorJob.objects.get(employee=employee).pk
    application = CertificateApplication.objects.create(
        organisation=school, employee=employee, applied_on=dt.date(2026, 11, 2), due=dt.date(2026, 11, 5),
        applied_by=hr.user,
    )  # fmt: skip
    pupil = EnrollmentFactory(school_class__organisation=school, start=timezone.localdate() - dt.timedelta(days=30))
    life = {"organisation": school, "school_class": pupil.school_class, "date": timezone.localdate()}
    hour = ClassHour.objects.create(**life, topic="Тема")
    meeting = ParentMeeting.objects.create(**life, agenda="Повестка")
    event = ClassEvent.objects.create(
        **life, title="Экскурсия", place="Музей", notice_given_on=life["date"], created_by=hr.user
    )
    event.participants.set([pupil.student])
    # The leadership row alone (an appointment order of its own would add orders the other pages list).
    leadership = ClassTeacherAssignment.objects.create(
        organisation=school, teacher=employee, school_class=pupil.school_class, start=life["date"],
        monthly_allowance=Decimal("5000.00"), order_item=signed.items.get(),
    )  # fmt: skip
    visit = ClassVisit.objects.create(**life, kind="lesson", status="planned", with_whom="Учитель", subject="Урок")
    incident = Incident.objects.create(
        organisation=school, school_class=pupil.school_class, kind=Incident.Kind.ACCIDENT, occurred_at=timezone.now(),
        place="Спортзал", description="Упал", reported_by=hr.user, reported_at=timezone.now(),
    )  # fmt: skip
    incident.students.set([pupil.student])
    opened_on = timezone.localdate() - dt.timedelta(days=10)
    prevention_case = PreventionCaseFactory(student=pupil.student, opened_on=opened_on)
    measure = MeasureFactory(case=prevention_case, created_by=hr.user)
    sitting = CouncilSittingFactory(organisation=school, date=opened_on, created_by=hr.user)
    CouncilDecision.objects.create(
        organisation=school, sitting=sitting, case=prevention_case, kind="open", text="На учёт"
    )
    message = ParentMessage.objects.create(
        organisation=school, school_class=pupil.school_class, topic="other", title="Т", text="Т", channel="print",
        author=hr.user, sent_at=timezone.now(),
    )  # fmt: skip
    c = pupil.school_class_id
    activity = Activity.objects.create(
        organisation=school, student=pupil.student, kind="club", name="Шахматы", start=pupil.start
    )
    absence = AttendanceMark.objects.create(
        organisation=school,
        student_id=pupil.student_id,
        school_class_id=pupil.school_class_id,
        date=timezone.localdate() - dt.timedelta(days=1),
        kind=AttendanceMark.Kind.ABSENT,
        author=hr.user,
    )
    year = str(timezone.localdate().year)  # a year names no object of the school
    month = str(timezone.localdate().month)
    plan = schedules.schedule_for(school.pk, int(year))
    # Approved: its parts' notices are printed and its parts moved from the department page.
    VacationSchedule.objects.filter(pk=plan.pk).update(status=VacationSchedule.Status.APPROVED)
    part = PlannedLeave.objects.create(
        organisation=school, schedule=plan, department=unit.department, employee=employee,
        start=dt.date(int(year), 7, 1), days=28,
    )  # fmt: skip
    # The presidential decree of 01.06.2020 № 354: the day of the vote on the Constitution was non-working.
    correction = CalendarCorrection.objects.create(
        day=dt.date(2020, 7, 1), kind=CalendarCorrection.Kind.DAY_OFF, note="Указ Президента РФ от 01.06.2020 № 354"
    )
    leave_rule = LeaveRule.objects.create(
        organisation=school, position=unit.position, kind=LeaveRule.Kind.IRREGULAR, days=3, basis="ТК РФ ст. 119"
    )
    absent = Absence.objects.create(
        organisation=school, employee=employee, kind=Absence.Kind.UNEXCUSED,
        start=timezone.localdate() - dt.timedelta(days=1), end=timezone.localdate() - dt.timedelta(days=1),
    )  # fmt: skip
    nomination = awards.create_nomination(
        actor=hr.user, employee=employee, award="honour_certificate", characteristic="Подготовила призёров олимпиад."
    )
    case = discipline.open_violation(
        actor=hr.user, organisation_id=school.pk, employee=employee, committed_on=dt.date(2026, 11, 2),
        description="опоздание", discovered_by="директор", discovered_on=dt.date(2026, 11, 2),
        today=dt.date(2026, 11, 2),
    )  # fmt: skip
    # A man hired by a signed order: liable to military registration, his notice to the commissariat due.
    recruit = EmployeeFactory(organisation=school, sex="M", birth_date=dt.date(1990, 5, 5))
    recruit_order = orders.create_draft(
        actor=hr.user, organisation_id=school.pk, kind=Order.Kind.HIRE, date=timezone.localdate()
    )
    orders.save_item(
        actor=hr.user, order=recruit_order,
        data={"employee": recruit, "date": timezone.localdate(), "staffing_unit": unit, **HIRE,
              "contract_date": timezone.localdate()},
    )  # fmt: skip
    orders.sign_order(actor=personas[R.DIRECTOR].user, order=recruit_order)
    recruit_event = WorkRecordEvent.objects.get(employee=recruit)
    commission = attestation.create_commission(
        actor=hr.user, organisation_id=school.pk, name="Комиссия", order_number="1", order_date=dt.date(2026, 8, 28)
    )
    planned = attestation.create_schedule(
        actor=hr.user, organisation_id=school.pk, commission=commission, school_year=2026, order_number="2",
        order_date=dt.date(2026, 9, 1), entries=[(employee, "учитель", dt.date(2026, 10, 1))],
    ).attestations.get()  # fmt: skip
    args: dict[str, list] = {
        "absences:edit": [absent.pk],
        "military:reconciliation": ["xlsx"],
        "military:form6_export": ["xlsx"],
        "military:notice_sent": [recruit_event.pk],
        "military:notice_print": [recruit_event.pk],
        "awards:detail": [nomination.pk],
        "awards:print": [nomination.pk],
        "awards:act": [nomination.pk, "send"],
        "retirement:export": ["xlsx"],
        "obligations:notice": [e],
        "absences:delete": [absent.pk],
        "discipline:detail": [case.pk],
        "attestation:schedule": [planned.schedule_id],
        "attestation:schedule_pdf": [planned.schedule_id],
        "attestation:schedule_docx": [planned.schedule_id],
        "attestation:acquaintance_sheet": [planned.schedule_id, "docx"],
        "attestation:commission": [commission.pk],
        "attestation:detail": [planned.pk],
        "attestation:step": [planned.pk, "acquaintance"],
        "attestation:undo": [planned.pk, "acquaintance"],
        "attestation:document": [planned.pk, "protocol"],
        "attestation:document_docx": [planned.pk, "protocol"],
        "discipline:act": [case.pk, "request"],
        "leave:schedule": [year],
        "leave:schedule_approve": [year],
        "leave:schedule_xlsx": [year],
        "leave:schedule_pdf": [year],
        "leave:department": [year, unit.department_id],
        "leave:schedule_import": [year],
        "leave:schedule_import_template": [year],
        "leave:notice_print": [part.pk],
        "leave:notice_handed": [part.pk],
        "leave:part_move": [year, part.pk],
        "leave:rule_edit": [leave_rule.pk],
        "leave:rule_delete": [leave_rule.pk],
        "leave:calendar": [year],
        "leave:calendar_correction_delete": [correction.pk],
        "orders:from_schedule": [year],
        "orders:lift_sanction": [item.pk],
        "timesheet:index": [year, month],
        "reports:headcount_export": ["xlsx"],
        "reports:composition_export": ["xlsx"],
        "reports:movement_export": ["xlsx"],
        "reports:oo1_export": ["xlsx"],
        "reports:p4_export": ["xlsx"],
        "reports:start_job": ["composition"],
        "reports:job": [report_job.pk],
        "reports:job_download": [report_job.pk],
        "timesheet:sheet": [year, month, unit.department_id],
        "timesheet:correct": [year, month, unit.department_id],
        "timesheet:close": [year, month, unit.department_id],
        "timesheet:corrective": [year, month, unit.department_id],
        "timesheet:fill": [year, month],
        "timesheet:job": [fill_job.pk],
        "timesheet:xlsx": [year, month, unit.department_id],
        "timesheet:pdf": [year, month, unit.department_id, "t13"],
        "token_revoke": [token.pk],
        "certificate_issued": [application.pk],
        "user_password_reset": [hr.user.pk],
        "employee_card": [e],
        "serviced_employee_open": [e],
        "employee_card_tab": [e, "family"],
        "employee_edit": [e],
        "military_edit": [e],
        "employee_name_forms": [e],
        "employee_import_job": [import_job.pk],
        "school:import_job": [student_import_job.pk],
        "absences:import_job": [sick_leave_import_job.pk],
        "position_name_forms": [unit.position_id],
        "section_add": [e, "prior-jobs"],
        "section_edit": [e, "prior-jobs", job_pk],
        "section_delete": [e, "prior-jobs", job_pk],
        "structure_create": ["departments"],
        "structure_edit": ["staffing-units", unit.pk],
        "orders:detail": [draft.pk],
        "orders:edit": [draft.pk],
        "orders:delete": [draft.pk],
        "orders:check": [draft.pk],
        "orders:sign": [draft.pk],
        "orders:submit": [draft.pk],
        "orders:return": [draft.pk],
        "orders:cancel": [signed.pk],
        "orders:item_add": [draft.pk],
        "orders:employee_search": [draft.pk],
        "orders:item_edit": [draft.pk, item.pk],
        "orders:item_delete": [draft.pk, item.pk],
        "documents:personal_card": [e, "pdf"],
        "documents:employment_certificate": [e],
        "documents:job_download": [job.pk],
        "documents:template_download": ["order_t1"],
        "documents:template_reset": ["order_t1"],
        "documents:order_print": [draft.pk, "pdf"],
        "documents:work_record_extract": [e, "pdf"],
        "documents:service_certificate": [e, "pdf"],
        "work_record": [e],
        "work_record_xlsx": [e],
        "employee_service": [e],
        "school:class_detail": [pupil.school_class_id],
        "school:class_edit": [pupil.school_class_id],
        "school:year_edit": [pupil.school_class.academic_year_id],
        "school:student_detail": [pupil.student_id],
        "school:student_edit": [pupil.student_id],
        "school:student_transfer": [pupil.student_id],
        "school:student_withdraw": [pupil.student_id],
        "school:attendance_grid": [pupil.school_class_id],
        "school:attendance_week": [pupil.school_class_id],
        "school:attendance_set_reason": [absence.pk],
        "school:class_hours": [c],
        "school:class_hour_held": [c, hour.pk],
        "school:class_hour_cancel": [c, hour.pk],
        "school:meetings": [c],
        "school:meeting_new": [c],
        "school:meeting_edit": [c, meeting.pk],
        "school:meeting_protocol": [c, meeting.pk],
        "school:events": [c],
        "school:event_new": [c],
        "school:event_detail": [c, event.pk],
        "school:event_notice": [c, event.pk],
        "school:briefings": [c],
        "school:briefing_new": [c],
        "school:duty": [c],
        "school:visits": [c],
        "school:individual_work": [pupil.student_id],
        "school:activities": [c],
        "school:activity_edit": [c, activity.pk],
        "school:activity_delete": [c, activity.pk],
        "school:activity_import": [c],
        "school:activity_import_template": [c],
        "school:student_file": [pupil.student_id],
        "school:student_file_print": [pupil.student_id],
        "school:student_file_issue": [pupil.student_id],
        "school:life_correct": [c, "events", event.pk],
        "school:life_cancel": [c, "events", event.pk],
        "school:visit_done": [c, visit.pk],
        "school:appointment": [leadership.pk],
        "school:appointment_agreement": [leadership.pk],
        "school:appointment_agreement_docx": [leadership.pk],
        "school:incident_new": [c],
        "school:incident_detail": [incident.pk],
        "school:incident_edit": [incident.pk],
        "school:incident_acknowledge": [incident.pk],
        "school:incident_act": [incident.pk],
        "school:incident_act_pdf": [incident.pk],
        "school:incident_act_docx": [incident.pk],
        "school:parent_messages": [c],
        "school:parent_message_new": [c],
        "school:parent_message": [c, message.pk],
        "school:parent_message_print": [c, message.pk],
        "school:parent_message_xlsx": [c, message.pk],
        "prevention:case": [prevention_case.pk],
        "prevention:measure_add": [prevention_case.pk],
        "prevention:measure_result": [prevention_case.pk, measure.pk],
        "prevention:review_add": [prevention_case.pk],
        "prevention:plan_pdf": [prevention_case.pk],
        "prevention:plan_docx": [prevention_case.pk],
        "prevention:sitting": [sitting.pk],
        "prevention:protocol_pdf": [sitting.pk],
    }
    characteristic = Characteristic.objects.create(
        organisation=school, student=pupil.student, requested_by="ПДН", requested_on=dt.date(2026, 11, 2),
        purpose="по запросу", text="Текст", author=hr.user,
    )  # fmt: skip
    sc, s = pupil.school_class_id, pupil.student_id
    plan_item = EducationPlanItemFactory(plan=EducationPlanFactory(school_class=pupil.school_class))
    grade_import_job = BackgroundJob.objects.create(
        organisation=school,
        kind=BackgroundJob.Kind.GRADE_IMPORT,
        title="Загрузка отметок",
        params={"class_id": pupil.school_class_id},
        created_by=hr.user,
        created_at=timezone.now(),
    )
    args.update(
        {
            "school:social_passport": [sc],
            "school:social_passport_download": [sc, "docx"],
            "school:characteristics": [s],
            "school:characteristic_new": [s],
            "school:characteristic_edit": [s, characteristic.pk],
            "school:characteristic_docx": [s, characteristic.pk],
            "school:characteristic_issue": [s, characteristic.pk],
            "school:education_plan": [sc],
            "school:education_plan_item_new": [sc],
            "school:education_plan_item": [sc, plan_item.pk],
            "school:education_plan_item_delete": [sc, plan_item.pk],
            "school:education_plan_submit": [sc],
            "school:education_plan_correct": [sc],
            "school:education_plan_approve": [sc],
            "school:education_plan_return": [sc],
            "school:education_plan_analysis": [sc],
            "school:education_plan_docx": [sc],
            "school:education_plan_pdf": [sc],
            "grades:class_analysis": [sc],
            "grades:class_report": [sc, "xlsx"],
            "grades:import": [sc],
            "grades:import_template": [sc],
            "grades:student_analysis": [s],
            "grades:import_job": [grade_import_job.pk],
        }
    )
    # URLs naming an object of the school (not a template kind or a file format alone).
    objects = {name for name, values in args.items() if any(isinstance(value, int) for value in values)}
    return {name: (reverse(name, args=args.get(name, [])), name in objects) for name in MATRIX}


@pytest.mark.django_db
def test_every_page_answers_every_role_as_the_matrix_says(personas, world) -> None:
    failures = []
    for name, (allowed, status) in MATRIX.items():
        for role, persona in personas.items():
            expected = status if role in allowed else 404
            got = persona.client.get(world[name][0]).status_code
            if got != expected:
                failures.append(f"{name} as {role}: {got}, expected {expected}")
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_outsider_gets_404_for_every_object_url(outsider, world) -> None:
    """The HR inspector of another school may open all these pages for their own school, never for ours."""
    object_urls = {name: url for name, (url, is_object) in world.items() if is_object}
    assert len(object_urls) >= 25
    failures = []
    for name, url in object_urls.items():
        # POST-only URLs are asked with POST: the answer must not depend on the method.
        send = outsider.client.post if MATRIX[name][1] == 405 else outsider.client.get
        status = send(url).status_code
        if status != 404:
            failures.append(f"{name}: {status}")
    assert not failures, "\n".join(failures)
    assert PriorJob.objects.exists() and Order.objects.filter(status=Order.Status.DRAFT).exists()
