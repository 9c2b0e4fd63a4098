"""Award nominations: the requirements of each award (hand-computed), the status from draft to the card's
award entry written by the award order, the list page at a fixed number of queries, the наградной лист."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kadry.awards import rules, services
from kadry.awards.models import Nomination
from kadry.lib.duration import Duration
from kadry.orders import services as orders
from kadry.orders.models import Order
from kadry.staff.models import Award
from kadry.testing.factories import AssignmentFactory, EmployeeFactory, PriorJobFactory

D = dt.date
KINDS = rules.AWARD_KINDS
BADGE = "Нагрудный знак «Почётный работник воспитания и просвещения РФ»"


@pytest.mark.parametrize(
    ("code", "total", "sphere", "organisation", "earlier", "problems"),
    [
        # Почётная грамота: 3 years in education, 1 in the organisation — 3 y 0 m and 1 y 0 m are enough.
        ("honour_certificate", Duration(3), Duration(3), Duration(1), [], 0),
        # 2 years 11 months 29 days in education is not 3 whole years; 11 months here is not a year.
        ("honour_certificate", Duration(5), Duration(2, 11, 29), Duration(0, 11), [], 2),
        # The badge: 15 years in all, 10 in education, and the Почётная грамота before.
        (
            "honorary_worker",
            Duration(15),
            Duration(10),
            Duration(2),
            ["Почетная грамота Министерства просвещения РФ"],
            0,
        ),
        ("honorary_worker", Duration(14, 11), Duration(10), Duration(2), [], 2),
        # The honorary title: 15 years and a departmental award («Почётный работник…» counts).
        ("honoured_teacher", Duration(20), Duration(20), Duration(20), [BADGE], 0),
        ("honoured_teacher", Duration(20), Duration(20), Duration(20), ["Благодарность директора"], 1),
    ],
)
def test_the_requirements_of_each_award(code, total, sphere, organisation, earlier, problems) -> None:
    found = rules.requirement_problems(
        KINDS[code], total=total, sphere=sphere, organisation=organisation, earlier=earlier
    )
    assert len(found) == problems, found


def test_the_message_names_what_is_missing() -> None:
    found = rules.requirement_problems(
        KINDS["honour_certificate"], total=Duration(5), sphere=Duration(2, 11, 29), organisation=Duration(1), earlier=[]
    )
    assert found == [
        "Нужно не менее 3 лет стажа в сфере образования (педагогического), а есть 2 года 11 месяцев 29 дней."
    ]


def test_the_card_entry_matches_the_award_without_case_quotes_or_yo() -> None:
    kind = KINDS["honorary_worker"]
    assert rules.matches_award(kind, 'нагрудный знак "Почетный работник воспитания и просвещения Российской Федерации"')
    assert not rules.matches_award(kind, "Почётная грамота Министерства просвещения Российской Федерации")


@pytest.fixture
def teacher(school):
    """A teacher at the school since 01.09.2010 after five years elsewhere as a teacher (2005–2010)."""
    person = EmployeeFactory(organisation=school, last_name="Соколова")
    AssignmentFactory(employee=person, start=D(2010, 9, 1), staffing_unit__position__pedagogical_service=True)
    PriorJobFactory(employee=person, start=D(2005, 9, 1), end=D(2010, 8, 31), pedagogical=True)
    return person


@pytest.mark.django_db
def test_a_nomination_goes_from_draft_to_sent_to_awarded_by_the_award_order(
    hr_inspector, director, school, teacher
) -> None:
    nomination = services.create_nomination(
        actor=hr_inspector.user, employee=teacher, award="honorary_worker", characteristic="Победитель конкурса."
    )
    check = services.check_requirements(teacher, "honorary_worker", D(2026, 11, 1))
    # 01.09.2005–01.11.2026 = 21 years 2 months 1 day in all and in education; no Почётная грамота yet.
    assert check.total == "21 год 2 месяца 1 день" and check.sphere == "21 год 2 месяца 1 день"
    assert check.problems == [
        "Нужна ранее полученная награда: Почётная грамота Министерства просвещения (Минобрнауки) России."
    ]

    services.send_nomination(
        actor=hr_inspector.user, nomination=nomination, on=D(2026, 11, 2), sent_to="Минпросвещения"
    )
    assert services.awarded_entries([nomination]) == {}
    with pytest.raises(ValidationError):
        services.send_nomination(actor=hr_inspector.user, nomination=nomination, on=D(2026, 11, 3), sent_to="")

    order = orders.create_draft(
        actor=hr_inspector.user, organisation_id=school.pk, kind=Order.Kind.AWARD, date=D(2026, 11, 20)
    )
    orders.save_item(actor=hr_inspector.user, order=order, data={
        "employee": teacher, "date": D(2026, 11, 20),
        "award": "нагрудным знаком «Почётный работник воспитания и просвещения Российской Федерации»",
    })  # fmt: skip
    orders.sign_order(actor=director.user, order=order)

    entry = services.awarded_entries([nomination])[nomination.pk]
    assert entry.awarded_on == D(2026, 11, 20)
    with pytest.raises(ValidationError, match="не награждённому"):
        services.refuse_nomination(actor=hr_inspector.user, nomination=nomination, on=D(2026, 11, 21), reason="")


@pytest.mark.django_db
def test_an_award_before_the_sending_does_not_end_it_and_a_refusal_does(hr_inspector, school, teacher) -> None:
    Award.objects.create(organisation=school, employee=teacher, awarded_on=D(2020, 5, 1),
                         name="Почётная грамота Министерства просвещения Российской Федерации")  # fmt: skip
    nomination = services.create_nomination(
        actor=hr_inspector.user, employee=teacher, award="honour_certificate", characteristic="Наставник."
    )
    services.send_nomination(actor=hr_inspector.user, nomination=nomination, on=D(2026, 11, 2), sent_to="")
    assert services.awarded_entries([nomination]) == {}  # the 2020 grant is an earlier one
    with pytest.raises(ValidationError, match="раньше направления"):
        services.refuse_nomination(actor=hr_inspector.user, nomination=nomination, on=D(2026, 11, 1), reason="")
    services.refuse_nomination(actor=hr_inspector.user, nomination=nomination, on=D(2026, 12, 1), reason="квота")
    nomination.refresh_from_db()
    assert (nomination.status, nomination.refused_on) == (Nomination.Status.REFUSED, D(2026, 12, 1))


@pytest.mark.django_db
def test_an_empty_characteristic_is_refused_on_its_field(hr_inspector, teacher) -> None:
    response = hr_inspector.client.post(
        reverse("awards:new"), {"employee": teacher.pk, "award": "gratitude", "characteristic": "   "}
    )
    assert response.status_code == 200 and "characteristic" in response.context["form"].errors
    assert not Nomination.objects.exists()


@pytest.mark.django_db
def test_the_list_costs_the_same_queries_with_more_nominations(
    hr_inspector, school, teacher, django_assert_max_num_queries
) -> None:
    def add(n: int) -> None:
        for _ in range(n):
            made = services.create_nomination(actor=hr_inspector.user, employee=teacher, award="gratitude",
                                              characteristic="Заслуги.")  # fmt: skip
            services.send_nomination(actor=hr_inspector.user, nomination=made, on=D(2026, 11, 2), sent_to="")

    add(1)
    with django_assert_max_num_queries(12) as one:
        assert hr_inspector.client.get(reverse("awards:list")).status_code == 200
    add(5)
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = hr_inspector.client.get(reverse("awards:list"))
    assert page.content.decode().count("Благодарность Министерства просвещения") == 6


@pytest.mark.django_db
def test_the_award_sheet_prints_and_another_school_gets_404(hr_inspector, outsider, teacher) -> None:
    nomination = services.create_nomination(
        actor=hr_inspector.user, employee=teacher, award="honour_certificate", characteristic="Наставник молодых."
    )
    response = hr_inspector.client.get(reverse("awards:print", args=[nomination.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert outsider.client.get(reverse("awards:detail", args=[nomination.pk])).status_code == 404


@pytest.mark.django_db
def test_the_list_and_a_nomination_cost_the_same_with_more_nominees_and_awards(
    hr_inspector, school, django_assert_max_num_queries
) -> None:
    """Each nominee another employee, every other one awarded on the card after the sending."""

    def add(n: int) -> Nomination:
        made = None
        for index in range(n):
            person = EmployeeFactory(organisation=school)
            AssignmentFactory(employee=person, start=D(2015, 9, 1), staffing_unit__position__pedagogical_service=True)
            made = services.create_nomination(actor=hr_inspector.user, employee=person, award="gratitude",
                                              characteristic="Заслуги.")  # fmt: skip
            services.send_nomination(actor=hr_inspector.user, nomination=made, on=D(2026, 11, 2), sent_to="")
            if index % 2:
                Award.objects.create(organisation=school, employee=person, awarded_on=D(2026, 11, 20),
                                     name="Благодарность Министерства просвещения Российской Федерации")  # fmt: skip
        assert made is not None
        return made

    first = add(2)
    with django_assert_max_num_queries(12) as few:
        assert hr_inspector.client.get(reverse("awards:list")).status_code == 200
    with django_assert_max_num_queries(30) as one:
        assert hr_inspector.client.get(reverse("awards:detail", args=[first.pk])).status_code == 200
    last = add(8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = hr_inspector.client.get(reverse("awards:list")).content.decode()
    assert page.count("награждён(а) 20.11.2026") == 5  # 1 of the first two, 4 of the next eight
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert hr_inspector.client.get(reverse("awards:detail", args=[last.pk])).status_code == 200
