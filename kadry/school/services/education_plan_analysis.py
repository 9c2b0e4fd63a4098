"""The draft of the yearly analysis of educational work (regulation §6.5, §7.3), filled in from Kadry's figures.

§7.3: the class teacher «представляет заместителю директора по воспитательной работе письменный анализ
результативности воспитательной работы с классом (раз в год)». What Kadry holds of the year goes into
the draft as numbers — class hours, parent meetings (§6.7: one a quarter), events held and who took
part, attendance, the grades' quality and success when the electronic journal's grades are loaded
(kadry.school.performance), clubs, self-government and the competitions' results (§4.16) — and the
plan's activities by direction; the teacher writes the conclusions and saves the text.
A fixed number of queries: the year's analysis (per period) and one query of the competitions.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from kadry.lib.dates import short_date
from kadry.lib.numbers import decimal_comma
from kadry.lib.text import counted
from kadry.school.models import Activity, EducationPlan, EducationPlanItem, Enrollment, SchoolClass
from kadry.school.queries.criteria import YearAnalysis, year_analysis


@dataclass(frozen=True)
class Figure:
    label: str
    value: str


@dataclass(frozen=True)
class AnalysisDraft:
    """The figures of the year and the text made of them; the teacher edits the text."""

    analysis: YearAnalysis
    figures: list[Figure]
    text: str


def _pct(value: Decimal | None) -> str:
    return "—" if value is None else f"{decimal_comma(value)} %"


def _competitions(school_class: SchoolClass, start: dt.date, end: dt.date) -> list[tuple[str, str]]:
    """Return (level label, placement) of the year's competition results of the class's students (one query)."""
    students = Enrollment.objects.filter(
        organisation_id=school_class.organisation_id, school_class=school_class
    ).values("student_id")
    rows = Activity.objects.filter(
        organisation_id=school_class.organisation_id,
        student_id__in=students,
        kind=Activity.Kind.COMPETITION,
        start__range=(start, end),
    ).values_list("level", "placement")
    levels = dict(Activity.Level.choices)
    return [(str(levels.get(level, "уровень не указан")), placement) for level, placement in rows]


def _plan_sentence(plan: EducationPlan | None, items: list[EducationPlanItem]) -> str:
    if plan is None or not items:
        return "План воспитательной работы в Kadry не составлен."
    directions = Counter(item.get_direction_display() for item in items)
    listed = "; ".join(f"{name} — {count}" for name, count in directions.most_common())
    state = (
        f"утверждён {short_date(plan.decided_at.date())}"
        if plan.approved and plan.decided_at
        else plan.get_status_display()
    )
    return (
        f"План воспитательной работы (редакция {plan.version}, {state}) включал "
        f"{counted(len(items), 'мероприятие', 'мероприятия', 'мероприятий')} по направлениям: {listed}."
    )


def analysis_draft(
    school_class: SchoolClass, *, today: dt.date, plan: EducationPlan | None, items: list[EducationPlanItem]
) -> AnalysisDraft:
    """Return the year's figures of the class and the draft text of the analysis made of them."""
    analysis = year_analysis(school_class, today=today)
    year = school_class.academic_year
    results = _competitions(school_class, year.start, min(year.end, max(today, year.start)))
    placements = Counter(placement for _level, placement in results)
    by_level = Counter(level for level, _placement in results)
    meetings_by_period = ", ".join(f"{row.period.number}-я — {row.meetings}" for row in analysis.rows)
    graded = [row for row in analysis.rows if row.criteria.quality is not None or row.criteria.success is not None]
    criteria = analysis.year

    figures = [
        Figure("Обучающихся в классе", str(analysis.figures.students)),
        Figure(
            "Классных часов проведено / отменено", f"{analysis.class_hours_held} / {analysis.class_hours_cancelled}"
        ),
        Figure("Родительских собраний", str(analysis.meetings)),
        Figure("Внеклассных мероприятий проведено", str(analysis.events_held)),
        Figure("Участвовали в мероприятиях", _pct(criteria.events)),
        Figure("Посещаемость учебных занятий", _pct(criteria.attendance)),
        Figure("Качество знаний за год", _pct(criteria.quality)),
        Figure("Успеваемость за год", _pct(criteria.success)),
        Figure("Заняты во внеурочной деятельности", _pct(criteria.clubs)),
        Figure("Участвуют в ученическом самоуправлении", _pct(criteria.self_government)),
        Figure("Результатов в конкурсах и олимпиадах", str(len(results))),
    ]

    paragraphs = [
        f"Анализ воспитательной работы в {school_class} классе за {year} учебный год "
        f"(на {short_date(min(today, year.end))}).",
        f"В классе {counted(analysis.figures.students, 'обучающийся', 'обучающихся', 'обучающихся')}. "
        + _plan_sentence(plan, items),
        f"Проведено классных часов: {analysis.class_hours_held}"
        + (f" (отменено: {analysis.class_hours_cancelled})" if analysis.class_hours_cancelled else "")
        + f"; родительских собраний: {analysis.meetings}"
        + (f" (по четвертям: {meetings_by_period})" if analysis.rows else "")
        + f"; внеклассных мероприятий: {analysis.events_held}, в них участвовали {_pct(criteria.events)} обучающихся.",
    ]
    if analysis.quarters_without_meeting:
        missing = ", ".join(str(period) for period in analysis.quarters_without_meeting)
        paragraphs.append(f"Без родительского собрания прошли: {missing} (п. 6.7 положения — не реже раза в четверть).")
    paragraphs.append(f"Посещаемость учебных занятий за год: {_pct(criteria.attendance)}.")
    if criteria.quality is not None or criteria.success is not None:
        paragraphs.append(
            f"По итогам года качество знаний — {_pct(criteria.quality)}, успеваемость — {_pct(criteria.success)}."
        )
    if graded:
        paragraphs.append(
            "По периодам: "
            + "; ".join(
                f"{row.period}: качество {_pct(row.criteria.quality)}, успеваемость {_pct(row.criteria.success)}"
                for row in graded
            )
            + "."
        )
    paragraphs.append(
        f"Во внеурочной деятельности заняты {_pct(criteria.clubs)} обучающихся, "
        f"в ученическом самоуправлении участвуют {_pct(criteria.self_government)}."
    )
    if results:
        levels = ", ".join(f"{level} — {count}" for level, count in by_level.most_common())
        paragraphs.append(
            f"В конкурсах, соревнованиях и олимпиадах — {counted(len(results), 'результат', 'результата', 'результатов')} "
            f"(по уровням: {levels}); победителей — {placements[Activity.Placement.WINNER]}, "
            f"призёров — {placements[Activity.Placement.PRIZE_WINNER]}."
        )
    else:
        paragraphs.append("Результатов участия в конкурсах и олимпиадах не записано.")
    paragraphs.append("Выводы: …")
    paragraphs.append("Задачи на следующий учебный год: …")
    return AnalysisDraft(analysis=analysis, figures=figures, text="\n\n".join(paragraphs))
