"""The hash chains of the access log and the history, and ``manage.py verify_audit``."""

from __future__ import annotations

import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections
from django.utils import timezone

from kadry.core import append_only
from kadry.core.audit import record_access, record_change
from kadry.core.chain import GENESIS, link, row_digest
from kadry.core.integrity import chained_models, verify_all
from kadry.core.models import AccessLogEntry, AuditChainHead, ChangeRecord
from kadry.testing.factories import EmployeeFactory, MembershipFactory

WRITERS, WRITES = 6, 10


def _verify() -> tuple[str, str, str]:
    """Run verify_audit; return (stdout, stderr, the error that makes its exit code non-zero)."""
    out, err = StringIO(), StringIO()
    try:
        call_command("verify_audit", stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), str(error)
    return out.getvalue(), err.getvalue(), ""


def _open(persona, times: int = 3) -> list[AccessLogEntry]:
    employee = EmployeeFactory(organisation=persona.organisation)
    return [
        record_access(membership=persona.membership, subject=employee, what="Личная карточка Т-2") for _ in range(times)
    ]


def _tamper(table: str, sql: str, params: list) -> None:
    """Alter a row as someone with the database's owner rights would: triggers off, change, triggers back."""
    append_only.uninstall(connection, tables=[table])
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    append_only.install(connection, tables=[table])


def _bulk_history(persona, count: int) -> list[ChangeRecord]:
    """History written as the imports write it: one bulk_create."""
    now = timezone.now()
    return ChangeRecord.objects.bulk_create(
        ChangeRecord(
            organisation_id=persona.organisation.pk,
            actor=persona.user,
            at=now,
            action=ChangeRecord.Action.CREATE,
            subject_type="staff.employee",
            subject_id=n,
            section="Загрузка",
            changes={"Фамилия": ["", f"Иванова {n}"]},
        )
        for n in range(count)
    )


@pytest.mark.django_db
def test_each_row_links_to_the_previous_row_of_its_organisation(hr_inspector, outsider) -> None:
    mine, theirs = _open(hr_inspector), _open(outsider, 2)

    previous = GENESIS
    for entry in AccessLogEntry.objects.filter(organisation=hr_inspector.organisation).order_by("id"):
        assert entry.chain_hash == link(previous, row_digest(entry))
        previous = entry.chain_hash
    assert previous == mine[-1].chain_hash
    head = AuditChainHead.objects.get(organisation=hr_inspector.organisation, chain="core_accesslogentry")
    assert head.last_hash == mine[-1].chain_hash
    # The other school's chain starts at the genesis: chains are per organisation.
    assert theirs[0].chain_hash == link(GENESIS, row_digest(theirs[0]))


@pytest.mark.django_db
def test_a_fresh_chain_verifies(hr_inspector, outsider) -> None:
    _open(hr_inspector)
    _open(outsider)
    _bulk_history(hr_inspector, 5)
    record_change(
        actor=hr_inspector.user,
        organisation_id=hr_inspector.organisation.pk,
        subject=EmployeeFactory(organisation=hr_inspector.organisation),
        section="Общие сведения",
        action=ChangeRecord.Action.CREATE,
        after={"Фамилия": "Иванова"},
    )

    out, err, failed = _verify()
    assert "целы" in out
    assert (err, failed) == ("", "")


@pytest.mark.django_db
def test_a_row_altered_with_the_triggers_disabled_is_named(hr_inspector, outsider) -> None:
    entries = _open(hr_inspector, 4)
    _open(outsider)
    _tamper("core_accesslogentry", "UPDATE core_accesslogentry SET what = %s WHERE id = %s", ["—", entries[1].pk])

    _out, err, failed = _verify()
    assert failed == "Найдено нарушений: 1."
    assert f"организация {hr_inspector.organisation.pk}, таблица core_accesslogentry, запись {entries[1].pk}:" in err
    [broken] = verify_all()
    assert (broken.organisation_id, broken.table, broken.row_id) == (
        hr_inspector.organisation.pk,
        "core_accesslogentry",
        entries[1].pk,
    )


@pytest.mark.django_db
def test_a_history_row_removed_from_the_middle_or_the_end_is_noticed(hr_inspector) -> None:
    rows = _bulk_history(hr_inspector, 4)
    _tamper("core_changerecord", "DELETE FROM core_changerecord WHERE id = %s", [rows[1].pk])
    [broken] = verify_all()
    assert (broken.table, broken.row_id) == ("core_changerecord", rows[2].pk)

    _tamper("core_changerecord", "DELETE FROM core_changerecord WHERE id > %s", [rows[0].pk])
    [broken] = verify_all()
    assert (broken.table, broken.row_id) == ("core_changerecord", None)  # the head remembers the last row
    assert "конец цепочки" in str(broken)


@pytest.mark.django_db
def test_a_new_field_is_hashed_without_a_change_to_the_chain_code(hr_inspector) -> None:
    # Every concrete field counts: a changed IP address (or the `denied` flag another part adds) breaks the link.
    [entry] = _open(hr_inspector, 1)
    _tamper(
        "core_accesslogentry", "UPDATE core_accesslogentry SET ip_address = %s WHERE id = %s", ["10.6.6.6", entry.pk]
    )
    [broken] = verify_all()
    assert broken.row_id == entry.pk


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent writers on separate connections need PostgreSQL"
)
def test_concurrent_writers_keep_one_chain() -> None:
    membership = MembershipFactory()
    employee = EmployeeFactory(organisation=membership.organisation)
    start = threading.Barrier(WRITERS)
    failures: list[BaseException] = []

    def write() -> None:
        try:
            start.wait()
            for _ in range(WRITES):
                record_access(membership=membership, subject=employee, what="Личная карточка Т-2")
        except BaseException as error:
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write) for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert AccessLogEntry.objects.count() == WRITERS * WRITES
    assert list(verify_all()) == []


def test_every_chained_model_is_verified() -> None:
    # A new audit model (e.g. security events) is checked once it extends ChainedRecord.
    assert {AccessLogEntry, ChangeRecord} <= set(chained_models())
