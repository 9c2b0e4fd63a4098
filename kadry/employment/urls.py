from __future__ import annotations

from django.urls import path

from kadry.employment import views

urlpatterns = [
    path("employees/<int:pk>/service/", views.employee_service, name="employee_service"),
    path("service/", views.service_report_view, name="service_report"),
    path("service/export.xlsx", views.service_report_export, name="service_report_export"),
]
