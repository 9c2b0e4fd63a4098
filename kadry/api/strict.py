"""JSON bodies are held to the JSON types the published schema names.

Ninja validates a parsed body in pydantic's lax mode, which reads 0 as the date 1970-01-01, "1" as
the number 1 and 0 as false: input the published schema calls invalid, silently turned into data.
Pydantic's strict mode cannot be used instead: Ninja's schemas re-validate their input as Python
objects, where strict mode refuses the strings a JSON body carries its dates, times and decimals in.
So before the usual validation each body is checked against its own JSON schema, types only (what
a value *is*: string, integer, number, boolean, array, object, null); formats, patterns, limits and
enum values stay with pydantic and the forms, which word their messages.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.params.models import ParamModel

from kadry.api import errors

Schema = dict[str, Any]
# The pydantic error type whose message (errors.schema_message) a value of the wrong JSON type gets.
ERROR_TYPES = {"integer": "int_type", "number": "decimal_type", "boolean": "bool_type"}
FORMAT_ERROR_TYPES = {"date": "date_type", "date-time": "datetime_type"}


def _is(value: Any, kind: str) -> bool:
    if kind == "null":
        return value is None
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "integer":
        # JSON does not tell 1 from 1.0 (JSON Schema: an integer is a number with no fraction).
        return not isinstance(value, bool) and (
            isinstance(value, int) or (isinstance(value, float) and value.is_integer())
        )
    if kind == "number":
        return not isinstance(value, bool) and isinstance(value, (int, float))
    if kind == "string":
        return isinstance(value, str)
    if kind == "array":
        return isinstance(value, list)
    if kind == "object":
        return isinstance(value, dict)
    return True


def type_errors(schema: Schema, value: Any, definitions: Schema, location: tuple[Any, ...] = ()) -> list[dict]:
    """Return pydantic-like errors (``type``, ``loc``, ``input``) of the values of ``value`` of a JSON type ``schema`` does not allow."""
    if "$ref" in schema:
        schema = definitions[schema["$ref"].rsplit("/", 1)[-1]]
    for keyword in ("anyOf", "oneOf"):
        if keyword in schema:
            found = [type_errors(branch, value, definitions, location) for branch in schema[keyword]]
            if any(not branch for branch in found):
                return []
            # The branch that is not null says best what was expected.
            return next(
                (branch for branch, option in zip(found, schema[keyword]) if option.get("type") != "null"), found[0]
            )
    problems = [error for part in schema.get("allOf", ()) for error in type_errors(part, value, definitions, location)]
    kinds = schema.get("type")
    if kinds is not None:
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if not any(_is(value, kind) for kind in kinds):
            kind = FORMAT_ERROR_TYPES.get(schema.get("format", "")) or ERROR_TYPES.get(kinds[0], "string_type")
            return [*problems, {"type": kind, "loc": location, "input": value}]
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for name, item in value.items():
            if name in properties:
                problems += type_errors(properties[name], item, definitions, (*location, name))
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for index, item in enumerate(value):
            problems += type_errors(schema["items"], item, definitions, (*location, index))
    return problems


def _body_schema(model: type[ParamModel]) -> Schema:
    schema: Schema | None = model.__dict__.get("_kadry_json_schema")
    if schema is None:
        schema = model.model_json_schema(by_alias=True)
        model._kadry_json_schema = schema  # type: ignore[attr-defined]
    return schema


def _resolve_typed(cls: type[ParamModel], request: HttpRequest, api: NinjaAPI, path_params: dict[str, Any]) -> Any:
    """Ninja's resolution of a body, after the check of its JSON types (422 on the fields of a wrong type)."""
    data = cls.get_request_data(request, api, path_params)
    if data is None:
        return cls()
    data = cls._map_data_paths(data)
    schema = _body_schema(cls)
    found = type_errors(schema, data, schema.get("$defs", {}))
    if found:
        messages: errors.Errors = {}
        for error in found:
            # The first element of a location is the body's parameter: the body as a whole if alone.
            location = error["loc"]
            if len(location) <= 1:
                # A body that is not an object; null reads, as a missing body does, as left empty.
                message = errors.schema_message(error) if error["input"] is None else str(errors.NOT_JSON)
                messages.setdefault(errors.NON_FIELD, []).append(message)
            else:
                messages.setdefault(str(location[-1]), []).append(errors.schema_message(error))
        raise errors.InvalidInput(messages)
    return cls.model_validate(data, context={"request": request})


def hold_bodies_to_types(api: NinjaAPI) -> None:
    """Make every operation of ``api`` check its JSON body's types first (query and path values are strings to parse)."""
    for bound_router in api._get_bound_routers():
        for path_view in bound_router.path_operations.values():
            for operation in path_view.operations:
                for model in operation.signature.models:
                    if model.__ninja_param_source__ == "body":
                        model.resolve = classmethod(_resolve_typed)  # type: ignore[method-assign,assignment]
