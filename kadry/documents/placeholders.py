"""The placeholders each kind of document provides, with what they mean: the allowlist of an uploaded template.

Each list mirrors a context builder (``contexts.py``, ``order_contexts.py``, ``record_contexts.py``):
an uploaded template may use these paths and nothing else (``kadry.lib.docx_template``), and the
templates page shows them. Tests keep both ends honest: every shipped template passes the check, and
every name a context builder gives is listed here.

A path is ``name``, ``name.field`` or, for a list walked by ``{% for row in name %}``, ``name[]`` (the
row) and ``name[].field`` (``{{ row.field }}``).
"""

from __future__ import annotations

from kadry.documents.models import DocumentTemplate
from kadry.lib.docx_template import Fields, group, rows

Kind = DocumentTemplate.Kind


ORGANISATION: Fields = {
    "name": "полное наименование организации",
    "short_name": "сокращённое наименование",
    "name_prepositional": "полное наименование в предложном падеже («в … школе»)",
    "inn": "ИНН организации",
    "ogrn": "ОГРН организации",
    "address": "адрес организации",
    "requisites": "реквизиты одной строкой: «ИНН …, ОГРН …»",
}

EMPLOYEE: Fields = {
    "full_name": "фамилия, имя, отчество",
    "short_name": "фамилия и инициалы",
    "last_name": "фамилия",
    "first_name": "имя",
    "middle_name": "отчество",
    "personnel_number": "табельный номер",
    "alphabet": "первая буква фамилии (алфавит в карточке Т-2)",
    "sex": "пол словом",
    "sex_letter": "пол одной буквой: М или Ж",
    "birth_date": "дата рождения (ДД.ММ.ГГГГ)",
    "birth_date_long": "дата рождения словами («5 мая 1985 г.»)",
    "birth_place": "место рождения",
    "citizenship": "гражданство",
    "inn": "ИНН работника",
    "snils": "СНИЛС",
    "marital_status": "семейное положение",
    "id_doc_kind": "вид документа, удостоверяющего личность",
    "id_doc_series": "серия документа",
    "id_doc_number": "номер документа",
    "id_doc_issued_by": "кем выдан документ",
    "id_doc_issued_on": "дата выдачи документа",
    "id_doc_issuer_code": "код подразделения",
    "id_document": "документ, удостоверяющий личность, одной строкой",
    "registration_address": "адрес регистрации",
    "registration_date": "дата регистрации",
    "actual_address": "адрес фактического места жительства",
    "phone": "телефоны",
    "email": "адрес электронной почты",
    "qualification_category": "квалификационная категория",
    "qualification_category_date": "дата присвоения категории",
    "work_book": "трудовая книжка (бумажная или электронная)",
    "name_genitive": "ФИО в родительном падеже («Ивановой Марии Петровны»)",
    "name_dative": "ФИО в дательном падеже («Ивановой Марии Петровне»)",
    "initials_dative": "фамилия и инициалы в дательном падеже",
    "signature_name": "инициалы и фамилия для подписи («М. П. Иванова»)",
}

ASSIGNMENT: Fields = {
    "start": "дата начала работы в должности",
    "end": "дата окончания (пусто, если работает)",
    "department": "структурное подразделение",
    "position": "должность",
    "position_genitive": "должность в родительном падеже",
    "rate": "ставка («1», «0,5»)",
    "salary": "оклад с учётом ставки («35 000,00 руб.»)",
    "kind": "вид работы (основное место работы, совместительство)",
    "basis": "основание (приказ)",
}

_ISSUED = {
    "issued_on": "дата выдачи (ДД.ММ.ГГГГ)",
    "issued_on_long": "дата выдачи словами («15 января 2025 г.»)",
}

PERSONAL_CARD_T2: Fields = (
    group("organisation", "организация", ORGANISATION)
    | {"today": "дата составления карточки (ДД.ММ.ГГГГ)", "today_long": "дата составления карточки словами"}
    | group("employee", "работник", EMPLOYEE)
    | {
        "work_kind": "характер работы: «основная» или «по совместительству»",
        "acquainted": "«ознакомлен» или «ознакомлена» по полу работника",
    }
    | rows("languages", "владение иностранными языками", {"language": "язык", "level": "степень владения"})
    | rows(
        "education",
        "образование",
        {
            "level": "уровень образования",
            "institution": "учебное заведение",
            "document": "документ об образовании: название, серия, номер",
            "graduation_year": "год окончания",
            "specialty": "специальность",
            "qualification": "квалификация",
        },
    )
    | rows(
        "previous_names",
        "прежние фамилии",
        {"name": "прежние фамилия, имя, отчество", "changed_on": "дата изменения", "reason": "причина"},
    )
    | rows(
        "family",
        "состав семьи",
        {"relation": "степень родства", "full_name": "фамилия, имя, отчество", "birth_year": "год рождения"},
    )
    | rows(
        "prior_jobs",
        "прежние места работы",
        {"employer": "организация", "position": "должность", "start": "дата начала", "end": "дата окончания"},
    )
    | group(
        "military",
        "воинский учёт",
        {
            "present": "«yes», если сведения о воинском учёте есть (для {% if military.present %})",
            "reserve_category": "категория запаса",
            "rank": "воинское звание",
            "composition": "состав (профиль)",
            "specialty_code": "военно-учётная специальность",
            "fitness": "категория годности",
            "commissariat": "военный комиссариат",
            "special_registration": "состоит на специальном учёте",
            "deregistered_on": "дата снятия с учёта",
            "deregistration_reason": "причина снятия с учёта",
        },
    )
    | rows("assignments", "приём на работу и переводы", ASSIGNMENT)
    | rows(
        "trainings",
        "повышение квалификации",
        {
            "start": "дата начала",
            "end": "дата окончания",
            "program": "программа",
            "institution": "учебное заведение",
            "hours": "количество часов",
            "document": "документ (удостоверение)",
        },
    )
    | rows(
        "retrainings",
        "профессиональная переподготовка",
        {
            "start": "дата начала",
            "end": "дата окончания",
            "program": "программа (специальность)",
            "institution": "учебное заведение",
            "document": "документ (диплом)",
        },
    )
    | rows("awards", "награды и поощрения", {"name": "наименование", "document": "документ", "awarded_on": "дата"})
    | rows("benefits", "социальные льготы", {"name": "наименование", "document": "документ", "basis": "основание"})
    | rows(
        "leaves",
        "отпуска (раздел VIII)",
        {
            "kind": "вид отпуска",
            "year_start": "за период работы с",
            "year_end": "по",
            "days": "количество календарных дней",
            "start": "дата начала",
            "end": "дата окончания",
            "document": "основание (приказ)",
        },
    )
)

EMPLOYMENT_CERTIFICATE: Fields = (
    group("organisation", "организация", ORGANISATION)
    | group("employee", "работник", EMPLOYEE)
    | {"pronoun": "«он» или «она» по полу работника"}
    | rows(
        "jobs",
        "должности на дату справки",
        ASSIGNMENT
        | {
            "since": "дата начала непрерывной работы (с учётом переводов)",
            "phrase": "готовая фраза: «в должности … с … по настоящее время (…)»",
        },
    )
    | {
        "jobs_text": "все должности одной фразой через «;»",
        "include_salary": "«yes», если в справке указывается оклад (для {% if include_salary %})",
        "purpose": "для предоставления куда",
        "number": "исходящий номер справки",
        "issued_on_quoted": "дата выдачи в кавычках («“15” января 2025 г.»)",
    }
    | _ISSUED
)

WORK_RECORD_EXTRACT: Fields = (
    group("organisation", "организация", ORGANISATION)
    | group("employee", "работник", EMPLOYEE)
    | rows(
        "events",
        "сведения о приёме, переводах, увольнении",
        {
            "number": "номер записи",
            "date": "дата события",
            "wording": "сведения о приёме, переводе, увольнении",
            "function_code": "код выполняемой функции (пока не заполняется)",
            "reason": "причина увольнения",
            "document_name": "наименование документа-основания",
            "document_date": "дата документа-основания",
            "document_number": "номер документа-основания",
            "cancelled": "«X», если запись отменяет предыдущую",
        },
    )
    | {"period": "период сведений («с … по …»)"}
    | _ISSUED
)

SERVICE_CERTIFICATE: Fields = (
    group("organisation", "организация", ORGANISATION)
    | group("employee", "работник", EMPLOYEE)
    | rows("kinds", "виды стажа", {"label": "вид стажа", "duration": "продолжительность («5 лет 3 месяца 2 дня»)"})
    | {
        "total": "общий трудовой стаж",
        "insurance": "страховой стаж",
        "pedagogical": "педагогический стаж",
        "organisation_service": "стаж в организации",
    }
    | rows(
        "periods",
        "периоды работы",
        {
            "period": "период («с … по …»)",
            "employer": "организация",
            "position": "должность",
            "duration": "продолжительность периода",
            "pedagogical": "«да», если период входит в педагогический стаж",
        },
    )
    | {"on": "дата, на которую считан стаж", "on_long": "дата, на которую считан стаж, словами"}
    | _ISSUED
)

# --- Orders: the same header for every form, the items' fields by the kind of order ---

PERSON: Fields = {
    "name": "фамилия, имя, отчество",
    "short_name": "фамилия и инициалы",
    "personnel_number": "табельный номер",
    "name_accusative": "ФИО в винительном падеже («Иванову Марию Петровну»)",
    "name_genitive": "ФИО в родительном падеже",
    "name_dative": "ФИО в дательном падеже",
    "acquainted": "«ознакомлен» или «ознакомлена» по полу работника",
}
ITEM_COMMON: Fields = PERSON | {
    "number": "номер пункта (работника) в приказе",
    "date": "дата (ДД.ММ.ГГГГ)",
    "basis": "основание",
}


def _unit(prefix: str = "", whose: str = "") -> Fields:
    return {
        f"{prefix}department": f"структурное подразделение{whose}",
        f"{prefix}position": f"должность{whose}",
        f"{prefix}position_genitive": f"должность{whose} в родительном падеже",
        f"{prefix}position_dative": f"должность{whose} в дательном падеже",
        f"{prefix}position_accusative": f"должность{whose} в винительном падеже",
    }


_TEXT = {"text": "готовый текст пункта приказа с основанием"}
ITEM_HIRE: Fields = (
    ITEM_COMMON
    | _unit()
    | {
        "start_long": "дата приёма словами",
        "end_long": "дата окончания срочного договора словами",
        "end": "дата окончания срочного договора (ДД.ММ.ГГГГ)",
        "rate": "ставка",
        "employment_kind": "вид работы (основное место работы, совместительство)",
        "contract_term": "срок договора (бессрочный, срочный)",
        "fixed_term_reason": "причина заключения срочного договора",
        "salary": "оклад с учётом ставки",
        "probation": "испытательный срок («3 месяца»)",
        "contract": "трудовой договор («от … № …»)",
        "conditions": "условия приёма одной строкой (вид работы, ставка)",
    }
)
ITEM_TRANSFER: Fields = (
    ITEM_COMMON
    | _unit()
    | _unit("previous_", " (прежняя)")
    | {
        "start_long": "дата перевода словами",
        "end_long": "дата окончания временного перевода словами",
        "end": "дата окончания временного перевода (ДД.ММ.ГГГГ)",
        "transfer_kind": "«постоянно» или «временно, по …»",
        "rate": "ставка",
        "salary": "оклад с учётом ставки",
        "employment_kind": "вид работы",
        "contract": "изменение к трудовому договору («от … № …»)",
        "grounds": "основание одной строкой",
    }
)
ITEM_DISMISSAL: Fields = (
    ITEM_COMMON
    | _unit()
    | {
        "date_long": "дата увольнения словами",
        "contract": "прекращаемый трудовой договор («от … № …»)",
        "ground": "основание увольнения по Трудовому кодексу",
        "leave_compensation": "компенсация за неиспользованный отпуск или удержание (пусто, если нет)",
    }
)
ITEM_LEAVE: Fields = (
    ITEM_COMMON
    | _unit()
    | {
        "year_start": "рабочий год: начало (ДД.ММ.ГГГГ)",
        "year_end": "рабочий год: окончание",
        **{
            f"{letter}_{field}": f"часть {title}: {what}"
            for letter, title in (("a", "А (основной или иной вид)"), ("b", "Б (дополнительный)"))
            for field, what in (
                ("kind", "вид отпуска"),
                ("days", "календарных дней"),
                ("start", "дата начала"),
                ("end", "дата окончания"),
            )
        },
        "total_days": "всего календарных дней",
        "start": "начало отпуска",
        "end": "окончание отпуска",
    }
)
ITEM_LEAVE_RECALL: Fields = ITEM_COMMON | _unit() | _TEXT | {"date_long": "дата отзыва словами"}
ITEM_BUSINESS_TRIP: Fields = (
    ITEM_COMMON
    | _unit()
    | {
        "destination": "место назначения (страна, город, организация)",
        "purpose": "цель командировки",
        "days": "срок командировки, календарных дней",
        "start": "первый день командировки (ДД.ММ.ГГГГ)",
        "end": "последний день командировки (ДД.ММ.ГГГГ)",
        "start_long": "первый день командировки словами",
        "end_long": "последний день командировки словами",
    }
)
ITEM_AWARD: Fields = ITEM_COMMON | _unit() | {"date_long": "дата поощрения словами", "award": "вид поощрения"}
ITEM_SANCTION: Fields = (
    ITEM_COMMON
    | _unit()
    | _TEXT
    | {
        "sanction": "вид взыскания",
        "date_long": "дата приказа о взыскании словами",
        "misconduct": "проступок",
        "misconduct_date_long": "дата проступка словами",
        "explanation": "когда затребовано письменное объяснение",
    }
)
ITEM_SANCTION_LIFT: Fields = (
    ITEM_COMMON
    | _unit()
    | _TEXT
    | {
        "sanction": "вид снимаемого взыскания",
        "sanction_order": "приказ, которым взыскание объявлено («приказом от … № …»)",
        "sanction_date_long": "дата применения взыскания словами",
        "initiative": "по чьей инициативе снимается (ТК РФ ст. 194 ч. 2)",
        "date_long": "дата, с которой взыскание снимается, словами",
    }
)
ITEM_SURNAME_CHANGE: Fields = (
    ITEM_COMMON | _unit() | _TEXT | {"new_last_name": "новая фамилия", "date_long": "дата изменения словами"}
)
ITEM_CLASS_TEACHER: Fields = (
    ITEM_COMMON
    | _unit()
    | _TEXT
    | {
        "school_class": "класс",
        "date_long": "дата назначения (освобождения) словами",
        "allowance": "ежемесячное вознаграждение (при назначении)",
    }
)
ITEM_CANCELLATION: Fields = PERSON | {"number": "номер работника в списке"}


def order_fields(item: Fields) -> Fields:
    """Return the paths of a printed order whose items have the fields ``item``."""
    return (
        group("organisation", "организация", ORGANISATION | {"okpo": "код по ОКПО"})
        | group(
            "form",
            "форма приказа",
            {
                "code": "код унифицированной формы («Т-1»; пусто у приказа в свободной форме)",
                "okud": "код формы по ОКУД",
                "note": "отметка «Унифицированная форма № … утверждена …»",
                "title": "заголовок под словом «ПРИКАЗ» («о приёме работника на работу»)",
            },
        )
        | group(
            "order",
            "приказ",
            {
                "number": "номер приказа («ПРОЕКТ», пока не подписан)",
                "is_draft": "«yes», пока приказ не подписан",
                "date": "дата приказа (ДД.ММ.ГГГГ)",
                "date_long": "дата приказа словами",
                "date_quoted": "дата приказа в кавычках",
                "note": "примечание к приказу",
            },
        )
        | rows("items", "работники (пункты) приказа", item)
        | group("item", "первый (единственный) работник приказа", item)
        | {
            "acquainted": "строка «С приказом (распоряжением) работник ознакомлен(а)»",
            "preamble": "вступление перед пунктами (ссылка на статьи закона, причина отмены)",
        }
        | rows("paragraphs", "пункты приказа в свободной форме")
        | group("director", "руководитель", {"position": "должность руководителя", "name": "инициалы и фамилия"})
    )


PLACEHOLDERS: dict[str, Fields] = {
    Kind.PERSONAL_CARD_T2: PERSONAL_CARD_T2,
    Kind.EMPLOYMENT_CERTIFICATE: EMPLOYMENT_CERTIFICATE,
    Kind.SERVICE_CERTIFICATE: SERVICE_CERTIFICATE,
    Kind.WORK_RECORD_EXTRACT: WORK_RECORD_EXTRACT,
    Kind.ORDER_T1: order_fields(ITEM_HIRE),
    Kind.ORDER_T1A: order_fields(ITEM_HIRE),
    Kind.ORDER_T5: order_fields(ITEM_TRANSFER),
    Kind.ORDER_T5A: order_fields(ITEM_TRANSFER),
    Kind.ORDER_T8: order_fields(ITEM_DISMISSAL),
    Kind.ORDER_T8A: order_fields(ITEM_DISMISSAL),
    Kind.ORDER_T11: order_fields(ITEM_AWARD),
    Kind.ORDER_T11A: order_fields(ITEM_AWARD),
    Kind.ORDER_SANCTION: order_fields(ITEM_SANCTION),
    Kind.ORDER_SURNAME_CHANGE: order_fields(ITEM_SURNAME_CHANGE),
    Kind.ORDER_CLASS_TEACHER: order_fields(ITEM_CLASS_TEACHER),
    Kind.ORDER_CANCELLATION: order_fields(ITEM_CANCELLATION),
    Kind.ORDER_T6: order_fields(ITEM_LEAVE),
    Kind.ORDER_T6A: order_fields(ITEM_LEAVE),
    Kind.ORDER_LEAVE_RECALL: order_fields(ITEM_LEAVE_RECALL),
    Kind.ORDER_T9: order_fields(ITEM_BUSINESS_TRIP),
    Kind.ORDER_T9A: order_fields(ITEM_BUSINESS_TRIP),
    Kind.ORDER_SANCTION_LIFT: order_fields(ITEM_SANCTION_LIFT),
}
