"""Class life: class hours, parent meetings, events, briefings, duty, visits; a student's individual work."""

from __future__ import annotations

from django.urls import path

from kadry.school.views import corrections, life, life_journals

urlpatterns = [
    path("classes/<int:pk>/class-hours/", life.class_hours, name="class_hours"),
    path("classes/<int:pk>/class-hours/<int:hour_pk>/held/", life.class_hour_held, name="class_hour_held"),
    path("classes/<int:pk>/class-hours/<int:hour_pk>/cancel/", life.class_hour_cancel, name="class_hour_cancel"),
    path("classes/<int:pk>/meetings/", life.meetings, name="meetings"),
    path("classes/<int:pk>/meetings/new/", life.meeting_form, name="meeting_new"),
    path("classes/<int:pk>/meetings/<int:meeting_pk>/", life.meeting_form, name="meeting_edit"),
    path("classes/<int:pk>/meetings/<int:meeting_pk>/protocol/", life.meeting_protocol, name="meeting_protocol"),
    path("classes/<int:pk>/events/", life.events, name="events"),
    path("classes/<int:pk>/events/new/", life.event_new, name="event_new"),
    path("classes/<int:pk>/events/<int:event_pk>/", life.event_detail, name="event_detail"),
    path("classes/<int:pk>/events/<int:event_pk>/notice/", life.event_notice, name="event_notice"),
    path("classes/<int:pk>/briefings/", life_journals.briefings, name="briefings"),
    path("classes/<int:pk>/briefings/new/", life_journals.briefing_new, name="briefing_new"),
    path("classes/<int:pk>/duty/", life_journals.duty, name="duty"),
    path("classes/<int:pk>/visits/", life_journals.visits, name="visits"),
    path("classes/<int:pk>/<slug:slug>/<int:row_pk>/correct/", corrections.correct, name="life_correct"),
    path("classes/<int:pk>/<slug:slug>/<int:row_pk>/cancel/", corrections.cancel, name="life_cancel"),
    path("classes/<int:pk>/visits/<int:row_pk>/done/", corrections.visit_done, name="visit_done"),
    path("students/<int:pk>/individual-work/", life_journals.individual_work, name="individual_work"),
]
