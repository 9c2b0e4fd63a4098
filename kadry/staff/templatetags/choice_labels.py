"""``{{ assignment|label:"kind" }}``: a choice field's label without ``get_<field>_display()``'s cost."""

from __future__ import annotations

from django import template
from django.db import models

from kadry.lib.choices import choice_label

register = template.Library()


@register.filter
def label(instance: models.Model | None, field_name: str) -> str:
    """Return the label of ``instance``'s value of the choice field ``field_name`` ("" without an instance)."""
    return "" if instance is None else choice_label(instance, field_name)
