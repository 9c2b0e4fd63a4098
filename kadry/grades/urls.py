from __future__ import annotations

from django.urls import path

from kadry.grades import views

app_name = "grades"

urlpatterns = [
    path("classes/<int:pk>/", views.class_analysis, name="class_analysis"),
    path("classes/<int:pk>/report.<str:fmt>", views.class_report, name="class_report"),
    path("classes/<int:pk>/import/", views.import_grades, name="import"),
    path("students/<int:pk>/", views.student_analysis, name="student_analysis"),
    path("summary/", views.summary, name="summary"),
    path("summary.xlsx", views.summary_xlsx, name="summary_xlsx"),
    path("classes/<int:pk>/import/template.xlsx", views.import_template, name="import_template"),
    path("import/jobs/<int:pk>/", views.import_job, name="import_job"),
]
