"""Error answers of the API: one shape for every invalid input, Russian messages, never a 500.

Invalid input answers 422 with ``{"errors": {"field": ["message", …]}}`` whether it was caught by
the request schema (types, required fields) or by the Django form the UI uses (checksums,
duplicates, dates in the future); ``__all__`` holds errors of the whole record.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core import validators
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationErrorContext

from kadry.core.access import DeniedObject
from kadry.core.denials import record_denied

Errors = dict[str, list[str]]
NON_FIELD = forms.forms.NON_FIELD_ERRORS


class InvalidInput(Exception):
    """Input that failed validation, by the request schema or by a form; answered 422 with ``errors``."""

    def __init__(self, errors: Errors) -> None:
        super().__init__(errors)
        self.errors = errors


def validated(form: forms.BaseForm) -> dict[str, Any]:
    """Return the form's cleaned data, or raise InvalidInput with the form's own messages."""
    if not form.is_valid():
        raise InvalidInput({name: list(messages) for name, messages in form.errors.items()})
    return form.cleaned_data


def _schema_message(error: dict[str, Any]) -> str:
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
            errors.setdefault(field, []).append(_schema_message(error))
    return errors


def install(api: NinjaAPI) -> None:
    """Register the error answers on ``api``."""

    def handler(status: int, body: Callable[[Any], dict[str, Any]]) -> Callable[[HttpRequest, Any], HttpResponse]:
        def answer(request: HttpRequest, exc: Any) -> HttpResponse:
            return api.create_response(request, body(exc), status=status)

        return answer

    api.add_exception_handler(InvalidInput, handler(422, lambda exc: {"errors": exc.errors}))
    # A unique constraint the form did not check, or a concurrent request that saved the same
    # record first: the service rolled back, so answer the conflict instead of a 500.
    conflict = _("Запись не сохранена: такая запись уже есть.")
    api.add_exception_handler(IntegrityError, handler(409, lambda exc: {"errors": {NON_FIELD: [str(conflict)]}}))
    not_found = handler(404, lambda exc: {"detail": str(_("Не найдено."))})
    api.add_exception_handler(Http404, not_found)

    def denied(request: HttpRequest, exc: DeniedObject) -> HttpResponse:
        # The same answer as for a missing object; the attempt goes to the access log.
        record_denied(request, exc, channel="api")
        return not_found(request, exc)

    api.add_exception_handler(DeniedObject, denied)

    def unauthorised(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        detail = _("Нужен действующий токен API: заголовок «Authorization: Bearer <токен>».")
        response = api.create_response(request, {"detail": str(detail)}, status=401)
        response["WWW-Authenticate"] = "Bearer"  # RFC 6750, section 3
        return response

    api.add_exception_handler(AuthenticationError, unauthorised)
