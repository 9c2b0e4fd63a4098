"""Form widgets that render without the template engine.

Django renders each ``<option>`` of a select through a widget template: a list of 50 employees and the
30 codes of Т-13 cost the timesheet page a tenth of its time. ``PlainSelect`` writes the same markup
with ``format_html_join`` (every value and label escaped).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


class PlainSelect(forms.Select):
    """A single select of flat choices (no groups), rendered in Python."""

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        chosen = {str(v) for v in self.format_value(value)}
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        options = []
        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):
                raise ValueError("PlainSelect renders flat choices only")
            text = "" if option_value is None else str(option_value)
            options.append((text, " selected" if text in chosen else "", label))
        return format_html(
            "<select{}>{}</select>",
            flatatt(final),
            format_html_join("", '<option value="{}"{}>{}</option>', options),
        )
