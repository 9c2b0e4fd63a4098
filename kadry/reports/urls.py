"""Pages of the personnel databank; included by the project under ``reports/``."""

from __future__ import annotations

from django.urls import path

from kadry.reports import exports, views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard.pdf", exports.dashboard_pdf, name="dashboard_pdf"),
    path("headcount/", views.headcount, name="headcount"),
    path("headcount.<slug:fmt>", exports.headcount_export, name="headcount_export"),
    path("composition/", views.composition, name="composition"),
    path("composition.<slug:fmt>", exports.composition_export, name="composition_export"),
    path("movement/", views.movement, name="movement"),
    path("movement.<slug:fmt>", exports.movement_export, name="movement_export"),
]
