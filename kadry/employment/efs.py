"""ЕФС-1, подраздел 1.1 «Сведения о трудовой (иной) деятельности»: the XML file for the Social Fund.

The form and its electronic format are set by Постановление Правления ПФР от 31.10.2022 № 245п
(приложения 1 and 2: form ЕФС-1 and how to fill it; the XML schema is published by the Social Fund
with each version). Which elements are written and which are not is listed in ``EFS1.md`` beside
this module; what is written follows the element names and namespaces of the published files
(``ЭДСФР`` → ``ЕФС-1`` → ``Страхователь``, ``СЗВ`` → ``ЗЛ`` → ``СЗВ-ТД`` → ``ТД`` → ``Мероприятие``).
The file was not validated against the XSD here; namespaces are constants below so that a new
schema version is a one-line change.

Pure functions of loaded rows: no queries, so the caller decides what to load (and how many queries).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

# Namespaces of the ЕФС-1 files of 2026 (the form's namespace, the ЕФС types, the unified types and the
# «АФ» service information). Update together when the Social Fund publishes a new schema version.
NS_EFS1 = "http://пф.рф/ЕФС-1/2026-01-01"
NAMESPACES = {
    "ЕФС": "http://пф.рф/ВС/ЕФС/2026-01-01",
    "УТ": "http://пф.рф/УТ/2025-01-01",
    "АФ": "http://пф.рф/АФ/2025-01-01",
}
PROGRAM = "Кадры"

# «Вид мероприятия» codes of подраздел 1.1 (245п, приложение 2): 1 ПРИЕМ, 2 ПЕРЕВОД, 5 УВОЛЬНЕНИЕ.
EVENT_CODES = {"hire": "1", "transfer": "2", "dismissal": "5"}
# The paper form marks a cancelled record with «X» in «Признак отмены» (245п, приложение 2).
CANCELLATION_MARK = "X"
LABOUR_CODE = "Трудовой кодекс Российской Федерации"

# Each event keeps one UUID across every file it appears in, derived from its row: a cancellation
# repeats the UUID of the event it cancels, so the Fund can match the two without a stored column.
_UUID_NAMESPACE = uuid.UUID("6f1c1b52-8a53-4b0e-9a53-0c5b3f3d2a11")


def event_uuid(organisation_id: int, event_id: int) -> uuid.UUID:
    """Return the stable UUID of the work-record event ``event_id`` of an organisation."""
    return uuid.uuid5(_UUID_NAMESPACE, f"kadry/work-record-event/{organisation_id}/{event_id}")


@dataclass(frozen=True)
class Problem:
    """Something that would make the file invalid; shown to the user instead of the file."""

    message: str
    employee: Any = None  # the Employee concerned, if any


def problems_of(organisation: Any, events: Iterable[Any]) -> list[Problem]:
    """Return what prevents a valid file: the employer's ИНН and every employee's СНИЛС are mandatory.

    Федеральный закон № 27-ФЗ от 01.04.1996, ст. 11 п. 2: the insured person is identified by the
    страховой номер индивидуального лицевого счёта (СНИЛС); the file is refused without it.
    """
    problems: list[Problem] = []
    if not organisation.inn:
        problems.append(Problem("У организации не указан ИНН — заполните его в карточке организации."))
    seen: set[int] = set()
    for event in events:
        employee = event.employee
        if employee.pk in seen:
            continue
        seen.add(employee.pk)
        if not employee.snils:
            problems.append(Problem(f"{employee.full_name}: не указан СНИЛС.", employee))
    return problems


def warnings_of(organisation: Any) -> list[str]:
    """Return what the file leaves empty for the reporting software to fill (not a reason to refuse it)."""
    # Organisation keeps no registration number in the Social Fund and no КПП yet.
    return [
        "Регистрационный номер страхователя в СФР в Кадрах не хранится — элемент «РегНомер» оставлен пустым;"
        " заполните его в программе отправки отчётности.",
        "КПП организации в Кадрах не хранится — элемент «КПП» не выводится.",
    ]


def _sub(parent: ET.Element, name: str, text: str | None = None) -> ET.Element:
    # Prefixed names («ЕФС:Дата») are written as they are and declared once on the root element,
    # which avoids ElementTree's process-wide prefix registry.
    element = ET.SubElement(parent, name)
    if text is not None:
        element.text = text
    return element


def _split_item(item: str) -> tuple[str, str]:
    """Split «6а» into the item «6» and the sub-item «а» (ТК РФ ст. 81 ч. 1 п. 6 «а»)."""
    match = re.fullmatch(r"(\d+)(\D*)", item)
    if match is None:
        return item, ""
    return match.group(1), match.group(2)


def _event_element(parent: ET.Element, event: Any) -> None:
    cancelled = event.cancels_id is not None
    element = _sub(parent, "ЕФС:Мероприятие")
    identity = event_uuid(event.organisation_id, event.cancels_id if cancelled else event.pk)
    _sub(element, "ЕФС:UUID", str(identity))
    _sub(element, "ЕФС:Дата", event.date.isoformat())
    _sub(element, "ЕФС:Вид", EVENT_CODES[event.kind])
    _sub(element, "ЕФС:Должность", event.position)
    _sub(element, "ЕФС:ЯвляетсяСовместителем", "1" if event.part_time else "0")
    if event.department:
        _sub(element, "ЕФС:СтруктурноеПодразделение", event.department)
    basis = _sub(element, "ЕФС:Основание")
    _sub(basis, "ЕФС:Наименование", event.document_name)
    _sub(basis, "ЕФС:Дата", event.document_date.isoformat())
    _sub(basis, "ЕФС:Номер", event.document_number)
    if event.kind == "dismissal" and event.ground_article:
        ground = _sub(element, "ЕФС:ОснованиеУвольнения")
        _sub(ground, "ЕФС:НормативныйДокумент", LABOUR_CODE)
        _sub(ground, "ЕФС:Статья", event.ground_article)
        if event.ground_part:
            _sub(ground, "ЕФС:Часть", event.ground_part)
        if event.ground_item:
            item, sub_item = _split_item(event.ground_item)
            _sub(ground, "ЕФС:Пункт", item)
            if sub_item:
                _sub(ground, "ЕФС:Подпункт", sub_item)
    if event.kind == "dismissal" and event.ground_wording:
        _sub(element, "ЕФС:Причина", event.ground_wording)
    if cancelled:
        _sub(element, "ЕФС:ПризнакОтмены", CANCELLATION_MARK)


def _insured_person(parent: ET.Element, employee: Any, events: Sequence[Any]) -> None:
    person = _sub(parent, "ЗЛ")
    name = _sub(person, "УТ:ФИО")
    _sub(name, "УТ:Фамилия", employee.last_name)
    _sub(name, "УТ:Имя", employee.first_name)
    if employee.middle_name:
        _sub(name, "УТ:Отчество", employee.middle_name)
    _sub(person, "УТ:ДатаРождения", employee.birth_date.isoformat())
    _sub(person, "УТ:СНИЛС", employee.snils)
    activity = _sub(_sub(person, "СЗВ-ТД"), "ТД")
    for event in events:
        _event_element(activity, event)


def build_efs1(*, organisation: Any, events: Iterable[Any], filled_on: dt.date, now: dt.datetime) -> bytes:
    """Return the ЕФС-1 file (подраздел 1.1) for ``events``, UTF-8 with the XML declaration.

    ``events`` are WorkRecordEvent rows with ``employee`` loaded; call ``problems_of`` first — this
    function writes what it is given. Employees come in the order of their surnames, each one's
    events by date, a cancellation right after the record it cancels.
    """
    by_employee: dict[int, tuple[Any, list[Any]]] = {}
    for event in events:
        by_employee.setdefault(event.employee_id, (event.employee, []))[1].append(event)

    root = ET.Element("ЭДСФР", {"xmlns": NS_EFS1, **{f"xmlns:{prefix}": uri for prefix, uri in NAMESPACES.items()}})
    form = _sub(root, "ЕФС-1")
    employer = _sub(form, "Страхователь")
    _sub(employer, "ЕФС:РегНомер", "")
    _sub(employer, "ЕФС:Наименование", organisation.name)
    _sub(employer, "УТ:ИНН", organisation.inn)
    if organisation.ogrn:
        _sub(employer, "ЕФС:ОГРН", organisation.ogrn)
    section = _sub(form, "СЗВ")
    people = sorted(by_employee.values(), key=lambda pair: (pair[0].last_name, pair[0].first_name, pair[0].pk))
    for employee, own in people:
        own.sort(key=lambda e: (e.date, e.cancels_id or e.pk, e.cancels_id is not None))
        _insured_person(section, employee, own)
    _sub(form, "ДатаЗаполнения", filled_on.isoformat())
    service = _sub(root, "СлужебнаяИнформация")
    _sub(service, "АФ:GUID", str(uuid.uuid4()))
    _sub(service, "АФ:ДатаВремя", now.isoformat(timespec="seconds"))
    _sub(service, "АФ:ПрограммаПодготовки", PROGRAM)
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)


def file_name(organisation: Any, filled_on: dt.date) -> str:
    """Return «ЕФС-1_<ИНН>_<ГГГГММДД>.xml»; the reporting software renames it to the Fund's pattern."""
    return f"ЕФС-1_{organisation.inn or 'без-ИНН'}_{filled_on:%Y%m%d}.xml"
