"""Whom a message to parents goes to (regulation §4.8: «Регулярно информировать родителей (их законных
представителей) обучающихся об их успехах или неудачах»).

Pure: guardians in, recipients out. A student's guardians marked «получает уведомления» receive the
school's messages; when none of them is marked, every guardian of the student does, so no student's
family is left out because nobody ticked the box.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar


class GuardianLike(Protocol):
    @property
    def student_id(self) -> int: ...

    @property
    def receives_notices(self) -> bool: ...


G = TypeVar("G", bound=GuardianLike)


def recipients(guardians: Iterable[G]) -> list[G]:
    """Return the guardians a message goes to, keeping the given order."""
    rows: Sequence[G] = list(guardians)
    marked = {g.student_id for g in rows if g.receives_notices}
    return [g for g in rows if g.receives_notices or g.student_id not in marked]


def students_without_guardian(student_ids: Iterable[int], guardians: Iterable[GuardianLike]) -> list[int]:
    """Return the students (by id, in the given order) nobody can be told about: no guardian recorded."""
    reached = {g.student_id for g in guardians}
    return [pk for pk in student_ids if pk not in reached]
