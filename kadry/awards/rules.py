"""Departmental and state awards a school nominates its staff for: the kinds as data, with their
requirements and sources, and the check of a nomination against them. Pure, no database.

Sources:
- Приказ Минпросвещения России от 09.01.2019 № 1 «О ведомственных наградах Министерства просвещения
  Российской Федерации» (учреждает Благодарность, Почётную грамоту, нагрудный знак «Почётный работник
  воспитания и просвещения Российской Федерации», медаль Л. С. Выготского, почётное звание «Ветеран
  сферы воспитания и образования»; утверждает положения о каждой награде и порядок представления:
  ходатайство возбуждается коллективом по месту основной работы и рассматривается коллегиальным
  органом организации). Checked: the list of awards and the procedure (garant.ru, bazanpa.ru).
  Not checked against the text in force: the exact years of service each award asks and later
  amendments (the badge «Отличник просвещения» was added later; the office should compare the
  numbers below with the Положение in force before relying on them — they are data, easy to change).
- Указ Президента РФ от 07.09.2010 № 1099 «О мерах по совершенствованию государственной наградной
  системы Российской Федерации», Положение о почётных званиях: an honorary title is conferred, as a
  rule, not earlier than 15 years from the start of working life and when the person holds a
  departmental award. Not checked against the text in force.
"""

from __future__ import annotations

from dataclasses import dataclass

from kadry.lib.duration import Duration, plural

DEPARTMENTAL_SOURCE = "Приказ Минпросвещения России от 09.01.2019 № 1"
STATE_SOURCE = "Указ Президента РФ от 07.09.2010 № 1099"


@dataclass(frozen=True)
class AwardKind:
    """An award and what a nominee must have: years of work in all, in education, in the organisation, earlier awards."""

    code: str
    name: str
    level: str  # «ведомственная» or «государственная»
    source: str
    total_years: int = 0
    sphere_years: int = 0  # pedagogical length of service stands for the years «в сфере образования»
    organisation_years: int = 0
    # Any one of these names (matched in the card's awards, case-insensitive, by part) is the earlier award asked.
    earlier: tuple[str, ...] = ()
    earlier_words: str = ""  # how the requirement reads


AWARD_KINDS: dict[str, AwardKind] = {
    kind.code: kind
    for kind in (
        AwardKind(
            "gratitude", "Благодарность Министерства просвещения Российской Федерации", "ведомственная",
            DEPARTMENTAL_SOURCE, sphere_years=1,
        ),
        AwardKind(
            "honour_certificate", "Почётная грамота Министерства просвещения Российской Федерации", "ведомственная",
            DEPARTMENTAL_SOURCE, sphere_years=3, organisation_years=1,
        ),
        AwardKind(
            "honorary_worker", "Нагрудный знак «Почётный работник воспитания и просвещения Российской Федерации»",
            "ведомственная", DEPARTMENTAL_SOURCE, total_years=15, sphere_years=10,
            earlier=("почётная грамота министерства просвещения", "почетная грамота министерства просвещения",
                     "почётная грамота министерства образования", "почетная грамота министерства образования"),
            earlier_words="Почётная грамота Министерства просвещения (Минобрнауки) России",
        ),
        AwardKind(
            "honoured_teacher", "Почётное звание «Заслуженный учитель Российской Федерации»", "государственная",
            STATE_SOURCE, total_years=15,
            earlier=("почётный работник", "почетный работник", "отличник", "почётная грамота министерства",
                     "почетная грамота министерства"),
            earlier_words="ведомственная награда (Почётная грамота, «Почётный работник…», «Отличник…»)",
        ),
    )
}  # fmt: skip


def requirement_problems(
    kind: AwardKind, *, total: Duration, sphere: Duration, organisation: Duration, earlier: list[str]
) -> list[str]:
    """Return what the nominee lacks for ``kind`` (empty when every requirement is met), in Russian.

    Years are whole years of the length of service (Duration.years): 14 years 11 months is not 15.
    """
    problems = []
    for need, have, words in (
        (kind.total_years, total, "общего стажа"),
        (kind.sphere_years, sphere, "стажа в сфере образования (педагогического)"),
        (kind.organisation_years, organisation, "стажа в организации"),
    ):
        if need and have.years < need:
            problems.append(f"Нужно не менее {need} {plural(need, 'года', 'лет', 'лет')} {words}, а есть {have}.")
    if kind.earlier and not any(word in name.lower() for name in earlier for word in kind.earlier):
        problems.append(f"Нужна ранее полученная награда: {kind.earlier_words}.")
    return problems


def matches_award(kind: AwardKind, card_award: str) -> bool:
    """Return whether a card's award entry (written by the award order) is this award: the name without case and «ё»."""

    def plain(text: str) -> str:
        return " ".join(text.lower().replace("ё", "е").replace("«", "").replace("»", "").replace('"', "").split())

    wanted = plain(kind.name).removeprefix("нагрудный знак ").removeprefix("почетное звание ")
    return wanted in plain(card_award)
