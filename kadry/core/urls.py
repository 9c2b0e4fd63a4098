from __future__ import annotations

from django.urls import path

from kadry.core import views, views_account, views_security

urlpatterns = [
    path("switch/", views.switch_organisation, name="switch_organisation"),
    path("profile/", views.profile, name="profile"),
    path("deadlines/", views.deadlines, name="deadlines"),
    path("deadlines/open/", views.deadline_open, name="deadline_open"),
    path("profile/tokens/new/", views.token_create, name="token_create"),
    path("profile/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("access-log/", views.access_log, name="access_log"),
    path("access-log/export.xlsx", views.access_log_export, name="access_log_export"),
    path("security-log/", views_security.security_log, name="security_log"),
    path("users/", views_security.users, name="users"),
    path("users/<int:pk>/password/", views_security.user_password_reset, name="user_password_reset"),
    path("profile/password/", views_account.password_change, name="password_change"),
    path("profile/two-factor/", views_account.two_factor_manage, name="two_factor_manage"),
    path("profile/two-factor/setup/", views_account.two_factor_setup, name="two_factor_setup"),
    path("profile/two-factor/verify/", views_account.two_factor_verify, name="two_factor_verify"),
    path("profile/two-factor/codes/", views_account.two_factor_codes, name="two_factor_codes"),
    path("profile/two-factor/reset/", views_account.two_factor_reset, name="two_factor_reset"),
]
