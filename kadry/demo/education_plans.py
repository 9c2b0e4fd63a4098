"""The demo lyceum's plans of educational work on 20 November 2026 (regulation on class teachers, §7.1).

Most classes of grades 1–9 had their plans approved by the deputy director in the second week of
September; 6А sent its plan last week and waits for her decision (her home page shows it); 7Б — the
demo class teacher's — had its plan returned with a comment to add career guidance and work with
parents; 8Б is still a draft; the senior classes have not written theirs yet. Items come from a
catalogue of the year's usual activities by month and direction, drawn from a seed.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from kadry.core.models import Membership, Organisation
from kadry.school.models import EducationPlan, EducationPlanItem, SchoolClass

D = dt.date
SEED = 711
Direction = EducationPlanItem.Direction
# month → (direction, title, form, responsible), the lyceum's usual year (the school's calendar of events).
CATALOGUE: dict[int, tuple[tuple[str, str, str, str], ...]] = {
    9: (
        (Direction.CIVIC_PATRIOTIC, "День знаний. «Разговоры о важном»", "классный час", "классный руководитель"),
        (Direction.SAFETY, "Инструктажи по ТБ, ПДД, пожарной безопасности", "инструктаж", "классный руководитель"),
        (
            Direction.SELF_GOVERNMENT,
            "Выборы актива класса, распределение поручений",
            "классное собрание",
            "актив класса",
        ),
        (Direction.PARENTS, "Родительское собрание «Задачи нового учебного года»", "собрание", "классный руководитель"),
        (
            Direction.INDIVIDUAL,
            "Изучение семей, социальный паспорт класса",
            "анкетирование",
            "классный руководитель, социальный педагог",
        ),
    ),
    10: (
        (Direction.MORAL, "День учителя: поздравление педагогов", "акция", "актив класса"),
        (Direction.HEALTH, "Осенний кросс", "соревнование", "учитель физической культуры"),
        (
            Direction.CIVIC_PATRIOTIC,
            "Экскурсия в краеведческий музей",
            "экскурсия",
            "классный руководитель, родительский комитет",
        ),
        (Direction.STUDY, "Итоги первой четверти с учителями-предметниками", "малый педсовет", "классный руководитель"),
    ),
    11: (
        (Direction.CIVIC_PATRIOTIC, "День народного единства", "классный час", "классный руководитель"),
        (Direction.MORAL, "День матери: праздник для мам", "классный праздник", "актив класса, родительский комитет"),
        (Direction.PREVENTION, "Безопасность в сети: профилактика интернет-зависимости", "беседа", "педагог-психолог"),
        (Direction.COLLECTIVE, "Тренинг «Мы — команда»", "тренинг", "педагог-психолог"),
    ),
    12: (
        (Direction.CIVIC_PATRIOTIC, "День Героев Отечества", "урок мужества", "классный руководитель"),
        (Direction.CREATIVE, "Мастерская Деда Мороза: украшаем класс", "творческое дело", "актив класса"),
        (Direction.PARENTS, "Родительское собрание «Итоги первого полугодия»", "собрание", "классный руководитель"),
        (Direction.SAFETY, "Инструктаж: безопасность на зимних каникулах", "инструктаж", "классный руководитель"),
    ),
    1: (
        (Direction.HEALTH, "Лыжня России", "соревнование", "учитель физической культуры"),
        (Direction.CIVIC_PATRIOTIC, "«Блокадный хлеб»: урок памяти", "классный час", "классный руководитель"),
    ),
    2: (
        (
            Direction.CIVIC_PATRIOTIC,
            "День защитника Отечества: встреча с ветеранами",
            "встреча",
            "классный руководитель",
        ),
        (Direction.MORAL, "Масленица", "праздник", "актив класса, родительский комитет"),
        (Direction.CAREER, "Профессии наших родителей", "классный час", "родительский комитет"),
    ),
    3: (
        (Direction.MORAL, "Праздник 8 Марта", "классный праздник", "актив класса"),
        (Direction.PARENTS, "Родительское собрание «Итоги третьей четверти»", "собрание", "классный руководитель"),
        (
            Direction.PREVENTION,
            "Правовой всеобуч: ответственность несовершеннолетних",
            "беседа с инспектором ПДН",
            "социальный педагог",
        ),
    ),
    4: (
        (Direction.CIVIC_PATRIOTIC, "День космонавтики: «Гагаринский урок»", "классный час", "классный руководитель"),
        (Direction.CREATIVE, "Весенняя неделя добра", "акция", "актив класса"),
        (Direction.CAREER, "Экскурсия на предприятие города", "экскурсия", "классный руководитель"),
    ),
    5: (
        (Direction.CIVIC_PATRIOTIC, "День Победы: «Бессмертный полк», Вахта памяти", "акция", "классный руководитель"),
        (Direction.PARENTS, "Итоговое родительское собрание", "собрание", "классный руководитель"),
        (Direction.SAFETY, "Инструктаж: безопасность на летних каникулах", "инструктаж", "классный руководитель"),
        (Direction.COLLECTIVE, "Итоги года: праздник класса", "классный праздник", "актив класса"),
    ),
}
GOALS = (
    "Цель: создание условий для саморазвития и самореализации обучающихся, их успешной социализации.\n"
    "Задачи: сплочение коллектива класса; формирование здорового образа жизни; гражданско-патриотическое "
    "и нравственное воспитание; вовлечение родителей в жизнь класса."
)
RETURN_COMMENT = (
    "В плане нет мероприятий по профориентации и ни одного родительского собрания. "
    "Добавьте, пожалуйста, и отправьте план снова."
)
APPROVED_GRADES = range(1, 10)
SUBMITTED, RETURNED, DRAFT = (6, "А"), (7, "Б"), (8, "Б")


def _items(
    rng: random.Random, plan: EducationPlan, year_start: dt.date, *, drop: frozenset[str]
) -> list[EducationPlanItem]:
    rows = []
    for month, entries in CATALOGUE.items():
        for direction, title, form, responsible in entries:
            if direction in drop or rng.random() < 0.15:
                continue
            year = year_start.year if month >= 9 else year_start.year + 1
            date = D(year, month, rng.randint(3, 26)) if rng.random() < 0.4 else None
            rows.append(
                EducationPlanItem(
                    organisation_id=plan.organisation_id,
                    plan=plan,
                    direction=direction,
                    month=month,
                    title=title,
                    form=form,
                    responsible=responsible,
                    date=date,
                )
            )
    return rows


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC)


def build_education_plans(organisation: Organisation, authors: dict[int, Any]) -> None:
    """Give the lyceum's classes their plans in the states described above (in bulk, deterministic)."""
    rng = random.Random(SEED)
    deputy = (
        Membership.objects.filter(organisation=organisation, role=Membership.Role.DEPUTY_DIRECTOR)
        .select_related("user")
        .first()
    )
    if deputy is None:
        return
    classes = list(
        SchoolClass.objects.filter(organisation=organisation)
        .filter(grade__in=APPROVED_GRADES)
        .select_related("academic_year")
        .order_by("grade", "letter")
    )
    plans, items = [], []
    for number, school_class in enumerate(classes):
        key = (school_class.grade, school_class.letter)
        # Only the demo's 7Б has its class teacher's login; the others' plans were sent on paper.
        author = authors[school_class.pk] if authors[school_class.pk].pk != deputy.user_id else None
        sent = D(2026, 9, 7) + dt.timedelta(days=number % 4)
        plan = EducationPlan(
            organisation=organisation,
            school_class=school_class,
            goals=GOALS,
            status=EducationPlan.Status.APPROVED,
            submitted_at=_at(sent, 7),
            submitted_by=author,
            decided_at=_at(sent + dt.timedelta(days=3), 9),
            decided_by=deputy.user,
        )
        drop: frozenset[str] = frozenset()
        if key == SUBMITTED:
            plan.status, plan.decided_at, plan.decided_by = EducationPlan.Status.SUBMITTED, None, None
            plan.submitted_at = _at(D(2026, 11, 17), 8)
        elif key == RETURNED:
            plan.status, plan.return_comment = EducationPlan.Status.RETURNED, RETURN_COMMENT
            plan.submitted_at, plan.decided_at = _at(D(2026, 11, 12), 8), _at(D(2026, 11, 16), 10)
            drop = frozenset({Direction.CAREER, Direction.PARENTS})
        elif key == DRAFT:
            plan.status, plan.submitted_at, plan.submitted_by = EducationPlan.Status.DRAFT, None, None
            plan.decided_at, plan.decided_by = None, None
        plans.append((plan, drop))
    EducationPlan.objects.bulk_create([plan for plan, _drop in plans])
    for plan, drop in plans:
        items += _items(rng, plan, plan.school_class.academic_year.start, drop=drop)
    EducationPlanItem.objects.bulk_create(items)
