"""Work records and ЕФС-1; included by the project under ``work-record/``."""

from __future__ import annotations

from django.urls import path

from kadry.employment import work_record_views as views

urlpatterns = [
    path("deadlines/", views.deadlines, name="efs_deadlines"),
    path("deadlines/reported/", views.mark_reported, name="efs_mark_reported"),
    path("efs1/", views.efs1_export, name="efs1_export"),
    path("efs1.xml", views.efs1_xml, name="efs1_xml"),
    path("employees/<int:pk>/", views.work_record, name="work_record"),
    path("employees/<int:pk>/export.xlsx", views.work_record_xlsx, name="work_record_xlsx"),
]
