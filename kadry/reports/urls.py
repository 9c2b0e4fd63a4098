"""Pages of the personnel databank; included by the project under ``reports/``."""

from __future__ import annotations

from django.urls import path

from kadry.reports import exports, form_views, job_views, views

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
    path("oo1/", form_views.oo1, name="oo1"),
    path("oo1.<slug:fmt>", form_views.oo1_export, name="oo1_export"),
    path("p4/", form_views.p4, name="p4"),
    path("p4.<slug:fmt>", form_views.p4_export, name="p4_export"),
]

# A report over more schools than KADRY_REPORT_JOB_SCHOOLS: its background job and the job's file.
urlpatterns += [
    path("jobs/<slug:report>/start/", job_views.start, name="start_job"),
    path("jobs/<int:pk>/", job_views.job, name="job"),
    path("jobs/<int:pk>/download/", job_views.job_download, name="job_download"),
]
