"""Pages of military registration; included by the project under ``military/``."""

from __future__ import annotations

from django.urls import path

from kadry.military import views

app_name = "military"
urlpatterns = [
    path("", views.liable, name="liable"),
    path("reconciliation.<slug:fmt>", views.reconciliation, name="reconciliation"),
    path("form6/", views.form6, name="form6"),
    path("form6.<slug:fmt>", views.form6_export, name="form6_export"),
    path("notices/", views.notices, name="notices"),
    path("notices/<int:pk>/sent/", views.notice_sent, name="notice_sent"),
    path("notices/<int:pk>/print/", views.notice_print, name="notice_print"),
]
