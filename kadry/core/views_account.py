"""The user's own account: the second factor (set-up, verification, recovery codes) and the password."""

from __future__ import annotations

from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from kadry.core import account_services as accounts
from kadry.core.access import client_ip
from kadry.core.forms import SecondFactorCodeForm
from kadry.core.http import LoggedInRequest
from kadry.core.security_log import HAS_SECOND_FACTOR_KEY, MUST_CHANGE_PASSWORD_KEY

# The secret of an authenticator being set up: kept in the session until the user proves, with a
# code, that the phone has it; only then is a device stored.
SETUP_KEY = "kadry_totp_setup_key"
BAD_CODE = (
    "Код не подошёл. Проверьте, что время на телефоне точное; после нескольких ошибок подождите перед новой попыткой."
)


def _next_url(request: HttpRequest) -> str:
    """Return the page the user was going to (from ``next``), if it is ours, else the home page."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return "/"


def _codes_page(request: HttpRequest, codes: list[str], *, first: bool) -> HttpResponse:
    return render(request, "core/two_factor_codes.html", {"codes": codes, "first": first, "next": _next_url(request)})


@login_required
def two_factor_setup(request: LoggedInRequest) -> HttpResponse:
    """Show the QR code of a new authenticator secret; a correct code from the phone turns it on."""
    if user_has_device(request.user):
        return redirect("two_factor_manage" if request.user.is_verified() else "two_factor_verify")
    key = request.session.get(SETUP_KEY) or accounts.new_totp_key()
    request.session[SETUP_KEY] = key
    form = SecondFactorCodeForm(request.POST or None)
    form.fields["code"].help_text = "Шесть цифр, которые показывает приложение."
    if request.method == "POST" and form.is_valid():
        if accounts.totp_code_matches(key, form.cleaned_data["code"]):
            device, codes = accounts.enable_second_factor(actor=request.user, key=key, ip=client_ip(request))
            del request.session[SETUP_KEY]
            request.session[HAS_SECOND_FACTOR_KEY] = True
            otp_login(request, device)
            return _codes_page(request, codes, first=True)
        form.add_error("code", BAD_CODE)
    device = TOTPDevice(user=request.user, key=key)
    context: dict[str, Any] = {
        "form": form,
        # Drawn here as inline SVG: the secret never leaves the server for a QR service.
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(scale=6, dark="#1f2933", title="QR-код"),
        "secret": _grouped(device.config_url.split("secret=")[1].split("&")[0]),
        "next": _next_url(request),
    }
    return render(request, "core/two_factor_setup.html", context, status=400 if form.errors else 200)


def _grouped(secret: str) -> str:
    """Return the base32 secret in groups of four, for typing it into the phone by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@login_required
def two_factor_verify(request: LoggedInRequest) -> HttpResponse:
    """Ask for the second factor after the password: a code from the app or a recovery code."""
    if not user_has_device(request.user):
        return redirect("two_factor_setup")
    if request.user.is_verified():
        return redirect(_next_url(request))
    form = SecondFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = accounts.check_second_factor(actor=request.user, code=form.cleaned_data["code"], ip=client_ip(request))
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("code", BAD_CODE)
    return render(
        request,
        "core/two_factor_verify.html",
        {"form": form, "next": _next_url(request)},
        status=400 if form.errors else 200,
    )


def _verified_owner(request: LoggedInRequest) -> None:
    """Only a session that passed the second factor may change it: a password alone is not enough."""
    if not user_has_device(request.user) or not request.user.is_verified():
        raise Http404


@login_required
def two_factor_manage(request: LoggedInRequest) -> HttpResponse:
    """The second factor's page: state, new recovery codes, a new authenticator."""
    if not user_has_device(request.user):
        return redirect("two_factor_setup")
    if not request.user.is_verified():
        return redirect("two_factor_verify")
    return render(request, "core/two_factor_manage.html", {"recovery_codes": settings.KADRY_RECOVERY_CODES})


@login_required
@require_POST
def two_factor_codes(request: LoggedInRequest) -> HttpResponse:
    """Issue new recovery codes; the old ones stop working."""
    _verified_owner(request)
    codes = accounts.issue_recovery_codes(actor=request.user, user=request.user, ip=client_ip(request))
    return _codes_page(request, codes, first=False)


@login_required
@require_POST
def two_factor_reset(request: LoggedInRequest) -> HttpResponse:
    """Forget the authenticator (a new phone); the set-up page follows at once."""
    _verified_owner(request)
    accounts.reset_second_factor(actor=request.user, user=request.user, ip=client_ip(request))
    request.session.pop(HAS_SECOND_FACTOR_KEY, None)
    messages.info(request, "Прежнее приложение отключено. Подключите новое.")
    return redirect("two_factor_setup")


@login_required
def password_change(request: LoggedInRequest) -> HttpResponse:
    """Change one's own password: the old one, then the new one twice (12 characters, not a common one)."""
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        accounts.change_password(
            actor=request.user, new_password=form.cleaned_data["new_password1"], ip=client_ip(request)
        )
        # The new hash would end this very session too; keep it (and its second factor) alive.
        update_session_auth_hash(request, request.user)
        request.session.pop(MUST_CHANGE_PASSWORD_KEY, None)
        messages.success(request, "Пароль изменён.")
        return redirect("profile")
    forced = bool(request.session.get(MUST_CHANGE_PASSWORD_KEY))
    return render(
        request,
        "registration/password_change.html",
        {"form": form, "forced": forced},
        status=400 if form.errors else 200,
    )
