from kadry.school.models.allowance import ClassTeacherAllowance
from kadry.school.models.attendance import AttendanceDay, AttendanceMark, AttendanceThresholds
from kadry.school.models.education_plan import EducationPlan, EducationPlanItem
from kadry.school.models.incidents import Incident
from kadry.school.models.life import ClassEvent, ClassHour, ClassVisit, DutyRoster, ParentMeeting, SafetyBriefing
from kadry.school.models.messages import ParentMessage, ParentMessageRecipient
from kadry.school.models.people import (
    AcademicYear,
    ClassTeacherAssignment,
    ClassTeacherSubstitution,
    Enrollment,
    Guardian,
    SchoolClass,
    Student,
    StudentCategory,
)
from kadry.school.models.records import Activity, Characteristic, IndividualWork
from kadry.school.models.student_file import StudentFileIssue
from kadry.school.models.year import Holiday, Period

__all__ = [
    "AcademicYear",
    "Activity",
    "AttendanceDay",
    "AttendanceMark",
    "AttendanceThresholds",
    "Characteristic",
    "ClassEvent",
    "ClassHour",
    "ClassTeacherAllowance",
    "ClassTeacherAssignment",
    "ClassTeacherSubstitution",
    "ClassVisit",
    "DutyRoster",
    "EducationPlan",
    "EducationPlanItem",
    "Enrollment",
    "Guardian",
    "Holiday",
    "Incident",
    "IndividualWork",
    "ParentMeeting",
    "ParentMessage",
    "ParentMessageRecipient",
    "Period",
    "SafetyBriefing",
    "SchoolClass",
    "Student",
    "StudentCategory",
    "StudentFileIssue",
]
