"""Pages of mandatory training and documents; included by the project under ``obligations/``."""

from __future__ import annotations

from django.urls import path

from kadry.obligations import views

app_name = "obligations"
urlpatterns = [
    path("", views.register, name="register"),
    path("register.xlsx", views.register_xlsx, name="register_xlsx"),
    path("record/", views.record, name="record"),
    path("kinds/", views.kinds, name="kinds"),
    path("notice/<int:pk>/", views.notice, name="notice"),
]
