"""The quarter's report the deputy director receives: one context for the page, the PDF, the DOCX and the XLSX.

Built from the analysis (kadry.grades.rules) of what the queries read; pure of requests.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

from kadry.grades.models import Mark
from kadry.grades.queries import ClassTerm
from kadry.grades.rules import CATEGORY_LABELS, Category
from kadry.lib.documents import render_docx, render_pdf
from kadry.lib.numbers import decimal_comma
from kadry.lib.xlsx import sections_to_xlsx
from kadry.school.models import Student

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates_docx"
SHOWN_CATEGORIES = (
    Category.EXCELLENT,
    Category.GOOD,
    Category.ONE_THREE,
    Category.SATISFACTORY,
    Category.FAILING,
    Category.NOT_ATTESTED,
)
MARK_COLUMNS = (Mark.FIVE, Mark.FOUR, Mark.THREE, Mark.TWO, Mark.NOT_ATTESTED)


def figure(value: Any) -> str:
    return "—" if value is None else decimal_comma(value)


@dataclass(frozen=True)
class Line:
    """A named list of the report: a category and its students with what decides it."""

    key: str
    label: str
    students: list[tuple[Student, str]]  # student, the subjects that decide it («математика (2)»)


@dataclass(frozen=True)
class Table:
    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Any]]
    note: str = ""


def class_report(term: ClassTerm, names: dict[int, Student]) -> dict[str, Any]:
    """Return the report's context: the figures, the categories with their students, the subjects."""
    analysis = term.analysis
    lines = []
    for category in SHOWN_CATEGORIES:
        students = []
        for result in analysis.of(category):
            if category == Category.FAILING:
                detail = ", ".join(f"{subject} ({mark})" for subject, mark in result.debts)
            elif category in (Category.ONE_THREE, Category.SATISFACTORY):
                detail = ", ".join(result.threes)
            else:
                detail = ""
            students.append((names[result.student_id], detail))
        students.sort(key=lambda pair: (pair[0].last_name, pair[0].first_name, pair[0].pk))
        lines.append(Line(category.value, CATEGORY_LABELS[category], students))
    subjects = [
        {
            "name": s.subject,
            "graded": s.graded,
            "counts": [s.counts.get(mark, 0) for mark in MARK_COLUMNS],
            "average": figure(s.average),
            "quality": figure(s.quality),
            "success": figure(s.success),
        }
        for s in analysis.subjects
    ]
    comparison = term.comparison
    return {
        "school_class": term.school_class,
        "term": term.term,
        "term_label": str(term.term.label),
        "analysis": analysis,
        "lines": lines,
        "subjects": subjects,
        "mark_columns": [str(mark.label) for mark in MARK_COLUMNS],
        "quality": figure(analysis.quality),
        "success": figure(analysis.success),
        "previous_quality": figure(comparison.quality.previous),
        "previous_success": figure(comparison.success.previous),
        "quality_change": comparison.quality,
        "success_change": comparison.success,
        "has_previous": term.previous is not None,
    }


def _change(trend: Any) -> str:
    if trend.difference is None:
        return "—"
    return f"{trend.arrow} {decimal_comma(trend.difference, places=1, signed=True)}"


def class_tables(context: dict[str, Any]) -> list[Table]:
    """Return the report as tables (the XLSX's sections)."""
    analysis = context["analysis"]
    summary = Table(
        "Итоги",
        ["Показатель", "Значение", "Предыдущий период", "Изменение"],
        [
            ["Обучающихся", analysis.students, "", ""],
            ["Аттестовано", analysis.attested, "", ""],
            ["Качество знаний, %", context["quality"], context["previous_quality"], _change(context["quality_change"])],
            ["Успеваемость, %", context["success"], context["previous_success"], _change(context["success_change"])],
        ],
        "Качество = (отличники + хорошисты) / аттестованные × 100; успеваемость = аттестованные без «2», "
        "«незачёт» и «н/а» / аттестованные × 100; до десятых.",
    )
    categories = Table(
        "Обучающиеся по итогам периода",
        ["Группа", "Количество", "Обучающиеся"],
        [
            [
                line.label,
                len(line.students),
                "; ".join(f"{s}{f' — {detail}' if detail else ''}" for s, detail in line.students),
            ]
            for line in context["lines"]
        ],
    )
    subjects = Table(
        "По предметам",
        ["Предмет", "Аттестовано", *context["mark_columns"], "Средний балл", "Качество, %", "Успеваемость, %"],
        [[s["name"], s["graded"], *s["counts"], s["average"], s["quality"], s["success"]] for s in context["subjects"]],
    )
    return [summary, categories, subjects]


def class_title(context: dict[str, Any]) -> str:
    return f"Успеваемость {context['school_class']} класса, {context['term_label']}"


def class_xlsx(context: dict[str, Any]) -> bytes:
    return sections_to_xlsx(class_title(context), class_tables(context))


def class_pdf(context: dict[str, Any]) -> bytes:
    return render_pdf(render_to_string("grades/print/class_report.html", context))


def class_docx(context: dict[str, Any], *, organisation: str, teacher: str) -> bytes:
    """Return the report as DOCX (docxtpl template built by kadry.grades.build_templates)."""
    docx_context = {
        "organisation": organisation,
        "school_class": str(context["school_class"]),
        "term": context["term_label"],
        "year": str(context["school_class"].academic_year),
        "students": context["analysis"].students,
        "attested": context["analysis"].attested,
        "quality": context["quality"],
        "success": context["success"],
        "previous_quality": context["previous_quality"],
        "previous_success": context["previous_success"],
        "lines": [
            {
                "label": line.label,
                "count": len(line.students),
                "names": "; ".join(f"{s}{f' — {detail}' if detail else ''}" for s, detail in line.students),
            }
            for line in context["lines"]
        ],
        "subjects": [
            {
                "name": s["name"],
                "average": s["average"],
                "quality": s["quality"],
                "success": s["success"],
                "counts": " / ".join(str(n) for n in s["counts"]),
            }
            for s in context["subjects"]
        ],
        "teacher": teacher,
    }
    return render_docx(TEMPLATES_DIR / "class_report.docx", docx_context)


SUMMARY_CATEGORIES = (
    Category.EXCELLENT,
    Category.GOOD,
    Category.ONE_THREE,
    Category.SATISFACTORY,
    Category.FAILING,
    Category.NOT_ATTESTED,
)


NO_MARKS = "отметок за период нет"


def _summary_row(name: str, analysis: Any, previous: Any) -> list[Any]:
    if not analysis.attested and analysis.students:
        # Not in the total (kadry.grades.queries.school_summary): no marks are not «not attested».
        return [name, analysis.students, NO_MARKS, *([""] * (len(SUMMARY_CATEGORIES) + 2)), figure(previous)]
    counts = [analysis.counts[category] for category in SUMMARY_CATEGORIES]
    return [name, analysis.students, analysis.attested, *counts, figure(analysis.quality), figure(analysis.success),
            figure(previous)]  # fmt: skip


def summary_tables(rows: Sequence[Any], totals: Any) -> list[Table]:
    """Return the school summary as one table: a row per class and the school's total."""
    headers = [
        "Класс", "Обучающихся", "Аттестовано", "Отличники", "Хорошисты", "С одной «3»", "Троечники",
        "Неуспевающие", "Не аттестованы", "Качество, %", "Успеваемость, %", "Качество в пред. периоде, %",
    ]  # fmt: skip
    body = [_summary_row(str(row.school_class), row.analysis, row.comparison.quality.previous) for row in rows]
    body.append(_summary_row("Всего", totals, None))
    return [Table("Классы", headers, body)]
