"""Pages of labour discipline; included by the project under ``discipline/``."""

from __future__ import annotations

from django.urls import path

from kadry.discipline import views

app_name = "discipline"
urlpatterns = [
    path("", views.register, name="register"),
    path("new/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/<slug:action>/", views.act, name="act"),
]
