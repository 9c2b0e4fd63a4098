"""An employee applies for a certificate of employment (ТК РФ ст. 62); the HR office marks it issued."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from kadry.core.access import capability_required, denied_as
from kadry.core.http import KadryRequest, MemberRequest
from kadry.core.models import Membership
from kadry.core.permissions import Capability
from kadry.employment import services
from kadry.employment.models import CertificateApplication
from kadry.staff.models import Employee


def own_employee(membership: Membership | None) -> Employee | None:
    """Return the employee record of the membership's user in its organisation (ТК РФ ст. 89: their own only)."""
    if membership is None or not membership.employee_id:
        return None
    return Employee.objects.filter(pk=membership.employee_id, organisation_id=membership.organisation_id).first()


@require_POST
def certificate_apply(request: KadryRequest) -> HttpResponse:
    """Apply for a certificate of employment for oneself; the HR office has three working days."""
    employee = own_employee(request.membership)
    if employee is None:
        raise Http404
    application = services.apply_for_certificate(
        actor=request.user, employee=employee, purpose=request.POST.get("purpose", ""), on=timezone.localdate()
    )
    messages.success(
        request,
        f"Заявление о выдаче справки с места работы от {application.applied_on:%d.%m.%Y} передано в отдел кадров. "
        f"Справку выдадут не позднее {application.due:%d.%m.%Y} (ТК РФ ст. 62).",
    )
    return redirect("home")


@capability_required(Capability.EDIT_PERSONAL_DATA)
@require_POST
def certificate_issued(request: MemberRequest, pk: int) -> HttpResponse:
    """Mark an application's certificate issued today."""
    with denied_as(CertificateApplication, pk):
        application = get_object_or_404(
            CertificateApplication.objects.select_related("employee").filter(
                organisation_id=request.membership.organisation_id
            ),
            pk=pk,
        )
    try:
        services.mark_certificate_issued(actor=request.user, application=application, on=timezone.localdate())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Справка по заявлению от {application.applied_on:%d.%m.%Y} отмечена как выданная.")
    return redirect("home")
