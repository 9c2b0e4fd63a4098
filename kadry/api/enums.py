"""Enums of the API named per model and field (``EmployeeSex``, ``OrderStatus``), and model schemas using them.

The schema names an enum after its Python class: ``Employee.Status``, ``Order.Status`` and
``ClassHour.Status`` were all ``Status``, one overwrote the others in the published schema, and the
schema then rejected real data. Each enum here is made once per name, from the model's choices.
"""

from __future__ import annotations

import enum
from typing import Any

from django.db import models
from ninja import Schema
from ninja.orm import create_schema
from pydantic import Field, create_model

_ENUMS: dict[str, type[enum.StrEnum]] = {}


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def named_enum(name: str, choices: list[tuple[Any, Any]]) -> type[enum.StrEnum]:
    """Return the string enum ``name`` of the values of ``choices``, its labels in the description."""
    values = [str(value) for value, _label in choices]
    existing = _ENUMS.get(name)
    if existing is not None:
        if [member.value for member in existing] != values:
            raise ValueError(f"enum {name} already made with other values")
        return existing
    members = {(value if value.isidentifier() else f"v{index}"): value for index, value in enumerate(values)}
    made = enum.StrEnum(name, members)  # type: ignore[misc]
    made.__doc__ = "; ".join(f"«{value}» — {label}" if value else f"«» — {label}" for value, label in _labels(choices))
    made.__module__ = __name__
    _ENUMS[name] = made
    return made


def _labels(choices: list[tuple[Any, Any]]) -> list[tuple[str, str]]:
    return [(str(value), str(label)) for value, label in choices]


def choices_enum(
    owner: type[models.Model], choices: type[models.Choices], name: str | None = None
) -> type[enum.StrEnum]:
    """Return the enum of a model's choices class: ``choices_enum(Order, Order.Status)`` is ``OrderStatus``."""
    return named_enum(name or owner.__name__ + choices.__name__, list(choices.choices))


def field_enum(model: type[models.Model], field_name: str) -> type[enum.StrEnum]:
    """Return the enum of a model field's choices, named ``<Model><Field>``; "" is a value of a blank field."""
    field = model._meta.get_field(field_name)
    choices = list(field.flatchoices)  # type: ignore[union-attr]
    if field.blank and "" not in [value for value, _label in choices]:  # type: ignore[union-attr]
        choices = [("", "не указано"), *choices]
    return named_enum(model.__name__ + _camel(field_name), choices)


def choice_fields(model: type[models.Model], fields: list[str]) -> list[str]:
    return [name for name in fields if getattr(model._meta.get_field(name), "choices", None)]


def model_schema(
    model: type[models.Model],
    *,
    name: str,
    fields: list[str],
    custom_fields: list[tuple[str, Any, Any]] | None = None,
    optional_fields: str | list[str] | None = None,
) -> type[Schema]:
    """Return Ninja's ``create_schema`` with choice fields typed as named enums and required texts non-blank."""
    base = create_schema(
        model,
        name=f"{name}Base",
        fields=fields,
        custom_fields=custom_fields,
        optional_fields=optional_fields,  # type: ignore[arg-type]  # ninja takes "__all__" too (orm/factory.py) but types a list
    )
    overrides: dict[str, Any] = {}
    for field_name in choice_fields(model, fields):
        info = base.model_fields[field_name]
        values = field_enum(model, field_name)
        annotation: Any = values
        if model._meta.get_field(field_name).null or (not info.is_required() and info.default is None):
            annotation = annotation | None
        # A default is not validated: the model's TextChoices default would stay one, so make it ours.
        default = ... if info.is_required() else info.default
        if default is not ... and default is not None:
            default = values(str(default))
        overrides[field_name] = (annotation, Field(default, title=info.title, description=info.description))
    for field_name in fields:
        field = model._meta.get_field(field_name)
        if isinstance(field, (models.CharField, models.TextField)) and not field.blank and not field.choices:
            # A required text must hold a letter: the form strips it and refuses "" and "  " alike.
            info = base.model_fields[field_name]
            default = ... if info.is_required() else info.default
            limits: dict[str, Any] = {"max_length": field.max_length} if field.max_length else {}
            overrides[field_name] = (info.annotation, Field(default, title=info.title, pattern=r"\S", **limits))
    made = create_model(name, __base__=base, **overrides)
    made.__doc__ = base.__doc__
    return made
