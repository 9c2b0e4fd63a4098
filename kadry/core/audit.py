"""Writing the audit log: changes of records (old → new) and openings of personal data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import capfirst

from kadry.core.access import client_ip
from kadry.core.models import AccessLogEntry, ChangeRecord, Membership
from kadry.lib.choices import choice_label

Snapshot = dict[str, str]


def display_value(instance: models.Model, field: models.Field) -> str:
    """Return a field's value as a person reads it: choices by label, dates as ДД.ММ.ГГГГ."""
    if field.choices:
        return choice_label(instance, field.name)
    value = getattr(instance, field.attname)
    if field.is_relation:
        related = getattr(instance, field.name)
        return "" if related is None else str(related)
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def snapshot(instance: models.Model, exclude: frozenset[str] = frozenset()) -> Snapshot:
    """Return the record's editable fields as ``{verbose name: displayed value}``."""
    result: Snapshot = {}
    for field in instance._meta.concrete_fields:
        if not field.editable or field.primary_key or field.name in exclude or field.name == "organisation":
            continue
        result[capfirst(str(field.verbose_name))] = display_value(instance, field)
    return result


def diff(before: Snapshot, after: Snapshot) -> dict[str, list[str]]:
    """Return ``{label: [old, new]}`` for every label whose value differs."""
    labels = dict.fromkeys([*before, *after])
    return {
        label: [before.get(label, ""), after.get(label, "")]
        for label in labels
        if before.get(label, "") != after.get(label, "")
    }


def record_change(
    *,
    actor: Any,
    organisation_id: int,
    subject: models.Model,
    section: str,
    action: str,
    obj: models.Model | None = None,
    before: Snapshot | None = None,
    after: Snapshot | None = None,
) -> ChangeRecord | None:
    """Write one history row for ``subject`` unless nothing changed; return it."""
    changes = diff(before or {}, after or {})
    if action == ChangeRecord.Action.UPDATE and not changes:
        return None
    return ChangeRecord.objects.create(
        organisation_id=organisation_id,
        actor=actor,
        at=timezone.now(),
        action=action,
        subject_type=subject._meta.label_lower,
        subject_id=subject.pk,
        section=section,
        object_id=obj.pk if obj is not None else None,
        object_repr=str(obj)[:300] if obj is not None else "",
        changes=changes,
    )


def record_access(
    *,
    membership: Membership,
    subject: models.Model,
    what: str,
    request: HttpRequest | None = None,
    channel: str = "web",
    denied: bool = False,
) -> AccessLogEntry:
    """Log that the membership's user opened ``what`` of ``subject``'s personal data.

    ``denied``: the user asked for ``subject`` and was refused; only its type and id are kept.
    """
    return AccessLogEntry.objects.create(
        organisation_id=membership.organisation_id,
        actor_id=membership.user_id,
        role=membership.role,
        at=timezone.now(),
        subject_type=subject._meta.label_lower,
        subject_id=subject.pk,
        subject_repr="" if denied else str(subject)[:300],
        what=what,
        ip_address=client_ip(request) if request is not None else None,
        channel=channel,
        denied=denied,
    )


def access_log_entries(organisation_id: int, data: dict[str, Any]) -> models.QuerySet[AccessLogEntry]:
    """Return the organisation's log entries in the period ``start``–``end`` (local days), denials only if ``denied``."""
    entries = AccessLogEntry.objects.filter(organisation_id=organisation_id)
    zone = timezone.get_current_timezone()
    if start := data.get("start"):
        entries = entries.filter(at__gte=dt.datetime.combine(start, dt.time.min, tzinfo=zone))
    if end := data.get("end"):
        entries = entries.filter(at__lt=dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone))
    if data.get("denied"):
        entries = entries.filter(denied=True)
    return entries
