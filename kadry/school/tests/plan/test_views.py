"""The plan's pages: the class teacher writes and sends, the deputy approves or returns; who may do what;
query counts that do not grow with the items or the classes; the home panel; DOCX and PDF."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kadry.core.models import Membership
from kadry.documents.tests.helpers import docx_text, pdf_text, response_bytes
from kadry.school.models import EducationPlan
from kadry.school.services import education_plan as services
from kadry.testing.factories import EmployeeFactory
from kadry.testing.school import EducationPlanFactory, EducationPlanItemFactory, SchoolClassFactory, enrol

pytestmark = pytest.mark.django_db
Role = Membership.Role
D = dt.date
ITEM = {"direction": "parents", "month": "11", "title": "Родительское собрание «Итоги четверти»",
        "form": "собрание", "responsible": "классный руководитель, родительский комитет", "date": "2026-11-26"}  # fmt: skip


def _url(school_class, tail: str = "") -> str:
    return f"/school/classes/{school_class.pk}/plan/{tail}"


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.fixture
def sent(classes, class_teacher) -> EducationPlan:
    plan = EducationPlanFactory(school_class=classes.seventh)
    EducationPlanItemFactory(plan=plan, month=9, title="День знаний")
    EducationPlanItemFactory(plan=plan, month=2, direction="health", title="Лыжня России")
    return services.submit_plan(actor=class_teacher.user, plan=plan)


def test_the_class_teacher_writes_the_plan_and_sends_it(classes, class_teacher) -> None:
    client, seventh = class_teacher.client, classes.seventh
    assert "План ещё не составлен" in client.get(_url(seventh)).content.decode()
    assert client.post(_url(seventh), {"goals": "Сплочение коллектива", "directions": ""}).status_code == 302
    assert client.post(_url(seventh, "items/new/"), ITEM).status_code == 302
    september = {**ITEM, "month": "9", "direction": "civic_patriotic", "title": "День знаний", "date": ""}
    assert client.post(_url(seventh, "items/new/"), september).status_code == 302
    page = client.get(_url(seventh)).content.decode()
    # Grouped by month, September first.
    assert page.index(">Сентябрь<") < page.index("День знаний") < page.index(">Ноябрь<") < page.index("Итоги четверти")
    only_parents = client.get(_url(seventh) + "?direction=parents").content.decode()
    assert "Итоги четверти" in only_parents and "День знаний" not in only_parents

    assert client.post(_url(seventh, "submit/")).status_code == 302
    plan = EducationPlan.objects.get(school_class=seventh)
    assert plan.status == "submitted" and plan.submitted_by == class_teacher.user
    page = client.get(_url(seventh)).content.decode()
    assert "на утверждении" in page and "Добавить мероприятие" not in page


def test_an_item_dated_outside_its_month_is_refused_on_the_date(classes, class_teacher) -> None:
    response = class_teacher.client.post(_url(classes.seventh, "items/new/"), {**ITEM, "date": "2026-12-03"})
    assert response.status_code == 400
    assert response.context["form"].errors == {"date": ["Дата не в выбранном месяце: ноябрь."]}
    assert not EducationPlan.objects.exists(), "a refused first activity leaves no empty plan"


def test_the_class_teacher_edits_and_removes_an_item_of_a_draft(classes, class_teacher) -> None:
    plan = EducationPlanFactory(school_class=classes.seventh)
    item = EducationPlanItemFactory(plan=plan)
    url = _url(classes.seventh, f"items/{item.pk}/")
    assert class_teacher.client.get(url).status_code == 200
    assert class_teacher.client.post(url, {**ITEM, "title": "Собрание"}).status_code == 302
    item.refresh_from_db()
    assert (item.title, item.month, item.date) == ("Собрание", 11, D(2026, 11, 26))
    assert class_teacher.client.get(url + "delete/").status_code == 405
    assert class_teacher.client.post(url + "delete/").status_code == 302
    assert not plan.items.exists()


def test_a_sent_plan_is_not_edited_by_its_class_teacher(sent, classes, class_teacher) -> None:
    item = sent.items.first()
    assert class_teacher.client.get(_url(classes.seventh, f"items/{item.pk}/")).status_code == 404
    assert class_teacher.client.get(_url(classes.seventh, "items/new/")).status_code == 404
    response = class_teacher.client.post(_url(classes.seventh, f"items/{item.pk}/delete/"), follow=True)
    assert "до решения заместителя директора его не меняют" in response.content.decode()
    assert sent.items.count() == 2


def test_the_deputy_sees_every_class_and_approves(sent, classes, deputy) -> None:
    page = deputy.client.get("/school/plans/").content.decode()
    assert "7Б" in page and "8А" in page and "на утверждении" in page and "не составлен" in page
    narrowed = deputy.client.get("/school/plans/?status=submitted").content.decode()
    assert "7Б" in narrowed and "8А" not in narrowed
    assert deputy.client.get(_url(classes.seventh, "approve/")).status_code == 405
    response = deputy.client.post(_url(classes.seventh, "approve/"))
    assert response.status_code == 302 and response["Location"] == "/school/plans/?status=submitted"
    sent.refresh_from_db()
    assert (sent.status, sent.decided_by) == ("approved", deputy.user)


def test_the_deputy_returns_with_a_comment_the_class_teacher_reads(sent, classes, deputy, class_teacher) -> None:
    empty = deputy.client.post(_url(classes.seventh, "return/"), {"comment": ""}, follow=True)
    assert "Напишите классному руководителю, что исправить в плане." in empty.content.decode()
    assert EducationPlan.objects.get(pk=sent.pk).status == "submitted"
    deputy.client.post(_url(classes.seventh, "return/"), {"comment": "Добавьте мероприятия по профориентации"})
    page = class_teacher.client.get(_url(classes.seventh)).content.decode()
    assert "План возвращён на доработку" in page and "Добавьте мероприятия по профориентации" in page
    assert "Добавить мероприятие" in page


def test_an_approved_plan_is_corrected_by_a_new_revision_the_first_one_kept(sent, classes, deputy, class_teacher):
    services.approve_plan(actor=deputy.user, plan=sent)
    client = class_teacher.client
    page = client.get(_url(classes.seventh)).content.decode()
    assert "Начать корректировку на второе полугодие" in page and "Добавить мероприятие" not in page
    assert client.post(_url(classes.seventh, "correct/")).status_code == 302
    revisions = list(EducationPlan.objects.filter(school_class=classes.seventh).order_by("version"))
    assert [(p.version, p.status) for p in revisions] == [(1, "approved"), (2, "draft")]
    first = client.get(_url(classes.seventh) + "?version=1").content.decode()
    assert "прежняя редакция" in first and "Добавить мероприятие" not in first
    assert "Добавить мероприятие" in client.get(_url(classes.seventh)).content.decode()


@pytest.mark.parametrize("role", [Role.DEPUTY_DIRECTOR, Role.DIRECTOR, Role.SOCIAL_PEDAGOGUE])
def test_the_administration_reads_but_does_not_write_the_plan(sent, classes, personas, role) -> None:
    client = personas[role].client
    assert client.get(_url(classes.seventh)).status_code == 200
    assert client.post(_url(classes.seventh), {"goals": "Другое"}).status_code == 404
    assert client.post(_url(classes.seventh, "items/new/"), ITEM).status_code == 404
    assert client.post(_url(classes.seventh, "submit/")).status_code == 404
    assert EducationPlan.objects.get(pk=sent.pk).goals != "Другое"


def test_only_the_deputy_and_the_director_decide(sent, classes, personas, class_teacher) -> None:
    assert class_teacher.client.post(_url(classes.seventh, "approve/")).status_code == 404
    assert personas[Role.SOCIAL_PEDAGOGUE].client.post(_url(classes.seventh, "approve/")).status_code == 404
    assert class_teacher.client.get("/school/plans/").status_code == 404
    assert EducationPlan.objects.get(pk=sent.pk).status == "submitted"
    assert personas[Role.DIRECTOR].client.post(_url(classes.seventh, "approve/")).status_code == 302


def test_a_class_teacher_reaches_only_their_class(classes, class_teacher, outsider) -> None:
    assert class_teacher.client.get(_url(classes.eighth)).status_code == 404
    assert class_teacher.client.post(_url(classes.eighth, "items/new/"), ITEM).status_code == 404
    assert outsider.client.get(_url(classes.seventh)).status_code == 404
    assert not EducationPlan.objects.exists()


def test_the_plan_page_costs_the_same_for_two_items_as_for_twelve(classes, class_teacher) -> None:
    plan = EducationPlanFactory(school_class=classes.seventh)
    for month in (9, 10):
        EducationPlanItemFactory(plan=plan, month=month)
    few = _queries(class_teacher.client, _url(classes.seventh))
    for month in (11, 12, 1, 2, 3, 4, 5, 6, 9, 10):
        EducationPlanItemFactory(plan=plan, month=month)
    assert _queries(class_teacher.client, _url(classes.seventh)) == few


def test_the_list_of_plans_costs_the_same_for_two_classes_as_for_six(school, classes, deputy) -> None:
    EducationPlanItemFactory(plan=EducationPlanFactory(school_class=classes.seventh))
    few = _queries(deputy.client, "/school/plans/")
    for letter in "ВГДЕ":
        school_class = SchoolClassFactory(organisation=school, grade=5, letter=letter)
        enrol(school_class, 1)
        plan = EducationPlanFactory(school_class=school_class, status="submitted")
        EducationPlanItemFactory(plan=plan)
    assert _queries(deputy.client, "/school/plans/") == few


def test_the_deputy_home_page_counts_the_plans_waiting(sent, deputy, class_teacher) -> None:
    page = deputy.client.get("/").content.decode()
    assert "Планы воспитательной работы на утверждение" in page and "Ждут утверждения: <b>1</b>" in page
    assert "Планы воспитательной работы на утверждение" not in class_teacher.client.get("/").content.decode()


def test_the_approved_plan_prints_with_the_approver_and_the_date(sent, classes, deputy, class_teacher) -> None:
    deputy.membership.employee = EmployeeFactory(
        organisation=deputy.organisation, last_name="Петрова", first_name="Анна", middle_name="Викторовна"
    )
    deputy.membership.save(update_fields=["employee"])
    services.approve_plan(actor=deputy.user, plan=sent)
    lines = docx_text(response_bytes(class_teacher.client.get(_url(classes.seventh, "docx/")))).split("\n")
    assert lines[:4] == ["УТВЕРЖДАЮ", "Заместитель директора по воспитательной работе", "______________ Петрова А. В.",
                         "20.11.2026"]  # fmt: skip
    assert "Редакция 1: с первого полугодия" in lines
    # The items by month: the month's name on its first row only.
    start = lines.index("Дата") + 1
    assert lines[start : start + 12] == [
        "Сентябрь", "Гражданско-патриотическое воспитание", "День знаний", "классный час", "классный руководитель", "",
        "Февраль", "Здоровьесбережение, здоровый образ жизни", "Лыжня России", "классный час", "классный руководитель",
        "",
    ]  # fmt: skip
    response = class_teacher.client.get(_url(classes.seventh, "pdf/"))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response_bytes(response))
    assert "УТВЕРЖДАЮ" in text and "Петрова А. В." in text and "Лыжня России" in text


def test_a_plan_not_yet_approved_prints_its_state(sent, classes, class_teacher) -> None:
    lines = docx_text(response_bytes(class_teacher.client.get(_url(classes.seventh, "docx/")))).split("\n")
    assert lines[0] == "Состояние: на утверждении" and "УТВЕРЖДАЮ" not in lines


def test_the_yearly_analysis_is_filled_in_from_the_figures_and_saved(sent, classes, class_teacher, deputy) -> None:
    client = class_teacher.client
    page = client.get(_url(classes.seventh, "analysis/?draft=1"))
    text = page.context["form"].initial["analysis"]
    assert text.startswith("Анализ воспитательной работы в 7Б классе за 2026/2027 учебный год (на 20.11.2026).")
    assert (
        "В классе 4 обучающихся. План воспитательной работы (редакция 1, на утверждении) включал 2 мероприятия" in text
    )
    assert client.post(_url(classes.seventh, "analysis/"), {"analysis": "Коллектив сложился."}).status_code == 302
    assert EducationPlan.objects.get(pk=sent.pk).analysis == "Коллектив сложился."
    assert "Коллектив сложился." in deputy.client.get(_url(classes.seventh, "analysis/")).content.decode()
    assert deputy.client.post(_url(classes.seventh, "analysis/"), {"analysis": "Другое"}).status_code == 404
