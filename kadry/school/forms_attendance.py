"""Forms of attendance: the grid's rows (read from one POST), the reason, the thresholds, the report period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kadry.school.models import AttendanceMark, AttendanceThresholds, SchoolClass
from kadry.school.services.attendance import MarkInput


def _int(value: str | None) -> int | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        return -1  # out of every allowed range: the rules name the field


def parse_grid(data: Mapping[str, Any], student_ids: Iterable[int]) -> list[MarkInput]:
    """Return the grid's rows from the POST: fields ``s<id>-kind``, ``-whole_day``, ``-lessons``, ``-minutes_late``, …"""
    rows = []
    for student_id in student_ids:
        prefix = f"s{student_id}-"
        kind = data.get(prefix + "kind", "") or ""
        rows.append(
            MarkInput(
                student_id=student_id,
                kind="" if kind == "present" else kind,
                whole_day=data.get(prefix + "whole_day", "") in ("on", "1", "true"),
                lessons=_int(data.get(prefix + "lessons")),
                minutes_late=_int(data.get(prefix + "minutes_late")),
                reason=data.get(prefix + "reason") or AttendanceMark.Reason.UNKNOWN,
                note=data.get(prefix + "note", "") or "",
            )
        )
    return rows


class DayForm(forms.Form):
    date = forms.DateField(label=_("Дата"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def day(self, default: dt.date) -> dt.date:
        if self.is_valid() and self.cleaned_data["date"]:
            return self.cleaned_data["date"]
        return default


class ReasonForm(forms.Form):
    reason = forms.ChoiceField(label=_("Причина"), choices=AttendanceMark.Reason.choices)


class ThresholdsForm(forms.ModelForm):
    class Meta:
        model = AttendanceThresholds
        fields = ["days_in_row", "monthly_share"]

    def clean_days_in_row(self) -> int:
        value = self.cleaned_data["days_in_row"]
        if value < 1:
            raise forms.ValidationError(_("Не менее одного дня."))
        return value


class ReportForm(forms.Form):
    """The period of the report and, optionally, its class (``?class=&start=&end=``)."""

    start = forms.DateField(label=_("С"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("По"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, classes: QuerySet[SchoolClass], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The field is called «class» in the URL, a keyword in Python.
        self.fields["class"] = forms.ModelChoiceField(
            label=_("Класс"), queryset=classes.order_by("grade", "letter"), required=False, empty_label=_("все классы")
        )
        self.order_fields(["class", "start", "end"])

    def clean(self) -> dict[str, Any]:
        data = cast(dict[str, Any], super().clean())
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("Дата окончания раньше даты начала."))
            elif (end - start).days > 400:
                self.add_error("end", _("Период отчёта — не больше учебного года."))
        return data
