"""Pages of the timesheet; included by the project under ``timesheet/``."""

from __future__ import annotations

from django.urls import path

from kadry.timesheet import views

app_name = "timesheet"
urlpatterns = [
    path("<int:year>/<int:month>/", views.index, name="index"),
    path("<int:year>/<int:month>/fill/", views.fill, name="fill"),
    path("jobs/<int:pk>/", views.job, name="job"),
    path("<int:year>/<int:month>/departments/<int:pk>/", views.sheet, name="sheet"),
    path("<int:year>/<int:month>/departments/<int:pk>/correct/", views.correct, name="correct"),
    path("<int:year>/<int:month>/departments/<int:pk>/close/", views.close, name="close"),
    path("<int:year>/<int:month>/departments/<int:pk>/corrective/", views.corrective, name="corrective"),
    path("<int:year>/<int:month>/departments/<int:pk>/t13.xlsx", views.sheet_xlsx, name="xlsx"),
    path("<int:year>/<int:month>/departments/<int:pk>/<slug:form>.pdf", views.sheet_pdf, name="pdf"),
]
