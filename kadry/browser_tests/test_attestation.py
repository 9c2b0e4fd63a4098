"""Acceptance: the inspector prepares the attestation schedule from the due list, records the steps and prints the protocol."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import pytest
import time_machine
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from kadry.attestation import services
from kadry.attestation.models import Attestation, CommissionMember
from kadry.core.models import Membership
from kadry.staff.models import Employee
from kadry.testing.factories import (
    AssignmentFactory,
    EmployeeFactory,
    MembershipFactory,
    StaffingUnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser


@time_machine.travel(dt.datetime(2026, 12, 3, 9, tzinfo=dt.UTC), tick=True)
def test_a_schedule_from_the_due_list_and_the_protocol_printed(
    browser_page: Page, login: Callable[[Page, str, str], None]
) -> None:
    page = browser_page
    inspector = MembershipFactory(user=UserFactory(username="inspector"), role=Membership.Role.HR_INSPECTOR)
    school = inspector.organisation
    unit = StaffingUnitFactory(organisation=school, position__name="учитель физики")
    teacher = EmployeeFactory(organisation=school, last_name="Громова", first_name="Ольга", middle_name="Сергеевна")
    AssignmentFactory(employee=teacher, staffing_unit=unit, start=dt.date(2016, 9, 1))
    commission = services.create_commission(
        actor=inspector.user, organisation_id=school.pk, name="Аттестационная комиссия школы",
        order_number="40-о", order_date=dt.date(2026, 8, 28),
    )  # fmt: skip
    for name, role in (("Белова Нина Павловна", CommissionMember.Role.CHAIR),
                       ("Киселёв Антон Юрьевич", CommissionMember.Role.SECRETARY)):  # fmt: skip
        services.add_member(actor=inspector.user, commission=commission, full_name=name, position="учитель",
                            role=role, union_representative=False)  # fmt: skip

    # 1. The due list of the school year shows the teacher: in the post since 2016, never attested.
    login(page, "inspector", "password")
    nav = page.get_by_role("navigation", name="Разделы")
    nav.locator("summary", has_text="Кадры").click()
    nav.get_by_role("link", name="Аттестация педагогов").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Кто подлежит аттестации")
    expect(page.locator("tr", has_text="Громова Ольга Сергеевна")).to_contain_text("аттестация на соответствие")

    # 2. The schedule is made from the list: the act of 03.12.2026, the attestation the same day.
    page.get_by_role("link", name="Составить график из списка").click()
    page.select_option("#id_commission", label=str(commission))
    page.fill("#id_order_number", "51-о")
    page.fill("#id_order_date", "2026-12-03")
    page.fill(f"[name=planned_{teacher.pk}]", "2026-12-03")
    page.get_by_role("button", name="Утвердить график").click()
    expect(page.locator(".messages")).to_contain_text("График составлен")
    expect(page.get_by_role("heading", level=1)).to_have_text("График аттестации на 2026/2027 учебный год")

    # 3. The steps: acquainted 03.11.2026 (30 days before), the representation, the sitting's protocol.
    page.get_by_role("link", name="Громова Ольга Сергеевна").click()
    page.fill("#id_acquainted_on", "2026-11-03")
    page.get_by_role("button", name="Ознакомление с графиком").click()
    expect(page.locator(".messages")).to_contain_text("Ознакомление с графиком записано")
    page.fill("#id_representation", "Уроки физики проводит на высоком методическом уровне.")
    page.fill("#id_representation_acquainted_on", "2026-11-03")
    page.get_by_role("button", name="Представление работодателя").click()
    page.fill("#id_protocol_number", "7")
    page.fill("#id_protocol_date", "2026-12-03")
    page.select_option("#id_result", value="conforms")
    page.get_by_role("button", name="Заседание комиссии: протокол").click()
    expect(page.locator(".messages")).to_contain_text("Решение комиссии записано")
    expect(page.locator("dl.facts")).to_contain_text("составить до 07.12.2026")  # Thursday → Friday, Monday

    # 4. The protocol downloads as PDF with the sitting, the teacher and the decision.
    with page.expect_download() as download:
        page.get_by_role("link", name="Протокол заседания (PDF)").click()
    pdf = Path(download.value.path()).read_bytes()
    text = " ".join("".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "Протокол № 7" in text and "03.12.2026" in text
    assert "Громова Ольга Сергеевна" in text and "Соответствует занимаемой должности" in text
    assert "Белова Нина Павловна" in text
    assert Attestation.objects.get().result == Attestation.Result.CONFORMS
    assert Employee.objects.get(pk=teacher.pk).qualification_category == "conformity"
