"""Pages of award nominations; included by the project under ``awards/``."""

from __future__ import annotations

from django.urls import path

from kadry.awards import views

app_name = "awards"
urlpatterns = [
    path("", views.nomination_list, name="list"),
    path("new/", views.nomination_new, name="new"),
    path("<int:pk>/", views.nomination_detail, name="detail"),
    path("<int:pk>/print.pdf", views.nomination_print, name="print"),
    path("<int:pk>/<slug:action>/", views.nomination_act, name="act"),
]
