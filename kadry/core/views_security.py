"""The security log of an organisation's users, and the administrator's list of users with password reset."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import SetPasswordForm
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from kadry.core import account_services as accounts
from kadry.core.access import capability_required, client_ip
from kadry.core.forms import SecurityLogFilterForm
from kadry.core.http import MemberRequest
from kadry.core.models import Membership, SecurityEvent
from kadry.core.permissions import Capability
from kadry.core.views import log_page_context
from kadry.lib.choices import value_label


def _members(organisation_id: int) -> QuerySet:
    """Return the ids of the users with an active membership in the organisation (a subquery)."""
    return Membership.objects.filter(organisation_id=organisation_id, is_active=True).values("user_id")


def _events(request: MemberRequest, form: SecurityLogFilterForm) -> QuerySet[SecurityEvent]:
    """The organisation's events: its own (tokens, resets) and the log-ins of its users.

    Attempts under names that are nobody's are not shown to any organisation: they belong to no one.
    """
    organisation_id = request.membership.organisation_id
    events = SecurityEvent.objects.filter(Q(organisation_id=organisation_id) | Q(user_id__in=_members(organisation_id)))
    if not form.is_valid():
        return events.none()
    zone = timezone.get_current_timezone()
    if start := form.cleaned_data["start"]:
        events = events.filter(at__gte=dt.datetime.combine(start, dt.time.min, tzinfo=zone))
    if end := form.cleaned_data["end"]:
        events = events.filter(at__lt=dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone))
    if query := form.cleaned_data["q"].strip():
        events = events.filter(username__icontains=query)
    if kind := form.cleaned_data["kind"]:
        events = events.filter(kind=kind)
    return events


COLUMNS = ("at", "kind", "username", "ip_address", "actor__username", "user__first_name", "user__last_name")


def _rows(events: Any) -> list[dict[str, Any]]:
    local = timezone.localtime
    return [
        {
            "at": f"{local(event['at']):%d.%m.%Y %H:%M:%S}",
            "kind": value_label(SecurityEvent, "kind", event["kind"]),
            "username": event["username"],
            "name": f"{event['user__first_name'] or ''} {event['user__last_name'] or ''}".strip(),
            "actor": event["actor__username"] or "",
            "ip": event["ip_address"] or "—",
            "alert": event["kind"] in ALERTS,
        }
        for event in events
    ]


ALERTS = frozenset({SecurityEvent.Kind.LOGIN_FAILED, SecurityEvent.Kind.LOCKOUT, SecurityEvent.Kind.OTP_FAILED})


@capability_required(Capability.VIEW_SECURITY_LOG)
def security_log(request: MemberRequest) -> HttpResponse:
    form = SecurityLogFilterForm(request.GET)
    return render(
        request, "core/security_log.html", log_page_context(request, form, _events(request, form), COLUMNS, _rows)
    )


@capability_required(Capability.MANAGE_USERS)
def users(request: MemberRequest) -> HttpResponse:
    """The organisation's users with their roles and whether they have a second factor."""
    organisation_id = request.membership.organisation_id
    memberships = (
        Membership.objects.filter(organisation_id=organisation_id, is_active=True)
        .select_related("user")
        .order_by("user__last_name", "user__username", "role")
    )
    people: dict[int, dict[str, Any]] = {}
    for membership in memberships:
        person = people.setdefault(membership.user_id, {"user": membership.user, "roles": []})
        person["roles"].append(value_label(Membership, "role", membership.role))
    with_device = set(TOTPDevice.objects.filter(user_id__in=people, confirmed=True).values_list("user_id", flat=True))
    for user_id, person in people.items():
        person["two_factor"] = user_id in with_device
    return render(request, "core/users.html", {"people": list(people.values())})


@capability_required(Capability.MANAGE_USERS)
def user_password_reset(request: MemberRequest, pk: int) -> HttpResponse:
    """Give a user of the organisation a temporary password (no e-mail needed); they change it at log-in."""
    organisation_id = request.membership.organisation_id
    # Not oneself (that is the password-change page) and not a superuser of the installation.
    target = get_object_or_404(
        get_user_model()
        .objects.filter(pk__in=_members(organisation_id), is_superuser=False)
        .exclude(pk=request.user.pk),
        pk=pk,
    )
    form = SetPasswordForm(target, request.POST or None)
    if request.method == "POST" and form.is_valid():
        accounts.reset_password_by_admin(
            actor=request.user,
            user=target,
            new_password=form.cleaned_data["new_password1"],
            organisation_id=organisation_id,
            ip=client_ip(request),
        )
        if request.POST.get("reset_second_factor"):
            accounts.reset_second_factor(
                actor=request.user, user=target, ip=client_ip(request), organisation_id=organisation_id
            )
        messages.success(
            request,
            f"Временный пароль пользователя {target.get_username()} установлен. Сообщите его лично; "
            "при входе пользователь задаст свой.",
        )
        return redirect("users")
    return render(
        request,
        "core/user_password_reset.html",
        {"form": form, "target": target},
        status=400 if form.errors else 200,
    )
