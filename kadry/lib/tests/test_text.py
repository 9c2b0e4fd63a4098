from __future__ import annotations

import pytest

from kadry.lib.text import counted, quoted, search_key, search_terms


def test_search_key_folds_case_and_yo() -> None:
    assert search_key("Семёнова", "Алёна", "Петровна") == " семенова алена петровна"


def test_search_terms_fold_like_the_key() -> None:
    assert search_terms("  СЕМЁН  ал ") == ["семен", "ал"]


# Written out by hand: the forms a Russian reader expects after each number.
ADULTS = [(0, "0 взрослых"), (1, "1 взрослый"), (2, "2 взрослых"), (4, "4 взрослых"), (5, "5 взрослых"),
          (11, "11 взрослых"), (21, "21 взрослый"), (101, "101 взрослый"), (111, "111 взрослых")]  # fmt: skip
TIMES = [(1, "1 раз"), (2, "2 раза"), (3, "3 раза"), (5, "5 раз"), (12, "12 раз"), (14, "14 раз"), (22, "22 раза")]


@pytest.mark.parametrize(("number", "expected"), ADULTS)
def test_counted_adults(number: int, expected: str) -> None:
    assert counted(number, "взрослый", "взрослых", "взрослых") == expected


@pytest.mark.parametrize(("number", "expected"), TIMES)
def test_counted_times(number: int, expected: str) -> None:
    assert counted(number, "раз", "раза", "раз") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Экскурсия в музей", "«Экскурсия в музей»"),
        ("Экскурсия в музей «Тульский кремль»", "«Экскурсия в музей „Тульский кремль“»"),
        ("«Весёлые старты»", "«Весёлые старты»"),
        ("Конкурс «Лицей «Открытие»»", "«Конкурс „Лицей „Открытие““»"),
    ],
)
def test_quoted_never_nests_guillemets(text: str, expected: str) -> None:
    assert quoted(text) == expected
