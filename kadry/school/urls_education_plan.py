"""The class teacher's plan of educational work, its approval by the deputy director, the yearly analysis."""

from __future__ import annotations

from django.urls import path

from kadry.school.views import education_plan as plan
from kadry.school.views import education_plan_review as review

urlpatterns = [
    path("plans/", review.education_plans, name="education_plans"),
    path("classes/<int:pk>/plan/", plan.education_plan, name="education_plan"),
    path("classes/<int:pk>/plan/items/new/", plan.education_plan_item_new, name="education_plan_item_new"),
    path("classes/<int:pk>/plan/items/<int:item_pk>/", plan.education_plan_item, name="education_plan_item"),
    path(
        "classes/<int:pk>/plan/items/<int:item_pk>/delete/",
        plan.education_plan_item_delete,
        name="education_plan_item_delete",
    ),
    path("classes/<int:pk>/plan/submit/", plan.education_plan_submit, name="education_plan_submit"),
    path("classes/<int:pk>/plan/correct/", plan.education_plan_correct, name="education_plan_correct"),
    path("classes/<int:pk>/plan/approve/", review.education_plan_approve, name="education_plan_approve"),
    path("classes/<int:pk>/plan/return/", review.education_plan_return, name="education_plan_return"),
    path("classes/<int:pk>/plan/analysis/", plan.education_plan_analysis, name="education_plan_analysis"),
    path("classes/<int:pk>/plan/docx/", plan.education_plan_docx, name="education_plan_docx"),
    path("classes/<int:pk>/plan/pdf/", plan.education_plan_pdf, name="education_plan_pdf"),
]
