"""Forms of the plan of educational work: its goals, an activity, the deputy's return, the yearly analysis."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from kadry.core.forms import DateInput
from kadry.school.models import EducationPlan, EducationPlanItem
from kadry.school.rules import education_plan as rules


class PlanHeaderForm(forms.ModelForm):
    class Meta:
        model = EducationPlan
        fields = ("goals", "directions")
        widgets = {
            "goals": forms.Textarea(attrs={"rows": 5}),
            "directions": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "goals": _("Цели и задачи воспитательной работы с классом на год (п. 2.2, 2.3 положения)."),
            "directions": _("Что важно знать о плане сверх таблицы мероприятий; можно не заполнять."),
        }


class PlanItemForm(forms.ModelForm):
    """An activity of the plan: its direction and month; a date, if given, in that month of the class's year."""

    class Meta:
        model = EducationPlanItem
        fields = ("month", "direction", "title", "form", "responsible", "date")
        widgets = {"date": DateInput()}
        help_texts = {
            "form": _("Классный час, экскурсия, акция, родительское собрание, беседа…"),
            "responsible": _("Классный руководитель, актив класса, родительский комитет…"),
            "date": _("Если уже назначена; иначе — только месяц."),
        }

    def __init__(self, *args: Any, plan: EducationPlan, checks_half_year: bool = True, **kwargs: Any) -> None:
        """``checks_half_year=False``: the item is one of a whole plan sent at once (the API's PUT), where a
        correction sends the first half-year's items back as they were; the service compares them."""
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.checks_half_year = checks_half_year
        self.old_month = self.instance.month if self.instance.pk else None

    def clean(self) -> dict[str, Any]:
        cleaned = cast(dict[str, Any], super().clean())
        month = cleaned.get("month")
        if month is None:
            return cleaned
        year = self.plan.school_class.academic_year
        problems = rules.item_refusals(
            month=int(month),
            date=cleaned.get("date"),
            plan_half_year=self.plan.half_year if self.checks_half_year else rules.FIRST_HALF,
            year_start=year.start,
            year_end=year.end,
            old_month=self.old_month,
        )
        for name, message in problems.items():
            self.add_error(name if name in self.fields else None, message)
        return cleaned


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Что исправить в плане"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Напишите классному руководителю, что исправить в плане.")},
    )


class AnalysisForm(forms.Form):
    analysis = forms.CharField(
        label=_("Анализ воспитательной работы за год"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 22}),
    )
