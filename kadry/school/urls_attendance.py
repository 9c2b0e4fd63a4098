"""Attendance: the day's grid and the week's check of a class, unresolved reasons, flags, thresholds, reports."""

from __future__ import annotations

from django.urls import path

from kadry.school.views import attendance as views

urlpatterns = [
    path("classes/<int:pk>/attendance/", views.grid, name="attendance_grid"),
    path("classes/<int:pk>/attendance/week/", views.week, name="attendance_week"),
    path("attendance/unresolved/", views.unresolved, name="attendance_unresolved"),
    path("attendance/marks/<int:pk>/reason/", views.set_reason, name="attendance_set_reason"),
    path("attendance/flags/", views.flags, name="attendance_flags"),
    path("attendance/thresholds/", views.thresholds, name="attendance_thresholds"),
    path("attendance/report/", views.report, name="attendance_report"),
]
