from __future__ import annotations

from django.urls import path

from kadry.core import views

urlpatterns = [
    path("switch/", views.switch_organisation, name="switch_organisation"),
    path("profile/", views.profile, name="profile"),
    path("profile/tokens/new/", views.token_create, name="token_create"),
    path("profile/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("access-log/", views.access_log, name="access_log"),
    path("access-log/export.xlsx", views.access_log_export, name="access_log_export"),
]
