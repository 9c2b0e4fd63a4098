"""Incidents with students and the accident act; messages to parents."""

from __future__ import annotations

from django.urls import path

from kadry.school.views import appointment, incidents, messages

urlpatterns = [
    path("appointments/<int:pk>/", appointment.appointment, name="appointment"),
    path("appointments/<int:pk>/agreement/", appointment.appointment_agreement, name="appointment_agreement"),
    path(
        "appointments/<int:pk>/agreement/docx/",
        appointment.appointment_agreement_docx,
        name="appointment_agreement_docx",
    ),
    path("incidents/", incidents.incidents, name="incidents"),
    path("classes/<int:pk>/incidents/new/", incidents.incident_new, name="incident_new"),
    path("incidents/<int:incident_pk>/", incidents.incident_detail, name="incident_detail"),
    path("incidents/<int:incident_pk>/edit/", incidents.incident_edit, name="incident_edit"),
    path("incidents/<int:incident_pk>/acknowledge/", incidents.incident_acknowledge, name="incident_acknowledge"),
    path("incidents/<int:incident_pk>/act/", incidents.incident_act, name="incident_act"),
    path("incidents/<int:incident_pk>/act/print/", incidents.incident_act_pdf, name="incident_act_pdf"),
    path("incidents/<int:incident_pk>/act/docx/", incidents.incident_act_docx, name="incident_act_docx"),
    path("classes/<int:pk>/messages/", messages.parent_messages, name="parent_messages"),
    path("classes/<int:pk>/messages/new/", messages.parent_message_new, name="parent_message_new"),
    path("classes/<int:pk>/messages/<int:message_pk>/", messages.parent_message, name="parent_message"),
    path(
        "classes/<int:pk>/messages/<int:message_pk>/print/", messages.parent_message_print, name="parent_message_print"
    ),
    path("classes/<int:pk>/messages/<int:message_pk>/xlsx/", messages.parent_message_xlsx, name="parent_message_xlsx"),
]
