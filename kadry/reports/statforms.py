"""The layout of the federal statistical forms the office fills from the databank: ОО-1 (staff) and П-4 (headcount).

Rows (with their line codes) and columns (with their numbers) are data here, with their source; the
counts come from the databank's own rules (``rules`` for the list and the average headcount,
``composition_rules`` for age, education and length of service). No database.

ОО-1 «Сведения об организации, осуществляющей подготовку по образовательным программам начального
общего, основного общего, среднего общего образования» (Минпросвещения России collects it through
Росстат's instruments; report at the beginning of the academic year). What was checked (December
2026, the search tool; the texts of the current order themselves were NOT found):

- the Минпросвещения's form for general education «с изменениями на 30 августа 2019 года» (the
  date of its approving order was not seen) «утратил силу с отчета на начало 2020/2021 учебного года
  на основании приказа Росстата от 05.08.2020 № 431» (docs.cntd.ru, document 560943177): the form in
  force from 2020/21 is the one of Приказ Росстата от 05.08.2020 № 431; whether it has been replaced
  or amended since could not be checked, nor its staff tables' line numbers;
- the staff tables' structure, checked in the edition in force until 2016/17 (docs.cntd.ru, document
  420292487, «утратил силу с отчета на начало 2016/2017 учебного года на основании приказа Росстата
  от 01.09.2016 № 471»; table «3.3. Распределение персонала по полу и возрасту»): without external part-timers and civil
  contracts; lines «Руководящие работники — всего» 01, «из них: директор» 02, «заместители
  директора» 03, «руководитель филиала» 04, then the pedagogical staff; columns 1 (name), 2 (line
  number), 3 «Всего (сумма гр. 4, 6, …, 22)», then for each age band (менее 25, 25–29, …, 60–64, 65 и
  более) a pair «всего», «из них женщины» (columns 4–23); the age in full years on 1 January of the
  year after the start of the academic year («возраст следует указать на 1 января 2015 года» for
  the report at the beginning of 2014/15);
- the length-of-service table's structure, checked in sister forms of the same family (СПО-1, ВПО-1:
  «3.2. Распределение персонала по стажу работы», consultant.ru), not in ОО-1: column 3 the total,
  4–9 the total length of service до 3 лет, 3–5, 5–10, 10–15, 15–20, 20 и более; column 10 those
  with pedagogical service, 11–16 its bands; 17 those without pedagogical service (10 + 17 = 3).

So the lines after 04 (pedagogical staff, teachers, support, administrative, service staff, the
total, the external part-timers) are numbered here in the order of the structure above, not from
the current form, and the columns of «3.1» (women, education, qualification category, staffing) are
those the current records can fill: check them against the current form before sending it. The
records do not keep whether an education is pedagogical, so «из него педагогическое» is not filled.

П-4 «Сведения о численности и заработной плате работников» (Приказ Росстата от 31.07.2024 № 338;
Указания: Приказ Росстата от 16.12.2024 № 647, see ``rules``), only its headcount columns. Checked:
the layout of the section «Численность и начисленная заработная плата работников» of Росстат's
forms of this family (consultant.ru, document 427855, not the text of Приказ № 338 itself): columns
А (name), Б (line number), 1 «Всего (сумма граф 2, 3, 4)», 2 «работников списочного состава (без
внешних совместителей)» — the average headcount, 3 «внешних совместителей», 4 «работников,
выполнявших работы по договорам гражданско-правового характера»; line 01 «Всего». The records keep
no civil contracts, so column 4 stays empty and column 1 adds columns 2 and 3. The list's headcount
at the end of the period is not a column of that section: it is given beside the form, unnumbered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kadry.reports.composition_rules import AGE_BANDS, SERVICE_BANDS


@dataclass(frozen=True)
class Line:
    code: str
    label: str
    # Which people the line counts: by the category of the main position, and (for the lines «из
    # них») by the beginning of its name. An empty category is every category of the list.
    categories: tuple[str, ...] = ()
    name_starts: tuple[str, ...] = ()
    name_excludes: tuple[str, ...] = ()
    external: bool = False  # the external part-timers' line (not in the list, not in the total)

    def counts(self, category: str, position_name: str, *, external: bool) -> bool:
        """Return whether a person whose main position is ``category``/``position_name`` is on this line."""
        if external != self.external:
            return False
        if self.categories and category not in self.categories:
            return False
        name = position_name.strip().lower()
        if self.name_starts and not any(name.startswith(start) for start in self.name_starts):
            return False
        return not any(name.startswith(excluded) for excluded in self.name_excludes)


@dataclass(frozen=True)
class Column:
    number: str
    label: str


# Position.Category values (kadry/staff/models/structure.py).
MANAGEMENT = "management"
PEDAGOGICAL = "pedagogical"
ALL_CATEGORIES = (MANAGEMENT, PEDAGOGICAL, "educational_support", "administrative", "service")

# Lines 01–04 as checked (the edition until 2016/17); 05–11 in the order of its structure (see above).
OO1_LINES: tuple[Line, ...] = (
    Line("01", "Руководящие работники — всего", (MANAGEMENT,)),
    Line("02", "из них: директор", (MANAGEMENT,), ("директор",)),
    Line("03", "заместители директора", (MANAGEMENT,), ("заместитель директора",)),
    Line("04", "руководитель филиала", (MANAGEMENT,), ("руководитель филиала", "заведующий филиалом")),
    Line("05", "Педагогические работники — всего", (PEDAGOGICAL,)),
    # «Учитель», «учитель математики», not «учитель-логопед» or «учитель-дефектолог» (own lines of the form).
    Line("06", "из них учителя", (PEDAGOGICAL,), ("учитель",), ("учитель-",)),
    Line("07", "Учебно-вспомогательный персонал", ("educational_support",)),
    Line("08", "Административно-хозяйственный персонал", ("administrative",)),
    Line("09", "Обслуживающий персонал", ("service",)),
    Line("10", "Численность работников — всего (сумма строк 01, 05, 07–09)", (*ALL_CATEGORIES, "")),
    Line("11", "Кроме того, внешние совместители", external=True),
)
TOTAL_LINE = "10"

OO1_STAFF_COLUMNS: tuple[Column, ...] = (
    Column("1", "Наименование показателей"),
    Column("2", "№ строки"),
    Column("3", "Всего, человек"),
    Column("4", "из них женщины"),
    Column("5", "Имеют высшее образование"),
    Column("6", "Имеют среднее профессиональное образование"),
    Column("7", "Высшая квалификационная категория"),
    Column("8", "Первая квалификационная категория"),
    Column("9", "Педагог-методист, педагог-наставник"),
    Column("10", "Штатных единиц (ставок) по штатному расписанию"),
    Column("11", "из них вакантных"),
)
# Employee.QualificationCategory values by column; staff/models/employee.py (Приказ Минпросвещения № 196).
QUALIFICATION_COLUMNS = {"highest": 7, "first": 8, "methodist": 9, "mentor": 9}

OO1_SERVICE_COLUMNS: tuple[Column, ...] = (
    Column("1", "Наименование показателей"),
    Column("2", "№ строки"),
    Column("3", "Всего, человек (сумма гр. 4–9)"),
    *(Column(str(4 + index), f"Общий стаж: {label}") for index, (_lower, label) in enumerate(SERVICE_BANDS)),
    Column("10", "Имеют педагогический стаж — всего (сумма гр. 11–16)"),
    *(Column(str(11 + index), f"Педагогический стаж: {label}") for index, (_lower, label) in enumerate(SERVICE_BANDS)),
    Column("17", "Не имеют педагогического стажа"),
)

OO1_AGE_COLUMNS: tuple[Column, ...] = (
    Column("1", "Наименование показателей"),
    Column("2", "№ строки"),
    Column("3", "Всего (сумма гр. 4, 6, …, 22)"),
    *(
        column
        for index, (_lower, label) in enumerate(AGE_BANDS)
        for column in (Column(str(4 + 2 * index), f"{label}: всего"), Column(str(5 + 2 * index), f"{label}: женщины"))
    ),
)


def oo1_age_day(on: dt.date) -> dt.date:
    """Return the day the ОО-1 reckons ages on: 1 January of the year after the report's (the 2014/15 edition)."""
    return dt.date(on.year + 1, 1, 1)


# ОО-1 reports at the beginning of the academic year. The page's default day (a user may choose
# another) is 20 September, the day a vendor's guide to the report (bar812.ru) says it is formed on;
# not checked in the form itself.
OO1_DAY = (9, 20)


def oo1_default_day(today: dt.date) -> dt.date:
    """Return the last 20 September on or before ``today``."""
    day = dt.date(today.year, *OO1_DAY)
    return day if day <= today else dt.date(today.year - 1, *OO1_DAY)


P4_LINES: tuple[tuple[str, str], ...] = (("01", "Всего по организации"),)
P4_COLUMNS: tuple[Column, ...] = (
    Column("А", "Наименование"),
    Column("Б", "№ строки"),
    Column("1", "Средняя численность работников — всего (сумма граф 2, 3, 4)"),
    Column("2", "Работников списочного состава (без внешних совместителей): среднесписочная численность"),
    Column("3", "Внешних совместителей: средняя численность"),
    Column("4", "Работников, выполнявших работы по договорам гражданско-правового характера"),
    Column("", "Справочно: списочная численность на конец периода"),
)
