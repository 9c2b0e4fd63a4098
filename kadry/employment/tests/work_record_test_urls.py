"""The project's URLs plus ``work-record/``, for tests until kadry/urls.py includes it."""

from __future__ import annotations

from django.urls import include, path

from kadry.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    *project_urlpatterns,
    path("work-record/", include("kadry.employment.work_record_urls")),
]
