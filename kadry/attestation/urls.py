"""Pages of attestation of pedagogical workers; included by the project under ``attestation/``."""

from __future__ import annotations

from django.urls import path

from kadry.attestation import views, views_schedules

app_name = "attestation"
urlpatterns = [
    path("", views.due, name="due"),
    path("schedules/", views_schedules.schedules, name="schedules"),
    path("schedules/new/", views_schedules.schedule_new, name="schedule_new"),
    path("schedules/<int:pk>/", views_schedules.schedule, name="schedule"),
    path("schedules/<int:pk>/pdf/", views_schedules.schedule_pdf, name="schedule_pdf"),
    path("schedules/<int:pk>/docx/", views_schedules.schedule_docx, name="schedule_docx"),
    path("schedules/<int:pk>/acquaintance.<slug:fmt>", views_schedules.acquaintance_sheet, name="acquaintance_sheet"),
    path("commissions/", views.commissions, name="commissions"),
    path("commissions/<int:pk>/", views.commission, name="commission"),
    path("categories/new/", views.category_new, name="category_new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/step/<slug:name>/", views.step, name="step"),
    path("<int:pk>/undo/<slug:name>/", views.undo, name="undo"),
    path("<int:pk>/print/<slug:kind>/", views.document, name="document"),
    path("<int:pk>/print/<slug:kind>/docx/", views.document_docx, name="document_docx"),
]
