from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import include, path

from kadry.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("kadry.core.urls")),
    path("staff/", include("kadry.staff.urls")),
    path("orders/", include("kadry.orders.urls")),
    path("documents/", include("kadry.documents.urls")),
    path("work-record/", include("kadry.employment.work_record_urls")),
    path("employment/", include("kadry.employment.urls")),
    path("leave/", include("kadry.leave.urls")),
    path("absences/", include("kadry.absences.urls")),
    path("timesheet/", include("kadry.timesheet.urls")),
    path("discipline/", include("kadry.discipline.urls")),
    path("awards/", include("kadry.awards.urls")),
    path("military/", include("kadry.military.urls")),
    path("obligations/", include("kadry.obligations.urls")),
    path("retirement/", include("kadry.retirement.urls")),
    path("attestation/", include("kadry.attestation.urls")),
    path("school/prevention/", include("kadry.prevention.urls")),
    path("school/", include("kadry.school.urls")),
    path("grades/", include("kadry.grades.urls")),
    path("reports/", include("kadry.reports.urls")),
    path("", include("kadry.api.urls")),
]
