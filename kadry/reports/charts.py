"""Charts drawn on the server as SVG, from the same (label, value) series the tables beside them show.

No library is in requirements.lock for this (pygal is not), so the SVG is written with format_html:
every label is escaped, nothing is marked safe by hand. Each bar carries ``data-label`` and
``data-value`` with the value as the table prints it, so a test can read the chart's figures back.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

BAR = 18  # height of a horizontal bar, px
GAP = 6
LABEL_WIDTH = 260
PLOT_WIDTH = 340
COLUMN_PLOT_HEIGHT = 160
COLUMN_WIDTH = 34


def shown(value: Any) -> str:
    """Return the value as the page prints it: a decimal comma (the ru locale of the tables beside)."""
    return str(value).replace(".", ",")


def _number(value: Any) -> float:
    if value is None or value == "—" or value == "":
        return 0.0
    return float(Decimal(str(value)))


def bar_chart(title: str, series: Sequence[tuple[str, Any]]) -> SafeString:
    """Return horizontal bars, one a row, with the label on the left and the value on the right."""
    top = max((_number(value) for _label, value in series), default=0.0) or 1.0
    height = len(series) * (BAR + GAP) + GAP
    width = LABEL_WIDTH + PLOT_WIDTH + 60
    bars = format_html_join(
        "",
        '<g data-label="{}" data-value="{}"><text x="{}" y="{}" text-anchor="end">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" fill="#3f6fb0"/><text x="{}" y="{}">{}</text></g>',
        (
            (
                label,
                value,
                LABEL_WIDTH - 6,
                GAP + index * (BAR + GAP) + BAR - 5,
                label,
                LABEL_WIDTH,
                GAP + index * (BAR + GAP),
                f"{PLOT_WIDTH * _number(value) / top:.1f}",
                BAR,
                LABEL_WIDTH + PLOT_WIDTH * _number(value) / top + 4,
                GAP + index * (BAR + GAP) + BAR - 5,
                shown(value),
            )
            for index, (label, value) in enumerate(series)
        ),
    )
    return format_html(
        '<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{}" width="{}" height="{}" '
        'viewBox="0 0 {} {}" font-size="12"><title>{}</title>{}</svg>',
        title, width, height, width, height, title, bars,
    )  # fmt: skip


def column_chart(title: str, series: Sequence[tuple[str, Any]]) -> SafeString:
    """Return vertical columns (a month a column) with the value above each and the label below."""
    top = max((_number(value) for _label, value in series), default=0.0) or 1.0
    width = len(series) * (COLUMN_WIDTH + GAP) + GAP
    height = COLUMN_PLOT_HEIGHT + 50
    columns = []
    for index, (label, value) in enumerate(series):
        size = COLUMN_PLOT_HEIGHT * _number(value) / top
        x = GAP + index * (COLUMN_WIDTH + GAP)
        columns.append(
            (
                label, value, x, f"{20 + COLUMN_PLOT_HEIGHT - size:.1f}", COLUMN_WIDTH, f"{size:.1f}",
                x + COLUMN_WIDTH / 2, f"{16 + COLUMN_PLOT_HEIGHT - size:.1f}", shown(value),
                x + COLUMN_WIDTH / 2, height - 12, label,
            )
        )  # fmt: skip
    body = format_html_join(
        "",
        '<g data-label="{}" data-value="{}"><rect x="{}" y="{}" width="{}" height="{}" fill="#3f6fb0"/>'
        '<text x="{}" y="{}" text-anchor="middle">{}</text>'
        '<text x="{}" y="{}" text-anchor="middle" font-size="9">{}</text></g>',
        columns,
    )
    return format_html(
        '<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{}" width="{}" height="{}" '
        'viewBox="0 0 {} {}" font-size="10"><title>{}</title>{}</svg>',
        title, width, height, width, height, title, body,
    )  # fmt: skip
