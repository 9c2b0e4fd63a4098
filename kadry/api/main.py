"""API v1: one NinjaAPI with bearer-token authentication; each app contributes the router in its api.py."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.urls import URLPattern, URLResolver, re_path
from ninja import NinjaAPI, Swagger
from ninja.errors import ValidationErrorContext
from ninja.renderers import JSONRenderer

from kadry.api import errors
from kadry.api.auth import TokenAuth
from kadry.api.strict import hold_bodies_to_types
from kadry.staff.api import router as staff_router


class UnicodeJSONRenderer(JSONRenderer):
    # Names and messages are Cyrillic: send them as UTF-8, not as \uXXXX escapes three times longer.
    json_dumps_params = {"ensure_ascii": False}


class KadryAPI(NinjaAPI):
    def validation_error_from_error_contexts(  # type: ignore[override]
        self, error_contexts: list[ValidationErrorContext[Any]]
    ) -> errors.InvalidInput:
        """Answer request-schema errors in the same shape and language as form errors.

        Overridden rather than handled afterwards: Ninja's own error list drops the value sent,
        which tells a null (a required field left empty) from a value of the wrong type.
        """
        return errors.InvalidInput(errors.schema_errors(error_contexts))

    def _get_urls(self) -> list[URLResolver | URLPattern]:
        """Return Ninja's routes answering 405 in JSON, then a JSON 404 for every other address under the API."""
        urls = super()._get_urls()
        for url in urls:
            if isinstance(url, URLPattern):
                # Ninja's root page is an HTML 404: the API's own answers it.
                view = errors.unknown_address if url.name == "api-root" else url.callback
                url.callback = errors.json_method_not_allowed(view)
        return [*urls, re_path(r"^(?P<rest>.*)$", errors.unknown_address, name="unknown-address")]


api = KadryAPI(
    title="Kadry API",
    version="1",
    urls_namespace="api-1",
    description="Кадровый учёт школы: сотрудники, личные карточки Т-2, структура и штатное расписание.",
    auth=TokenAuth(),
    renderer=UnicodeJSONRenderer(),
    # "ninja" is an installed app, so the docs page loads Swagger UI from the package's static
    # files (served by WhiteNoise), never from a CDN: the API docs work on a closed network.
    docs=Swagger(),
    # The schema maps every field of the staff's personal data: only signed-in users read it (the
    # login page sends the others back here). API clients authenticate their calls with tokens.
    docs_decorator=login_required,
)
errors.install(api)
api.add_router("/", staff_router)
api.add_router("/orders", "kadry.orders.api.router", tags=["Приказы"])
api.add_router("/", "kadry.employment.api.router")
api.add_router("/", "kadry.leave.api.router")
api.add_router("/", "kadry.core.api.router")
api.add_router("/", "kadry.core.deadlines_api.router")
api.add_router("/", "kadry.absences.api.router")
api.add_router("/", "kadry.timesheet.api.router")
api.add_router("/", "kadry.discipline.api.router")
api.add_router("/", "kadry.reports.api.router")
api.add_router("/", "kadry.military.api.router")
api.add_router("/", "kadry.obligations.api.router")
api.add_router("/", "kadry.retirement.api.router")
api.add_router("/", "kadry.attestation.api.router")
api.add_router("/", "kadry.awards.api.router")
# The class teachers' side: classes and students, attendance, class life, the class's documents.
api.add_router("/school", "kadry.school.api.classes.router", tags=["Классы и обучающиеся"])
api.add_router("/school", "kadry.school.api.register.router", tags=["Классы и обучающиеся"])
api.add_router("/school", "kadry.school.api.attendance.router", tags=["Посещаемость"])
api.add_router("/school", "kadry.school.api.life.router", tags=["Жизнь класса"])
api.add_router("/school", "kadry.school.api.documents.router", tags=["Документы класса"])
api.add_router("/school", "kadry.school.api.activities.router", tags=["Занятость и достижения"])
api.add_router("/school", "kadry.grades.api.router", tags=["Успеваемость"])
api.add_router("/school", "kadry.school.api.incidents.router", tags=["Происшествия и сообщения родителям"])
api.add_router("/school", "kadry.school.api.education_plan.router", tags=["План воспитательной работы"])
api.add_router("/school", "kadry.prevention.api.router", tags=["Профилактика правонарушений"])
errors.declare(api)
hold_bodies_to_types(api)
