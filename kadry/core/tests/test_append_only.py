"""The access log and the change history are append-only in the database itself, on both vendors."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError

from kadry.core import append_only
from kadry.core.audit import record_access, record_change
from kadry.core.models import AccessLogEntry, ChangeRecord
from kadry.testing.append_only import suspended
from kadry.testing.factories import EmployeeFactory

REFUSED = "append-only"


def _log_and_history(persona) -> tuple[AccessLogEntry, ChangeRecord]:
    employee = EmployeeFactory(organisation=persona.organisation)
    entry = record_access(membership=persona.membership, subject=employee, what="Личная карточка Т-2")
    change = record_change(
        actor=persona.user,
        organisation_id=persona.organisation.pk,
        subject=employee,
        section="Общие сведения",
        action=ChangeRecord.Action.UPDATE,
        before={"Фамилия": "Иванова"},
        after={"Фамилия": "Петрова"},
    )
    assert change is not None
    return entry, change


def _refused(sql: str, params: list) -> str:
    """Run raw SQL that must be refused; return the database's message."""
    with pytest.raises(IntegrityError, match=REFUSED) as error, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
    return str(error.value)


@pytest.mark.django_db
def test_append_only_triggers_exist_after_all_migrations() -> None:
    # A later migration that rebuilds a protected table on SQLite (or drops a trigger) fails here.
    assert append_only.problems(connection) == []
    assert {p.table for p in append_only.PROTECTED} >= {
        "core_accesslogentry",
        "core_changerecord",
        "orders_order",
        "orders_orderitem",
    }


@pytest.mark.django_db
def test_a_missing_or_stale_trigger_is_reported(hr_inspector) -> None:
    append_only.uninstall(connection, tables=["core_changerecord"])
    assert append_only.problems(connection) == [
        "core_changerecord: trigger core_changerecord_no_update is missing",
        "core_changerecord: trigger core_changerecord_no_delete is missing",
    ]
    append_only.install(connection, tables=["core_changerecord"])
    assert append_only.problems(connection) == []


@pytest.mark.django_db
@pytest.mark.parametrize("table", ["core_accesslogentry", "core_changerecord"])
def test_raw_update_and_delete_of_log_and_history_are_refused(hr_inspector, table: str) -> None:
    entry, change = _log_and_history(hr_inspector)
    pk = entry.pk if table == "core_accesslogentry" else change.pk

    _refused(f"UPDATE {table} SET subject_id = subject_id + 1 WHERE id = %s", [pk])
    _refused(f"DELETE FROM {table} WHERE id = %s", [pk])

    assert AccessLogEntry.objects.filter(pk=entry.pk, subject_id=entry.subject_id).exists()
    assert ChangeRecord.objects.filter(pk=change.pk, subject_id=change.subject_id).exists()


@pytest.mark.django_db
def test_orm_update_and_delete_are_refused_too(hr_inspector) -> None:
    entry, change = _log_and_history(hr_inspector)
    with pytest.raises(IntegrityError, match=REFUSED), transaction.atomic():
        AccessLogEntry.objects.filter(pk=entry.pk).update(what="ничего")
    with pytest.raises(IntegrityError, match=REFUSED), transaction.atomic():
        ChangeRecord.objects.filter(pk=change.pk).delete()
    change.section = "Другое"
    with pytest.raises(IntegrityError, match=REFUSED), transaction.atomic():
        change.save()


@pytest.mark.django_db
def test_the_organisation_and_the_user_of_audit_rows_are_protected(hr_inspector) -> None:
    _log_and_history(hr_inspector)
    with pytest.raises(ProtectedError):
        hr_inspector.organisation.delete()
    with pytest.raises(ProtectedError):
        hr_inspector.user.delete()


@pytest.mark.django_db
def test_the_harness_alone_can_empty_the_tables_and_the_triggers_come_back(hr_inspector) -> None:
    _log_and_history(hr_inspector)
    with suspended():
        AccessLogEntry.objects.all().delete()
    assert not AccessLogEntry.objects.exists()
    assert append_only.problems(connection) == []
    _refused("DELETE FROM core_changerecord", [])


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_writes_audit_rows(hr_inspector) -> None:
    # The flush after this test (DELETE on SQLite, TRUNCATE on PostgreSQL) must get past the triggers.
    _log_and_history(hr_inspector)
    assert AccessLogEntry.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_and_after_its_flush_the_triggers_are_still_there() -> None:
    assert not AccessLogEntry.objects.exists()
    assert append_only.problems(connection) == []
