"""The plan's API: the class teacher writes the items of a draft and sends it, the deputy approves or returns;
an approved plan answers 422; other roles and classes answer 404."""

from __future__ import annotations

import pytest

from kadry.core.models import Membership
from kadry.school.models import EducationPlan

pytestmark = pytest.mark.django_db
Role = Membership.Role
ITEMS = [
    {"direction": "parents", "month": 11, "title": "Родительское собрание", "date": "2026-11-26"},
    {"direction": "civic_patriotic", "month": 9, "title": "День знаний", "form": "классный час",
     "responsible": "классный руководитель"},
]  # fmt: skip


def _path(classes, tail: str = "") -> str:
    return f"/school/classes/{classes.seventh.pk}/plan{tail}"


def test_the_class_teacher_writes_sends_and_the_deputy_approves(classes, class_teacher, deputy, api_as) -> None:
    teacher, head = api_as(class_teacher), api_as(deputy)
    assert teacher.get(_path(classes)).status_code == 404
    response = teacher.put(_path(classes, "/items"), {"goals": "Сплочение коллектива", "items": ITEMS})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["version"], body["half_year"], body["status"], body["goals"]) == (
        1,
        1,
        "draft",
        "Сплочение коллектива",
    )
    # Items come back by the school year's months: September first.
    assert [(i["month"], i["title"]) for i in body["items"]] == [(9, "День знаний"), (11, "Родительское собрание")]
    assert teacher.post(_path(classes, "/approve")).status_code == 404
    assert teacher.post(_path(classes, "/submit")).json()["status"] == "submitted"
    assert teacher.put(_path(classes, "/items"), {"items": ITEMS}).status_code == 422
    approved = head.post(_path(classes, "/approve")).json()
    assert approved["status"] == "approved" and approved["decided_by"] == deputy.user.username
    refused = teacher.put(_path(classes, "/items"), {"items": []})
    assert refused.status_code == 422 and "корректировку" in refused.json()["errors"]["__all__"][0]
    correction = teacher.post(_path(classes, "/correction"))
    assert correction.status_code == 201 and correction.json()["versions"] == [1, 2]
    assert teacher.get(_path(classes, "?version=1")).json()["status"] == "approved"


def test_a_correction_sends_the_first_half_back_as_it_was_and_changes_the_second(
    classes, class_teacher, deputy, api_as
) -> None:
    teacher, head = api_as(class_teacher), api_as(deputy)
    teacher.put(_path(classes, "/items"), {"goals": "Цели", "items": ITEMS})
    teacher.post(_path(classes, "/submit"))
    head.post(_path(classes, "/approve"))
    teacher.post(_path(classes, "/correction"))
    spring = {"direction": "career", "month": 3, "title": "Экскурсия на завод", "date": "2027-03-11"}
    wrong = {**spring, "date": "2027-04-01"}

    refused = teacher.put(_path(classes, "/items"), {"items": [*ITEMS, wrong]})
    assert refused.status_code == 422
    assert set(refused.json()["errors"]) == {"items.2.date"}, "the error names the item as it was sent"
    changed = teacher.put(_path(classes, "/items"), {"items": [{**ITEMS[0], "title": "Другое"}, ITEMS[1], spring]})
    assert changed.status_code == 422 and "первого полугодия" in changed.json()["errors"]["items"][0]

    accepted = teacher.put(_path(classes, "/items"), {"items": [*ITEMS, spring]})
    assert accepted.status_code == 200, accepted.content
    body = accepted.json()
    assert (body["version"], body["half_year"]) == (2, 2)
    assert [i["title"] for i in body["items"]] == ["День знаний", "Родительское собрание", "Экскурсия на завод"]


def test_invalid_items_answer_by_item_and_field_and_save_nothing(classes, class_teacher, api_as) -> None:
    teacher = api_as(class_teacher)
    bad = [ITEMS[0], {**ITEMS[1], "date": "2026-10-01"}, {**ITEMS[1], "month": 8}]
    response = teacher.put(_path(classes, "/items"), {"items": bad})
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["items.1.date"] == ["Дата не в выбранном месяце: сентябрь."]
    assert set(errors) == {"items.1.date", "items.2.month"}
    assert not EducationPlan.objects.exists()


def test_a_return_needs_a_comment_the_class_teacher_reads(classes, class_teacher, deputy, api_as) -> None:
    teacher, head = api_as(class_teacher), api_as(deputy)
    teacher.put(_path(classes, "/items"), {"goals": "Цели", "items": ITEMS})
    teacher.post(_path(classes, "/submit"))
    empty = head.post(_path(classes, "/return"), {"comment": " "})
    assert empty.status_code == 422 and set(empty.json()["errors"]) == {"comment"}
    returned = head.post(_path(classes, "/return"), {"comment": "Добавьте профориентацию"}).json()
    assert (returned["status"], returned["return_comment"]) == ("returned", "Добавьте профориентацию")
    assert teacher.get(_path(classes)).json()["return_comment"] == "Добавьте профориентацию"


def test_a_plan_without_goals_is_not_sent(classes, class_teacher, api_as) -> None:
    teacher = api_as(class_teacher)
    teacher.put(_path(classes, "/items"), {"items": ITEMS})
    response = teacher.post(_path(classes, "/submit"))
    assert response.status_code == 422 and set(response.json()["errors"]) == {"goals"}


def test_other_roles_and_classes_answer_404(classes, class_teacher, personas, outsider, api_as) -> None:
    teacher = api_as(class_teacher)
    assert teacher.put(f"/school/classes/{classes.eighth.pk}/plan/items", {"items": ITEMS}).status_code == 404
    assert api_as(personas[Role.TEACHER]).get(_path(classes)).status_code == 404
    assert api_as(outsider).get(_path(classes)).status_code == 404
    assert api_as(personas[Role.SOCIAL_PEDAGOGUE]).put(_path(classes, "/items"), {"items": ITEMS}).status_code == 404
    assert not EducationPlan.objects.exists()
