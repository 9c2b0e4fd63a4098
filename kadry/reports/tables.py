"""The figures as tables: what a page, its XLSX and its PDF show, built once from ``figures``."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from kadry.reports import figures, rules
from kadry.reports import movement_rules as mv


@dataclass(frozen=True)
class Table:
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    note: str = ""


def rate(value: Decimal | None) -> Decimal | str:
    """Return a rate, or a dash where the average is zero (no rate to compute)."""
    return "—" if value is None else value


def headcount_tables(
    count: figures.Headcount, average: figures.Average, names: dict[int, str] | None = None
) -> list[Table]:
    on = f"{count.on:%d.%m.%Y}"
    by_category = tuple((figures.CATEGORY_LABELS.get(key, key), value) for key, value in count.by_category.items())
    months = tuple(
        (
            f"{figures.MONTH_NAMES[m.month - 1]} {m.year}",
            m.days,
            m.total,
            rules.two_decimals(m.average),
            rules.whole_units(m.average),
            rules.two_decimals(m.external_average),
        )
        for m in average.months
    )
    result = [
        Table(
            f"Списочная численность на {on}",
            ("Категория должностей", "Человек"),
            (*by_category, ("Всего в списке", count.headcount), ("Внешние совместители (вне списка)", count.external)),
            "В списке — каждый работник один раз, в том числе находящиеся в отпусках по беременности и родам и по "
            "уходу за ребёнком; внешние совместители учитываются отдельно.",
        ),
        Table(
            f"Среднесписочная численность: {average.title}",
            (
                "Месяц",
                "Календарных дней",
                "Сумма списочной численности за дни",
                "Среднесписочная",
                "В целых единицах",
                "Внешние совместители (средняя)",
            ),
            (
                *months,
                ("Итого за период", "", "", average.average_2, average.average_whole, average.external_2),
            ),
            "Приказ Росстата от 16.12.2024 № 647 (Указания по заполнению формы П-4): сумма численности за каждый "
            "календарный день ÷ число календарных дней; выходной или праздничный день — по предшествующему рабочему "
            "дню; в отпусках по беременности и родам и по уходу за ребёнком не включаются; квартал — сумма месяцев "
            "÷ 3, год — ÷ 12; округление до целых — 0,5 и более в большую сторону.",
        ),
    ]
    if count.by_organisation:
        names = names or {}
        result.append(
            Table(
                "По обслуживаемым школам",
                ("Школа", f"Списочная на {on}", f"Среднесписочная: {average.title}", "В целых единицах"),
                tuple(
                    (
                        names.get(pk, str(pk)),
                        headcount,
                        rules.two_decimals(average.by_organisation.get(pk, Fraction(0))),
                        rules.whole_units(average.by_organisation.get(pk, Fraction(0))),
                    )
                    for pk, headcount in count.by_organisation.items()
                ),
            )
        )
    return result


def composition_tables(composition: figures.Composition) -> list[Table]:
    on = f"{composition.on:%d.%m.%Y}"
    result = [
        Table(f"{breakdown.title} на {on}", ("Группа", "Человек"), (*breakdown.rows, ("Всего", breakdown.total)))
        for breakdown in composition.breakdowns
    ]
    result.append(
        Table(
            "Молодые специалисты",
            ("Показатель", "Человек"),
            (("Молодые специалисты", composition.young_specialists),),
            "До 35 лет включительно, со средним профессиональным или высшим образованием, общий стаж менее 3 лет "
            "(Федеральный закон от 30.12.2020 № 489-ФЗ, ст. 2; признак «впервые по специальности» в карточке не "
            "ведётся, его заменяет стаж менее 3 лет).",
        )
    )
    result.append(
        Table(
            f"Вакансии по подразделениям на {on}",
            ("Подразделение", "Ставок по штату", "Занято", "Вакантно"),
            tuple((v.department, v.rates, v.occupied, v.vacant) for v in composition.vacancies),
            "По штатному расписанию: ставки штатных единиц и ставки назначений, действующих на дату.",
        )
    )
    return result


def _movement_row(label: str, movement: mv.Movement) -> tuple[Any, ...]:
    groups = movement.by_group
    return (
        label,
        rules.two_decimals(movement.average),
        movement.hired,
        movement.dismissed,
        *(groups[key] for key in mv.GROUP_LABELS),
        movement.transfers,
        rate(movement.hiring_rate),
        rate(movement.separation_rate),
        rate(movement.turnover_rate),
        rate(movement.stability_rate),
    )


MOVEMENT_HEADERS = (
    "Период",
    "Среднесписочная",
    "Принято",
    "Уволено",
    *mv.GROUP_LABELS.values(),
    "Переводов",
    "Оборот по приёму, %",
    "Оборот по выбытию, %",
    "Текучесть, %",
    "Постоянство состава, %",
)


def movement_tables(report: figures.MovementReport, *, with_names: bool) -> list[Table]:
    total = report.total
    title = f"{total.first:%d.%m.%Y}–{total.last:%d.%m.%Y}"
    tables = [
        Table(
            f"Движение работников за {title}",
            MOVEMENT_HEADERS,
            (*(_movement_row(m.label, m.movement) for m in report.months), _movement_row("Итого", total)),
            "Коэффициенты в % к среднесписочной численности периода: приём и выбытие — принятые и уволенные; "
            "текучесть — уволенные по собственному желанию и за нарушения трудовой дисциплины; постоянство — "
            "состоявшие в списке весь период.",
        )
    ]
    if with_names:
        tables.append(
            Table(
                "Причины увольнения, как записаны в приказах",
                ("Последний день работы", "Сотрудник", "Группа оснований", "Формулировка основания"),
                tuple(
                    (
                        leaver.last_day,
                        report.names.get(leaver.employee_id, ""),
                        mv.GROUP_LABELS[leaver.group],
                        leaver.wording,
                    )
                    for leaver in total.leavers
                ),
            )
        )
    return tables


def chart_series(table: Table, value_column: int = 1) -> list[tuple[str, Any]]:
    """Return (label, value) of a table's rows without its total rows: what a chart beside it draws."""
    skip = ("Всего", "Итого", "Всего в списке", "Внешние совместители (вне списка)", "Итого за период")
    return [(str(row[0]), row[value_column]) for row in table.rows if row[0] not in skip]
