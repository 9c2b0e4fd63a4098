"""Forms of the register of incidents and of the messages to parents; students limited to the class."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from kadry.core.forms import DateInput
from kadry.school.forms_life import CHECKBOXES, ClassForm
from kadry.school.models import Incident, ParentMessage
from kadry.school.performance import grade_terms
from kadry.school.services import life as services


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M")


TIMES = ("occurred_at", "ambulance_called_at", "administration_informed_at", "parents_informed_at")


class IncidentForm(ClassForm):
    class Meta:
        model = Incident
        fields = [
            "kind",
            "occurred_at",
            "place",
            "during",
            "students",
            "description",
            "injuries",
            "first_aid",
            "ambulance_called_at",
            "administration_informed_at",
            "administration_informed_whom",
            "parents_informed_at",
            "parents_informed_whom",
            "witnesses",
        ]
        widgets = {
            **{name: DateTimeInput() for name in TIMES},
            "description": forms.Textarea(attrs={"rows": 4}),
            "injuries": forms.Textarea(attrs={"rows": 2}),
            "first_aid": forms.Textarea(attrs={"rows": 2}),
            "witnesses": forms.Textarea(attrs={"rows": 2}),
            "students": CHECKBOXES(),
        }
        help_texts = {
            "ambulance_called_at": _(
                "При травмах и жалобах любой этиологии вызывают скорую помощь (п. 1.8 положения)."
            ),
            "administration_informed_at": _(
                "О нештатных и чрезвычайных ситуациях информируют администрацию (п. 4.17); запись в журнале "
                "появляется у директора и заместителя на главной странице."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # A correction may name a student who has left the class since: keep those already named.
            field = cast(forms.ModelMultipleChoiceField, self.fields["students"])
            field.queryset = (field.queryset | self.instance.students.all()).distinct()


class IncidentActForm(forms.ModelForm):
    class Meta:
        model = Incident
        fields = ["act_number", "act_date", "commission", "days_off", "causes", "responsible", "measures"]
        widgets = {
            "act_date": DateInput(),
            "commission": forms.Textarea(attrs={"rows": 3}),
            "causes": forms.Textarea(attrs={"rows": 3}),
            "responsible": forms.Textarea(attrs={"rows": 2}),
            "measures": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "days_off": _(
                "По медицинскому заключению. Расследованию подлежит несчастный случай с освобождением от "
                "занятий не менее чем на один день (Приказ Минобрнауки России от 27.06.2017 № 602)."
            ),
        }


class ParentMessageForm(forms.ModelForm):
    class Meta:
        model = ParentMessage
        fields = ["student", "topic", "term", "title", "text", "channel"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "student": _("Пусто — родителям всех обучающихся класса."),
            "channel": _(
                "Kadry ничего не отправляет сам: распечатайте сообщение или выгрузите список для мессенджера."
            ),
        }

    def __init__(self, *args: Any, school_class: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.school_class = school_class
        student = cast(forms.ModelChoiceField, self.fields["student"])
        student.queryset = services.class_students(school_class).order_by("last_name", "first_name", "pk")
        student.required = False
        student.empty_label = _("весь класс")
        terms = grade_terms()
        if terms:
            self.fields["term"] = forms.ChoiceField(
                label=_("период (оценки)"), required=False, choices=[("", "—"), *terms],
                help_text=_("Для темы «успеваемость за период»: в сообщение каждой семье войдут оценки её ребёнка."),
            )  # fmt: skip
        else:
            del self.fields["term"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "term" not in self.fields:
            return data
        if data.get("topic") == ParentMessage.Topic.GRADES and not data.get("term"):
            self.add_error("term", _("Выберите период, оценки за который сообщаются родителям."))
        elif data.get("topic") != ParentMessage.Topic.GRADES:
            data["term"] = ""  # only a message of the grades carries them
        return data
