"""API of the staff registry: employees and their personal cards Т-2, departments, positions, staffing units.

Endpoints are thin and mirror the UI views: access helper → the UI's Django form → service → response.
Objects of another organisation and capabilities the role lacks answer 404 (the access helpers raise it).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import GenericAlias
from typing import TYPE_CHECKING, Any, cast

from django.db import models
from django.forms.models import model_to_dict
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import create_model

from kadry.api.endpoints import Pagination, typed
from kadry.api.enums import choices_enum, model_schema
from kadry.api.errors import validated
from kadry.core.access import require
from kadry.core.audit import record_access
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability
from kadry.staff import services
from kadry.staff.access import employees_for, get_card_for, get_employee_for, get_section_row_for, structure_for
from kadry.staff.declension import CASES, employee_name
from kadry.staff.forms import (
    EMPLOYEE_FIELDS,
    DepartmentForm,
    EmployeeForm,
    MilitaryRecordForm,
    PositionForm,
    StaffingUnitForm,
    section_form_class,
)
from kadry.staff.models import Department, Employee, MilitaryRecord, Position, StaffingUnit
from kadry.staff.queries import LIST_FIELDS, attach_placement
from kadry.staff.sections import MILITARY_FIELDS, SECTIONS, Section

router = Router()

EMPLOYEES_TAG = "Сотрудники"
CARD_TAG = "Личная карточка Т-2"
STRUCTURE_TAG = "Структура и штатное расписание"
CARD = "Личная карточка Т-2"  # what the access log says was opened


def _merged(instance: models.Model, fields: tuple[str, ...], payload: Schema) -> dict[str, Any]:
    """Return the row's current values with the fields sent in ``payload`` over them."""
    return {**model_to_dict(instance, fields=fields), **payload.model_dump(exclude_unset=True)}


def _key(slug: str) -> str:
    """Return the card key of a section: ``prior-jobs`` → ``prior_jobs``."""
    return slug.replace("-", "_")


# Employees: the registry and the main part of the card.

# The schemas a signature names are built at import; the checker knows them as schemas.
if TYPE_CHECKING:
    EmployeeIn = Schema
    EmployeePatch = Schema
else:
    EmployeeIn = model_schema(Employee, name="EmployeeIn", fields=list(EMPLOYEE_FIELDS))
    EmployeePatch = model_schema(
        Employee, name="EmployeePatch", fields=list(EMPLOYEE_FIELDS), optional_fields="__all__"
    )
EmployeeOut = model_schema(Employee, name="Employee", fields=["id", *EMPLOYEE_FIELDS])
SECTION_IN = {
    slug: model_schema(section.model, name=f"{section.model.__name__}In", fields=list(section.fields))
    for slug, section in SECTIONS.items()
}
SECTION_OUT = {
    slug: model_schema(section.model, name=section.model.__name__, fields=["id", *section.fields])
    for slug, section in SECTIONS.items()
}
if TYPE_CHECKING:
    MilitaryRecordIn = Schema
else:
    MilitaryRecordIn = model_schema(MilitaryRecord, name="MilitaryRecordIn", fields=list(MILITARY_FIELDS))
MilitaryRecordOut = model_schema(MilitaryRecord, name="MilitaryRecord", fields=["id", *MILITARY_FIELDS])
if TYPE_CHECKING:
    EmployeeCard = Schema
else:
    EmployeeCard = create_model(
        "EmployeeCard",
        __base__=EmployeeOut,
        **{_key(slug): (list[SECTION_OUT[slug]], ...) for slug in SECTIONS},
        military_record=(MilitaryRecordOut | None, None),
    )


EmployeeStatus = choices_enum(Employee, Employee.Status)
PositionCategory = choices_enum(Position, Position.Category)


class EmployeeFilters(Schema):
    q: str = Field("", description="Начало слов фамилии, имени, отчества; «ё» = «е»")
    department: int | None = None
    category: PositionCategory | None = None  # type: ignore[valid-type]
    status: EmployeeStatus | None = None  # type: ignore[valid-type]


class EmployeeItem(Schema):
    id: int
    personnel_number: str
    last_name: str
    first_name: str
    middle_name: str
    position_name: str | None
    department_name: str | None
    status: EmployeeStatus  # type: ignore[valid-type]

    @staticmethod
    def resolve_position_name(employee: Employee) -> str | None:
        return employee.placement.position_name

    @staticmethod
    def resolve_department_name(employee: Employee) -> str | None:
        return employee.placement.department_name

    @staticmethod
    def resolve_status(employee: Employee) -> str:
        return employee.placement.status


class PlacedPagination(Pagination):
    """The API's pagination that places the cut page's employees in one query (see ``attach_placement``)."""

    def paginate_queryset(
        self, queryset: models.QuerySet[Employee], pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        page = super().paginate_queryset(queryset, pagination, request=request, **params)
        page["items"] = attach_placement(list(page["items"]), timezone.localdate())
        return page


def _card(employee: Employee) -> dict[str, Any]:
    """Return the whole card of an employee loaded by ``get_card_for`` (no further queries)."""
    card: dict[str, Any] = {name: getattr(employee, name) for name in ("id", *EMPLOYEE_FIELDS)}
    for slug, section in SECTIONS.items():
        card[_key(slug)] = list(getattr(employee, section.related_name).all())
    # The reverse one-to-one raises when there is no record; the card shows null then.
    card["military_record"] = getattr(employee, "military_record", None)
    return card


@router.get("/employees", response=list[EmployeeItem], tags=[EMPLOYEES_TAG])
@paginate(PlacedPagination)
@typed()
def employee_list(request: MemberRequest, filters: Query[EmployeeFilters]) -> models.QuerySet[Employee]:
    """List employees with their current position and department."""
    employees = employees_for(request.membership).only(*LIST_FIELDS)
    if filters.q:
        employees = employees.search(filters.q)
    if filters.status:
        employees = employees.with_status(filters.status)
    return employees.placed(department_id=filters.department, category=filters.category)


@router.post("/employees", response={201: EmployeeOut}, tags=[EMPLOYEES_TAG])
def employee_create(request: MemberRequest, payload: EmployeeIn) -> Status:
    """Create an employee's card."""
    membership = require(request.membership, Capability.EDIT_PERSONAL_DATA)
    form = EmployeeForm(payload.model_dump(), organisation_id=membership.organisation_id)
    data = validated(form)
    employee = services.create_employee(actor=request.user, organisation_id=membership.organisation_id, data=data)
    return Status(201, employee)


@router.get("/employees/{employee_id}", response=EmployeeCard, tags=[EMPLOYEES_TAG])
def employee_card(request: MemberRequest, employee_id: int) -> dict[str, Any]:
    """Return the whole personal card; the opening is written to the access log."""
    employee = get_card_for(request.membership, employee_id)
    record_access(membership=request.membership, subject=employee, what=CARD, request=request, channel="api")
    return _card(employee)


def _save_employee(request: MemberRequest, employee: Employee, data: dict[str, Any]) -> Employee:
    form = EmployeeForm(data, instance=employee, organisation_id=employee.organisation_id)
    saved = services.update_employee(actor=request.user, employee=employee, data=validated(form))
    # The answer is the card as stored, fields not sent included: a reading, logged as the GET is.
    _log_answer(request, employee, CARD)
    return saved


def _log_answer(request: MemberRequest, employee: Employee, what: str) -> None:
    """Log that an answer to a write carried ``what`` of the employee's data back to the client."""
    what = f"{what} (ответ на изменение)"
    record_access(membership=request.membership, subject=employee, what=what, request=request, channel="api")


@router.put("/employees/{employee_id}", response=EmployeeOut, tags=[EMPLOYEES_TAG])
def employee_replace(request: MemberRequest, employee_id: int, payload: EmployeeIn) -> Employee:
    """Replace the main part of the card; fields left out take their defaults."""
    employee = get_employee_for(request.membership, employee_id, Capability.EDIT_PERSONAL_DATA)
    return _save_employee(request, employee, payload.model_dump())


@router.patch("/employees/{employee_id}", response=EmployeeOut, tags=[EMPLOYEES_TAG])
def employee_patch(request: MemberRequest, employee_id: int, payload: EmployeePatch) -> Employee:
    """Change the fields sent; the card is validated as a whole, as the UI form does."""
    employee = get_employee_for(request.membership, employee_id, Capability.EDIT_PERSONAL_DATA)
    return _save_employee(request, employee, _merged(employee, EMPLOYEE_FIELDS, payload))


class NameFormOut(Schema):
    case: str = Field(description="падеж: gent, datv, accs, ablt, loct")
    question: str = Field(description="вопрос падежа: «(кого?)»")
    form: str = Field(description="ФИО в этом падеже")
    corrected: bool = Field(description="форма исправлена вручную, а не склонена автоматически")


NAME_FORMS = f"{CARD}: ФИО по падежам"


@router.get("/employees/{employee_id}/name-forms", response=list[NameFormOut], tags=[CARD_TAG])
def name_forms(request: MemberRequest, employee_id: int) -> list[dict[str, Any]]:
    """Return the employee's name in every case, as the orders print it; the reading is logged."""
    employee = get_employee_for(request.membership, employee_id)
    record_access(membership=request.membership, subject=employee, what=NAME_FORMS, request=request, channel="api")
    return [
        {
            "case": case.value,
            "question": question,
            "form": employee_name(employee, case),
            "corrected": case.value in employee.name_forms,
        }
        for case, question in CASES
    ]


# The repeating sections of the card, one set of routes per section.


def _add_section_routes(section: Section) -> None:
    path = f"/employees/{{employee_id}}/{section.slug}"
    form_class = section_form_class(section)
    payload_schema, row_schema = SECTION_IN[section.slug], SECTION_OUT[section.slug]
    name = _key(section.slug)

    def list_rows(request: MemberRequest, employee_id: int) -> list[models.Model]:
        employee = get_employee_for(request.membership, employee_id)
        what = f"{CARD}: {section.title}"
        record_access(membership=request.membership, subject=employee, what=what, request=request, channel="api")
        return list(getattr(employee, section.related_name).all())

    def add_row(request: MemberRequest, employee_id: int, payload: Schema) -> Status:
        employee = get_employee_for(request.membership, employee_id, Capability.EDIT_PERSONAL_DATA)
        data = validated(form_class(payload.model_dump()))
        row = services.add_section_row(actor=request.user, employee=employee, section=section, data=data)
        return Status(201, row)

    def replace_row(request: MemberRequest, employee_id: int, row_id: int, payload: Schema) -> models.Model:
        employee = get_employee_for(request.membership, employee_id, Capability.EDIT_PERSONAL_DATA)
        _section, row = get_section_row_for(employee, section.slug, row_id)
        data = validated(form_class(payload.model_dump(), instance=row))
        saved = services.update_section_row(actor=request.user, employee=employee, section=section, row=row, data=data)
        _log_answer(request, employee, f"{CARD}: {section.title}")
        return saved

    def delete_row(request: MemberRequest, employee_id: int, row_id: int) -> Status:
        employee = get_employee_for(request.membership, employee_id, Capability.EDIT_PERSONAL_DATA)
        _section, row = get_section_row_for(employee, section.slug, row_id)
        services.delete_section_row(actor=request.user, employee=employee, section=section, row=row)
        return Status(204, None)

    common: dict[str, Any] = {"tags": [CARD_TAG], "summary": section.title}
    # list[row_schema]: a checker cannot read a subscript of a schema made at run time.
    router.get(path, response=GenericAlias(list, row_schema), operation_id=f"{name}_list", **common)(list_rows)
    router.post(path, response={201: row_schema}, operation_id=f"{name}_add", **common)(
        typed(payload=payload_schema)(add_row)
    )
    row_path = f"{path}/{{row_id}}"
    router.put(row_path, response=row_schema, operation_id=f"{name}_replace", **common)(
        typed(payload=payload_schema)(replace_row)
    )
    router.delete(row_path, response={204: None}, operation_id=f"{name}_delete", **common)(delete_row)


for described_section in SECTIONS.values():
    _add_section_routes(described_section)


@router.get("/employees/{employee_id}/military-record", response=MilitaryRecordOut | None, tags=[CARD_TAG])
def military_record(request: MemberRequest, employee_id: int) -> MilitaryRecord | None:
    """Return the military-registration data (форма № 10), null when there are none."""
    employee = get_employee_for(request.membership, employee_id)
    what = f"{CARD}: {services.MILITARY_SECTION}"
    record_access(membership=request.membership, subject=employee, what=what, request=request, channel="api")
    return MilitaryRecord.objects.filter(employee=employee).first()


@router.put("/employees/{employee_id}/military-record", response=MilitaryRecordOut, tags=[CARD_TAG])
def military_record_save(request: MemberRequest, employee_id: int, payload: MilitaryRecordIn) -> MilitaryRecord:
    """Create or replace the military-registration data."""
    employee = get_employee_for(request.membership, employee_id, Capability.EDIT_PERSONAL_DATA)
    record = MilitaryRecord.objects.filter(employee=employee).first()
    form = MilitaryRecordForm(payload.model_dump(), instance=record)
    saved = services.save_military_record(actor=request.user, employee=employee, data=validated(form))
    _log_answer(request, employee, f"{CARD}: {services.MILITARY_SECTION}")
    return saved


# Structure: departments, positions, staffing units.


@dataclass(frozen=True)
class StructureKind:
    prefix: str  # URL segment
    model: type[Department | Position | StaffingUnit]
    form_class: type[DepartmentForm | PositionForm | StaffingUnitForm]
    ordering: tuple[str, ...]

    @property
    def fields(self) -> tuple[str, ...]:
        # The UI form's fields, so the API's PUT carries every field the form edits and resets none.
        return tuple(self.form_class._meta.fields or ())

    @property
    def foreign_keys(self) -> tuple[str, ...]:
        return tuple(name for name in self.fields if self.model._meta.get_field(name).is_relation)

    def schemas(self) -> tuple[type[Schema], type[Schema]]:
        """Return the body and answer schemas; a foreign key is the related id under the field's name."""
        plain = [name for name in self.fields if name not in self.foreign_keys]
        payload_fields, answer_fields = [], []
        for name in self.foreign_keys:
            field = cast(models.ForeignKey, self.model._meta.get_field(name))
            kind = int | None if field.null else int
            default = None if field.null else ...
            title = str(field.verbose_name).capitalize()
            payload_fields.append((name, kind, Field(default, title=title)))
            answer_fields.append((name, kind, Field(default, title=title, validation_alias=f"{name}_id")))
        model_name = self.model.__name__
        payload = model_schema(self.model, name=f"{model_name}In", fields=plain, custom_fields=payload_fields)
        answer = model_schema(self.model, name=model_name, fields=["id", *plain], custom_fields=answer_fields)
        return payload, answer


STRUCTURE = (
    StructureKind("departments", Department, DepartmentForm, ("order", "name")),
    StructureKind("positions", Position, PositionForm, ("name",)),
    StructureKind(
        "staffing-units", StaffingUnit, StaffingUnitForm,
        ("department__order", "department__name", "position__name"),
    ),
)  # fmt: skip


def _add_structure_routes(kind: StructureKind) -> None:
    payload_schema, answer_schema = kind.schemas()
    path, object_path = f"/{kind.prefix}", f"/{kind.prefix}/{{object_id}}"
    name = _key(kind.prefix)

    def list_objects(request: MemberRequest) -> models.QuerySet:
        membership = require(request.membership, Capability.VIEW_STRUCTURE)
        return kind.model._default_manager.filter(organisation_id=membership.organisation_id).order_by(
            *kind.ordering, "pk"
        )

    def create_object(request: MemberRequest, payload: Schema) -> Status:
        membership = require(request.membership, Capability.EDIT_STRUCTURE)
        data = validated(kind.form_class(payload.model_dump(), organisation_id=membership.organisation_id))
        instance = kind.model(organisation_id=membership.organisation_id)
        return Status(201, services.save_structure_object(actor=request.user, instance=instance, data=data))

    def read_object(request: MemberRequest, object_id: int) -> models.Model:
        return structure_for(request.membership, kind.model, object_id, Capability.VIEW_STRUCTURE)

    def replace_object(request: MemberRequest, object_id: int, payload: Schema) -> models.Model:
        instance = structure_for(request.membership, kind.model, object_id, Capability.EDIT_STRUCTURE)
        form = kind.form_class(payload.model_dump(), instance=instance, organisation_id=instance.organisation_id)
        return services.save_structure_object(actor=request.user, instance=instance, data=validated(form))

    common: dict[str, Any] = {"tags": [STRUCTURE_TAG], "summary": str(kind.model._meta.verbose_name_plural)}
    router.get(path, response=GenericAlias(list, answer_schema), operation_id=f"{name}_list", **common)(
        paginate(Pagination)(typed()(list_objects))
    )
    router.post(path, response={201: answer_schema}, operation_id=f"{name}_create", **common)(
        typed(payload=payload_schema)(create_object)
    )
    router.get(object_path, response=answer_schema, operation_id=f"{name}_read", **common)(read_object)
    router.put(object_path, response=answer_schema, operation_id=f"{name}_replace", **common)(
        typed(payload=payload_schema)(replace_object)
    )


for structure_kind in STRUCTURE:
    _add_structure_routes(structure_kind)
