"""Input is held to the published schema: the JSON types of a body, and how dates are written anywhere.

Ninja validates a parsed body in pydantic's lax mode, which reads 0 as the date 1970-01-01, "1" as
the number 1 and 0 as false, and a query's ``on=0`` as 1970-01-01 too: input the published schema
calls invalid, silently turned into data. Pydantic's strict mode cannot be used instead: Ninja's
schemas re-validate their input as Python objects, where strict mode refuses the strings a JSON body
carries its dates, times and decimals in. So before the usual validation each body, query and path
is checked against its own JSON schema: what a value *is* (string, integer, number, boolean, array,
object, null; bodies only, a query's values are all strings) and that dates are written as dates.
Patterns, limits and enum values stay with pydantic and the forms, which word their messages.
A query parameter the operation does not take is refused too, naming it (``UNKNOWN_PARAMETER``).
"""

from __future__ import annotations

import re
from typing import Any

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.params.models import ParamModel

from kadry.api import errors

Schema = dict[str, Any]
# The pydantic error type whose message (errors.schema_message) a value of the wrong JSON type gets.
ERROR_TYPES = {"integer": "int_type", "number": "decimal_type", "boolean": "bool_type"}
FORMAT_ERROR_TYPES = {"date": "date_type", "date-time": "datetime_type"}
# The strings a date or a moment is written in (RFC 3339, as JSON Schema's formats). Pydantic also
# reads a number in a string as seconds since 1970: "0" would be 1970-01-01.
FORMATS = {
    "date": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "date-time": re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?"),
}


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


def type_errors(
    schema: Schema, value: Any, definitions: Schema, location: tuple[Any, ...] = (), *, typed: bool = True
) -> list[dict]:
    """Return pydantic-like errors (``type``, ``loc``, ``input``) of the values in ``value`` that ``schema`` does not allow.

    Checked: the JSON type (unless not ``typed``: query and path values are all strings) and the
    written form of dates and moments.
    """
    if "$ref" in schema:
        schema = definitions[schema["$ref"].rsplit("/", 1)[-1]]
    for keyword in ("anyOf", "oneOf"):
        if keyword in schema:
            found = [type_errors(branch, value, definitions, location, typed=typed) for branch in schema[keyword]]
            if any(not branch for branch in found):
                return []
            # The branch that is not null says best what was expected.
            return next(
                (branch for branch, option in zip(found, schema[keyword], strict=True) if option.get("type") != "null"),
                found[0],
            )
    problems = [
        error
        for part in schema.get("allOf", ())
        for error in type_errors(part, value, definitions, location, typed=typed)
    ]
    written = FORMATS.get(schema.get("format", ""))
    if written is not None and isinstance(value, str) and not written.fullmatch(value):
        return [*problems, {"type": FORMAT_ERROR_TYPES[schema["format"]], "loc": location, "input": value}]
    kinds = schema.get("type")
    # A query's values are all strings: only "null" (the branch of a parameter left out) is told apart.
    if not typed and kinds != "null":
        kinds = None
    if kinds is not None:
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if not any(_is(value, kind) for kind in kinds):
            kind = FORMAT_ERROR_TYPES.get(schema.get("format", "")) or ERROR_TYPES.get(kinds[0], "string_type")
            return [*problems, {"type": kind, "loc": location, "input": value}]
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for name, item in value.items():
            if name in properties:
                problems += type_errors(properties[name], item, definitions, (*location, name), typed=typed)
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for index, item in enumerate(value):
            problems += type_errors(schema["items"], item, definitions, (*location, index), typed=typed)
    return problems


def _param_schema(model: type[ParamModel]) -> Schema:
    schema: Schema | None = model.__dict__.get("_kadry_json_schema")
    if schema is None:
        schema = model.model_json_schema(by_alias=True)
        model._kadry_json_schema = schema  # type: ignore[attr-defined]
    return schema


# A parameter the operation does not take is refused rather than ignored: «?organizaton=5» would
# otherwise answer with the sum over every school, as if nothing had been asked.
UNKNOWN_PARAMETER = "Неизвестный параметр запроса: операция его не принимает."


def _refusing_unknown_query(operation: Any) -> None:
    """Make ``operation`` answer 422 naming each query parameter it does not take, before reading any."""
    known = frozenset(
        name
        for model in operation.signature.models
        if model.__ninja_param_source__ == "query"
        # The names as a request writes them: Ninja flattens a schema of several fields (its map).
        for name in model.__ninja_flatten_map__
    )
    get_values = operation._get_values

    def checked(request: HttpRequest, path_params: Any, temporal_response: Any) -> Any:
        unknown = sorted(set(request.GET) - known)
        if unknown:
            raise errors.InvalidInput({name: [UNKNOWN_PARAMETER] for name in unknown})
        return get_values(request, path_params, temporal_response)

    operation._get_values = checked


def _resolve_typed(cls: type[ParamModel], request: HttpRequest, api: NinjaAPI, path_params: dict[str, Any]) -> Any:
    """Ninja's resolution of a body, query or path, after the check of its values (422 on the fields that fail)."""
    data = cls.get_request_data(request, api, path_params)
    if data is None:
        return cls()
    data = cls._map_data_paths(data)
    schema = _param_schema(cls)
    body = cls.__ninja_param_source__ == "body"
    found = type_errors(schema, data, schema.get("$defs", {}), typed=body)
    if found:
        messages: errors.Errors = {}
        for error in found:
            # The first element of a location is the body's parameter: the body as a whole if alone.
            location = error["loc"]
            if body and len(location) <= 1:
                # A body that is not an object; null reads, as a missing body does, as left empty.
                message = errors.schema_message(error) if error["input"] is None else str(errors.NOT_JSON)
                messages.setdefault(errors.NON_FIELD, []).append(message)
            else:
                messages.setdefault(str(location[-1]), []).append(errors.schema_message(error))
        raise errors.InvalidInput(messages)
    return cls.model_validate(data, context={"request": request})


def hold_bodies_to_types(api: NinjaAPI) -> None:
    """Make every operation of ``api`` refuse unknown query parameters, and check its JSON body's types and the
    dates of its body, query and path, first."""
    for bound_router in api._get_bound_routers():
        for path_view in bound_router.path_operations.values():
            for operation in path_view.operations:
                _refusing_unknown_query(operation)
                for model in operation.signature.models:
                    if model.__ninja_param_source__ in ("body", "query", "path"):
                        model.resolve = classmethod(_resolve_typed)
