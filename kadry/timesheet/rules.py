"""The timesheet: the codes of the unified form Т-13, a day's code and hours from its facts, the totals.

Pure functions of plain values. Sources:
- Постановление Госкомстата России от 05.01.2004 № 1, форма Т-13 (ОКУД 0301008): the letter and the
  number codes of attendance and absence (the table «Условные обозначения» on its title page).
- ТК РФ ст. 91: the normal working week is 40 hours; ст. 333 and Приказ Минобрнауки России от
  22.12.2014 № 1601, п. 1: 36 hours a week for pedagogical workers. The teaching load of a teacher's rate
  (18 hours of lessons, п. 2.8 of its appendix 1) is a norm of lessons, not of working time: a load above
  one rate does not lengthen the working day on the timesheet.
- ТК РФ ст. 95 ч. 1: a working day immediately before a public holiday is one hour shorter.
- ТК РФ ст. 93, ст. 284; Приказ Минздравсоцразвития РФ от 13.08.2009 № 588н: part-time work is paid and
  counted in proportion to the time worked; the norm of a part-time rate is that rate of the full norm.
- ТК РФ ст. 120 ч. 1: public holidays inside an annual leave are not leave days (they show as В).
- ТК РФ ст. 124 ч. 1 and 255-ФЗ ст. 9 ч. 1 п. 1: an illness inside an annual leave is sick leave (the leave
  is extended); during other leave (with or without pay) no sick pay is due, the leave code stays.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from kadry.absences import rules as absence_rules

# The codes of Т-13: letter → (number, meaning). Постановление Госкомстата № 1, форма Т-13.
CODES: dict[str, tuple[str, str]] = {
    "Я": ("01", "продолжительность работы в дневное время"),
    "Н": ("02", "продолжительность работы в ночное время"),
    "РВ": ("03", "продолжительность работы в выходные и нерабочие праздничные дни"),
    "С": ("04", "продолжительность сверхурочной работы"),
    "ВМ": ("05", "продолжительность работы вахтовым методом"),
    "К": ("06", "служебная командировка"),
    "ПК": ("07", "повышение квалификации с отрывом от работы"),
    "ПМ": ("08", "повышение квалификации с отрывом от работы в другой местности"),
    "ОТ": ("09", "ежегодный основной оплачиваемый отпуск"),
    "ОД": ("10", "ежегодный дополнительный оплачиваемый отпуск"),
    "У": ("11", "дополнительный отпуск в связи с обучением с сохранением среднего заработка"),
    "УВ": ("12", "сокращённая продолжительность рабочего времени для обучающихся без отрыва от производства"),
    "УД": ("13", "дополнительный отпуск в связи с обучением без сохранения заработной платы"),
    "Р": ("14", "отпуск по беременности и родам"),
    "ОЖ": ("15", "отпуск по уходу за ребёнком до достижения им возраста трёх лет"),
    "ДО": ("16", "отпуск без сохранения заработной платы, предоставленный с разрешения работодателя"),
    "ОЗ": ("17", "отпуск без сохранения заработной платы в случаях, предусмотренных законодательством"),
    "ДБ": ("18", "ежегодный дополнительный отпуск без сохранения заработной платы"),
    "Б": ("19", "временная нетрудоспособность с назначением пособия"),
    "Т": ("20", "временная нетрудоспособность без назначения пособия"),
    "ЛЧ": ("21", "сокращённая продолжительность рабочего времени в случаях, предусмотренных законодательством"),
    "ПВ": ("22", "время вынужденного прогула"),
    "Г": ("23", "невыходы на время исполнения государственных или общественных обязанностей"),
    "ПР": ("24", "прогулы"),
    "НС": ("25", "работа в режиме неполного рабочего времени по инициативе работодателя"),
    "В": ("26", "выходные дни и нерабочие праздничные дни"),
    "ОВ": ("27", "дополнительные выходные дни (оплачиваемые)"),
    "НВ": ("28", "дополнительные выходные дни (без сохранения заработной платы)"),
    "ЗБ": ("29", "забастовка"),
    "НН": ("30", "неявки по невыясненным причинам"),
    "РП": ("31", "время простоя по вине работодателя"),
    "НП": ("32", "время простоя по причинам, не зависящим от работодателя и работника"),
    "ВП": ("33", "время простоя по вине работника"),
    "НО": ("34", "отстранение от работы с оплатой"),
    "НБ": ("35", "отстранение от работы без начисления заработной платы"),
    "НЗ": ("36", "время приостановки работы в случае задержки выплаты заработной платы"),
}
# The codes of time worked: their days and hours are the «отработано» columns of Т-13; every other
# code is an absence counted in the «неявки» columns.
WORKED = frozenset({"Я", "Н", "РВ", "С", "ВМ"})
DAY_OFF = "В"

# Which kind of leave or absence gets which code is decided in one place, ``kadry.absences.rules``
# (the kinds' effects with their sources); the timesheet keeps the form's table of codes above.
# Unpaid leave of ТК ст. 128 is ДО by default and ОЗ by a correction; unpaid study leave (УД) too.
LEAVE_CODES: dict[str, str] = {kind: code.letter for kind, code in absence_rules.LEAVE_CODES.items()}
# Annual leave: sick leave inside it wins (ТК ст. 124); public holidays inside are days off (ТК ст. 120).
ANNUAL_LEAVE = frozenset({"annual", "additional"})
# Absence kinds → the code. Lateness is not a code: the day is worked, shorter by the minutes late.
ABSENCE_CODES: dict[str, str] = {
    kind: absence_rules.timesheet_code(kind).letter for kind in ("sick", "business_trip", "unexcused", "unknown")
}

FULL_WEEK = 40  # ТК РФ ст. 91 ч. 2
PEDAGOGICAL_WEEK = 36  # ТК РФ ст. 333; Приказ Минобрнауки № 1601, п. 1
WORKING_DAYS_A_WEEK = 5
SHORTENED_BY = Decimal("1")  # ТК РФ ст. 95 ч. 1
MAX_RATE = Decimal("1")  # a load above one rate is not working time on the timesheet (Приказ № 1601)
MAX_DAY_HOURS = Decimal("24")
CENT = Decimal("0.01")


def week_hours(pedagogical: bool) -> int:
    """Return the working week of a position: 36 hours for pedagogical staff, 40 for the others."""
    return PEDAGOGICAL_WEEK if pedagogical else FULL_WEEK


def day_hours(week: int, rate: Decimal, *, shortened: bool) -> Decimal:
    """Return the hours of a working day of a five-day ``week`` at ``rate`` (at most one).

    The shortened day is one hour shorter at a full rate and shortened in proportion at a part rate, so
    that a month of a part rate is that part of the calendar's norm (Приказ № 588н).
    """
    full = Decimal(week) / WORKING_DAYS_A_WEEK - (SHORTENED_BY if shortened else Decimal(0))
    return (full * min(rate, MAX_RATE)).quantize(CENT)


@dataclass(frozen=True)
class AbsenceFact:
    kind: str
    sick_reason: str = ""
    minutes_late: int = 0


@dataclass(frozen=True)
class DayFacts:
    """What is known of one employee's day: from the calendar, the assignment, the leave and absences."""

    working_day: bool
    public_holiday: bool  # a non-working public holiday of ТК ст. 112 (not a moved day off)
    hours: Decimal  # the day's hours at the assignment's week and rate, if it is a working day
    leave_kinds: frozenset[str] = frozenset()
    absences: tuple[AbsenceFact, ...] = ()


@dataclass(frozen=True)
class Cell:
    code: str
    hours: Decimal | None = None

    @property
    def number(self) -> str:
        return CODES[self.code][0]


def day_cell(facts: DayFacts) -> Cell:
    """Return the code and hours of an employed day, in the order of precedence:

    1. leave other than annual (maternity, childcare, long, unpaid, study): its code — no sick pay is
       due during it (255-ФЗ ст. 9 ч. 1 п. 1), and the employee is not at work anyway;
    2. sick leave: Б (Р for a certificate of pregnancy and birth), also inside an annual leave (ТК ст. 124);
    3. annual leave: ОТ/ОД, a public holiday inside it В (ТК ст. 120);
    4. a business trip: К on every calendar day of it;
    5. a non-working day: В;
    6. unexcused absence ПР, absence for reasons unknown НН (working days only);
    7. otherwise the day is worked: Я with its hours, less the minutes late.
    """
    other_leave = sorted(k for k in facts.leave_kinds if k not in ANNUAL_LEAVE)
    if other_leave:
        return Cell(LEAVE_CODES[other_leave[0]])
    kinds = {a.kind: a for a in facts.absences}
    if "sick" in kinds:
        return Cell(absence_rules.timesheet_code("sick", kinds["sick"].sick_reason).letter)
    annual = sorted(facts.leave_kinds & ANNUAL_LEAVE)
    if annual:
        return Cell(DAY_OFF) if facts.public_holiday else Cell(LEAVE_CODES[annual[0]])
    if "business_trip" in kinds:
        return Cell(ABSENCE_CODES["business_trip"])
    if not facts.working_day:
        return Cell(DAY_OFF)
    for kind in ("unexcused", "unknown"):
        if kind in kinds:
            return Cell(ABSENCE_CODES[kind])
    late = sum(a.minutes_late for a in facts.absences if a.kind == "lateness")
    hours = max(facts.hours - Decimal(late) / 60, Decimal(0)).quantize(CENT)
    return Cell("Я", hours)


def correction_errors(code: str, hours: Decimal | None) -> dict[str, str]:
    """Return the errors of a manual correction of one day, by field."""
    errors = {}
    if code not in CODES:
        errors["code"] = "Нет такого обозначения в форме Т-13: выберите код из списка."
    elif code in WORKED and (hours is None or hours <= 0):
        errors["hours"] = f"Для «{code}» (отработанное время) укажите часы."
    if hours is not None and not Decimal(0) <= hours <= MAX_DAY_HOURS:
        errors["hours"] = "Часы за день — от 0 до 24."
    return errors


@dataclass
class Totals:
    """The totals of a row of Т-13: worked in each half of the month and in all, absences by code."""

    first_half_days: int = 0
    first_half_hours: Decimal = Decimal(0)
    second_half_days: int = 0
    second_half_hours: Decimal = Decimal(0)
    absences: dict[str, int] = field(default_factory=dict)  # code → days
    absence_hours: dict[str, Decimal] = field(default_factory=dict)  # code → hours, where given

    @property
    def days(self) -> int:
        return self.first_half_days + self.second_half_days

    @property
    def hours(self) -> Decimal:
        return self.first_half_hours + self.second_half_hours


FIRST_HALF_LAST_DAY = 15  # Т-13 columns 4 and 6: the days 1–15, then 16 to the end of the month


def totals(cells: Sequence[tuple[dt.date, Cell | None]]) -> Totals:
    """Return the totals of one row of days; days off are not counted among the absences (Т-13)."""
    result = Totals()
    absent: Counter[str] = Counter()
    for day, cell in cells:
        if cell is None:
            continue
        if cell.code in WORKED:
            hours = cell.hours or Decimal(0)
            if day.day <= FIRST_HALF_LAST_DAY:
                result.first_half_days += 1
                result.first_half_hours += hours
            else:
                result.second_half_days += 1
                result.second_half_hours += hours
        elif cell.code != DAY_OFF:
            absent[cell.code] += 1
            if cell.hours:
                result.absence_hours[cell.code] = result.absence_hours.get(cell.code, Decimal(0)) + cell.hours
    result.absences = dict(sorted(absent.items(), key=lambda item: CODES[item[0]][0]))
    return result


def days_of_month(year: int, month: int) -> list[dt.date]:
    first = dt.date(year, month, 1)
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return [first + dt.timedelta(days=n) for n in range((following - first).days)]


def hours_text(value: Decimal | None) -> str:
    """Return hours as people write them: «8», «7,2», «6,95»."""
    if value is None:
        return ""
    text = format(value.quantize(CENT).normalize(), "f")
    return text.replace(".", ",")


def covered(day: dt.date, spans: Iterable[tuple[dt.date, dt.date]]) -> bool:
    return any(start <= day <= end for start, end in spans)
