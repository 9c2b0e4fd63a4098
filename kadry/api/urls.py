from __future__ import annotations

from django.urls import path

from kadry.api.errors import unknown_address
from kadry.api.main import api

urlpatterns = [
    path("api/v1/", api.urls),
    # Without it APPEND_SLASH would redirect /api/v1 to /api/v1/: the API never redirects.
    path("api/v1", unknown_address),
]
