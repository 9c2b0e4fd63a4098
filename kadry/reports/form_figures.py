"""ОО-1 (its staff tables) and П-4 (its headcount columns) filled from the databank's figures.

The layout is ``statforms`` (rows and columns as data with their source); the people, the average
headcount and the bands come from ``queries``, ``figures``, ``rules`` and ``composition_rules``,
so a number of these forms is the number of the composition and headcount pages, never counted
again another way. Read only: no ``actor=``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db.models import Q, Sum, Value
from django.db.models.functions import Coalesce

from kadry.employment.seniority import length_of_service_on, sources_for_organisations
from kadry.reports import composition_rules as comp
from kadry.reports import figures, queries, rules
from kadry.reports import statforms as layout
from kadry.staff.models import Employee, StaffingUnit

HIGHER = frozenset({"bachelor", "specialist", "doctoral"})
VOCATIONAL = "secondary_vocational"
ZERO = Decimal("0")


@dataclass(frozen=True)
class FormLine:
    code: str
    label: str
    cells: tuple[Any, ...]  # the values of the columns after the name and the line number; None: not filled


@dataclass(frozen=True)
class FormSection:
    title: str
    columns: tuple[layout.Column, ...]
    lines: tuple[FormLine, ...]
    note: str = ""

    def line(self, code: str) -> FormLine:
        return next(line for line in self.lines if line.code == code)


@dataclass(frozen=True)
class FilledForm:
    form: str
    title: str
    period: str
    sections: tuple[FormSection, ...]


def _band_index(years: int, bands: Sequence[tuple[int, str]]) -> int:
    return max(index for index, (lower, _label) in enumerate(bands) if years >= lower or index == 0)


@dataclass
class _Counts:
    """One line's counters, filled person by person."""

    staff: list[int]
    service: list[int]
    age: list[int]

    @classmethod
    def empty(cls) -> _Counts:
        return cls([0] * 7, [0] * 15, [0] * 21)


def _staffing(organisation_ids: Sequence[int], on: dt.date) -> list[tuple[str, str, Decimal, Decimal]]:
    """Return (category, position name, rates, occupied rates on ``on``) of each staffing unit (one query)."""
    active = Q(assignments__start__lte=on) & (Q(assignments__end__isnull=True) | Q(assignments__end__gte=on))
    return list(
        StaffingUnit.objects.filter(organisation_id__in=organisation_ids)
        .annotate(occupied=Coalesce(Sum("assignments__rate", filter=active), Value(ZERO)))
        .order_by()
        .values_list("position__category", "position__name", "rates", "occupied")
    )


def _count_person(
    counts: _Counts, sex: str, education: str, qualification: str, age: int, total_years: int, pedagogical: int | None
) -> None:
    """Add one person to a line: ``pedagogical`` is the whole years of pedagogical service, None without any."""
    women = sex == Employee.Sex.FEMALE
    counts.staff[0] += 1
    counts.staff[1] += women
    counts.staff[2] += education in HIGHER
    counts.staff[3] += education == VOCATIONAL
    if qualification in layout.QUALIFICATION_COLUMNS:
        counts.staff[layout.QUALIFICATION_COLUMNS[qualification] - 3] += 1
    counts.service[0] += 1
    counts.service[1 + _band_index(total_years, comp.SERVICE_BANDS)] += 1
    if pedagogical is None:
        counts.service[14] += 1
    else:
        counts.service[7] += 1
        counts.service[8 + _band_index(pedagogical, comp.SERVICE_BANDS)] += 1
    band = _band_index(age, comp.AGE_BANDS)
    counts.age[0] += 1
    counts.age[1 + 2 * band] += 1
    counts.age[2 + 2 * band] += women


def oo1(organisation_ids: Sequence[int], on: dt.date) -> FilledForm:
    """Return the staff tables of ОО-1 on ``on`` (seven queries whatever the number of employees)."""
    people = [p for p in queries.people(organisation_ids, until=on) if p.on_list(on) or p.external_on(on)]
    ids = [person.employee_id for person in people]
    cards = queries.cards(organisation_ids, ids)
    levels = queries.education_levels(organisation_ids, ids)
    sources = sources_for_organisations(organisation_ids, on)
    age_day = layout.oo1_age_day(on)
    counts = {line.code: _Counts.empty() for line in layout.OO1_LINES}
    for person in people:
        external = not person.on_list(on)
        job = person.main_job(on)
        category, name = (job.category, job.position_name) if job else ("", "")
        sex, birth, qualification = cards[person.employee_id]
        service = length_of_service_on(sources.get(person.employee_id, []), on)
        pedagogical = service.pedagogical.duration
        has_pedagogical = pedagogical.years or pedagogical.months or pedagogical.days
        for line in layout.OO1_LINES:
            if line.counts(category, name, external=external):
                _count_person(
                    counts[line.code],
                    sex,
                    comp.highest_education(levels.get(person.employee_id, [])),
                    qualification,
                    comp.age_on(birth, age_day),
                    service.total.duration.years,
                    pedagogical.years if has_pedagogical else None,
                )
    rates: dict[str, list[Decimal]] = {line.code: [ZERO, ZERO] for line in layout.OO1_LINES}
    for category, name, unit_rates, occupied in _staffing(organisation_ids, on):
        for line in layout.OO1_LINES:
            if line.counts(category, name, external=False):
                rates[line.code][0] += unit_rates
                rates[line.code][1] += max(unit_rates - occupied, ZERO)
    staff_lines = tuple(
        FormLine(
            line.code,
            line.label,
            (*counts[line.code].staff, *((None, None) if line.external else rates[line.code])),
        )
        for line in layout.OO1_LINES
    )
    in_list = [line for line in layout.OO1_LINES if not line.external]
    return FilledForm(
        "ОО-1",
        "Сведения об организации, осуществляющей подготовку по образовательным программам начального общего, "
        "основного общего, среднего общего образования: сведения о персонале",
        f"по состоянию на {on:%d.%m.%Y}",
        (
            FormSection(
                "Численность и состав работников (без внешних совместителей; внешние совместители — строка 11)",
                layout.OO1_STAFF_COLUMNS,
                staff_lines,
                "Каждый работник списка один раз — по основной должности на дату; образование — высшее из "
                "записанных в карточке; квалификационная категория — из карточки; штатные единицы и вакантные "
                "ставки — по штатному расписанию на дату. Признак «педагогическое образование» в карточке не "
                "ведётся.",
            ),
            FormSection(
                "Распределение персонала по стажу работы (без внешних совместителей)",
                layout.OO1_SERVICE_COLUMNS,
                tuple(FormLine(line.code, line.label, tuple(counts[line.code].service)) for line in in_list),
                f"Общий и педагогический стаж на {on:%d.%m.%Y} по периодам работы из карточки и назначениям; "
                "группа — по целым годам (5 лет 0 месяцев — «от 5 до 10 лет»).",
            ),
            FormSection(
                f"Распределение персонала по полу и возрасту (число полных лет на {age_day:%d.%m.%Y})",
                layout.OO1_AGE_COLUMNS,
                tuple(FormLine(line.code, line.label, tuple(counts[line.code].age)) for line in in_list),
                "Без внешних совместителей; возраст — на 1 января года, следующего за годом отчёта.",
            ),
        ),
    )


def _month_cells(month: rules.MonthAverage) -> tuple[Any, ...]:
    return (
        month.days,
        month.total,
        rules.two_decimals(month.average),
        rules.whole_units(month.average),
        rules.two_decimals(month.external_average),
    )


def p4(organisation_ids: Sequence[int], year: int, month: int | None, quarter: int | None) -> FilledForm:
    """Return the headcount columns of П-4 for a month or a quarter (five queries; six over several schools)."""
    average = figures.average(organisation_ids, year, month, quarter)
    last_month = month or (max(rules.quarter_months(quarter)) if quarter else 12)
    last_day = rules.month_days(year, last_month)[1]
    count = figures.headcount(organisation_ids, last_day)
    listed, external = average.average_whole, rules.whole_units(average.external)
    months = tuple(
        FormLine("", f"{figures.MONTH_NAMES[m.month - 1]} {m.year}", _month_cells(m)) for m in average.months
    )
    schools: tuple[FormSection, ...] = ()
    if count.by_organisation:
        names = figures.organisation_names(organisation_ids)
        schools = (
            FormSection(
                "По обслуживаемым школам (справочно)",
                (
                    layout.Column("", "Школа"),
                    layout.Column("", ""),
                    layout.Column("", "Среднесписочная, в целых единицах"),
                    layout.Column("", "Среднесписочная, с двумя знаками"),
                    layout.Column("", f"Списочная на {last_day:%d.%m.%Y}"),
                ),
                tuple(
                    FormLine(
                        "",
                        names.get(pk, str(pk)),
                        (
                            rules.whole_units(average.by_organisation.get(pk, Fraction(0))),
                            rules.two_decimals(average.by_organisation.get(pk, Fraction(0))),
                            headcount,
                        ),
                    )
                    for pk, headcount in count.by_organisation.items()
                ),
            ),
        )
    return FilledForm(
        "П-4",
        "Сведения о численности и заработной плате работников: численность",
        f"за {average.title}",
        (
            FormSection(
                "Численность работников",
                layout.P4_COLUMNS,
                tuple(
                    FormLine(code, label, (listed + external, listed, external, None, count.headcount))
                    for code, label in layout.P4_LINES
                ),
                f"Графы 2 и 3 — в целых единицах (0,5 и более — в большую сторону); с двумя знаками: "
                f"{average.average_2} и {average.external_2}. Договоры гражданско-правового характера в "
                f"системе не ведутся, графа 4 не заполняется. Списочная численность — на {last_day:%d.%m.%Y}.",
            ),
            FormSection(
                "Расчёт среднесписочной численности (Приказ Росстата от 16.12.2024 № 647)",
                (
                    layout.Column("", "Месяц"),
                    layout.Column("", ""),
                    layout.Column("", "Календарных дней"),
                    layout.Column("", "Сумма списочной численности за дни"),
                    layout.Column("", "Среднесписочная"),
                    layout.Column("", "В целых единицах"),
                    layout.Column("", "Внешние совместители (средняя)"),
                ),
                months,
                "Сумма численности за каждый календарный день ÷ число календарных дней; выходной и праздничный "
                "день — по предшествующему рабочему дню; в отпусках по беременности и родам и по уходу за "
                "ребёнком не включаются; квартал — сумма месяцев ÷ 3. Внешние совместители — по людям, за каждый "
                "день, а не пропорционально отработанному времени (время работы в системе не ведётся).",
            ),
            *schools,
        ),
    )
