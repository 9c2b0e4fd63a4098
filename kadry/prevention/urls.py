from __future__ import annotations

from django.urls import path

from kadry.prevention import views, views_council

app_name = "prevention"

urlpatterns = [
    path("", views.register, name="register"),
    path("cases/<int:case_pk>/", views.case_detail, name="case"),
    path("cases/<int:case_pk>/measures/", views.measure_add, name="measure_add"),
    path("cases/<int:case_pk>/measures/<int:measure_pk>/result/", views.measure_result, name="measure_result"),
    path("cases/<int:case_pk>/reviews/", views.review_add, name="review_add"),
    path("cases/<int:case_pk>/plan.pdf", views.plan_pdf, name="plan_pdf"),
    path("cases/<int:case_pk>/plan.docx", views.plan_docx, name="plan_docx"),
    path("council/", views_council.sittings, name="sittings"),
    path("council/new/", views_council.sitting_new, name="sitting_new"),
    path("council/<int:sitting_pk>/", views_council.sitting_detail, name="sitting"),
    path("council/<int:sitting_pk>/protocol.pdf", views_council.protocol_pdf, name="protocol_pdf"),
]
