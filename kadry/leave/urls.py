"""Pages of leave; included by the project under ``leave/``."""

from __future__ import annotations

from django.urls import path

from kadry.leave import views, views_calendar, views_department, views_import, views_rules

app_name = "leave"
urlpatterns = [
    path("schedule/<int:year>/", views.schedule, name="schedule"),
    path("schedule/<int:year>/approve/", views.approve, name="schedule_approve"),
    path("schedule/<int:year>/t7.xlsx", views.schedule_xlsx, name="schedule_xlsx"),
    path("schedule/<int:year>/t7.pdf", views.schedule_pdf, name="schedule_pdf"),
    path("schedule/<int:year>/import/", views_import.schedule_import, name="schedule_import"),
    path(
        "schedule/<int:year>/import/template.xlsx",
        views_import.schedule_import_template,
        name="schedule_import_template",
    ),
    path("schedule/<int:year>/departments/<int:pk>/", views_department.department, name="department"),
    path("schedule/<int:year>/parts/<int:pk>/move/", views_department.part_move, name="part_move"),
    path("calendar/<int:year>/", views_calendar.production_calendar, name="calendar"),
    path("calendar/corrections/<int:pk>/delete/", views_calendar.correction_delete, name="calendar_correction_delete"),
    path("rules/", views_rules.leave_rules, name="rules"),
    path("rules/<int:pk>/", views_rules.leave_rule_edit, name="rule_edit"),
    path("rules/<int:pk>/delete/", views_rules.leave_rule_delete, name="rule_delete"),
    path("notices/", views.notices, name="notices"),
    path("notices/<int:pk>/", views.notice_print, name="notice_print"),
    path("notices/<int:pk>/handed/", views.notice_handed, name="notice_handed"),
]
