"""The class's generated documents, and the administration's overview and criteria."""

from __future__ import annotations

from django.urls import path

from kadry.school.views import documents, overview

urlpatterns = [
    path("classes/<int:pk>/social-passport/", documents.social_passport, name="social_passport"),
    path(
        "classes/<int:pk>/social-passport/<str:fmt>/",
        documents.social_passport_download,
        name="social_passport_download",
    ),
    path("students/<int:pk>/characteristics/", documents.characteristics, name="characteristics"),
    path("students/<int:pk>/characteristics/new/", documents.characteristic_new, name="characteristic_new"),
    path(
        "students/<int:student_pk>/characteristics/<int:pk>/",
        documents.characteristic_edit,
        name="characteristic_edit",
    ),
    path(
        "students/<int:student_pk>/characteristics/<int:pk>/docx/",
        documents.characteristic_docx,
        name="characteristic_docx",
    ),
    path(
        "students/<int:student_pk>/characteristics/<int:pk>/issue/",
        documents.characteristic_issue,
        name="characteristic_issue",
    ),
    path("overview/", overview.overview, name="overview"),
    path("criteria/", overview.effectiveness, name="criteria"),
]
