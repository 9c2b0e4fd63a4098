from __future__ import annotations

from django.urls import path

from kadry.employment import certificate_views, views

urlpatterns = [
    path("employees/<int:pk>/service/", views.employee_service, name="employee_service"),
    path("service/", views.service_report_view, name="service_report"),
    path("service/export.xlsx", views.service_report_export, name="service_report_export"),
    path("certificate-applications/new/", certificate_views.certificate_apply, name="certificate_apply"),
    path("certificate-applications/<int:pk>/issued/", certificate_views.certificate_issued, name="certificate_issued"),
]
