"""Russian declension for documents: people's names by sex, and position titles and other noun phrases.

Names use the rules of Petrovich (the ``petrovich`` package ships them as JSON). The package's own
engine is not used: it skips the rules marked "androgynous" whenever a sex is given («Данелия»,
«Кочерга» stay undeclined) and treats an "unchanged" rule as "no rule", falling through to a later
one («Черных» → «Черныха»). The engine below reads the same rules the way the reference
implementation (petrovich-js) does.

Phrases (positions, organisation names) use pymorphy3 with the dictionaries of the
``pymorphy3-dicts-ru`` package (no network). Only the head noun and the adjectives before it change;
everything after the head is its dependent and stays as written: «учитель математики» →
«учителя математики».
"""

from __future__ import annotations

import json
import re
from enum import StrEnum
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

MALE = "M"
FEMALE = "F"
# The values of ``Employee.Sex``; lib imports nothing of ours, so they are repeated here.
SEXES = frozenset({MALE, FEMALE})


class Case(StrEnum):
    """Grammatical cases, valued as pymorphy's grammemes."""

    NOMINATIVE = "nomn"
    GENITIVE = "gent"
    DATIVE = "datv"
    ACCUSATIVE = "accs"
    INSTRUMENTAL = "ablt"
    PREPOSITIONAL = "loct"


# Index of each case in a Petrovich rule's ``mods`` list.
_PETROVICH_INDEX = {
    Case.GENITIVE: 0,
    Case.DATIVE: 1,
    Case.ACCUSATIVE: 2,
    Case.INSTRUMENTAL: 3,
    Case.PREPOSITIONAL: 4,
}
_PETROVICH_GENDER = {MALE: "male", FEMALE: "female"}
# Turkic patronymics are written as two words and do not decline: «Али оглы», «Гасан кызы».
_TURKIC_PATRONYMIC = re.compile(r"\s(оглы|улы|уулу|кызы|гызы)$", re.IGNORECASE)
# Patronymics stressed on the ending take «-ом» in the instrumental («Ильичом»), the rules give «-ем».
_STRESSED_ICH = frozenset({"ильич", "кузьмич", "лукич", "фомич"})


def _check_sex(sex: str) -> str:
    if sex not in SEXES:
        raise ValueError(f"sex must be {MALE!r} or {FEMALE!r}, not {sex!r}")
    return sex


def gendered(sex: str, masculine: str, feminine: str) -> str:
    """Return the word form that agrees with the person's sex: «принят» / «принята»."""
    return feminine if _check_sex(sex) == FEMALE else masculine


# --- Names (Petrovich rules) ---


@cache
def _petrovich_rules() -> dict[str, Any]:
    """Load the rules shipped with the petrovich package (once per process)."""
    from petrovich.main import DEFAULT_RULES_PATH

    return json.loads(Path(DEFAULT_RULES_PATH).read_text(encoding="utf-8"))


def _find_rule(rules: list[dict[str, Any]], word: str, gender: str, tags: set[str], *, whole: bool) -> dict | None:
    """Return the rule of ``rules`` for the word (lowercase) of ``gender`` with the word's ``tags``.

    The first fitting rule wins, as in the reference implementation, except that a later rule of
    the same gender with a longer ending overrides it: the shipped list puts «й» before «ий», which
    would give «о Дмитрие» instead of «о Дмитрии».
    """
    best: dict | None = None
    best_length = 0
    for rule in rules:
        if not set(rule.get("tags", ())) <= tags or rule["gender"] not in ("androgynous", gender):
            continue
        length = max(
            (len(sample) for sample in rule["test"] if ((word == sample) if whole else word.endswith(sample))),
            default=0,
        )
        if not length:
            continue
        if best is None or (rule["gender"] == best["gender"] != "androgynous" and length > best_length):
            best, best_length = rule, length
    return best


def _apply(word: str, mod: str) -> str:
    """Apply a Petrovich modification: each «-» removes a final letter, the rest is appended."""
    if mod == ".":
        return word
    cut = mod.count("-")
    stem = word[: len(word) - cut] if cut else word
    ending = mod.replace("-", "")
    return stem + (ending.upper() if word.isupper() else ending)


def _inflect_name_part(value: str, kind: str, gender: str, case: Case) -> str:
    """Decline one name (``kind`` is lastname, firstname or middlename), each part of a double name on its own."""
    ruleset = _petrovich_rules()[kind]
    parts = value.split("-")
    result = []
    for index, part in enumerate(parts):
        tags = {"first_word"} if index == 0 and len(parts) > 1 else set()
        lower = part.lower()
        rule = _find_rule(ruleset.get("exceptions", []), lower, gender, tags, whole=True) or _find_rule(
            ruleset["suffixes"], lower, gender, tags, whole=False
        )
        result.append(_apply(part, rule["mods"][_PETROVICH_INDEX[case]]) if rule and part else part)
    return "-".join(result)


def decline_last_name(value: str, *, sex: str, case: Case) -> str:
    """Return the surname in ``case``: «Иванова» → «Ивановой», «Черных» → «Черных»."""
    if case == Case.NOMINATIVE or not value:
        return value
    return _inflect_name_part(value.strip(), "lastname", _PETROVICH_GENDER[_check_sex(sex)], case)


def decline_first_name(value: str, *, sex: str, case: Case) -> str:
    """Return the given name in ``case``: «Мария» → «Марии», «Пётр» → «Петра»."""
    if case == Case.NOMINATIVE or not value:
        return value
    return _inflect_name_part(value.strip(), "firstname", _PETROVICH_GENDER[_check_sex(sex)], case)


def decline_middle_name(value: str, *, sex: str, case: Case) -> str:
    """Return the patronymic in ``case``: «Петровна» → «Петровне»; «Али оглы» stays as written."""
    value = value.strip()
    if case == Case.NOMINATIVE or not value or _TURKIC_PATRONYMIC.search(value):
        return value
    if case == Case.INSTRUMENTAL and value.lower() in _STRESSED_ICH:
        return value + ("ОМ" if value.isupper() else "ом")
    return _inflect_name_part(value, "middlename", _PETROVICH_GENDER[_check_sex(sex)], case)


def decline_name(last_name: str, first_name: str, middle_name: str = "", *, sex: str, case: Case) -> str:
    """Return the full name in ``case``: «Ивановой Марии Петровне» for the dative."""
    parts = (
        decline_last_name(last_name, sex=sex, case=case),
        decline_first_name(first_name, sex=sex, case=case),
        decline_middle_name(middle_name, sex=sex, case=case),
    )
    return " ".join(part for part in parts if part)


def _initials(first_name: str, middle_name: str) -> str:
    # «Али оглы» gives one initial, as the patronymic is one name.
    return " ".join(f"{part.strip()[0].upper()}." for part in (first_name, middle_name) if part.strip())


def decline_initials(
    last_name: str,
    first_name: str,
    middle_name: str = "",
    *,
    sex: str,
    case: Case = Case.NOMINATIVE,
    initials_first: bool = False,
) -> str:
    """Return «Ивановой М. П.» (or «М. П. Ивановой» with ``initials_first``, as under a signature)."""
    surname = decline_last_name(last_name, sex=sex, case=case)
    initials = _initials(first_name, middle_name)
    parts = (initials, surname) if initials_first else (surname, initials)
    return " ".join(part for part in parts if part)


# --- Phrases (pymorphy3) ---

_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")
_ADJECTIVES = frozenset({"ADJF", "PRTF"})
# «по» is also read as an abbreviation noun («ПО», software): a preposition never continues a phrase.
_FUNCTION_WORDS = frozenset({"PREP", "CONJ", "PRCL", "INTJ"})


@cache
def _morph() -> Any:
    """Return the morphological analyser (loading the dictionaries takes a moment: once per process)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


def _nominative_parses(word: str) -> list[Any]:
    return [p for p in _morph().parse(word.lower()) if {"nomn", "sing"} <= p.tag.grammemes]


def _adjective(word: str) -> Any | None:
    return next((p for p in _nominative_parses(word) if p.tag.POS in _ADJECTIVES), None)


def _noun(word: str) -> Any | None:
    nouns = [p for p in _nominative_parses(word) if p.tag.POS == "NOUN" and "Fixd" not in p.tag.grammemes]
    # Positions name people: prefer the animate reading («тьютор» is also read as a thing).
    return next((p for p in nouns if "anim" in p.tag.grammemes), nouns[0] if nouns else None)


def _could_continue(word: str) -> bool:
    """Return whether ``word`` may be the next word of a noun phrase in the nominative singular."""
    if _morph().parse(word.lower())[0].tag.POS in _FUNCTION_WORDS:
        return False
    return any(
        p.tag.POS in _ADJECTIVES | {"NOUN"} and not {"Fixd", "Abbr"} & p.tag.grammemes for p in _nominative_parses(word)
    )


def _match_case(original: str, inflected: str) -> str:
    if original.isupper() and len(original) > 1:
        return inflected.upper()
    if original[:1].isupper():
        return inflected[:1].upper() + inflected[1:]
    return inflected


def _inflect(parse: Any, case: Case, animate: bool) -> str | None:
    """Return the form of ``parse`` in ``case``; an animate head takes the accusative = genitive (учителя)."""
    wanted = {case.value}
    if case == Case.ACCUSATIVE and parse.tag.POS in _ADJECTIVES and "masc" in parse.tag.grammemes:
        wanted.add("anim" if animate else "inan")
    form = parse.inflect(wanted)
    return form.word if form is not None else None


def _last_part(word: str) -> str:
    return word.rsplit("-", 1)[-1]


def _decline_word(word: str, role: str, case: Case, animate: bool) -> str:
    """Decline a head noun (every noun part of «педагог-психолог») or a modifier (the last part of a compound)."""
    parts = word.split("-")
    indexes = range(len(parts)) if role == "noun" else [len(parts) - 1]
    for index in indexes:
        part = parts[index]
        parse = _noun(part) if role == "noun" else _adjective(part)
        if parse is None:
            continue
        inflected = _inflect(parse, case, animate)
        if inflected is not None:
            parts[index] = _match_case(part, inflected)
    return "-".join(parts)


def _head_of(words: list[str]) -> tuple[list[tuple[int, str]], bool]:
    """Find the head and the modifiers before it: ``([(index, "adj" | "noun"), …], animate)``.

    A word that may be an adjective and is followed by another nominative word is a modifier
    («старший воспитатель»); otherwise a noun is the head; an adjective with nothing nominative
    after it is a noun by use («заведующий библиотекой», «контрактный управляющий»).
    """
    roles: list[tuple[int, str]] = []
    for index, word in enumerate(words):
        last = _last_part(word)
        following = words[index + 1] if index + 1 < len(words) else None
        adjective = _adjective(last)
        if adjective is not None and following is not None and _could_continue(_last_part(following)):
            roles.append((index, "adj"))
            continue
        noun = _noun(word.split("-")[0]) or _noun(last)
        if noun is not None:
            roles.append((index, "noun"))
            return roles, "anim" in noun.tag.grammemes
        if adjective is not None:
            roles.append((index, "adj"))
            # Substantivised adjectives name people in positions: «заведующий», «управляющий».
            return roles, True
        break
    if roles:
        # Adjectives with no noun after them: the last is a noun by use.
        return roles, True
    # No head: leave the phrase as written rather than guess.
    return [], False


@lru_cache(maxsize=2048)
def decline_phrase(phrase: str, case: Case) -> str:
    """Return the noun phrase in ``case``, changing only the head noun and the adjectives before it.

    «заместитель директора по учебно-воспитательной работе» → «заместителя директора по …»;
    «Муниципальное автономное … учреждение «Лицей № 7»» → «Муниципальном автономном … учреждении …».
    A phrase whose head cannot be found is returned unchanged.
    """
    if case == Case.NOMINATIVE or not phrase.strip():
        return phrase
    case = Case(case)
    # Split into words and what lies between them (spaces, quotes, numbers), so the phrase can be
    # put back together exactly as written. The head and its modifiers come first, before any
    # preposition, quote or bracket.
    pieces = _WORD.split(phrase)
    words = _WORD.findall(phrase)
    leading: list[str] = []
    for index, word in enumerate(words):
        if index > 0 and pieces[index].strip():
            break
        leading.append(word)
    roles, animate = _head_of(leading)
    for index, role in roles:
        words[index] = _decline_word(words[index], role, case, animate)
    result = [pieces[0]]
    for word, between in zip(words, pieces[1:], strict=True):
        result.extend((word, between))
    return "".join(result)


def decline_position(position: str, case: Case) -> str:
    """Return a position title in ``case``: «старший воспитатель» → «старшего воспитателя»."""
    return decline_phrase(position, case)
