from __future__ import annotations

from django.urls import path

from kadry.school.views import classes, importing, settings, students

urlpatterns = [
    path("", classes.home, name="home"),
    path("classes/<int:pk>/", classes.class_detail, name="class_detail"),
    path("classes/new/", classes.class_edit, name="class_create"),
    path("classes/<int:pk>/edit/", classes.class_edit, name="class_edit"),
    path("years/", classes.year_list, name="year_list"),
    path("settings/class-teacher-allowance/", settings.allowance, name="allowance_settings"),
    path("years/new/", classes.year_create, name="year_create"),
    path("years/<int:pk>/", classes.year_edit, name="year_edit"),
    path("substitutions/new/", classes.substitution_create, name="substitution_create"),
    path("students/new/", students.student_create, name="student_create"),
    path("students/<int:pk>/", students.student_detail, name="student_detail"),
    path("students/<int:pk>/edit/", students.student_edit, name="student_edit"),
    path("students/<int:pk>/transfer/", students.student_transfer, name="student_transfer"),
    path("students/<int:pk>/withdraw/", students.student_withdraw, name="student_withdraw"),
    path("import/", importing.import_students, name="import"),
    path("import/template.xlsx", importing.import_template, name="import_template"),
    path("import/jobs/<int:pk>/", importing.import_job, name="import_job"),
]
