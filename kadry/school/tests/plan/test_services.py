"""The plan's services: each change atomic and in the class's history; an approved revision never changes;
a correction for the second half-year is a new revision copied from the approved one."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from kadry.core.models import ChangeRecord
from kadry.school.models import EducationPlan, EducationPlanItem
from kadry.school.services import education_plan as services

pytestmark = pytest.mark.django_db
D = dt.date
ITEM = {"direction": "civic_patriotic", "month": 9, "title": "Классный час «День знаний»", "form": "классный час",
        "responsible": "классный руководитель", "date": D(2026, 9, 1)}  # fmt: skip
SPRING = {**ITEM, "month": 3, "title": "Масленица", "direction": "moral", "date": None}


def _history(plan: EducationPlan) -> list[ChangeRecord]:
    return list(
        ChangeRecord.objects.filter(
            subject_type="school.schoolclass", subject_id=plan.school_class_id, section=services.SECTION
        ).order_by("pk")
    )


@pytest.fixture
def teacher(class_teacher):
    return class_teacher.user


@pytest.fixture
def draft(classes, teacher) -> EducationPlan:
    plan = services.start_plan(actor=teacher, school_class=classes.seventh)
    services.save_header(actor=teacher, plan=plan, data={"goals": "Сплочение коллектива", "directions": ""})
    services.add_item(actor=teacher, plan=plan, data=ITEM)
    services.add_item(actor=teacher, plan=plan, data=SPRING)
    return EducationPlan.objects.get(pk=plan.pk)


@pytest.fixture
def approved(draft, teacher, deputy) -> EducationPlan:
    services.submit_plan(actor=teacher, plan=draft)
    return services.approve_plan(actor=deputy.user, plan=draft)


def test_the_first_revision_is_a_draft_from_the_first_half_year(classes, teacher) -> None:
    plan = services.start_plan(actor=teacher, school_class=classes.seventh)
    assert (plan.version, plan.half_year, plan.status) == (1, 1, "draft")
    assert plan.school_year == classes.seventh.academic_year
    assert services.start_plan(actor=teacher, school_class=classes.seventh) == plan
    assert [row.action for row in _history(plan)] == ["create"]


def test_every_change_of_a_draft_is_in_the_history(draft) -> None:
    rows = _history(draft)
    assert [row.action for row in rows] == ["create", "update", "create", "create"]
    assert rows[2].changes["Мероприятие"] == ["", "Классный час «День знаний»"]
    assert rows[2].changes["Месяц"] == ["", "сентябрь"]


def test_sending_records_who_and_when_and_locks_the_plan(draft, teacher) -> None:
    plan = services.submit_plan(actor=teacher, plan=draft)
    assert (plan.status, plan.submitted_by) == ("submitted", teacher)
    assert plan.submitted_at is not None
    with pytest.raises(ValidationError, match="отправлен на утверждение"):
        services.add_item(actor=teacher, plan=plan, data=ITEM)
    assert _history(plan)[-1].changes["Состояние"] == ["черновик", "на утверждении"]


def test_a_plan_without_goals_or_items_is_not_sent(classes, teacher) -> None:
    plan = services.start_plan(actor=teacher, school_class=classes.seventh)
    with pytest.raises(ValidationError) as refused:
        services.submit_plan(actor=teacher, plan=plan)
    assert set(refused.value.message_dict) == {"goals", "__all__"}
    assert EducationPlan.objects.get(pk=plan.pk).status == "draft"


def test_an_approved_plan_does_not_change(approved, teacher, deputy) -> None:
    item = approved.items.first()
    assert (approved.status, approved.decided_by) == ("approved", deputy.user)
    for change in (
        lambda: services.add_item(actor=teacher, plan=approved, data=ITEM),
        lambda: services.update_item(actor=teacher, item=item, data={**ITEM, "title": "Другое"}),
        lambda: services.delete_item(actor=teacher, item=item),
        lambda: services.save_header(actor=teacher, plan=approved, data={"goals": "Другое"}),
        lambda: services.replace_items(actor=teacher, plan=approved, items=[]),
        lambda: services.submit_plan(actor=teacher, plan=approved),
        lambda: services.approve_plan(actor=deputy.user, plan=approved),
        lambda: services.return_plan(actor=deputy.user, plan=approved, comment="Поздно"),
    ):
        with pytest.raises(ValidationError):
            change()
    assert list(approved.items.values_list("title", flat=True)) == ["Классный час «День знаний»", "Масленица"]
    assert EducationPlan.objects.get(pk=approved.pk).goals == "Сплочение коллектива"


def test_a_returned_plan_shows_the_comment_and_is_edited_and_sent_again(draft, teacher, deputy) -> None:
    services.submit_plan(actor=teacher, plan=draft)
    with pytest.raises(ValidationError) as refused:
        services.return_plan(actor=deputy.user, plan=draft, comment="  ")
    assert refused.value.message_dict == {"comment": ["Напишите классному руководителю, что исправить в плане."]}
    plan = services.return_plan(actor=deputy.user, plan=draft, comment="Добавьте профориентацию")
    assert (plan.status, plan.return_comment, plan.decided_by) == ("returned", "Добавьте профориентацию", deputy.user)
    services.add_item(actor=teacher, plan=plan, data={**SPRING, "direction": "career", "title": "Ярмарка профессий"})
    assert services.submit_plan(actor=teacher, plan=plan).status == "submitted"


def test_the_deputy_cannot_decide_on_a_draft(draft, deputy) -> None:
    with pytest.raises(ValidationError, match="только план, отправленный"):
        services.approve_plan(actor=deputy.user, plan=draft)


def test_a_correction_copies_the_approved_revision_which_stays_approved(approved, teacher) -> None:
    correction = services.start_correction(actor=teacher, plan=approved)
    assert (correction.version, correction.half_year, correction.status) == (2, 2, "draft")
    assert correction.goals == "Сплочение коллектива"
    assert sorted(correction.items.values_list("title", flat=True)) == ["Классный час «День знаний»", "Масленица"]
    first = EducationPlan.objects.get(pk=approved.pk)
    assert (first.status, first.items.count()) == ("approved", 2)
    assert services.current_plan(approved.school_class) == correction
    assert _history(correction)[-1].changes["Мероприятий из утверждённой редакции"] == ["", "2"]
    # The second half-year is corrected; the first half-year stays as approved.
    spring = correction.items.get(month=3)
    services.update_item(actor=teacher, item=spring, data={**SPRING, "title": "Масленица: проводы зимы"})
    services.add_item(actor=teacher, plan=correction, data={**SPRING, "month": 4, "title": "День космонавтики"})
    september = correction.items.get(month=9)
    with pytest.raises(ValidationError) as refused:
        services.update_item(actor=teacher, item=september, data={**ITEM, "title": "Другое"})
    assert set(refused.value.message_dict) == {"month"}
    with pytest.raises(ValidationError):
        services.delete_item(actor=teacher, item=september)
    assert sorted(first.items.values_list("title", flat=True)) == ["Классный час «День знаний»", "Масленица"]


def test_no_second_correction_beside_the_first(approved, teacher) -> None:
    services.start_correction(actor=teacher, plan=approved)
    with pytest.raises(ValidationError, match="уже начата"):
        services.start_correction(actor=teacher, plan=approved)
    assert EducationPlan.objects.filter(school_class=approved.school_class).count() == 2


def test_a_draft_is_not_corrected(draft, teacher) -> None:
    with pytest.raises(ValidationError, match="от утверждённого плана"):
        services.start_correction(actor=teacher, plan=draft)


def test_replacing_items_is_all_or_nothing(draft, teacher) -> None:
    before = _history(draft)
    bad = {**SPRING, "date": D(2027, 4, 1)}  # March's item dated in April
    with pytest.raises(ValidationError) as refused:
        services.replace_items(actor=teacher, plan=draft, items=[ITEM, bad])
    assert refused.value.message_dict == {"items.1.date": ["Дата не в выбранном месяце: март."]}
    assert draft.items.count() == 2 and _history(draft) == before
    services.replace_items(actor=teacher, plan=draft, items=[SPRING])
    assert list(draft.items.values_list("title", flat=True)) == ["Масленица"]


def test_in_a_correction_the_first_half_year_comes_back_unchanged(approved, teacher) -> None:
    correction = services.start_correction(actor=teacher, plan=approved)
    with pytest.raises(ValidationError) as refused:
        services.replace_items(actor=teacher, plan=correction, items=[SPRING])
    assert set(refused.value.message_dict) == {"items"}
    services.replace_items(actor=teacher, plan=correction, items=[ITEM, {**SPRING, "title": "Весенняя неделя добра"}])
    assert sorted(correction.items.values_list("title", flat=True)) == [
        "Весенняя неделя добра",
        "Классный час «День знаний»",
    ]
    assert EducationPlanItem.objects.filter(plan=approved).count() == 2


def test_the_yearly_analysis_is_saved_on_the_approved_plan_without_touching_its_items(approved, teacher) -> None:
    plan = services.save_analysis(actor=teacher, school_class=approved.school_class, text="Коллектив сложился.")
    assert (plan.pk, plan.status, plan.analysis) == (approved.pk, "approved", "Коллектив сложился.")
    assert plan.items.count() == 2
