"""The project's URLs with the documents app mounted, until kadry/urls.py includes it."""

from __future__ import annotations

from django.urls import include, path

from kadry.urls import urlpatterns as project_urlpatterns

_mounted = any(getattr(pattern, "namespace", None) == "documents" for pattern in project_urlpatterns)

urlpatterns = [
    *project_urlpatterns,
    *([] if _mounted else [path("documents/", include("kadry.documents.urls"))]),
]
