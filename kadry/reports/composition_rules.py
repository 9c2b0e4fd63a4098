"""Composition of the staff on a date: the bands and the definitions, as data with their sources. No database.

The age groups and the bands of pedagogical length of service are those of the staff sections of
the federal statistical form № ОО-1 (general education), which the office reports for pedagogical
staff; the current form's tables were not checked here, the bands are the ones it has used for years
(under 25, 25–29, … 60–64, 65 and over; under 3 years, 3–5, 5–10, 10–15, 15–20, 20 and over).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from kadry.lib.duration import Duration

# (lower bound in years, label); each band runs to the next bound (ОО-1).
AGE_BANDS: tuple[tuple[int, str], ...] = (
    (0, "моложе 25 лет"),
    (25, "25–29"),
    (30, "30–34"),
    (35, "35–39"),
    (40, "40–44"),
    (45, "45–49"),
    (50, "50–54"),
    (55, "55–59"),
    (60, "60–64"),
    (65, "65 лет и старше"),
)
SERVICE_BANDS: tuple[tuple[int, str], ...] = (
    (0, "до 3 лет"),
    (3, "от 3 до 5 лет"),
    (5, "от 5 до 10 лет"),
    (10, "от 10 до 15 лет"),
    (15, "от 15 до 20 лет"),
    (20, "20 лет и более"),
)

# Education levels from the lowest (273-ФЗ ст. 10, as ``staff.Education.Level``): a person's level is
# the highest one in the card.
EDUCATION_ORDER = (
    "basic_general",
    "secondary_general",
    "secondary_vocational",
    "bachelor",
    "specialist",
    "doctoral",
)
VOCATIONAL_OR_HIGHER = frozenset({"secondary_vocational", "bachelor", "specialist", "doctoral"})
NO_DATA = "нет сведений"

# A young specialist: Федеральный закон от 30.12.2020 № 489-ФЗ «О молодёжной политике в Российской
# Федерации», ст. 2 (as amended in April 2024, checked in a press report of the amendment, not in the
# official text) — a citizen aged up to 35 inclusive who has completed vocational or higher education
# and first takes up work in the specialty obtained; the same amendment calls «молодой работник» one
# up to 35 with a length of service of three years at most. The records keep no «first job» flag, so
# here: aged 35 or less, with vocational or higher education in the card, and a total length of
# service (every prior job and assignment, ``employment.seniority``) under three years.
YOUNG_SPECIALIST_MAX_AGE = 35
YOUNG_SPECIALIST_SERVICE_YEARS = 3


def age_on(birth: dt.date, day: dt.date) -> int:
    """Return the full years of age on ``day``."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def band(value: int, bands: Sequence[tuple[int, str]]) -> str:
    """Return the label of the band holding ``value`` (bands sorted by their lower bound)."""
    label = bands[0][1]
    for lower, name in bands:
        if value >= lower:
            label = name
    return label


def age_band(birth: dt.date, day: dt.date) -> str:
    return band(age_on(birth, day), AGE_BANDS)


def service_band(duration: Duration) -> str:
    """Return the band of a length of service: whole years decide (5 years 0 months is «от 5 до 10»)."""
    return band(duration.years, SERVICE_BANDS)


def highest_education(levels: Sequence[str]) -> str:
    """Return the highest level among ``levels``, or "" when there is none."""
    known = [level for level in levels if level in EDUCATION_ORDER]
    return max(known, key=EDUCATION_ORDER.index, default="")


def is_young_specialist(birth: dt.date, day: dt.date, education: str, total_service: Duration) -> bool:
    return (
        age_on(birth, day) <= YOUNG_SPECIALIST_MAX_AGE
        and education in VOCATIONAL_OR_HIGHER
        and total_service.years < YOUNG_SPECIALIST_SERVICE_YEARS
    )
