"""Pages of the pre-retirement and pension list; included by the project under ``retirement/``."""

from __future__ import annotations

from django.urls import path

from kadry.retirement import views

app_name = "retirement"
urlpatterns = [
    path("", views.upcoming, name="upcoming"),
    path("export.<slug:fmt>", views.export, name="export"),
]
