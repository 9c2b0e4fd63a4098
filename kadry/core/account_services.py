"""Account state changes: passwords, the second factor (TOTP + recovery codes). Each is atomic and
leaves a security-log row; the caller decides who may call them."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kadry.core.models import SecurityEvent
from kadry.core.security_log import record_security_event

Kind = SecurityEvent.Kind


def new_totp_key() -> str:
    """Return a fresh TOTP secret: 20 random bytes in hex, as django-otp stores it (RFC 4226 §4: 160 bits)."""
    return secrets.token_hex(20)


def totp_code_matches(key: str, code: str) -> bool:
    """Return whether ``code`` is the current code (±1 step) of ``key``; for the set-up, before a device exists."""
    device = TOTPDevice(key=key)
    try:
        number = int(code)
    except ValueError:
        return False
    return TOTP(device.bin_key, device.step, device.t0, device.digits, 0).verify(number, device.tolerance)


@transaction.atomic
def enable_second_factor(*, actor: Any, key: str, ip: str | None = None) -> tuple[TOTPDevice, list[str]]:
    """Give ``actor`` a confirmed TOTP device with ``key`` (checked by the caller) and fresh recovery codes."""
    TOTPDevice.objects.filter(user=actor).delete()
    device = TOTPDevice.objects.create(user=actor, name="Приложение", key=key, confirmed=True)
    record_security_event(Kind.OTP_ENABLED, ip=ip, user=actor)
    return device, issue_recovery_codes(actor=actor, user=actor, ip=ip)


@transaction.atomic
def issue_recovery_codes(*, actor: Any, user: Any, ip: str | None = None) -> list[str]:
    """Replace the user's recovery codes with ``KADRY_RECOVERY_CODES`` new ones; return them (shown once)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Резервные коды", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.KADRY_RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    record_security_event(Kind.RECOVERY_CODES_CREATED, ip=ip, user=user, actor=actor)
    return codes


@transaction.atomic
def reset_second_factor(*, actor: Any, user: Any, ip: str | None = None, organisation_id: int | None = None) -> None:
    """Remove the user's authenticator and recovery codes; the next log-in sets up a new one."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    record_security_event(Kind.OTP_RESET, ip=ip, user=user, actor=actor, organisation_id=organisation_id)


def check_second_factor(*, actor: Any, code: str, ip: str | None = None) -> TOTPDevice | StaticDevice | None:
    """Return the device that accepts ``code`` (a six-digit code or an unused recovery code), else None.

    Devices throttle themselves (django-otp: each failure doubles the wait). A recovery code is
    deleted as it is used, so it works once.
    """
    code = "".join(code.split()).lower()
    devices: list[TOTPDevice | StaticDevice]
    if len(code) == 6 and code.isdigit():  # recovery codes are eight letters and digits
        devices = list(TOTPDevice.objects.filter(user=actor, confirmed=True))
    else:
        devices = list(StaticDevice.objects.filter(user=actor, confirmed=True))
    with transaction.atomic():
        for device in devices:
            if device.verify_token(code):
                kind = Kind.RECOVERY_CODE_USED if isinstance(device, StaticDevice) else Kind.OTP_VERIFIED
                record_security_event(kind, ip=ip, user=actor)
                return device
    record_security_event(Kind.OTP_FAILED, ip=ip, user=actor)
    return None


@transaction.atomic
def change_password(*, actor: Any, new_password: str, ip: str | None = None) -> None:
    """Set the user's own new password (validated by the caller's form)."""
    actor.set_password(new_password)
    actor.save(update_fields=["password"])
    record_security_event(Kind.PASSWORD_CHANGED, ip=ip, user=actor)


@transaction.atomic
def reset_password_by_admin(
    *, actor: Any, user: Any, new_password: str, organisation_id: int, ip: str | None = None
) -> None:
    """Give ``user`` a temporary password, to be changed at the next log-in; lift a lock-out of the account.

    The change of the password hash ends the user's open sessions (Django checks it on each request).
    """
    from axes.utils import reset

    user.set_password(new_password)
    user.save(update_fields=["password"])
    reset(username=user.get_username())
    record_security_event(Kind.PASSWORD_RESET_BY_ADMIN, ip=ip, user=user, actor=actor, organisation_id=organisation_id)
