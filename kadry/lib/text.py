"""Normalising Russian text for search."""

from __future__ import annotations


def search_key(*parts: str) -> str:
    """Return a lower-case key where «ё» = «е», words separated by single spaces, with a leading space.

    The leading space lets "word starts with" be written as ``contains(" " + prefix)``.
    """
    words = " ".join(part for part in parts if part).lower().replace("ё", "е").split()
    return " " + " ".join(words)


def search_terms(query: str) -> list[str]:
    """Return the normalised words of a user's search query."""
    return query.lower().replace("ё", "е").split()
