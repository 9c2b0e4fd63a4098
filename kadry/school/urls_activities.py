"""The students' activities and the school's summary; the student's personal file; the movement of students."""

from __future__ import annotations

from django.urls import path

from kadry.school.views import activities, movement, student_file

urlpatterns = [
    path("classes/<int:pk>/activities/", activities.activities, name="activities"),
    path("classes/<int:pk>/activities/<int:activity_pk>/", activities.activity_edit, name="activity_edit"),
    path("classes/<int:pk>/activities/<int:activity_pk>/delete/", activities.activity_delete, name="activity_delete"),
    path("classes/<int:pk>/activities/import/", activities.activity_import, name="activity_import"),
    path(
        "classes/<int:pk>/activities/import/template.xlsx",
        activities.activity_import_template,
        name="activity_import_template",
    ),
    path("activities/", activities.activities_summary, name="activities_summary"),
    path("students/<int:pk>/file/", student_file.student_file, name="student_file"),
    path("students/<int:pk>/file/print/", student_file.student_file_print, name="student_file_print"),
    path("students/<int:pk>/file/issue/", student_file.student_file_issue, name="student_file_issue"),
    path("movement/", movement.movement, name="movement"),
    path("movement/xlsx/", movement.movement_xlsx, name="movement_xlsx"),
]
