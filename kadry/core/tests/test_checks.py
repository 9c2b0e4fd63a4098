from __future__ import annotations

from kadry.core import checks, permissions
from kadry.core.models import Membership


def test_every_role_has_capabilities() -> None:
    assert checks.every_role_has_capabilities() == []


def test_a_role_missing_from_the_table_is_an_error(monkeypatch) -> None:
    table = dict(permissions.ROLE_CAPABILITIES)
    del table[Membership.Role.AUDITOR]
    monkeypatch.setattr(permissions, "ROLE_CAPABILITIES", table)

    assert [error.id for error in checks.every_role_has_capabilities()] == ["kadry.E001"]
