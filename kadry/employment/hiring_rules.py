"""What the law asks of a hire and of a dismissal at the employee's request. Pure functions of plain values.

Each function returns the problem in Russian (shown on the field) or ``None``. Errors refuse signing;
warnings are shown by the order's check and do not block it.
"""

from __future__ import annotations

import datetime as dt

from kadry.lib.dates import age_on

# ТК РФ ст. 63 ч. 1: a labour contract is concluded from the age of sixteen.
FULL_WORKING_AGE = 16
# ТК РФ ст. 63 ч. 2–3: from fifteen (light work, having got or leaving general education) and from
# fourteen (light work with a parent's written consent, and while at school also the guardianship
# body's, in time free from study). Below fourteen only in cinema, theatres, concert organisations
# and circuses (ст. 63 ч. 4) — not in a school, so it is refused.
MIN_WORKING_AGE = 14
# ТК РФ ст. 68 ч. 2: the hiring order is announced to the employee within three days of the actual
# start of work, so the order may be dated at most three (calendar, ТК ст. 14) days after the start.
HIRE_ORDER_DAYS_AFTER_START = 3
# ТК РФ ст. 80 ч. 1: the employee warns at least two weeks ahead; the term begins the day after the
# employer receives the statement, so the earliest last day is the statement date + 14 days.
RESIGNATION_NOTICE_DAYS = 14


def hiring_age_error(*, birth_date: dt.date, start: dt.date) -> str | None:
    """Refuse a hire of a person younger than fourteen on the first working day (ТК РФ ст. 63)."""
    age = age_on(birth_date, start)
    if age < MIN_WORKING_AGE:
        return f"На дату начала работы сотруднику {age} лет: трудовой договор заключается с 14 лет (ТК РФ ст. 63)."
    return None


def hiring_age_warning(*, birth_date: dt.date, start: dt.date) -> str | None:
    """Warn about a hire at fourteen or fifteen: allowed only under the conditions of ТК РФ ст. 63."""
    age = age_on(birth_date, start)
    if MIN_WORKING_AGE <= age < FULL_WORKING_AGE:
        return (
            f"На дату начала работы сотруднику {age} лет: приём возможен только на лёгкий труд, не вредящий "
            "здоровью и обучению, с письменного согласия родителя (попечителя), а для обучающегося — "
            "и органа опеки и попечительства (ТК РФ ст. 63). Проверьте, что эти условия выполнены."
        )
    return None


def hire_start_error(*, order_date: dt.date, start: dt.date) -> str | None:
    """Refuse a hire that started more than three days before its order (ТК РФ ст. 68)."""
    if start < order_date - dt.timedelta(days=HIRE_ORDER_DAYS_AFTER_START):
        return (
            f"Работа начата {start:%d.%m.%Y}, а приказ датирован {order_date:%d.%m.%Y}: приказ о приёме "
            f"объявляется в течение {HIRE_ORDER_DAYS_AFTER_START} дней со дня фактического начала работы (ТК РФ ст. 68)."
        )
    return None


def pedagogical_education_warning(*, has_required_education: bool) -> str | None:
    """Warn when a pedagogical position is taken by someone whose card holds no vocational or higher education.

    ТК РФ ст. 331 ч. 1: pedagogical work is open to persons with secondary vocational or higher
    education meeting the qualification requirements (students of higher education may be admitted
    under ч. 3 of the same article), so only a warning: the card may simply lack the record.
    """
    if has_required_education:
        return None
    return (
        "В личной карточке нет среднего профессионального или высшего образования, которого требует "
        "педагогическая должность (ТК РФ ст. 331). Внесите образование или проверьте основание допуска."
    )


def earliest_resignation_date(statement_date: dt.date) -> dt.date:
    """Return the earliest last working day after a resignation statement of ``statement_date`` (ТК РФ ст. 80)."""
    return statement_date + dt.timedelta(days=RESIGNATION_NOTICE_DAYS)


def resignation_errors(
    *, statement_date: dt.date | None, dismissal_date: dt.date, by_agreement: bool
) -> dict[str, str]:
    """Return ``{field: message}`` for a dismissal at the employee's request (ТК РФ ст. 80).

    The statement date is required; a date earlier than two weeks after it only by agreement of the
    parties (ст. 80 ч. 2: «по соглашению между работником и работодателем»).
    """
    if statement_date is None:
        return {"statement_date": "Укажите дату заявления работника об увольнении (ТК РФ ст. 80)."}
    if dismissal_date < statement_date:
        return {"date": "Дата увольнения раньше даты заявления."}
    earliest = earliest_resignation_date(statement_date)
    if dismissal_date < earliest and not by_agreement:
        return {
            "date": (
                f"Без соглашения сторон уволить по заявлению от {statement_date:%d.%m.%Y} можно не ранее "
                f"{earliest:%d.%m.%Y} (две недели, ТК РФ ст. 80). Если работник и работодатель договорились "
                "о более ранней дате, отметьте «по соглашению сторон»."
            )
        }
    return {}
