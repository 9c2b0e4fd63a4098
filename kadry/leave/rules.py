"""Leave: entitlements, the working year, accrual and the checks of parts. Pure functions of plain values.

Sources:
- ТК РФ ст. 115: the annual basic paid leave is 28 calendar days.
- ТК РФ ст. 334; Постановление Правительства РФ от 03.04.2024 № 415 «О ежегодных основных удлинённых
  оплачиваемых отпусках» (in force 01.09.2024–31.08.2029; it replaced Постановление от 14.05.2015
  № 466, ред. от 07.04.2017, in force until 31.08.2024): the extended leave of pedagogical workers
  and the heads of educational organisations by position.
- ТК РФ ст. 116, 117, 119: additional leave (harmful conditions ≥ 7 days, irregular hours ≥ 3 days,
  others by collective agreement).
- ТК РФ ст. 120: leave days are calendar days; public holidays inside are not counted.
- ТК РФ ст. 121: what counts towards the length of service giving the right to annual leave.
- ТК РФ ст. 125: a split leave keeps one part of at least 14 calendar days.
- Правила об очередных и дополнительных отпусках (утв. НКТ СССР 30.04.1930 № 169), п. 35: a
  remainder under half a month is dropped, half a month or more counts as a whole month.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta

ONE_DAY = dt.timedelta(days=1)
BASIC_DAYS = 28  # ТК РФ ст. 115
MIN_PART_DAYS = 14  # ТК РФ ст. 125 ч. 1
UNPAID_DAYS_COUNTED = 14  # ТК РФ ст. 121 ч. 1: unpaid leave up to 14 days a working year counts
HALF_MONTH_DAYS = 15  # п. 35 of the 1930 Rules: «не менее половины месяца» — 15 days (Роструд's reading)
NOTICE_DAYS = 14  # ТК РФ ст. 123 ч. 3: the employee is told of the leave's start two weeks before
SCHEDULE_APPROVAL_DAYS = 14  # ТК РФ ст. 123 ч. 1: the schedule is approved two weeks before the year
TWO_PLACES = Decimal("0.01")


def round_days(value: Decimal) -> Decimal:
    """Round a number of leave days to two places: the one rounding of the ledger."""
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ExtendedLeave:
    """Extended basic leave of a group of positions (Постановление № 415, приложение)."""

    days: int
    prefixes: tuple[str, ...]  # position names starting with one of these (lowercase)
    source: str


SOURCE_415 = "Постановление Правительства РФ от 03.04.2024 № 415, приложение, разд. I"
# The general education school's positions (разд. I п. 1–2 of the list): checked first to last, the
# longest prefix first where one name begins another. Positions of the list not found here are set
# per position in the office's table (LeaveRule), which takes precedence.
EXTENDED_LEAVE: tuple[ExtendedLeave, ...] = (
    ExtendedLeave(
        56,
        (
            "директор",
            # deputies who lead educational work (not the deputy for administration and supplies)
            "заместитель директора по учебн",
            "заместитель директора по воспитательн",
            "заместитель директора по учебно-воспитательн",
            "заместитель директора по методическ",
            "заместитель директора по научно-методическ",
            "руководитель структурного подразделения",
            "заместитель руководителя структурного подразделения",
            "учитель",  # учитель, учитель-логопед, учитель-дефектолог
            "преподаватель",
            "педагог-психолог",
            "социальный педагог",
            "педагог-библиотекарь",
            "педагог-организатор",
            "педагог дополнительного образования",
            "старший вожатый",
            "советник директора по воспитанию",
            "тьютор",
            "воспитатель",
            "методист",
            "музыкальный руководитель",
            "инструктор по физической культуре",
            "концертмейстер",
            "педагог-дефектолог",
            "педагог-логопед",
            "логопед",
            "дефектолог",
            "инструктор-методист",
            "тренер-преподаватель",
            "мастер производственного обучения",
            "преподаватель-организатор основ безопасности",
        ),
        SOURCE_415,
    ),
)
# The list gives 42 days to other groups (e.g. the educators of pre-school groups of a school):
# those are set per position in the office's table.
OTHER_PEDAGOGICAL_DAYS = 42


# ТК РФ ст. 267: employees under eighteen have an annual basic leave of 31 calendar days, at a time
# convenient to them. The position's own leave stays when it is longer (a pedagogical one: 42 or 56).
MINOR_BASIC_DAYS = 31
ADULT_AGE = 18


def basic_entitlement(position_name: str, *, age: int | None = None) -> tuple[int, str]:
    """Return the basic leave of a position (days, source): extended by the list, else 28 (ст. 115);
    at least 31 days for a worker under 18 (ст. 267) when ``age`` is given."""
    return basic_leave(position_name, minor=age is not None and age < ADULT_AGE)


# The balances of all employees ask it for the same few positions over and over (issue 12's bench).
@functools.lru_cache(maxsize=4096)
def basic_leave(position_name: str, *, minor: bool) -> tuple[int, str]:
    """Return the basic leave of a position (days, source); ``minor``: the worker is under 18 (ст. 267)."""
    name = position_name.strip().lower()
    days, source = BASIC_DAYS, "ТК РФ ст. 115"
    for group in EXTENDED_LEAVE:
        if any(name.startswith(prefix) for prefix in group.prefixes):
            days, source = group.days, group.source
            break
    if minor and days < MINOR_BASIC_DAYS:
        return MINOR_BASIC_DAYS, "ТК РФ ст. 267"
    return days, source


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def overlap(self, start: dt.date, end: dt.date) -> int:
        first, last = max(self.start, start), min(self.end, end)
        return max((last - first).days + 1, 0)


@dataclass(frozen=True)
class Exclusion:
    """A period not counted towards the leave's length of service (ТК РФ ст. 121 ч. 2)."""

    start: dt.date
    end: dt.date
    allowance: int = 0  # days of it that still count in one working year (unpaid leave: 14)


def working_years(hire: dt.date, until: dt.date, exclusions: Sequence[Exclusion] = ()) -> list[Period]:
    """Return the working years from ``hire`` to the one containing ``until``, each shifted by exclusions.

    ТК РФ ст. 121: a working year runs from the hire date; the days not counted (unpaid leave beyond
    14 days in the working year, childcare leave, unexcused absence…) move its end, and so the
    start of every later year, by as many days.
    """
    years, start = [], hire
    while start <= until:
        end = year_end(start)
        # The shift may bring more excluded days into the year: repeat until it settles.
        while True:
            excluded = _excluded_days(start, end, exclusions)
            shifted = year_end(start) + dt.timedelta(days=excluded)
            if shifted == end:
                break
            end = shifted
        years.append(Period(start, end))
        start = end + ONE_DAY
    return years


def _excluded_days(start: dt.date, end: dt.date, exclusions: Sequence[Exclusion]) -> int:
    total = 0
    allowance_left: dict[int, int] = {}
    for exclusion in exclusions:
        days = Period(exclusion.start, exclusion.end).overlap(start, end)
        if exclusion.allowance:
            # The 14 counted days of unpaid leave are shared by all unpaid leaves of the working year.
            left = allowance_left.setdefault(exclusion.allowance, exclusion.allowance)
            counted = min(left, days)
            allowance_left[exclusion.allowance] = left - counted
            days -= counted
        total += days
    return total


@functools.lru_cache(maxsize=65536)
def months_for_accrual(start: dt.date, on: dt.date) -> int:
    """Return the months worked from ``start`` to ``on`` inclusive, rounded by п. 35 of the 1930 Rules.

    Whole months are counted as dateutil's ``relativedelta(on + 1 day, start)`` counts them: a month
    from the 31st ends on the last day of a shorter month. Plain date arithmetic, cached: the balances
    of all employees on a date ask it once per hire date (issue 12's bench).
    """
    if on < start:
        return 0
    end = on + ONE_DAY
    months = (end.year - start.year) * 12 + end.month - start.month
    anchor = _months_after(start, months)
    if anchor > end:
        months -= 1
        anchor = _months_after(start, months)
    return months + (1 if (end - anchor).days >= HALF_MONTH_DAYS else 0)


def _months_after(start: dt.date, months: int) -> dt.date:
    """Return ``start`` moved by ``months`` (≥ 0), the day clipped to the month's last one."""
    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    return dt.date(year, month + 1, min(start.day, calendar.monthrange(year, month + 1)[1]))


@functools.lru_cache(maxsize=65536)
def accrued(entitlement: Decimal | int, months: int) -> Decimal:
    """Return the days earned in ``months``: the yearly entitlement ÷ 12 per month."""
    return round_days(Decimal(entitlement) * months / 12)


@dataclass(frozen=True)
class Balance:
    on: dt.date
    entitlement_days: Decimal
    accrued: Decimal
    used: Decimal
    balance: Decimal
    working_year: Period


def balance_on(
    *,
    hire: dt.date,
    on: dt.date,
    entitlement: int,
    exclusions: Sequence[Exclusion] = (),
    used: Iterable[Decimal] = (),
) -> Balance:
    """Return the leave balance on ``on``: days accrued since the hire date minus days used.

    The months are counted from the hire date to ``on`` inclusive with the excluded days taken out
    (the start moves later by them), then rounded by п. 35; each month earns ``entitlement`` ÷ 12.
    ``used`` are the ledger's signed charges (used, compensated, recalled back, cancelled back).
    """
    if exclusions:
        years = working_years(hire, on, exclusions)
        current = years[-1] if years else Period(hire, hire + relativedelta(years=1) - ONE_DAY)
        excluded = _excluded_across_years(years, on, exclusions)
    else:  # nothing shifts the years: the current one is found directly (the balances of all on a date)
        current, excluded = _current_year(hire, on), 0
    months = months_for_accrual(hire + dt.timedelta(days=excluded), on)
    earned = accrued(entitlement, months)
    spent = round_days(sum(used, Decimal(0)))
    return Balance(on, _days(entitlement), earned, spent, earned - spent, current)


@functools.lru_cache(maxsize=256)
def _days(entitlement: int) -> Decimal:
    return round_days(Decimal(entitlement))


@functools.lru_cache(maxsize=65536)
def _current_year(hire: dt.date, on: dt.date) -> Period:
    """Return the working year containing ``on`` when nothing is excluded, without walking the years.

    Each year begins on the hire date's anniversary (year_end + 1 day); a 29 February hire's years
    begin on 1 March after the first. The walk year by year cost the balances of 100,000 employees
    most of their time (issue 12's bench).
    """
    first_end = year_end(hire)
    if on <= first_end:
        return Period(hire, first_end)
    years = on.year - hire.year
    start = _anniversary(hire, years)
    if start > on:
        start = _anniversary(hire, years - 1)
    return Period(start, year_end(start))


def _anniversary(hire: dt.date, years: int) -> dt.date:
    """Return the first day of the working year ``years`` after the one begun on ``hire`` (``years`` ≥ 0)."""
    if years == 0:
        return hire
    if (hire.month, hire.day) == (2, 29):
        return dt.date(hire.year + years, 3, 1)
    return hire.replace(year=hire.year + years)


def year_end(start: dt.date) -> dt.date:
    """Return the last day of a year of work begun on ``start`` (ГК РФ ст. 192: from 29 February, 28 February)."""
    if (start.month, start.day) == (2, 29):
        return dt.date(start.year + 1, 2, 28)
    return start.replace(year=start.year + 1) - ONE_DAY  # the same date a year on exists: not 29 February


def _excluded_across_years(years: Sequence[Period], on: dt.date, exclusions: Sequence[Exclusion]) -> int:
    """Return the excluded days up to ``on``, the unpaid allowance applied per working year."""
    return sum(_excluded_days(year.start, min(year.end, on), exclusions) for year in years)


def parts_errors(parts: Sequence[int], entitlement: int) -> list[str]:
    """Return the problems of a year's planned parts (ТК РФ ст. 125; the whole entitlement planned)."""
    errors = []
    if len(parts) > 1 and max(parts) < MIN_PART_DAYS:
        errors.append(f"Одна из частей отпуска должна быть не менее {MIN_PART_DAYS} календарных дней (ТК РФ ст. 125).")
    if len(parts) == 1 and parts[0] < min(MIN_PART_DAYS, entitlement):
        errors.append(f"Одна из частей отпуска должна быть не менее {MIN_PART_DAYS} календарных дней (ТК РФ ст. 125).")
    if sum(parts) != entitlement:
        errors.append(f"Запланировано {sum(parts)} дн. из {entitlement}: распределите весь отпуск.")
    return errors


def compensation_days(balance: Decimal) -> tuple[str, Decimal]:
    """Return what a dismissal does with the balance: ('compensate', days) or ('withhold', days).

    ТК РФ ст. 127 ч. 1: unused leave is compensated in money; ТК РФ ст. 137 ч. 2 абз. 5: pay for
    leave taken in advance is withheld for the days not worked off.
    """
    if balance >= 0:
        return "compensate", balance
    return "withhold", -balance


# The longest leave of each kind one order item may grant, with its source (None: no limit here).
MAX_DAYS: dict[str, tuple[int, str]] = {
    "maternity": (
        194,
        "ТК РФ ст. 255; Федеральный закон № 255-ФЗ ст. 10: 70 (84) + 70 (110) дней, до 194 при родах нескольких детей",
    ),
    "childcare": (1096, "ТК РФ ст. 256: до достижения ребёнком трёх лет"),
    "long": (366, "ТК РФ ст. 335: длительный отпуск сроком до одного года"),
}
# ТК РФ ст. 128 ч. 2: days of unpaid leave the employer must grant on request (a year).
UNPAID_MANDATORY_DAYS: dict[str, tuple[int, str]] = {
    "pensioner": (14, "ТК РФ ст. 128 ч. 2: работающим пенсионерам по старости — до 14 дней в году"),
    "disabled": (60, "ТК РФ ст. 128 ч. 2: работающим инвалидам — до 60 дней в году"),
    "family_event": (5, "ТК РФ ст. 128 ч. 2: рождение ребёнка, регистрация брака, смерть близких — до 5 дней"),
}
ANNUAL_KINDS = frozenset({"annual", "additional"})


def leave_kind_errors(*, kind: str, days: int, additional_days: int) -> dict[str, str]:
    """Return the problems of one leave item's kind and length."""
    errors: dict[str, str] = {}
    if days < 1:
        errors["leave_days"] = "Отпуск длится хотя бы один день."
    limit = MAX_DAYS.get(kind)
    if limit and days > limit[0]:
        errors["leave_days"] = f"Не более {limit[0]} календарных дней ({limit[1]})."
    if additional_days and kind not in ANNUAL_KINDS:
        errors["leave_additional_days"] = "Дополнительный отпуск присоединяется только к ежегодному."
    return errors


# How an order names each kind of leave (the accusative after «предоставить»).
LEAVE_WORDING: dict[str, str] = {
    "annual": "ежегодный основной оплачиваемый отпуск",
    "additional": "ежегодный дополнительный оплачиваемый отпуск",
    "unpaid": "отпуск без сохранения заработной платы",
    "study": "учебный отпуск с сохранением среднего заработка",
    "maternity": "отпуск по беременности и родам",
    "childcare": "отпуск по уходу за ребёнком",
    "long": "длительный отпуск",
}


# --- The vacation schedule (ТК РФ ст. 123) ---

# The share of a department that may be on leave on the same day before the schedule warns; the
# office may change it (a staffing decision, not a rule of law).
COVERAGE_LIMIT = Decimal("0.5")


def approval_due(year: int) -> dt.date:
    """ТК РФ ст. 123 ч. 1: the schedule is approved no later than two weeks before the calendar year."""
    return dt.date(year, 1, 1) - dt.timedelta(days=SCHEDULE_APPROVAL_DAYS)


def notice_due(start: dt.date) -> dt.date:
    """ТК РФ ст. 123 ч. 3: the employee is told of the leave's start no later than two weeks before it."""
    return start - dt.timedelta(days=NOTICE_DAYS)


def coverage_warnings(
    parts: Sequence[tuple[int, dt.date, dt.date]], headcount: int, limit: Decimal = COVERAGE_LIMIT
) -> list[str]:
    """Return the days on which more than ``limit`` of a department's ``headcount`` is on leave.

    ``parts`` are (employee id, first day, last day). One message per run of such days.
    """
    if headcount == 0 or not parts:
        return []
    first, last = min(p[1] for p in parts), max(p[2] for p in parts)
    warnings, run_start, day = [], None, first
    while day <= last + ONE_DAY:
        away = len({p[0] for p in parts if p[1] <= day <= p[2]})
        over = day <= last and Decimal(away) / headcount > limit
        if over and run_start is None:
            run_start = day
        if not over and run_start is not None:
            end = day - ONE_DAY
            warnings.append(f"{run_start:%d.%m}–{end:%d.%m}: в отпуске больше {limit:.0%} работников подразделения.")
            run_start = None
        day += ONE_DAY
    return warnings


def teacher_outside_summer(start: dt.date, end: dt.date) -> bool:
    """A teacher's annual leave is usually taken in the summer holidays (June–August): warn otherwise."""
    return not (start.month in (6, 7, 8) and end.month in (6, 7, 8))


# --- The office's own entitlements (LeaveRule) ---

# The least days the law allows for each kind of the office's rules, with the source.
RULE_MINIMUM: dict[str, tuple[int, str]] = {
    "basic": (BASIC_DAYS, "ТК РФ ст. 115: основной отпуск — не менее 28 календарных дней"),
    "harmful": (7, "ТК РФ ст. 117 ч. 2: за вредные условия труда — не менее 7 календарных дней"),
    "irregular": (3, "ТК РФ ст. 119 ч. 1: за ненормированный рабочий день — не менее 3 календарных дней"),
    "agreement": (1, "ТК РФ ст. 116 ч. 2: по коллективному договору — продолжительность определяет договор"),
}
RULE_MAXIMUM_DAYS = 365


def leave_rule_errors(*, kind: str, days: int, position_name: str | None = None) -> dict[str, str]:
    """Return the problems of an office rule of ``kind`` for ``days``; a position's extended leave is its floor.

    ТК РФ ст. 8 ч. 4: a local rule may not worsen what the law and the government's list give, so the
    basic leave of a position on the list of Постановление № 415 is not set below the list's days.
    """
    if days < 1:
        return {"days": "Укажите число календарных дней."}
    if days > RULE_MAXIMUM_DAYS:
        return {"days": f"Не больше {RULE_MAXIMUM_DAYS} календарных дней."}
    least, source = RULE_MINIMUM.get(kind, (1, ""))
    if kind == "basic" and position_name:
        by_list, list_source = basic_entitlement(position_name)
        if by_list > least:
            least, source = by_list, f"{list_source}: для должности «{position_name}» — {by_list} календарных дней"
    if days < least:
        return {"days": f"Не меньше {least} дн. ({source})."}
    return {}
