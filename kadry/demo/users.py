"""Demo users: one per role in the lyceum, and an HR inspector of the centralised service who works in all three."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from kadry.core.models import Membership, Organisation
from kadry.demo.catalog import HR_SERVICE, LYCEUM, ORGANISATIONS, SMALL_SCHOOL
from kadry.demo.staff import Staff

PASSWORD = "demo12345"
Role = Membership.Role


@dataclass(frozen=True)
class Seat:
    """A membership: the organisation, the role, and the staff position whose holder the user is (if any)."""

    organisation: str
    role: str
    position: str = ""
    holder_index: int = 0


@dataclass(frozen=True)
class Login:
    username: str
    seats: tuple[Seat, ...]
    # A name for a user who is nobody's employee (the auditor comes from the founder).
    name: tuple[str, str] = ("", "")


LOGINS: tuple[Login, ...] = (
    Login("admin", (Seat(LYCEUM.key, Role.ADMINISTRATOR, "системный администратор"),)),
    Login("hr_head", (Seat(LYCEUM.key, Role.HR_HEAD, "специалист по кадрам"),)),
    Login("inspector", (Seat(LYCEUM.key, Role.HR_INSPECTOR, "инспектор по кадрам"),)),
    Login("director", (Seat(LYCEUM.key, Role.DIRECTOR, "директор"),)),
    Login("deputy", (Seat(LYCEUM.key, Role.DEPUTY_DIRECTOR, "заместитель директора по воспитательной работе"),)),
    # The class teacher of 7Б (class-teacher appointments by order come with the school app's next step).
    Login("teacher7b", (Seat(LYCEUM.key, Role.CLASS_TEACHER, "учитель русского языка и литературы", 1),)),
    Login("teacher", (Seat(LYCEUM.key, Role.TEACHER, "учитель математики", 2),)),
    Login("social", (Seat(LYCEUM.key, Role.SOCIAL_PEDAGOGUE, "социальный педагог"),)),
    Login("psychologist", (Seat(LYCEUM.key, Role.PSYCHOLOGIST, "педагог-психолог"),)),
    Login("auditor", (Seat(LYCEUM.key, Role.AUDITOR),), name=("Белова", "Ирина")),
    # An inspector of the centralised HR service keeps the records of both schools: the switcher shows three.
    Login(
        "cks",
        (
            Seat(HR_SERVICE.key, Role.HR_INSPECTOR, "ведущий специалист по кадрам"),
            Seat(LYCEUM.key, Role.HR_INSPECTOR),
            Seat(SMALL_SCHOOL.key, Role.HR_INSPECTOR),
        ),
    ),
)
USERNAMES = tuple(login.username for login in LOGINS)


def create_users(organisations: dict[str, Organisation], staff: dict[str, Staff]) -> None:
    User = get_user_model()
    # One hash for all: the password is the same and PBKDF2 takes a good part of a second per call.
    password = make_password(PASSWORD)
    memberships = []
    for login in LOGINS:
        employees = [
            staff[seat.organisation].holders[seat.position][seat.holder_index] if seat.position else None
            for seat in login.seats
        ]
        person = next((e for e in employees if e is not None), None)
        last_name, first_name = (person.last_name, person.first_name) if person else login.name
        user = User.objects.create(
            username=login.username,
            password=password,
            last_name=last_name,
            first_name=first_name,
            email=person.email if person else "",
        )
        memberships += [
            Membership(organisation=organisations[seat.organisation], user=user, role=seat.role, employee=employee)
            for seat, employee in zip(login.seats, employees, strict=True)
        ]
    Membership.objects.bulk_create(memberships)


def login_table() -> str:
    """Return the logins as a table in Russian: login, password, role, organisations."""
    short_names = {plan.key: plan.short_name for plan in ORGANISATIONS}
    rows = [("Логин", "Пароль", "Роль", "Организация")]
    for login in LOGINS:
        roles = dict.fromkeys(str(Role(seat.role).label) for seat in login.seats)
        rows.append(
            (
                login.username,
                PASSWORD,
                ", ".join(roles),
                "; ".join(short_names[seat.organisation] for seat in login.seats),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)
