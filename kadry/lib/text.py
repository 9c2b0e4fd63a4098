"""Normalising Russian text for search."""

from __future__ import annotations

from kadry.lib.duration import plural


def search_key(*parts: str) -> str:
    """Return a lower-case key where «ё» = «е», words separated by single spaces, with a leading space.

    The leading space lets "word starts with" be written as ``contains(" " + prefix)``.
    """
    words = " ".join(part for part in parts if part).lower().replace("ё", "е").split()
    return " " + " ".join(words)


def search_terms(query: str) -> list[str]:
    """Return the normalised words of a user's search query."""
    return query.lower().replace("ё", "е").split()


def counted(number: int, one: str, few: str, many: str) -> str:
    """Return the number with its agreeing word (``duration.plural``): «1 взрослый», «3 раза», «12 обучающихся»."""
    return f"{number} {plural(number, one, few, many)}"


def quoted(text: str) -> str:
    """Return ``text`` in «ёлочки»; quotes inside become „лапки“, as Russian typography nests them.

    «Экскурсия в музей «Тула»» reads as two quotations; «Экскурсия в музей „Тула“» does not.
    """
    inner = text.strip()
    if inner.startswith("«") and inner.endswith("»") and inner.count("«") == 1:
        inner = inner[1:-1]
    return "«" + inner.replace("«", "„").replace("»", "“") + "»"
