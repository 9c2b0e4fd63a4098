"""The repeating sections of the personal card, described once for forms, views, templates and the API."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import cast

from django.db import models

from kadry.core.audit import display_value
from kadry.staff.models import (
    Award,
    Education,
    FamilyMember,
    HireDocument,
    LanguageSkill,
    NameChange,
    PriorJob,
    SocialBenefit,
    Training,
)


@dataclass(frozen=True)
class Section:
    slug: str  # URL and API path segment
    model: type[models.Model]
    fields: tuple[str, ...]
    title: str

    @property
    def related_name(self) -> str:
        return f"{self.model._meta.model_name}s"

    @property
    def labels(self) -> list[str]:
        return [str(field.verbose_name).capitalize() for field in self._fields]

    @cached_property
    def _fields(self) -> tuple[models.Field, ...]:
        # The section's own columns: get_field also answers reverse relations, which these never are.
        return tuple(cast(models.Field, self.model._meta.get_field(name)) for name in self.fields)

    def display_values(self, row: models.Model) -> list[str]:
        """Return the row's values as a person reads them, in the order of ``fields``."""
        return [display_value(row, field) for field in self._fields]


SECTIONS: dict[str, Section] = {
    section.slug: section
    for section in (
        Section(
            "previous-names",
            NameChange,
            ("previous_last_name", "previous_first_name", "previous_middle_name", "changed_on", "reason"),
            "Прежние фамилия, имя, отчество",
        ),
        Section(
            "education",
            Education,
            (
                "level",
                "institution",
                "document_name",
                "document_series",
                "document_number",
                "graduation_year",
                "specialty",
                "qualification",
            ),
            "Образование",
        ),
        Section(
            "training",
            Training,
            ("kind", "program", "institution", "start", "end", "hours", "document"),
            "Повышение квалификации и переподготовка",
        ),
        Section("family", FamilyMember, ("relation", "full_name", "birth_date"), "Состав семьи"),
        Section("languages", LanguageSkill, ("language", "level"), "Знание иностранных языков"),
        Section("awards", Award, ("name", "awarded_on", "document"), "Награды и поощрения"),
        Section("benefits", SocialBenefit, ("name", "document", "basis"), "Социальные льготы"),
        Section(
            "prior-jobs",
            PriorJob,
            ("employer", "position", "start", "end", "pedagogical"),
            "Прежние места работы (по трудовой книжке)",
        ),
        Section(
            "hire-documents",
            HireDocument,
            ("kind", "number", "issued_on", "valid_until", "note"),
            "Документы при приёме педагогического работника",
        ),
    )
}

MILITARY_FIELDS = (
    "reserve_category",
    "rank",
    "composition",
    "specialty_code",
    "fitness",
    "commissariat",
    "special_registration",
    "deregistered_on",
    "deregistration_reason",
)
