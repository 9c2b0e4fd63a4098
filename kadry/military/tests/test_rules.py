"""Who is liable to military registration, the reserve's age limits (53-ФЗ ст. 53) and the notice term."""

from __future__ import annotations

import datetime as dt

import pytest

from kadry.military import rules
from kadry.military.rules import CardFacts

D = dt.date
ON = D(2026, 12, 3)


@pytest.mark.parametrize(
    ("rank", "group"),
    [("рядовой", "soldiers"), ("старший сержант", "soldiers"), ("", "soldiers"), ("Прапорщик", "warrant"),
     ("старший лейтенант", "junior"), ("капитан", "junior"), ("капитан-лейтенант", "junior"),
     ("капитан 3 ранга", "senior"), ("майор", "senior"), ("подполковник", "senior"), ("полковник", "colonels"),
     ("капитан 1 ранга", "colonels"), ("генерал-майор", "higher"), ("контр-адмирал", "higher")],
)  # fmt: skip
def test_rank_groups_follow_article_53(rank, group) -> None:
    assert rules.rank_group(rank) == group


@pytest.mark.parametrize(
    ("birth", "limit"),
    [
        (D(1973, 6, 1), 50),  # 50 in 2023: the former limit, already retired
        (D(1974, 6, 1), 51),  # 50 in 2024 → to 51 (ст. 53 п. 3)
        (D(1976, 6, 1), 53),  # 50 in 2026 → to 53
        (D(1977, 6, 1), 54),  # 50 in 2027 → to 54
        (D(1978, 6, 1), 55),  # 50 in 2028 → the new limit 55
    ],
)
def test_soldiers_limit_follows_the_transition_of_2024_2027(birth, limit) -> None:
    assert rules.reserve_limit("M", birth, rules.SOLDIERS) == limit


def test_officers_and_women_limits() -> None:
    assert rules.reserve_limit("M", D(1970, 1, 1), rules.JUNIOR) == 60
    assert rules.reserve_limit("M", D(1970, 1, 1), rules.SENIOR) == 65
    assert rules.reserve_limit("M", D(1970, 1, 1), rules.HIGHER) == 70
    assert rules.reserve_limit("F", D(1980, 1, 1), rules.JUNIOR) == 50
    assert rules.reserve_limit("F", D(1980, 1, 1), rules.SOLDIERS) == 45


def test_a_young_man_without_rank_is_a_conscript_and_one_of_30_is_in_the_reserve() -> None:
    card = CardFacts(specialty_code="")
    young = rules.liability("M", D(1999, 1, 10), ON, card)  # 27 on 03.12.2026
    assert young is not None and young.conscript and young.category_label == "призывник"
    older = rules.liability("M", D(1996, 1, 10), ON, card)  # 30 on 03.12.2026
    assert older is not None and not older.conscript and older.limit_age == 55


def test_who_turned_27_by_2023_stayed_in_the_reserve() -> None:
    # Born 31.12.1996: 27 on 31.12.2023 — not a conscript in 2026 although only 29 (439-ФЗ).
    found = rules.liability("M", D(1996, 12, 31), D(2026, 6, 1), CardFacts())
    assert found is not None and not found.conscript
    # Born 01.01.1997: 27 in 2024, a conscript to 30.
    found = rules.liability("M", D(1997, 1, 1), D(2026, 6, 1), CardFacts())
    assert found is not None and found.conscript


def test_soldier_past_his_limit_and_deregistered_are_not_liable() -> None:
    soldier = CardFacts(rank="сержант", reserve_category="1")
    # Born 10.01.1973: 50 in 2023 → limit 50; on 03.12.2026 he is 53.
    assert rules.liability("M", D(1973, 1, 10), ON, soldier) is None
    # Born 10.01.1976: 50 in 2026 → limit 53; on 03.12.2026 he is 50 — liable, to 53.
    found = rules.liability("M", D(1976, 1, 10), ON, soldier)
    assert found is not None and found.limit_age == 53
    gone = CardFacts(rank="сержант", deregistered_on=D(2026, 5, 1))
    assert rules.liability("M", D(1990, 1, 1), ON, gone) is None
    assert rules.liability("M", D(1990, 1, 1), D(2026, 4, 30), gone) is not None


def test_women_only_with_a_military_specialty_and_reservation_from_the_special_register() -> None:
    assert rules.liability("F", D(1990, 1, 1), ON, None) is None
    assert rules.liability("F", D(1990, 1, 1), ON, CardFacts()) is None
    nurse = rules.liability("F", D(1990, 1, 1), ON, CardFacts(specialty_code="906400", special_registration="№ 12"))
    assert nurse is not None and nurse.reserved and nurse.limit_age == 45
    assert rules.liability("F", D(1980, 1, 1), ON, CardFacts(specialty_code="906400")) is None  # 46 ≥ 45


def test_men_without_the_section_are_liable_and_flagged() -> None:
    found = rules.liability("M", D(1990, 1, 1), ON, None)
    assert found is not None and found.without_card and not found.conscript
    assert rules.liability("M", D(2010, 1, 1), ON, None) is None  # 17 only in 2027 (53-ФЗ ст. 9)
    assert rules.liability("M", D(2009, 12, 31), ON, None) is not None  # the year of his 17th birthday


def test_notice_is_due_two_weeks_after_the_event() -> None:
    assert rules.notice_due(D(2026, 11, 20)) == D(2026, 12, 4)
