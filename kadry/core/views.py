"""Home, organisation switcher, profile with API tokens, and the personal-data access log."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from kadry.core.access import SESSION_KEY, capability_required, client_ip
from kadry.core.audit import access_log_entries, record_access
from kadry.core.deadlines import ACCESS_LOG_WHAT as DEADLINES_WHAT
from kadry.core.deadlines import (
    DeadlineChoice,
    DeadlineFilterForm,
    chosen_deadlines,
    organisation_names,
    served_schools,
)
from kadry.core.forms import AccessLogFilterForm, TokenForm
from kadry.core.home import DEADLINE_HORIZON, Deadline, deadline_kinds, deadlines_for, group_deadlines, panels_for
from kadry.core.http import KadryRequest, MemberRequest
from kadry.core.models import AccessLogEntry, ApiToken, Membership
from kadry.core.permissions import Capability, role_can
from kadry.core.services import create_api_token, revoke_api_token
from kadry.lib.choices import value_label
from kadry.lib.xlsx import XLSX_CONTENT_TYPE, table_to_xlsx


@login_required
def home(request: KadryRequest) -> HttpResponse:
    """Show what the user's role has to do today: the terms due and the panels the apps register."""
    membership = request.membership
    if membership is None:
        return redirect("profile")
    today = timezone.localdate()
    deadlines = deadlines_for(membership, today, until=today + DEADLINE_HORIZON)
    overdue = [d for d in deadlines if d.overdue_on(today)]
    due = [d for d in deadlines if not d.overdue_on(today)]
    context = {
        "today": today,
        # Logged in and with a membership (checked above): what a panel source is given.
        "panels": panels_for(cast(MemberRequest, request), today),
        # Those who draft orders meet the terms: they see the block even when nothing is due.
        "show_deadlines": bool(deadlines) or role_can(membership.role, Capability.DRAFT_ORDERS),
        "overdue": overdue,
        "overdue_groups": overdue_by_kind(overdue),
        "due": due[:HOME_DUE_SHOWN],
        "due_more": max(0, len(due) - HOME_DUE_SHOWN),
    }
    return render(request, "core/home.html", context)


# The home page summarises; the deadlines page lists. A school with years of unrecorded training had a
# hundred overdue lines on its home page: each kind shows its count and its oldest few.
HOME_OVERDUE_SHOWN = 3
HOME_DUE_SHOWN = 10


def overdue_by_kind(overdue: list[Deadline]) -> list[tuple[str, str, int, list[Deadline], int]]:
    """Return (kind's label, code, how many, the oldest few, how many more) of each kind overdue, largest first."""
    labels = deadline_kinds()
    by_code: dict[str, list[Deadline]] = {}
    for deadline in overdue:  # already soonest (oldest) first
        by_code.setdefault(deadline.kind_code, []).append(deadline)
    groups = [
        (labels.get(code, code), code, len(found), found[:HOME_OVERDUE_SHOWN], max(0, len(found) - HOME_OVERDUE_SHOWN))
        for code, found in by_code.items()
    ]
    return sorted(groups, key=lambda group: (-group[2], group[0]))


@capability_required(Capability.VIEW_ORDERS)
def deadlines(request: MemberRequest) -> HttpResponse:
    """Every legal term the apps register for the membership: by kind and school, overdue / today / week / later."""
    membership, today = request.membership, timezone.localdate()
    schools = served_schools(membership)
    form = DeadlineFilterForm(request.GET or None, schools=schools)
    choice = DeadlineChoice()
    if form.is_bound and form.is_valid():
        picked = form.cleaned_data["organisation"]
        choice = DeadlineChoice(kind=form.cleaned_data["kind"], organisation_ids=None if picked is None else (picked,))
    elif form.is_bound:
        # A refused school shows nothing rather than every school: the error is on its field.
        choice = DeadlineChoice(organisation_ids=())
    found = chosen_deadlines(membership, today, choice)
    record_access(membership=membership, subject=membership.organisation, what=DEADLINES_WHAT, request=request)
    names = organisation_names(membership, schools) if schools else {}
    # A served school's term opens there through the user's own membership in it (deadline_open);
    # where they hold none, the page says so instead of a link that would answer 404.
    openable = {m.organisation_id for m in request.memberships if role_can(m.role, Capability.VIEW_ORDERS)}
    context = {
        "today": today,
        "form": form,
        "groups": [
            (status, label, [(d, names.get(d.organisation_id or 0, "")) for d in items])
            for status, label, items in group_deadlines(found, today)
        ],
        "own_organisation": membership.organisation_id,
        "openable": openable - {membership.organisation_id},
        "count": len(found),
        "by_school": bool(schools),
    }
    return render(request, "core/deadlines.html", context)


def membership_in(request: KadryRequest, organisation_id: int) -> Membership | None:
    """Return the user's membership in the organisation to act in for its terms: the current one, else
    one with the same role, else any that sees the terms (orders); None when they hold none there."""
    seats = [m for m in request.memberships
             if m.organisation_id == organisation_id and role_can(m.role, Capability.VIEW_ORDERS)]  # fmt: skip
    current = request.membership
    if current is not None and current in seats:
        return current
    same_role = [m for m in seats if current is not None and m.role == current.role]
    return next(iter(same_role or seats), None)


@login_required
@require_POST
def deadline_open(request: KadryRequest) -> HttpResponse:
    """Open a term's page in its school: act in the user's own membership there (as the organisation
    switcher does), then go to the page. Only a form sends it (POST with the CSRF token); the page is
    an address of this site, anything else is refused."""
    target = request.POST.get("next", "")
    organisation = request.POST.get("organisation", "")
    if (
        not organisation.isdigit()
        or not target.startswith("/")
        or not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        raise Http404
    membership = membership_in(request, int(organisation))
    if membership is None:
        messages.error(request, "В этой школе у вас нет роли: срок откроется, когда администратор школы её выдаст.")
        return redirect("deadlines")
    if request.membership is None or request.membership.pk != membership.pk:
        request.session[SESSION_KEY] = membership.pk
        messages.info(
            request,
            f"Вы работаете в организации «{membership.organisation}» как {membership.get_role_display().lower()}.",
        )
    return redirect(target)


@login_required
@require_POST
def switch_organisation(request: KadryRequest) -> HttpResponse:
    """Act in another of the user's memberships (an organisation and role)."""
    chosen = request.POST.get("membership")
    membership = next((m for m in request.memberships if str(m.pk) == chosen), None)
    if membership is None:
        raise Http404
    request.session[SESSION_KEY] = membership.pk
    messages.success(
        request, f"Вы работаете в организации «{membership.organisation}» как {membership.get_role_display().lower()}."
    )
    return redirect("home")


def _profile(request: KadryRequest, form: TokenForm, status: int = 200, **extra: Any) -> HttpResponse:
    context = {
        "tokens": ApiToken.objects.filter(membership=request.membership).order_by("-created_at"),
        "form": form,
        # One query (the authenticator); django-otp's user_has_device asks every device table.
        "has_second_factor": TOTPDevice.objects.filter(user=request.user, confirmed=True).exists(),
        "now": timezone.now(),
        **extra,
    }
    return render(request, "core/profile.html", context, status=status)


@login_required
def profile(request: KadryRequest) -> HttpResponse:
    return _profile(request, TokenForm())


@capability_required(Capability.USE_API)
@require_POST
def token_create(request: MemberRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _profile(request, form, status=400)
    token, secret = create_api_token(
        actor=request.user, membership=request.membership, name=form.cleaned_data["name"], ip=client_ip(request)
    )
    # The secret is shown once and never stored: only its hash is kept.
    return _profile(request, TokenForm(), new_token=token, secret=secret)


@capability_required(Capability.USE_API)
@require_POST
def token_revoke(request: MemberRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, membership=request.membership)
    revoke_api_token(actor=request.user, token=token, ip=client_ip(request))
    messages.success(request, f"Токен «{token.name}» отозван.")
    return redirect("profile")


# The log grows with every card opened. The page counts an organisation's entries only up to this
# many (a bounded index-only scan), so it costs the same in the log's fifth year as in its first;
# older entries are reached by narrowing the period or searching.
ACCESS_LOG_COUNTED = 10_000


class CappedPaginator(Paginator):
    """A paginator that counts at most ``limit`` rows; ``capped`` tells whether there are more."""

    capped = False
    object_list: QuerySet[Any]

    def __init__(self, object_list: QuerySet, per_page: int, *, limit: int) -> None:
        super().__init__(object_list, per_page)
        self.limit = limit

    @cached_property
    def count(self) -> int:
        # Unordered: any index starting with the organisation answers without sorting.
        counted = self.object_list.order_by()[: self.limit + 1].count()
        self.capped = counted > self.limit
        return min(counted, self.limit)


def _access_log_entries(request: MemberRequest, form: AccessLogFilterForm) -> QuerySet[AccessLogEntry]:
    if not form.is_valid():
        return AccessLogEntry.objects.none()
    entries = access_log_entries(request.membership.organisation_id, form.cleaned_data)
    if query := form.cleaned_data["q"].strip():
        entries = entries.filter(
            Q(subject_repr__icontains=query)
            | Q(actor__username__icontains=query)
            | Q(actor__last_name__icontains=query)
        )
    return entries


# What a row of the log shows: the entry's columns and the name parts of who opened the data.
LOG_COLUMNS = (
    "at",
    "role",
    "subject_repr",
    "what",
    "ip_address",
    "channel",
    "denied",
    "subject_id",
    "actor_id",
    "actor__first_name",
    "actor__last_name",
    "actor__username",
)


def _actor_name(entry: dict[str, Any]) -> str:
    """Return the user's full name or, without one, the login (as ``User.get_full_name`` would)."""
    full = f"{entry['actor__first_name']} {entry['actor__last_name']}".strip()
    return full or entry["actor__username"]


def _subject(entry: dict[str, Any]) -> str:
    """Return whose data a row names; a denial keeps only the id that was asked for."""
    return f"запрошен № {entry['subject_id']}" if entry["denied"] else entry["subject_repr"]


def _log_rows(entries: Iterable[dict[str, Any]]) -> list[dict[str, str]]:
    """Return the rows of a page of the log, ready to print.

    Entries come as dicts of their columns (no model instances), role labels are looked up cheaply
    (``kadry.lib.choices``), and the time is put in the local zone here rather than by a template filter per row.
    """
    local = timezone.localtime
    return [
        {
            "at": f"{local(entry['at']):%d.%m.%Y %H:%M:%S}",
            "who": _actor_name(entry) if entry["actor_id"] is not None else "удалённый пользователь",
            "role": value_label(Membership, "role", entry["role"]),
            "subject": _subject(entry),
            "what": entry["what"],
            "denied": entry["denied"],
            "ip": entry["ip_address"] or "—",
            "channel": entry["channel"],
        }
        for entry in entries
    ]


def log_page_context(request: HttpRequest, form: Any, entries: Any, columns: Any, rows: Any) -> dict[str, Any]:
    """Return the context of a log page: the chosen page of ``entries`` (counted up to a cap) as ready rows.

    Shared by the access log and the security log: ``rows`` turns the page's ``columns`` into display rows,
    and the page links keep the filter without repeating ``page=``.
    """
    paginator = CappedPaginator(entries, settings.KADRY_PAGE_SIZE, limit=ACCESS_LOG_COUNTED)
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = rows(cast(QuerySet[Any], page.object_list).values(*columns))  # a page of ``entries``
    query = request.GET.copy()
    query.pop("page", None)
    return {"form": form, "page": page, "query": query.urlencode()}


@capability_required(Capability.VIEW_ACCESS_LOG)
def access_log(request: MemberRequest) -> HttpResponse:
    form = AccessLogFilterForm(request.GET)
    context = log_page_context(request, form, _access_log_entries(request, form), LOG_COLUMNS, _log_rows)
    return render(request, "core/access_log.html", context)


@capability_required(Capability.VIEW_ACCESS_LOG)
def access_log_export(request: MemberRequest) -> HttpResponse:
    form = AccessLogFilterForm(request.GET)
    local = timezone.localtime
    rows = (
        (
            f"{local(entry['at']):%d.%m.%Y %H:%M:%S}",
            _actor_name(entry) if entry["actor_id"] is not None else "—",
            value_label(Membership, "role", entry["role"]),
            _subject(entry),
            entry["what"],
            entry["ip_address"] or "",
            entry["channel"],
            "отказ" if entry["denied"] else "",
        )
        for entry in _access_log_entries(request, form).values(*LOG_COLUMNS).iterator(chunk_size=2000)
    )
    content = table_to_xlsx(
        "Журнал доступа",
        ["Когда", "Кто", "Роль", "Чьи данные", "Что открыто", "IP-адрес", "Канал", "Отказ в доступе"],
        rows,
    )
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="access-log.xlsx"'
    return response
