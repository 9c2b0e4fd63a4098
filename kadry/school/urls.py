"""The class teachers' side, one URL module per concern."""

from __future__ import annotations

from django.urls import include, path

app_name = "school"

urlpatterns = [
    path("", include("kadry.school.urls_classes")),
    path("", include("kadry.school.urls_attendance")),
    path("", include("kadry.school.urls_life")),
    path("", include("kadry.school.urls_documents")),
    path("", include("kadry.school.urls_activities")),
    path("", include("kadry.school.urls_incidents")),
    path("", include("kadry.school.urls_education_plan")),
]
