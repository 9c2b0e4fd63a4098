"""The production calendar of a year, read-only for checking against the official one, and its corrections.

The corrections (a decree not yet in the `holidays` package, a shortened pre-holiday day) are one
national table: the HR head and the administrator edit it, everyone who sees the staff reads it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from kadry.core.access import capability_required
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability, role_can
from kadry.leave import calendar_corrections
from kadry.leave.models import CalendarCorrection
from kadry.lib import calendar

MONTHS = ("Январь", "Февраль", "Март", "Апрель", "Май", "Июнь", "Июль", "Август", "Сентябрь", "Октябрь",
          "Ноябрь", "Декабрь")  # fmt: skip


def _last_year() -> int:
    # Next year's decree comes out in the autumn: its calendar is checked and corrected ahead.
    return timezone.localdate().year + 1


class CorrectionForm(forms.Form):
    # A plain form, not a ModelForm: a second correction of a day replaces the first (the service
    # updates it), where a ModelForm would refuse the day as taken.
    day = forms.DateField(label="Дата", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    kind = forms.ChoiceField(label="Что это за день", choices=CalendarCorrection.Kind.choices)
    note = forms.CharField(
        label="Основание",
        max_length=300,
        widget=forms.TextInput(attrs={"placeholder": "Постановление Правительства РФ от … № …"}),
    )

    def clean_day(self) -> dt.date:
        day = self.cleaned_data["day"]
        if not calendar.FIRST_YEAR <= day.year <= _last_year():
            raise forms.ValidationError(f"Календарь ведётся с {calendar.FIRST_YEAR} по {_last_year()} год.")
        return day


def _norm_row(title: str, norm: calendar.Norm) -> dict[str, Any]:
    return {"title": title, "norm": norm, "hours": [norm.hours[week] for week in calendar.WEEK_HOURS]}


def _calendar_page(request: MemberRequest, year: int, form: CorrectionForm, status: int = 200) -> HttpResponse:
    rows = list(CalendarCorrection.objects.filter(day__year=year).order_by("day"))
    own = [row.as_value() for row in rows]
    days = calendar.year_calendar(year, own)
    months = [_norm_row(MONTHS[m - 1], calendar.month_norm(year, m, own)) for m in range(1, 13)]
    quarters = [_norm_row(f"{q} квартал", calendar.quarter_norm(year, q, own)) for q in range(1, 5)]
    halves = [
        _norm_row("I полугодие", calendar.norm(dt.date(year, 1, 1), dt.date(year, 6, 30), own)),
        _norm_row("II полугодие", calendar.norm(dt.date(year, 7, 1), dt.date(year, 12, 31), own)),
    ]
    context = {
        "year": year,
        "years": range(calendar.FIRST_YEAR, _last_year() + 1),
        "weeks": calendar.WEEK_HOURS,
        "months": months,
        "quarters": quarters + halves,
        "total": _norm_row(f"{year} год", calendar.year_norm(year, own)),
        "holidays": sorted(days.public_holidays.items()),
        "moved": sorted(
            {**days.days_off_moved, **{c.day: c.note for c in own if c.day in days.extra_days_off}}.items()
        ),
        "working_weekends": sorted(days.working_weekends),
        "shortened": sorted(days.shortened),
        "corrections": rows,
        "can_edit": role_can(request.membership.role, Capability.EDIT_CALENDAR),
        "form": form,
    }
    return render(request, "leave/calendar.html", context, status=status)


@capability_required(Capability.VIEW_STAFF)
def production_calendar(request: MemberRequest, year: int) -> HttpResponse:
    """The year's months: working days, days off, norm hours for 40-, 36- and 24-hour weeks; the corrections."""
    if not calendar.FIRST_YEAR <= year <= _last_year():
        raise Http404
    form = CorrectionForm(initial={"day": dt.date(year, 1, 1)} if year != timezone.localdate().year else None)
    if request.method == "POST":
        if not role_can(request.membership.role, Capability.EDIT_CALENDAR):
            raise Http404
        form = CorrectionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                correction = calendar_corrections.save_correction(
                    actor=request.user, organisation=request.membership.organisation,
                    day=data["day"], kind=data["kind"], note=data["note"],
                )  # fmt: skip
            except ValidationError as error:
                for field, texts in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, texts)
            else:
                messages.success(request, f"Поправка на {correction.day:%d.%m.%Y} сохранена.")
                return redirect("leave:calendar", correction.day.year)
    return _calendar_page(request, year, form)


@capability_required(Capability.EDIT_CALENDAR)
@require_POST
def correction_delete(request: MemberRequest, pk: int) -> HttpResponse:
    correction = get_object_or_404(CalendarCorrection, pk=pk)
    year = correction.day.year
    calendar_corrections.delete_correction(
        actor=request.user, organisation=request.membership.organisation, correction=correction
    )
    messages.success(request, f"Поправка на {correction.day:%d.%m.%Y} удалена.")
    return redirect("leave:calendar", year)
