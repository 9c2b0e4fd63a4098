"""PUT replaces a record with what its body carries: a model field missing from a PUT schema would be reset
(the position's «counts as pedagogical service» flag was, and teachers hired on it lost that service).

Every editable field of the model behind a PUT is in its body schema, or in EXCLUDED with the reason.
"""

from __future__ import annotations

from django.apps import apps
from django.db import models

from kadry.api.main import api

# Fields of every model that no API body sets: who owns the row is the token's organisation, and the
# employee a card row belongs to is in the path.
OWNERS = {"organisation", "employee"}
EXCLUDED: dict[str, dict[str, str]] = {
    # Corrections of the automatic declension, made on the card's page next to the forms they
    # correct; GET /employees/{id}/name-forms reads the forms.
    "Employee": {"name_forms": "corrected on the card's page; read by GET /employees/{id}/name-forms"},
    "Position": {"name_forms": "corrected on the structure page next to the declined forms"},
    "Order": {
        "number": "given by signing",
        "status": "changed by signing and cancelling, never by a body",
        "journal": "chosen by signing",
        "signed_at": "set by signing",
        "signed_by": "set by signing",
        "created_by": "the token's user",
        "submitted_at": "set by POST /orders/{id}/submit",
        "submitted_by": "set by POST /orders/{id}/submit",
        "returned_at": "set by POST /orders/{id}/return",
        "returned_by": "set by POST /orders/{id}/return",
        "return_comment": "the body of POST /orders/{id}/return",
    },
}
# PUT bodies that are not one model's record: a day of a class's attendance (a list of marks), a
# class's grades (a list of the journal's rows: student, subject, period, grade), all the items of a
# class's plan of educational work (its goals and notes only when given: absent, they stay).
NOT_MODEL_BODIES = {"DayIn", "GradesItemIn", "PlanItemsIn"}


def _model_named(name: str) -> type[models.Model]:
    found = [model for model in apps.get_models() if model.__name__ == name]
    assert len(found) == 1, f"no single model named {name}: {found}"
    return found[0]


def _editable(model: type[models.Model]) -> set[str]:
    return {
        field.name
        for field in model._meta.concrete_fields
        if field.editable and not field.primary_key and field.name not in OWNERS
    }


def _put_bodies() -> dict[str, set[str]]:
    schema = api.get_openapi_schema()
    components = schema["components"]["schemas"]
    bodies = {}
    for operations in schema["paths"].values():
        if "put" not in operations:
            continue
        body = operations["put"]["requestBody"]["content"]["application/json"]["schema"]
        ref = body["$ref"] if "$ref" in body else body["items"]["$ref"]  # a list body: its items
        name = ref.rsplit("/", 1)[-1]
        bodies[name] = set(components[name]["properties"])
    return bodies


def test_every_put_body_carries_every_editable_field_of_its_model() -> None:
    bodies = _put_bodies()
    assert {"EmployeeIn", "PositionIn", "StaffingUnitIn", "DepartmentIn", "OrderIn"} <= set(bodies)
    missing = {}
    for name, properties in bodies.items():
        if name in NOT_MODEL_BODIES:
            continue
        model_name = name.removesuffix("In")
        model = _model_named(model_name)
        excluded = EXCLUDED.get(model_name, {})
        assert set(excluded) <= _editable(model), f"{model_name}: excluded fields that are no fields"
        if lost := _editable(model) - properties - set(excluded):
            missing[name] = sorted(lost)
    assert not missing, f"PUT would reset these fields: {missing}"


def test_position_put_carries_the_pedagogical_service_flag() -> None:
    assert "pedagogical_service" in _put_bodies()["PositionIn"]
