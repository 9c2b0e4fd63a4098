"""Personal names of citizens of Russia. Pure functions of strings."""

from __future__ import annotations

import re

# Names of citizens of Russia are recorded in Russian, in Cyrillic (Федеральный закон № 53-ФЗ «О
# государственном языке РФ», ст. 3; паспорт гражданина РФ заполняется на русском языке). A name may be
# double (Петров-Водкин), have a space (Оглы) or an apostrophe (Д'Артаньян as registered): nothing else.
_CYRILLIC_NAME = re.compile(r"[А-ЯЁа-яё]+(?:[\s\-'’][А-ЯЁа-яё]+)*")
RUSSIA = frozenset({"российская федерация", "россия", "рф"})


def is_russian_citizenship(citizenship: str) -> bool:
    return citizenship.strip().casefold().replace(".", "") in RUSSIA


def cyrillic_name_error(value: str) -> str | None:
    """Return why ``value`` is not a name a citizen of Russia is recorded under, or ``None``."""
    value = value.strip()
    if not value or _CYRILLIC_NAME.fullmatch(value):
        return None
    return "Для гражданина России — только русские буквы, дефис, пробел или апостроф (без латиницы, цифр и знаков)."
