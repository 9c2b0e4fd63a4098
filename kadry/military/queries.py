"""Military registration derived from the card and the signed orders: the liable, form № 6, the notices due.

Everyone counted works on the date in a main job or an internal part-time one: an external
part-timer is kept on the register of the main place of work (our reading of the Инструкция,
приказ МО РФ № 700, and of the Положение № 719 п. 32; not checked against the official text).
A bounded number of queries whatever the headcount.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, QuerySet

from kadry.employment.models import Assignment, WorkRecordEvent
from kadry.military import rules
from kadry.staff.models import Employee, MilitaryRecord, Position
from kadry.staff.queries import attach_placement

LIABLE_WHAT = "Список граждан, подлежащих воинскому учёту"
RECONCILIATION_WHAT = "Список для сверки с военным комиссариатом"
NOTICES_WHAT = "Сообщения в военный комиссариат"
# How far back the notices page looks for hires and dismissals not yet reported.
NOTICE_LOOKBACK = dt.timedelta(days=365)


def facts_of(record: MilitaryRecord | None) -> rules.CardFacts | None:
    if record is None:
        return None
    return rules.CardFacts(record.rank, record.reserve_category, record.specialty_code,
                           record.special_registration, record.deregistered_on)  # fmt: skip


def record_of(employee: Employee) -> MilitaryRecord | None:
    try:
        return employee.military_record
    except MilitaryRecord.DoesNotExist:
        return None


def counted_on(organisation_id: int, on: dt.date) -> QuerySet[Employee]:
    """Return the employees working on ``on`` in a main or internal part-time job, with their section II."""
    jobs = Assignment.objects.filter(organisation_id=organisation_id, employee=OuterRef("pk")).active(on=on)
    own = jobs.exclude(kind=Assignment.Kind.EXTERNAL_PART_TIME)
    return (
        Employee.objects.of(organisation_id)
        .filter(Exists(own))
        .select_related("military_record")
        .order_by("last_name", "first_name", "middle_name", "id")
    )


@dataclass(frozen=True)
class LiableRow:
    employee: Employee  # with ``placement``
    record: MilitaryRecord | None
    liability: rules.Liability


def liable_on(organisation_id: int, on: dt.date) -> list[LiableRow]:
    """Return the employees liable to military registration on ``on``, sorted by name (two queries)."""
    rows = []
    for employee in counted_on(organisation_id, on):
        record = record_of(employee)
        found = rules.liability(employee.sex, employee.birth_date, on, facts_of(record))
        if found is not None:
            rows.append(LiableRow(employee, record, found))
    attach_placement([row.employee for row in rows], on)
    return rows


# Form № 6: rows by category of personnel, the project's position categories mapped onto them.
FORM6_ROWS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("02", "Руководители", (Position.Category.MANAGEMENT,)),
    ("03", "Специалисты", (Position.Category.PEDAGOGICAL, Position.Category.EDUCATIONAL_SUPPORT)),
    ("04", "Служащие", (Position.Category.ADMINISTRATIVE,)),
    ("05", "Рабочие", (Position.Category.SERVICE,)),
)
FORM6_GROUPS = (("officers", rules.OFFICERS), ("warrant", {rules.WARRANT}), ("soldiers", {rules.SOLDIERS}))


@dataclass
class Form6Line:
    code: str
    label: str
    employees: int = 0
    reserve: dict[str, int] = field(default_factory=lambda: {"total": 0, "officers": 0, "warrant": 0, "soldiers": 0})
    reserved: dict[str, int] = field(default_factory=lambda: {"total": 0, "officers": 0, "warrant": 0, "soldiers": 0})

    def cells(self) -> list[int]:
        """Return columns 3–11 of the form: employees, the reserve (all, by group), the reserved (all, by group)."""
        keys = ("total", "officers", "warrant", "soldiers")
        return [self.employees, *(self.reserve[key] for key in keys), *(self.reserved[key] for key in keys)]


def _group_key(group: str) -> str:
    return next(key for key, groups in FORM6_GROUPS if group in groups)


def form6(organisation_id: int, on: dt.date) -> list[Form6Line]:
    """Return form № 6 on ``on``: the total line «01», then one line per category (three queries)."""
    employees = list(counted_on(organisation_id, on))
    attach_placement(employees, on)
    total = Form6Line("01", "Всего")
    lines = [Form6Line(code, label) for code, label, _categories in FORM6_ROWS]
    by_category = {category: line for line, (_c, _l, cats) in zip(lines, FORM6_ROWS, strict=True) for category in cats}
    for employee in employees:
        line = by_category.get(employee.placement.position_category or "", lines[-1])
        found = rules.liability(employee.sex, employee.birth_date, on, facts_of(record_of(employee)))
        for target in (total, line):
            target.employees += 1
            if found is None or found.conscript:
                continue
            key = _group_key(found.group)
            target.reserve["total"] += 1
            target.reserve[key] += 1
            if found.reserved:
                target.reserved["total"] += 1
                target.reserved[key] += 1
    return [total, *lines]


@dataclass(frozen=True)
class NoticeDue:
    event: WorkRecordEvent  # with ``employee`` and its section II
    kind: str  # CommissariatNotice.Kind
    due: dt.date
    commissariat: str


def notices_due(organisation_id: int | Sequence[int], today: dt.date) -> list[NoticeDue]:
    """Return the hires and dismissals of the liable in the last year not yet reported to the commissariat.

    From the ЕФС-1 events of signed orders (a main job, neither cancelled nor cancelling); liability
    is judged on the day of the event. One query, for one organisation or many (a centralised service).
    """
    ids = [organisation_id] if isinstance(organisation_id, int) else list(organisation_id)
    events = (
        WorkRecordEvent.objects.filter(
            organisation_id__in=ids,
            kind__in=(WorkRecordEvent.Kind.HIRE, WorkRecordEvent.Kind.DISMISSAL),
            part_time=False,
            cancels__isnull=True,
            cancelled_by__isnull=True,
            commissariat_notice__isnull=True,
            date__gte=today - NOTICE_LOOKBACK,
        )
        .select_related("employee__military_record")
        .order_by("date", "id")
    )
    result = []
    for event in events:
        record = record_of(event.employee)
        if rules.liability(event.employee.sex, event.employee.birth_date, event.date, facts_of(record)) is None:
            continue
        kind = "hire" if event.kind == WorkRecordEvent.Kind.HIRE else "dismissal"
        result.append(NoticeDue(event, kind, rules.notice_due(event.date), record.commissariat if record else ""))
    return result


def liable_event(organisation_id: int, pk: int, today: dt.date) -> NoticeDue | None:
    """Return the notice due for the event ``pk`` of the organisation, or None."""
    return next((due for due in notices_due(organisation_id, today) if due.event.pk == pk), None)


def group_label(row: LiableRow) -> str:
    return "—" if row.liability.conscript else rules.GROUP_LABELS[row.liability.group]


def reconciliation_cells(rows: Sequence[LiableRow]) -> list[tuple[object, ...]]:
    """Return the lines of the reconciliation list: one per liable employee, as the card has it."""
    cells: list[tuple[object, ...]] = []
    for number, row in enumerate(rows, 1):
        record, employee = row.record, row.employee
        cells.append((
            number, employee.full_name, employee.birth_date.strftime("%d.%m.%Y"),
            row.liability.category_label, record.rank if record else "", record.reserve_category if record else "",
            record.composition if record else "", record.specialty_code if record else "",
            record.fitness if record else "", record.commissariat if record else "нет сведений в карточке",
            record.special_registration if record else "", employee.placement.position_name or "",
        ))  # fmt: skip
    return cells


RECONCILIATION_HEADERS = ("№ п/п", "Фамилия, имя, отчество", "Дата рождения", "Категория учёта", "Воинское звание",
                          "Категория запаса", "Состав (профиль)", "ВУС", "Категория годности",
                          "Военный комиссариат", "Специальный учёт (бронирование)", "Должность")  # fmt: skip
