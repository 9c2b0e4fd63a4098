"""Pages of absences; included by the project under ``absences/``."""

from __future__ import annotations

from django.urls import path

from kadry.absences import views

app_name = "absences"
urlpatterns = [
    path("", views.register, name="register"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.edit, name="edit"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("import/", views.import_sick_leaves, name="import"),
    path("import/jobs/<int:pk>/", views.import_job, name="import_job"),
    path("import/template.xlsx", views.import_template, name="import_template"),
]
