"""State changes of the core app: API tokens. Each is atomic and leaves a history row.

Who may call them is decided by the caller (the profile page lets a user manage only the tokens of
the membership they act in); the services only change state and record it.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from kadry.core.audit import record_change, snapshot
from kadry.core.models import ApiToken, ChangeRecord, Membership, SecurityEvent
from kadry.core.security_log import record_security_event

TOKENS_SECTION = "Токены API"
# The membership is the subject of the history row already; the use time changes on every call.
_NOT_TRACKED = frozenset({"membership", "last_used_at"})


@transaction.atomic
def create_api_token(*, actor: Any, membership: Membership, name: str, ip: str | None = None) -> tuple[ApiToken, str]:
    """Create a token acting as ``membership``; return it with its secret, which is shown only once.

    Only the SHA-256 digest is stored, so a leaked database does not leak usable tokens.
    """
    secret = ApiToken.new_secret()
    token = ApiToken.objects.create(
        membership=membership, name=name, prefix=secret[:8], digest=ApiToken.digest_of(secret)
    )
    record_change(
        actor=actor,
        organisation_id=membership.organisation_id,
        subject=membership,
        section=TOKENS_SECTION,
        action=ChangeRecord.Action.CREATE,
        obj=token,
        after=snapshot(token, _NOT_TRACKED),
    )
    record_security_event(
        SecurityEvent.Kind.TOKEN_CREATED, ip=ip, user=actor, organisation_id=membership.organisation_id
    )
    return token, secret


@transaction.atomic
def revoke_api_token(*, actor: Any, token: ApiToken, ip: str | None = None) -> ApiToken:
    """Revoke ``token`` from now on; revoking a revoked token changes nothing."""
    if token.revoked_at is not None:
        return token
    before = snapshot(token, _NOT_TRACKED)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    membership = token.membership
    record_change(
        actor=actor,
        organisation_id=membership.organisation_id,
        subject=membership,
        section=TOKENS_SECTION,
        action=ChangeRecord.Action.UPDATE,
        obj=token,
        before=before,
        after=snapshot(token, _NOT_TRACKED),
    )
    record_security_event(
        SecurityEvent.Kind.TOKEN_REVOKED, ip=ip, user=actor, organisation_id=membership.organisation_id
    )
    return token
