"""The placeholders of the class's documents, with what they mean (mirrors the contexts in ``documents.py``).

These templates are shipped only (no upload yet), but they are checked against these lists like an
organisation's upload (``kadry.lib.docx_template``): the lists are ready for the day they become
replaceable, and a test keeps them and the templates in step.
"""

from __future__ import annotations

from kadry.lib.docx_template import Fields, rows

_CLASS: Fields = {
    "organisation": "наименование организации",
    "school_class": "класс («5А»)",
    "year": "учебный год («2025/2026»)",
}

SOCIAL_PASSPORT: Fields = (
    _CLASS
    | {
        "on": "дата, на которую составлен паспорт",
        "students": "число обучающихся",
        "boys": "из них мальчиков",
        "girls": "из них девочек",
        "with_any": "число обучающихся хотя бы одной социальной категории",
    }
    | rows("health", "группы здоровья", {"group": "группа здоровья", "count": "число обучающихся"})
    | rows(
        "lines",
        "социальные категории",
        {"label": "категория", "count": "число обучающихся", "names": "фамилии и имена (в именном паспорте)"},
    )
    | {"named": "непусто, если паспорт именной (для {% if named %})"}
)

CHARACTERISTIC: Fields = {
    "organisation": "наименование организации",
    "student": "фамилия, имя, отчество обучающегося",
    "birth_date": "дата рождения",
    "school_class": "класс",
    "purpose": "для предоставления куда",
    "requested_by": "кто запросил характеристику",
    "date": "дата выдачи (или запроса)",
    "teacher": "классный руководитель (подпись)",
} | rows("paragraphs", "текст характеристики по абзацам")

EDUCATION_PLAN: Fields = (
    _CLASS
    | {
        "version": "номер редакции плана (1; корректировка — 2)",
        "half_year": "с какого полугодия действует редакция",
        "status": "состояние плана («утверждён», «на утверждении»…)",
        "approved": "непусто, если план утверждён (для {% if approved %})",
        "approver": "кто утвердил: фамилия и инициалы",
        "approver_position": "должность утвердившего",
        "approved_on": "дата утверждения",
    }
    | rows("goals", "цели и задачи по абзацам")
    | rows("directions", "пояснения к плану по абзацам")
    | rows(
        "items",
        "мероприятия плана по месяцам",
        {
            "month": "месяц (в первой строке месяца)",
            "direction": "направление воспитательной работы",
            "title": "мероприятие",
            "form": "форма проведения, содержание",
            "responsible": "ответственные",
            "date": "дата (если назначена)",
        },
    )
    | rows("analysis", "анализ работы за год по абзацам")
    | rows(
        "rows",
        "показатели по периодам",
        {
            "period": "период (четверть, полугодие)",
            "attendance": "посещаемость, %",
            "meetings": "родительских собраний",
            "hours_held": "классных часов проведено",
            "hours_cancelled": "классных часов отменено",
            "events": "мероприятий проведено",
            "clubs": "занятость во внеурочной деятельности, %",
        },
    )
    | {
        "attendance": "посещаемость за год, %",
        "clubs": "занятость во внеурочной деятельности за год, %",
        "events_share": "участие в мероприятиях за год, %",
        "self_government": "участие в самоуправлении за год, %",
        "meetings": "родительских собраний за год",
        "hours_held": "классных часов проведено за год",
        "hours_cancelled": "классных часов отменено за год",
        "events": "мероприятий проведено за год",
    }
)

# The act on an accident with a student (Приказ Минобрнауки России от 27.06.2017 № 602, приложение № 3): one
# act per injured student, the incident's points shared.
INCIDENT_ACT: Fields = (
    {
        "number": "номер акта",
        "hour": "час несчастного случая",
        "minute": "минуты",
        "day": "дата несчастного случая",
        "organisation": "организация и её адрес",
        "school_class": "класс пострадавших",
        "place": "место несчастного случая",
        "during": "во время чего произошёл (урок, перемена, мероприятие)",
        "injuries": "характер повреждений",
        "first_aid": "оказанная первая помощь и вызов скорой помощи",
        "witnesses": "очевидцы",
        "days_off": "освобождение от занятий, дней (пусто, если не записано)",
        "act_date": "дата составления акта",
    }
    | rows("commission", "председатель и члены комиссии по строкам")
    | rows(
        "acts",
        "акты по пострадавшим",
        {
            "student": "фамилия, имя, отчество пострадавшего",
            "sex": "пол",
            "birth_date": "дата рождения",
        },
    )
    | rows("acts[].briefings", "инструктажи пострадавшего по строкам")
    | rows("description", "обстоятельства по абзацам")
    | rows("causes", "причины по строкам")
    | rows("responsible", "лица, допустившие нарушения, по строкам")
    | rows("measures", "мероприятия по устранению причин по строкам")
)

# The additional agreement to the labour contract on class leadership (regulation §1.6).
CLASS_TEACHER_AGREEMENT: Fields = {
    "number": "номер дополнительного соглашения",
    "contract": "трудовой договор (номер и дата)",
    "date": "дата соглашения",
    "organisation": "наименование организации",
    "teacher": "фамилия, имя, отчество работника",
    "teacher_short": "фамилия и инициалы работника",
} | rows("clauses", "пункты соглашения по абзацам")

PLACEHOLDERS: dict[str, Fields] = {
    "social_passport": SOCIAL_PASSPORT,
    "characteristic": CHARACTERISTIC,
    "education_plan": EDUCATION_PLAN,
    "incident_act": INCIDENT_ACT,
    "class_teacher_agreement": CLASS_TEACHER_AGREEMENT,
}
