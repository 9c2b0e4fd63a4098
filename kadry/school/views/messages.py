"""Messages to the parents of a class (regulation §4.8): write, record whom it went to, print or export.

Read by whoever reaches the class; written by its class teacher. A message's recipients (names and
phones of guardians) are personal data: the message page, its print and its list write the access log.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from kadry.core.access import membership_required
from kadry.core.http import MemberRequest
from kadry.lib.xlsx import XLSX_CONTENT_TYPE, table_to_xlsx
from kadry.school import access_log
from kadry.school.access import get_class_for
from kadry.school.forms_incidents import ParentMessageForm
from kadry.school.models import ParentMessage, SchoolClass
from kadry.school.services import messages as services
from kadry.school.views.life import context, pdf_or_html, refused, writable_class

MESSAGE = "Сообщение родителям"


def _messages(school_class: SchoolClass) -> QuerySet[ParentMessage]:
    return ParentMessage.objects.filter(organisation_id=school_class.organisation_id, school_class=school_class)


@membership_required
@require_GET
def parent_messages(request: MemberRequest, pk: int) -> HttpResponse:
    """The class's messages to parents, newest first, with how many guardians each went to."""
    school_class = get_class_for(request.membership, pk)
    rows = _messages(school_class).select_related("student", "author").prefetch_related("recipients")
    data = context(request, school_class, "messages", parent_messages=rows)
    return render(request, "school/messages/list.html", data)


@membership_required
def parent_message_new(request: MemberRequest, pk: int) -> HttpResponse:
    """Write a message to the class's parents (or one student's) and record it sent."""
    school_class = writable_class(request, pk)
    form = ParentMessageForm(request.POST or None, school_class=school_class)
    if request.method == "POST" and form.is_valid():
        try:
            message = services.send_message(actor=request.user, school_class=school_class, data=form.cleaned_data)
        except ValidationError as error:
            refused(form, error)
        else:
            messages.success(request, f"Сообщение записано: получателей {message.recipients.count()}.")
            return redirect("school:parent_message", pk=school_class.pk, message_pk=message.pk)
    data = context(request, school_class, "messages", form=form)
    return render(request, "school/messages/form.html", data, status=400 if form.errors else 200)


def _message(request: MemberRequest, pk: int, message_pk: int) -> tuple[SchoolClass, ParentMessage]:
    school_class = get_class_for(request.membership, pk)
    message = get_object_or_404(_messages(school_class).select_related("student", "author"), pk=message_pk)
    return school_class, message


@membership_required
@require_GET
def parent_message(request: MemberRequest, pk: int, message_pk: int) -> HttpResponse:
    """One message with the guardians it went to."""
    school_class, message = _message(request, pk, message_pk)
    recipients = services.recipients_of(message)
    what = f"{MESSAGE} {message.sent_at:%d.%m.%Y}"
    access_log.record_list_access(request, school_class, what, len(recipients), noun=access_log.GUARDIANS)
    data = context(request, school_class, "messages", message=message, recipients=recipients)
    return render(request, "school/messages/detail.html", data)


@membership_required
@require_GET
def parent_message_print(request: MemberRequest, pk: int, message_pk: int) -> HttpResponse:
    """The message to print: one copy per family (the student's name on each), PDF."""
    school_class, message = _message(request, pk, message_pk)
    recipients = services.recipients_of(message)
    what = f"{MESSAGE} {message.sent_at:%d.%m.%Y}: печать"
    access_log.record_list_access(request, school_class, what, len(recipients), noun=access_log.GUARDIANS)
    data = services.print_context(message, organisation=request.membership.organisation, recipients=recipients)
    return pdf_or_html(request, "school/print/parent_message.html", data, f"message-{message.pk}")


@membership_required
@require_GET
def parent_message_xlsx(request: MemberRequest, pk: int, message_pk: int) -> HttpResponse:
    """The list for the school's messenger: guardian, phone, student, text (XLSX)."""
    school_class, message = _message(request, pk, message_pk)
    recipients = services.recipients_of(message)
    what = f"{MESSAGE} {message.sent_at:%d.%m.%Y}: список"
    access_log.record_list_access(request, school_class, what, len(recipients), noun=access_log.GUARDIANS)
    content = table_to_xlsx("Сообщение родителям", services.LIST_HEADERS, services.list_rows(message, recipients))
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="message-{message.pk}.xlsx"'
    return response
