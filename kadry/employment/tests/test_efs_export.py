"""The ЕФС-1 export: the XML read back, the period filter, problems instead of an invalid file, access."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.urls import reverse

from kadry.core.chain import LINK_QUERIES
from kadry.core.models import AccessLogEntry, Membership
from kadry.employment import efs
from kadry.employment.models import WorkRecordEvent
from kadry.employment.tests import work_record_helpers as h

Role = Membership.Role
D = dt.date
unit = h.unit
NS = {"f": efs.NS_EFS1, **efs.NAMESPACES}
pytestmark = pytest.mark.urls(h.URLS)


@pytest.fixture
def employer(school):
    school.name = "Муниципальное бюджетное общеобразовательное учреждение «Лицей № 1»"
    school.inn = "4027057130"
    school.ogrn = "1154027004570"
    school.save(update_fields=["name", "inn", "ogrn"])
    return school


def _export(persona, start: dt.date, end: dt.date, **extra: str):
    query = {"start": start.isoformat(), "end": end.isoformat(), **extra}
    return persona.client.get(reverse("efs1_xml"), query)


def _people(root: ET.Element) -> dict[str, ET.Element]:
    return {
        person.findtext("УТ:СНИЛС", namespaces=NS, default=""): person
        for person in root.iterfind("f:ЕФС-1/f:СЗВ/f:ЗЛ", NS)
    }


def _events(person: ET.Element) -> list[ET.Element]:
    return person.findall("f:СЗВ-ТД/f:ТД/ЕФС:Мероприятие", NS)


@pytest.mark.django_db
def test_xml_lists_each_insured_person_with_snils_and_events(hr_inspector, director, unit, employer) -> None:
    anna = h.person(employer, 1, last_name="Петрова", first_name="Анна", middle_name="Ивановна")
    olga = h.person(employer, 2, last_name="Соколова", first_name="Ольга", middle_name="")
    hire = h.hire(hr_inspector, director, unit, D(2026, 9, 1), anna)
    h.hire(hr_inspector, director, unit, D(2026, 9, 7), olga, part_time=True)
    dismissal = h.dismiss(hr_inspector, director, D(2026, 9, 30), anna, ground="81-1-6а")

    response = _export(hr_inspector, D(2026, 9, 1), D(2026, 9, 30))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    root = ET.fromstring(response.content)
    assert root.tag == f"{{{efs.NS_EFS1}}}ЭДСФР"
    employer_element = root.find("f:ЕФС-1/f:Страхователь", NS)
    assert employer_element is not None
    assert employer_element.findtext("УТ:ИНН", namespaces=NS) == "4027057130"
    assert employer_element.findtext("ЕФС:ОГРН", namespaces=NS) == "1154027004570"
    assert employer_element.findtext("ЕФС:РегНомер", namespaces=NS) == ""

    people = _people(root)
    assert list(people) == [anna.snils, olga.snils]  # by surname
    assert people[anna.snils].findtext("УТ:ФИО/УТ:Фамилия", namespaces=NS) == "Петрова"
    assert people[anna.snils].findtext("УТ:ФИО/УТ:Отчество", namespaces=NS) == "Ивановна"
    assert people[olga.snils].find("УТ:ФИО/УТ:Отчество", NS) is None
    assert people[anna.snils].findtext("УТ:ДатаРождения", namespaces=NS) == "1985-03-14"

    hired, dismissed = _events(people[anna.snils])
    assert [hired.findtext(f"ЕФС:{name}", namespaces=NS) for name in ("Дата", "Вид", "Должность")] == [
        "2026-09-01",
        "1",
        "учитель математики",
    ]
    assert hired.findtext("ЕФС:СтруктурноеПодразделение", namespaces=NS) == "МО учителей математики"
    assert hired.findtext("ЕФС:ЯвляетсяСовместителем", namespaces=NS) == "0"
    basis = hired.find("ЕФС:Основание", NS)
    assert basis is not None
    assert [basis.findtext(f"ЕФС:{name}", namespaces=NS) for name in ("Наименование", "Дата", "Номер")] == [
        "Приказ",
        "2026-09-01",
        hire.display_number,
    ]
    assert hired.find("ЕФС:ОснованиеУвольнения", NS) is None
    assert hired.find("ЕФС:ПризнакОтмены", NS) is None

    assert dismissed.findtext("ЕФС:Вид", namespaces=NS) == "5"
    assert dismissed.findtext("ЕФС:Основание/ЕФС:Номер", namespaces=NS) == dismissal.display_number
    ground = dismissed.find("ЕФС:ОснованиеУвольнения", NS)
    assert ground is not None
    assert [ground.findtext(f"ЕФС:{name}", namespaces=NS) for name in ("Статья", "Часть", "Пункт", "Подпункт")] == [
        "81",
        "1",
        "6",
        "а",
    ]
    assert "статьи 81 Трудового кодекса" in dismissed.findtext("ЕФС:Причина", namespaces=NS, default="")

    (part_time,) = _events(people[olga.snils])
    assert part_time.findtext("ЕФС:ЯвляетсяСовместителем", namespaces=NS) == "1"
    assert root.findtext("f:СлужебнаяИнформация/АФ:ПрограммаПодготовки", namespaces=NS) == "Кадры"


@pytest.mark.django_db
def test_a_cancellation_repeats_the_event_with_its_uuid_and_the_cancellation_mark(
    hr_inspector, director, unit, employer
) -> None:
    anna = h.person(employer, 1)
    h.hire(hr_inspector, director, unit, D(2026, 9, 1), anna)
    dismissal = h.dismiss(hr_inspector, director, D(2026, 9, 30), anna)
    h.cancel(hr_inspector, director, D(2026, 10, 2), dismissal)

    september = ET.fromstring(_export(hr_inspector, D(2026, 9, 1), D(2026, 9, 30)).content)
    october = ET.fromstring(_export(hr_inspector, D(2026, 10, 1), D(2026, 10, 31)).content)

    hired, dismissed = _events(_people(september)[anna.snils])
    (cancelled,) = _events(_people(october)[anna.snils])
    assert cancelled.findtext("ЕФС:ПризнакОтмены", namespaces=NS) == "X"
    assert cancelled.findtext("ЕФС:UUID", namespaces=NS) == dismissed.findtext("ЕФС:UUID", namespaces=NS)
    assert hired.findtext("ЕФС:UUID", namespaces=NS) != dismissed.findtext("ЕФС:UUID", namespaces=NS)
    assert cancelled.findtext("ЕФС:Вид", namespaces=NS) == "5"
    assert cancelled.findtext("ЕФС:Дата", namespaces=NS) == "2026-09-30"  # the row of the cancelled event


@pytest.mark.django_db
def test_the_period_keeps_only_its_events_and_optionally_only_unreported_ones(
    hr_inspector, director, unit, employer
) -> None:
    august, september = h.person(employer, 1), h.person(employer, 2)
    h.hire(hr_inspector, director, unit, D(2026, 8, 31), august)
    h.hire(hr_inspector, director, unit, D(2026, 9, 1), september)
    h.dismiss(hr_inspector, director, D(2026, 9, 15), august)
    WorkRecordEvent.objects.filter(employee=september).update(reported_on=D(2026, 9, 2))

    everything = _people(ET.fromstring(_export(hr_inspector, D(2026, 9, 1), D(2026, 9, 30)).content))
    unreported = _people(ET.fromstring(_export(hr_inspector, D(2026, 9, 1), D(2026, 9, 30), unreported="on").content))

    assert [e.findtext("ЕФС:Вид", namespaces=NS) for e in _events(everything[august.snils])] == ["5"]
    assert [e.findtext("ЕФС:Вид", namespaces=NS) for e in _events(everything[september.snils])] == ["1"]
    assert list(unreported) == [august.snils]


@pytest.mark.django_db
def test_employees_without_snils_are_listed_instead_of_a_file(hr_inspector, director, unit, employer) -> None:
    nameless = h.person(employer, 1, last_name="Безномерная", snils="")
    h.hire(hr_inspector, director, unit, D(2026, 9, 1), nameless, h.person(employer, 2))

    response = _export(hr_inspector, D(2026, 9, 1), D(2026, 9, 30))
    page = hr_inspector.client.get(reverse("efs1_export"), {"start": "2026-09-01", "end": "2026-09-30"})

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    body = response.content.decode()
    assert "Файл не сформирован" in body and "Безномерная Анна Петровна: не указан СНИЛС." in body
    assert page.status_code == 200
    assert "не указан СНИЛС" in page.content.decode()
    assert reverse("efs1_xml") not in page.content.decode()  # no download offered
    # The lists shown are logged (the organisation as subject); no file left, so no employee's row.
    shown = len(page.context["rows"])
    assert set(AccessLogEntry.objects.values_list("subject_type", "what")) == {
        ("core.organisation", f"ЕФС-1: события за 01.09.2026–30.09.2026, {shown}")
    }


@pytest.mark.django_db
def test_the_page_offers_the_file_when_nothing_prevents_it(hr_inspector, director, unit, employer) -> None:
    h.hire(hr_inspector, director, unit, D(2026, 9, 1), h.person(employer, 1))

    page = hr_inspector.client.get(reverse("efs1_export"), {"start": "2026-09-01", "end": "2026-09-30"})

    body = page.content.decode()
    assert f"{reverse('efs1_xml')}?start=2026-09-01&amp;end=2026-09-30" in body
    assert "РегНомер" in body  # what the reporting software must fill in


@pytest.mark.django_db
def test_an_organisation_without_inn_gets_no_file(hr_inspector, director, unit, school) -> None:
    h.hire(hr_inspector, director, unit, D(2026, 9, 1), h.person(school, 1))

    response = _export(hr_inspector, D(2026, 9, 1), D(2026, 9, 30))

    assert response.status_code == 400
    assert "не указан ИНН" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", [{}, {"start": "2026-09-30", "end": "2026-09-01"}, {"start": "вчера", "end": "2026-09-01"}]
)
def test_a_missing_or_wrong_period_is_refused(hr_inspector, query) -> None:
    assert hr_inspector.client.get(reverse("efs1_xml"), query).status_code == 400


@pytest.mark.django_db
def test_an_empty_period_gives_no_file(hr_inspector, employer) -> None:
    response = _export(hr_inspector, D(2026, 9, 1), D(2026, 9, 30))

    assert response.status_code == 400
    assert "За период мероприятий нет" in response.content.decode()


@pytest.mark.django_db
def test_the_file_logs_whose_personal_data_left(hr_inspector, director, unit, employer) -> None:
    people = [h.person(employer, n) for n in range(3)]
    h.hire(hr_inspector, director, unit, D(2026, 9, 1), *people)

    _export(hr_inspector, D(2026, 9, 1), D(2026, 9, 30))

    logged = AccessLogEntry.objects.filter(what="ЕФС-1: выгрузка XML", actor=hr_inspector.user)
    assert sorted(logged.values_list("subject_id", flat=True)) == sorted(p.pk for p in people)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role", [Role.DIRECTOR, Role.AUDITOR, Role.DEPUTY_DIRECTOR, Role.CLASS_TEACHER, Role.TEACHER, Role.ADMINISTRATOR]
)
def test_roles_that_do_not_draft_orders_get_404(personas, role, hr_inspector, director, unit, employer) -> None:
    h.hire(hr_inspector, director, unit, D(2026, 9, 1), h.person(employer, 1))
    client = personas[role].client

    assert client.get(reverse("efs1_export")).status_code == 404
    assert client.get(reverse("efs1_xml"), {"start": "2026-09-01", "end": "2026-09-30"}).status_code == 404


@pytest.mark.django_db
def test_outsider_exports_nothing_of_another_school(outsider, hr_inspector, director, unit, employer) -> None:
    h.hire(hr_inspector, director, unit, D(2026, 9, 1), h.person(employer, 1))

    response = _export(outsider, D(2026, 9, 1), D(2026, 9, 30))

    assert response.status_code == 400
    assert "За период мероприятий нет" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 20])
def test_export_page_costs_the_same_queries_with_1_or_20_events(
    hr_inspector, director, unit, employer, count, django_assert_max_num_queries
) -> None:
    hire = h.hire(hr_inspector, director, unit, D(2026, 9, 1), *(h.person(employer, n) for n in range(count)))
    h.cancel(hr_inspector, director, D(2026, 9, 2), hire)

    # session, user, membership, the events with employees and orders, the access-log row of the list
    with django_assert_max_num_queries(5 + LINK_QUERIES[connection.vendor]):
        page = hr_inspector.client.get(reverse("efs1_export"), {"start": "2026-09-01", "end": "2026-09-30"})

    assert len(page.context["rows"]) == 2 * count


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 20])
def test_the_file_costs_one_query_for_the_events_plus_one_log_row_per_employee(
    hr_inspector, director, unit, employer, count, django_assert_max_num_queries
) -> None:
    h.hire(hr_inspector, director, unit, D(2026, 9, 1), *(h.person(employer, n) for n in range(count)))

    # session, user, membership, the events; then an access-log row per employee (+ savepoints on PostgreSQL)
    with django_assert_max_num_queries(4 + 2 * count):
        response = _export(hr_inspector, D(2026, 9, 1), D(2026, 9, 30))

    assert len(_people(ET.fromstring(response.content))) == count
