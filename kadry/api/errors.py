"""Error answers of the API: one JSON shape for every status, Russian messages.

Every error answers ``{"code": "<code>", "errors": {"field": ["message", …]}}`` (docs/api.md):
invalid input (422) keys its messages by field whether it was caught by the request schema (types,
required fields) or by the Django form the UI uses (checksums, duplicates, dates in the future);
``__all__`` holds the errors of the whole record and of the whole request (401, 404, 405, 409, 500).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.core import validators
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.utils.translation import gettext_lazy as _
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationErrorContext

from kadry.core.access import DeniedObject
from kadry.core.denials import record_denied

Errors = dict[str, list[str]]
NON_FIELD = NON_FIELD_ERRORS

logger = logging.getLogger("django.request")

# The ``code`` of each status the API answers with an error; clients branch on it, people read ``errors``.
CODES = {
    400: "bad_request",
    401: "unauthorised",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    422: "invalid",
    500: "server_error",
}
NOT_FOUND = _("Не найдено.")
NO_SUCH_ADDRESS = _(
    "Нет такого адреса API. Адреса пишутся без косой черты в конце: /api/v1/employees (описание — /api/v1/docs)."
)
METHOD_NOT_ALLOWED = _("Метод %(method)s не поддерживается по этому адресу; допустимы: %(allowed)s.")
NOT_JSON = _("Тело запроса — не JSON-объект в UTF-8: запрос не выполнен.")
SERVER_ERROR = _("Внутренняя ошибка сервера: запрос не выполнен, ничего не сохранено. Мы уже знаем о ней.")


class ErrorOut(Schema):
    """The body of every error answer of the API."""

    code: str = Field(description="вид ошибки: " + ", ".join(f"{status} — {code}" for status, code in CODES.items()))
    errors: Errors = Field(description="сообщения по полям; «__all__» — об ошибке записи или запроса в целом")


def body(status: int, errors: Errors) -> dict[str, Any]:
    return {"code": CODES.get(status, "error"), "errors": errors}


def whole(message: Any) -> Errors:
    """Return one message about the whole request, under ``__all__``."""
    return {NON_FIELD: [str(message)]}


def json_error(status: int, message: Any) -> JsonResponse:
    """Return an error answer made outside Ninja (an unknown address, a method not allowed)."""
    return JsonResponse(body(status, whole(message)), status=status, json_dumps_params={"ensure_ascii": False})


def unknown_address(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Answer any address under /api/v1/ no endpoint has: JSON 404, never a redirect to another address.

    Being a route itself, it also keeps CommonMiddleware's APPEND_SLASH from redirecting
    ``POST /employees/`` to another address (a client re-sends a redirected POST as a GET).
    """
    return json_error(404, NO_SUCH_ADDRESS)


def json_method_not_allowed(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap a Ninja path view so that its 405 (plain text) is the API's JSON error, the Allow header kept."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            allowed = response["Allow"]
            message = METHOD_NOT_ALLOWED % {"method": request.method, "allowed": allowed}
            response = json_error(405, message)
            response["Allow"] = allowed
        return response

    return wrapped


class InvalidInput(Exception):
    """Input that failed validation, by the request schema or by a form; answered 422 with ``errors``."""

    def __init__(self, errors: Errors) -> None:
        super().__init__(errors)
        self.errors = errors


def validated(form: forms.BaseForm) -> dict[str, Any]:
    """Return the form's cleaned data, or raise InvalidInput with the form's own messages."""
    if not form.is_valid():
        raise InvalidInput({name: [str(message) for message in messages] for name, messages in form.errors.items()})
    return form.cleaned_data


def schema_message(error: Mapping[str, Any]) -> str:
    """Return the Django form message for a pydantic error, so both layers speak alike."""
    kind: str = error["type"]
    context = error.get("ctx") or {}
    # null where a value is required reads, as in a form, as a field left empty.
    if kind == "missing" or ("input" in error and error["input"] is None):
        return str(forms.Field.default_error_messages["required"])
    if kind.startswith(("date", "datetime")):
        return str(forms.DateField.default_error_messages["invalid"])
    if kind.startswith("int"):
        return str(forms.IntegerField.default_error_messages["invalid"])
    if kind.startswith(("decimal", "float")):
        return str(forms.DecimalField.default_error_messages["invalid"])
    if kind.startswith("bool"):
        return str(_("Укажите true или false."))
    if kind in ("enum", "literal_error"):
        return str(forms.ChoiceField.default_error_messages["invalid_choice"] % {"value": error.get("input")})
    if kind in ("string_too_short", "string_pattern_mismatch") and not str(error.get("input", "")).strip():
        return str(forms.Field.default_error_messages["required"])
    if kind == "string_too_long":
        return str(_("Не более %(limit)s символов.") % {"limit": context.get("max_length")})
    if kind in ("greater_than_equal", "greater_than"):
        return str(validators.MinValueValidator.message % {"limit_value": context.get("ge", context.get("gt"))})
    if kind in ("less_than_equal", "less_than"):
        return str(validators.MaxValueValidator.message % {"limit_value": context.get("le", context.get("lt"))})
    return str(validators.RegexValidator.message)


def schema_errors(contexts: list[ValidationErrorContext]) -> Errors:
    """Return request-schema errors keyed by field: the last element of each error's location.

    A body that is not an object fails as a whole (location ``("payload",)``) under ``__all__``.
    """
    errors: Errors = {}
    for context in contexts:
        whole_body = context.model.__ninja_param_source__ == "body"
        for error in context.pydantic_validation_error.errors(include_url=False):
            location = error["loc"]
            field = NON_FIELD if whole_body and len(location) <= 1 else str(location[-1])
            errors.setdefault(field, []).append(schema_message(error))
    return errors


def install(api: NinjaAPI) -> None:
    """Register the error answers on ``api``."""

    def handler(status: int, errors: Callable[[Any], Errors]) -> Callable[[HttpRequest, Any], HttpResponse]:
        def answer(request: HttpRequest, exc: Any) -> HttpResponse:
            return api.create_response(request, body(status, errors(exc)), status=status)

        return answer

    api.add_exception_handler(InvalidInput, handler(422, lambda exc: exc.errors))
    # A unique constraint the form did not check, or a concurrent request that saved the same
    # record first: the service rolled back, so answer the conflict instead of a 500.
    conflict = _("Запись не сохранена: такая запись уже есть.")
    api.add_exception_handler(IntegrityError, handler(409, lambda exc: whole(conflict)))
    not_found = handler(404, lambda exc: whole(NOT_FOUND))
    api.add_exception_handler(Http404, not_found)

    def denied(request: HttpRequest, exc: DeniedObject) -> HttpResponse:
        # The same answer as for a missing object; the attempt goes to the access log.
        record_denied(request, exc, channel="api")
        return not_found(request, exc)

    api.add_exception_handler(DeniedObject, denied)  # type: ignore[arg-type]  # ninja types the handler's exception as the class too; it gets the instance

    def unauthorised(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        detail = _("Нужен действующий токен API: заголовок «Authorization: Bearer <токен>».")
        response = api.create_response(request, body(401, whole(detail)), status=401)
        response["WWW-Authenticate"] = "Bearer"  # RFC 6750, section 3
        return response

    api.add_exception_handler(AuthenticationError, unauthorised)  # type: ignore[arg-type]  # as above: gets the instance

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return handler(exc.status_code, lambda e: whole(e))(request, exc)

    api.add_exception_handler(HttpError, http_error)  # type: ignore[arg-type]  # as above: gets the instance

    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        # Logged as Django logs an unhandled exception (the admins' mail, the error log); the client
        # gets JSON and no traceback, DEBUG or not. Services are atomic: nothing was saved.
        logger.error(
            "Internal Server Error: %s", request.path, exc_info=exc, extra={"status_code": 500, "request": request}
        )
        return api.create_response(request, body(500, whole(SERVER_ERROR)), status=500)

    api.add_exception_handler(Exception, server_error)  # type: ignore[arg-type]  # as above: gets the instance


WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def declare(api: NinjaAPI) -> None:
    """Declare in every operation's responses the error statuses it can answer, all with ``ErrorOut``.

    Every operation may answer 404 (an object or a capability out of reach) and, behind the token,
    401; one that takes parameters or a body, 422; a write, 409 (a concurrent duplicate). The 500
    of a fault is not declared: the contract test fails on it.
    """
    for bound_router in api._get_bound_routers():
        for path_view in bound_router.path_operations.values():
            for operation in path_view.operations:
                statuses = {404}
                if operation.auth_callbacks:
                    statuses.add(401)
                writes = bool(WRITES & set(operation.methods))
                if writes or operation.signature.models:
                    statuses.add(422)
                if writes:
                    statuses.update((400, 409))
                for status in sorted(statuses - set(operation.response_models)):
                    operation.response_models[status] = operation._create_response_model(ErrorOut)
