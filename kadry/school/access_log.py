"""The access log of the class pages: one row per page shown, the class (or the school) as subject.

A class page lists up to thirty-odd students; a row per student would make every showing cost as
many inserts. One row naming the class and how many students the page showed keeps the page at one
insert and still tells who saw the class's data and when (152-ФЗ ст. 19).
"""

from __future__ import annotations

from django.db import models

from kadry.core.audit import record_access
from kadry.core.http import MemberRequest
from kadry.lib.duration import plural

# What the access log says was opened.
CLASS_LIST = "Список класса"
ATTENDANCE_DAY = "Посещаемость за день"
ATTENDANCE_WEEK = "Посещаемость за неделю"
ATTENDANCE_UNRESOLVED = "Пропуски без выясненной причины"
ATTENDANCE_FLAGS = "Пропуски без уважительной причины: учёт"
ATTENDANCE_REPORT = "Отчёт о посещаемости"
BRIEFINGS = "Журнал инструктажей"
DUTY = "Дежурство"
MEETING_PROTOCOL = "Протокол родительского собрания"
EVENT_PARTICIPANTS = "Участники мероприятия"
EVENT_NOTICE = "Уведомление о мероприятии"


STUDENTS = ("обучающийся", "обучающихся", "обучающихся")
GUARDIANS = ("родитель", "родителя", "родителей")


def record_list_access(
    request: MemberRequest,
    subject: models.Model,
    what: str,
    people: int,
    *,
    noun: tuple[str, str, str] = STUDENTS,
    channel: str = "web",
) -> None:
    """Log that a page (or an API answer) showed ``what`` of ``people`` students (or ``noun``) of ``subject``.

    ``subject`` is the class, or the organisation for the pages that gather every reachable class.
    """
    text = f"{what}: {people} {plural(people, *noun)}"[:100]
    record_access(membership=request.membership, subject=subject, what=text, request=request, channel=channel)
