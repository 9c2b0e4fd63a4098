"""The director's side: the queue of drafts to sign, signing one, signing several at once."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from kadry.core.access import capability_required
from kadry.core.audit import record_access
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability
from kadry.orders import services
from kadry.orders.access import drafts_to_sign, get_order_for
from kadry.orders.models import Order
from kadry.orders.views.preview import kind_title, order_texts

QUEUE_READ = "Тексты приказов на подпись"  # what the access log says was opened


def _names(order: Order) -> str:
    return ", ".join(item.employee.short_name for item in order.items.all())


def _described(order: Order) -> str:
    """Return «Проект приказа от 01.09.2026 «О приёме на работу» (Иванова М. П.)» for messages."""
    names = _names(order)
    return f"{order} «{kind_title(order.kind)}»" + (f" ({names})" if names else "")


def _lowered(text: str) -> str:
    return text[:1].lower() + text[1:]


def _next(request: HttpRequest, default: str) -> str:
    """Return where to go after signing: the page the director came from, if it is ours."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


@capability_required(Capability.SIGN_ORDERS)
def queue(request: MemberRequest) -> HttpResponse:
    """List the drafts waiting for signature, each with the text it will have."""
    page = Paginator(drafts_to_sign(request.membership), settings.KADRY_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(order, kind_title(order.kind), order_texts(order)) for order in page.object_list]
    # Each draft is shown with its whole text: one log row for the page, the organisation as subject.
    membership = request.membership
    what = f"{QUEUE_READ}: {len(rows)}"
    record_access(membership=membership, subject=membership.organisation, what=what, request=request)
    return render(request, "orders/queue.html", {"page": page, "rows": rows, "query": ""})


@capability_required(Capability.SIGN_ORDERS)
def queue_count(request: MemberRequest) -> HttpResponse:
    """Return the badge of the «На подпись» link (loaded by htmx, so pages do not pay for the count)."""
    count = drafts_to_sign(request.membership).count()
    return render(request, "orders/_queue_count.html", {"count": count})


def _comment(request: HttpRequest, pk: int) -> str:
    """Return the return comment: from the draft page («comment») or the queue (one field per draft)."""
    return request.POST.get(f"comment-{pk}") or request.POST.get("comment", "")


@capability_required(Capability.SIGN_ORDERS)
@require_POST
def order_sign(request: MemberRequest, pk: int) -> HttpResponse:
    """Sign one draft sent for signature; a refusal comes back as a message and the draft stays a draft."""
    order = get_order_for(request.membership, pk, Capability.SIGN_ORDERS)
    if order.is_draft and not order.is_submitted:
        messages.error(request, services.NOT_SUBMITTED)
        return redirect(_next(request, reverse("orders:detail", args=[order.pk])))
    try:
        signed = services.sign_order(actor=request.user, order=order)
    except ValidationError as error:
        messages.error(request, f"Не подписан {_lowered(_described(order))}: {' '.join(error.messages)}")
        # From the draft page the check shows each problem at its item; the queue wants the director back.
        fallback = reverse("orders:check" if order.is_draft else "orders:detail", args=[order.pk])
        return redirect(_next(request, fallback))
    messages.success(request, f"Подписан приказ № {signed.display_number} от {signed.date:%d.%m.%Y}.")
    return redirect(_next(request, reverse("orders:detail", args=[signed.pk])))


@capability_required(Capability.SIGN_ORDERS)
@require_POST
def order_return(request: MemberRequest, pk: int) -> HttpResponse:
    """Return a draft sent for signature to the HR office with the director's comment."""
    order = get_order_for(request.membership, pk, Capability.SIGN_ORDERS)
    try:
        services.return_order(actor=request.user, order=order, comment=_comment(request, order.pk))
    except ValidationError as error:
        messages.error(request, f"Проект не возвращён: {' '.join(error.messages)}")
        return redirect("orders:detail", pk=order.pk)
    messages.success(request, f"Возвращён на доработку {_lowered(_described(order))}.")
    return redirect(_next(request, reverse("orders:queue")))


@capability_required(Capability.SIGN_ORDERS)
@require_POST
def queue_sign(request: MemberRequest) -> HttpResponse:
    """Sign the ticked drafts one by one, each in its own transaction; report the signed and the refused."""
    chosen = [value for value in request.POST.getlist("orders") if value.isdigit()]
    if not chosen:
        messages.error(request, "Отметьте приказы, которые нужно подписать.")
        return redirect("orders:queue")
    signed, refused = [], []
    for order in drafts_to_sign(request.membership).filter(pk__in=chosen):
        try:
            done = services.sign_order(actor=request.user, order=order)
        except ValidationError as error:
            refused.append(f"Не подписан {_lowered(_described(order))}: {' '.join(error.messages)}")
        else:
            signed.append(f"№ {done.display_number} ({_names(order)})")
    if signed:
        messages.success(request, f"Подписано приказов: {len(signed)} — {'; '.join(signed)}.")
    for line in refused:
        messages.error(request, line)
    return redirect("orders:queue")
