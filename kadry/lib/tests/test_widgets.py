"""PlainSelect writes what Django's Select writes, escaped, without the template engine."""

from __future__ import annotations

import re

import pytest
from django import forms

from kadry.lib.widgets import PlainSelect

CHOICES = [("", "—"), ("a&b", 'Иванова <script>"x"</script>'), (7, "семь")]


def _normalised(html: str) -> str:
    # The forms' Jinja2 renderer writes a quote as &#34;, Django's escape as &quot;: the same character.
    return re.sub(r">\s+<", "><", html.strip()).replace("&#34;", "&quot;").replace("&#39;", "&#x27;")


@pytest.mark.parametrize("value", [None, "a&b", 7, "7"])
def test_the_markup_equals_djangos_select(value) -> None:
    attrs = {"id": "id_who", "required": True, "aria-invalid": "true"}
    plain = PlainSelect(choices=CHOICES).render("who", value, attrs)
    django = forms.Select(choices=CHOICES).render("who", value, attrs)
    assert sorted(re.findall(r"<option[^>]*>[^<]*</option>", _normalised(plain))) == sorted(
        re.findall(r"<option[^>]*>[^<]*</option>", _normalised(django))
    )
    assert 'name="who"' in plain and 'id="id_who"' in plain and "required" in plain
    assert "<script>" not in plain and "&lt;script&gt;" in plain


def test_groups_are_refused() -> None:
    with pytest.raises(ValueError):
        PlainSelect(choices=[("Группа", [("a", "A")])]).render("who", None)
