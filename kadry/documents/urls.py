from __future__ import annotations

from django.urls import path, register_converter

from kadry.documents import views


class _FormatConverter:
    """A document format in a URL: ``…/t2.pdf``; anything else is not a route (404)."""

    regex = "docx|pdf"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(_FormatConverter, "docfmt")

app_name = "documents"

urlpatterns = [
    path("employees/<int:pk>/t2.<docfmt:fmt>", views.personal_card, name="personal_card"),
    path("employees/<int:pk>/certificate/", views.employment_certificate, name="employment_certificate"),
    path("jobs/", views.jobs, name="jobs"),
    path("jobs/personal-cards/", views.start_personal_cards, name="start_personal_cards"),
    path("jobs/<int:pk>/download/", views.job_download, name="job_download"),
    path("templates/", views.templates, name="templates"),
    path("templates/<slug:kind>.docx", views.template_download, name="template_download"),
    path("templates/<slug:kind>/reset/", views.template_reset, name="template_reset"),
]

# Printed orders, СТД-Р and the certificate of length of service.
from kadry.documents import order_views  # noqa: E402 (appended with its routes)

urlpatterns += [
    path("orders/<int:pk>.<docfmt:fmt>", order_views.order_print, name="order_print"),
    path("employees/<int:pk>/stdr.<docfmt:fmt>", order_views.work_record_extract, name="work_record_extract"),
    path(
        "employees/<int:pk>/service-certificate.<docfmt:fmt>",
        order_views.service_certificate,
        name="service_certificate",
    ),
]
