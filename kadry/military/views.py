"""Pages of military registration: the liable on a date, form № 6, the reconciliation list, the notices.

Thin: the date → ``queries`` → a table or a file. Lists of named people are personal data: each page
and file is written to the access log (the organisation as subject); form № 6 shows figures only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from kadry.core.access import capability_required, denied_as
from kadry.core.audit import record_access
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability, role_can
from kadry.employment.models import WorkRecordEvent
from kadry.lib.documents import PDF_CONTENT_TYPE, PdfUnavailableError, render_pdf
from kadry.lib.xlsx import XLSX_CONTENT_TYPE, table_to_xlsx
from kadry.military import queries, rules, services
from kadry.military.exports import FORM6_HEADERS, form6_xlsx
from kadry.military.models import CommissariatNotice

FORMATS = ("xlsx", "pdf")


def chosen_date(request: HttpRequest) -> dt.date:
    """Return the date in ``?on=YYYY-MM-DD``, or today when it is missing or malformed."""
    try:
        return dt.date.fromisoformat(request.GET.get("on", ""))
    except ValueError:
        return timezone.localdate()


def _log(request: MemberRequest, what: str) -> None:
    membership = request.membership
    record_access(membership=membership, subject=membership.organisation, what=what, request=request)


def _file(content: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE if fmt == "xlsx" else PDF_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.{fmt}")
    return response


def _pdf(request: MemberRequest, template: str, context: dict[str, Any], back: str) -> bytes | HttpResponse:
    html = render_to_string(template, {"organisation": request.membership.organisation, **context})
    try:
        return render_pdf(html, base_url=str(settings.BASE_DIR))
    except PdfUnavailableError as error:
        messages.error(request, str(error))
        return redirect(back)


@capability_required(Capability.VIEW_PERSONAL_DATA)
def liable(request: MemberRequest) -> HttpResponse:
    """The citizens liable to military registration among those working on a date (53-ФЗ ст. 8, 53)."""
    on = chosen_date(request)
    rows = queries.liable_on(request.membership.organisation_id, on)
    _log(request, f"{queries.LIABLE_WHAT} на {on:%d.%m.%Y}: {len(rows)} сотр.")
    context = {"on": on, "rows": [(row, queries.group_label(row)) for row in rows], "rules": rules,
               "without_card": sum(row.liability.without_card for row in rows)}  # fmt: skip
    return render(request, "military/liable.html", context)


@capability_required(Capability.VIEW_PERSONAL_DATA)
def reconciliation(request: MemberRequest, fmt: str) -> HttpResponse:
    """The annual list for the reconciliation with the military commissariat, as XLSX or PDF."""
    if fmt not in FORMATS:
        raise Http404
    on = chosen_date(request)
    cells = queries.reconciliation_cells(queries.liable_on(request.membership.organisation_id, on))
    name = f"Сверка с военным комиссариатом {on:%Y-%m-%d}"
    if fmt == "xlsx":
        content: bytes | HttpResponse = table_to_xlsx("Сверка", queries.RECONCILIATION_HEADERS, cells)
    else:
        context = {"on": on, "headers": queries.RECONCILIATION_HEADERS, "rows": cells}
        content = _pdf(request, "military/print/reconciliation.html", context, "military:liable")
    if isinstance(content, HttpResponse):
        return content
    _log(request, f"{queries.RECONCILIATION_WHAT} на {on:%d.%m.%Y} ({fmt.upper()}): {len(cells)} сотр.")
    return _file(content, fmt, name)


@capability_required(Capability.VIEW_PERSONAL_DATA)
def form6(request: MemberRequest) -> HttpResponse:
    """Form № 6: the numbers of employees, of those in the reserve and of the reserved, by category."""
    on = chosen_date(request)
    lines = queries.form6(request.membership.organisation_id, on)
    return render(request, "military/form6.html", {"on": on, "lines": lines, "headers": FORM6_HEADERS})


@capability_required(Capability.VIEW_PERSONAL_DATA)
def form6_export(request: MemberRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    on = chosen_date(request)
    organisation = request.membership.organisation
    lines = queries.form6(organisation.pk, on)
    if fmt == "xlsx":
        content: bytes | HttpResponse = form6_xlsx(organisation.name, on, lines)
    else:
        context = {"on": on, "lines": lines, "headers": FORM6_HEADERS}
        content = _pdf(request, "military/print/form6.html", context, "military:form6")
    if isinstance(content, HttpResponse):
        return content
    return _file(content, fmt, f"Форма 6 на {on:%Y-%m-%d}")


class SentForm(forms.Form):
    sent_on = forms.DateField(label="Дата отправки")
    number = forms.CharField(label="Исходящий номер", max_length=50, required=False)


@capability_required(Capability.VIEW_PERSONAL_DATA)
def notices(request: MemberRequest, form: SentForm | None = None, failed: int | None = None) -> HttpResponse:
    """The hires and dismissals to report to the commissariat within two weeks (п. 32), and those reported."""
    today = timezone.localdate()
    organisation_id = request.membership.organisation_id
    due = queries.notices_due(organisation_id, today)
    sent = list(
        CommissariatNotice.objects.filter(organisation_id=organisation_id)
        .select_related("employee", "sent_by")
        .order_by("-sent_on", "-id")[:50]
    )
    _log(request, f"{queries.NOTICES_WHAT}: к отправке {len(due)}, отправлено {len(sent)}")
    context = {
        "due": due, "sent": sent, "today": today, "source": rules.NOTICE_SOURCE, "failed": failed,
        "form": form or SentForm(initial={"sent_on": today}),
        "can_mark": role_can(request.membership.role, Capability.DRAFT_ORDERS),
    }  # fmt: skip
    return render(request, "military/notices.html", context)


@capability_required(Capability.DRAFT_ORDERS)
@require_POST
def notice_sent(request: MemberRequest, pk: int) -> HttpResponse:
    organisation_id = request.membership.organisation_id
    if queries.liable_event(organisation_id, pk, timezone.localdate()) is None:
        raise Http404  # another organisation's event, or one that needs no notice (any more)
    form = SentForm(request.POST)
    if form.is_valid():
        try:
            notice = services.mark_notice_sent(
                actor=request.user, organisation_id=organisation_id, event_id=pk,
                sent_on=form.cleaned_data["sent_on"], number=form.cleaned_data["number"], today=timezone.localdate(),
            )  # fmt: skip
        except ValidationError as error:
            for field, texts in error.message_dict.items():
                if field == "event":
                    raise Http404 from error
                form.add_error(field if field in form.fields else None, texts)
        else:
            messages.success(request, f"Сообщение {notice.get_kind_display()} отмечено как отправленное.")
            return redirect("military:notices")
    response = notices(request, form=form, failed=pk)
    response.status_code = 422
    return response


@capability_required(Capability.VIEW_PERSONAL_DATA)
def notice_print(request: MemberRequest, pk: int) -> HttpResponse:
    """The printable notice (PDF) of the hire or dismissal ``pk``, to send or already sent."""
    organisation_id = request.membership.organisation_id
    today = timezone.localdate()
    sent = (
        CommissariatNotice.objects.filter(organisation_id=organisation_id, event_id=pk)
        .select_related("event__employee__military_record")
        .first()
    )
    with denied_as(WorkRecordEvent, pk):  # another organisation's event: a denial in the access log
        if sent is not None:
            event, kind, commissariat = sent.event, sent.kind, sent.commissariat
        elif (due := queries.liable_event(organisation_id, pk, today)) is not None:
            event, kind, commissariat = due.event, due.kind, due.commissariat
        else:
            raise Http404
    record = queries.record_of(event.employee)
    context = {"event": event, "hire": kind == "hire", "commissariat": commissariat, "record": record,
               "sent": sent, "today": today, "source": rules.NOTICE_SOURCE}  # fmt: skip
    content = _pdf(request, "military/print/notice.html", context, "military:notices")
    if isinstance(content, HttpResponse):
        return content
    membership = request.membership
    record_access(membership=membership, subject=event.employee, what=queries.NOTICES_WHAT, request=request)
    return _file(content, "pdf", f"Сообщение в военкомат {event.employee.last_name} {event.date:%Y-%m-%d}")
