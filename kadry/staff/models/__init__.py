from kadry.staff.models.card import (
    Award,
    Education,
    FamilyMember,
    HireDocument,
    LanguageSkill,
    MilitaryRecord,
    NameChange,
    PriorJob,
    SocialBenefit,
    Training,
)
from kadry.staff.models.employee import Employee, full_name, short_name
from kadry.staff.models.structure import Department, Position, StaffingUnit

__all__ = [
    "Award",
    "Department",
    "Education",
    "Employee",
    "FamilyMember",
    "HireDocument",
    "LanguageSkill",
    "MilitaryRecord",
    "NameChange",
    "Position",
    "PriorJob",
    "SocialBenefit",
    "StaffingUnit",
    "Training",
    "full_name",
    "short_name",
]
