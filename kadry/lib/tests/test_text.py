from __future__ import annotations

from kadry.lib.text import search_key, search_terms


def test_search_key_folds_case_and_yo() -> None:
    assert search_key("Семёнова", "Алёна", "Петровна") == " семенова алена петровна"


def test_search_terms_fold_like_the_key() -> None:
    assert search_terms("  СЕМЁН  ал ") == ["семен", "ал"]
