"""Forms of class life. Every choice (students, guardians, employees, events) is limited to the class.

The forms check what a person can fix at once (a reason left empty, a late notice, too few adults)
with the same functions the services use, so the UI and the API refuse with the same messages.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kadry.core.forms import DateInput
from kadry.school.models import (
    ClassEvent,
    ClassHour,
    ClassVisit,
    DutyRoster,
    Guardian,
    IndividualWork,
    ParentMeeting,
    SafetyBriefing,
    SchoolClass,
)
from kadry.school.rules.life import visit_refusal
from kadry.school.services import life as services
from kadry.school.services.attendance import school_day_refusal

CHECKBOXES = forms.CheckboxSelectMultiple


class ClassHourPlanForm(forms.ModelForm):
    class Meta:
        model = ClassHour
        fields = ["date", "topic"]
        widgets = {"date": DateInput()}

    def __init__(self, *args: Any, school_class: SchoolClass, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.school_class = school_class

    def clean_date(self) -> dt.date:
        # The service refuses the same day with the same words; here the message lands on the field at once.
        day = self.cleaned_data["date"]
        refusal = school_day_refusal(self.school_class, day)
        if refusal:
            raise forms.ValidationError(refusal)
        return day


class ClassHourHeldForm(forms.ModelForm):
    class Meta:
        model = ClassHour
        fields = ["notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class ClassHourCancelForm(forms.Form):
    cancel_reason = forms.CharField(
        label=_("Причина отмены"),
        max_length=300,
        help_text=_("Отмена — это уведомление администрации: не позднее чем за сутки до классного часа (п. 6.6)."),
    )


class ClassForm(forms.ModelForm):
    """A form of one class's record: students and guardians limited to the class."""

    def __init__(self, *args: Any, school_class: SchoolClass, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.school_class = school_class
        students = services.class_students(school_class).order_by("last_name", "first_name", "pk")
        for name in ("participants", "present", "students"):
            if name in self.fields:
                # The widget first: setting the queryset hands its choices to the widget in place, and a
                # widget swapped in afterwards would render an empty list (nobody could be ticked).
                self.fields[name].widget = CHECKBOXES()
                cast(forms.ModelChoiceField, self.fields[name]).queryset = students
                self.fields[name].required = True


class GuardianChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Guardian) -> str:
        return f"{obj.full_name} ({obj.get_relation_display()} — {obj.student})"


class ParentMeetingForm(ClassForm):
    class Meta:
        model = ParentMeeting
        fields = ["date", "agenda", "attended", "minutes", "decisions"]
        field_classes = {"attended": GuardianChoiceField}
        widgets = {
            "date": DateInput(),
            "agenda": forms.Textarea(attrs={"rows": 3}),
            "minutes": forms.Textarea(attrs={"rows": 6}),
            "decisions": forms.Textarea(attrs={"rows": 4}),
            "attended": CHECKBOXES(),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["attended"]).queryset = services.class_guardians(self.school_class)


class ClassEventForm(ClassForm):
    class Meta:
        model = ClassEvent
        fields = [
            "title",
            "date",
            "start_time",
            "place",
            "outside_school",
            "participants",
            "escorts",
            "other_escorts",
            "notice_given_on",
        ]
        widgets = {
            "date": DateInput(),
            "notice_given_on": DateInput(),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "escorts": forms.SelectMultiple(attrs={"size": 6}),
        }
        help_texts = {
            "notice_given_on": _("Письменное уведомление администрации — не позднее чем за 3 дня (п. 6.9)."),
            "escorts": _("Не менее одного взрослого на 10 обучающихся (п. 6.9); себя тоже отметьте, если идёте."),
        }

    def __init__(self, *args: Any, today: dt.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        # Escorts are the school's own working staff (the event's other adults are written by name);
        # the service checks them again on the event's date.
        escorts = cast(forms.ModelChoiceField, self.fields["escorts"])
        escorts.queryset = services.working_escorts(self.school_class.organisation_id, self.today)
        escorts.error_messages["invalid_choice"] = _(
            "Сопровождающим можно выбрать только работающего сотрудника школы."
        )
        if not self.is_bound and not self.instance.pk:
            # By default the whole class goes.
            self.initial.setdefault(
                "participants", list(cast(forms.ModelChoiceField, self.fields["participants"]).queryset or ())
            )
            self.initial.setdefault("notice_given_on", self.today)

    def clean(self) -> dict[str, Any]:
        cleaned = cast(dict[str, Any], super().clean())
        escorts = list(cleaned.get("escorts") or [])
        not_working = cleaned.get("date") and services.not_working_escorts(escorts, cleaned["date"])
        if not_working:
            self.add_error("escorts", services.escorts_not_working_message(not_working, cleaned["date"]))
        if {"date", "notice_given_on"} <= set(cleaned) and cleaned.get("participants") is not None:
            problems = services.event_problems(
                date=cleaned["date"],
                notice_given_on=cleaned["notice_given_on"],
                participants=len(cleaned["participants"]),
                escort_employees=len(cleaned.get("escorts") or []),
                other_escorts=cleaned.get("other_escorts", ""),
                today=self.today,
            )
            for name, messages in problems.items():
                for message in messages:
                    self.add_error(name, message)
        return cleaned


class SafetyBriefingForm(ClassForm):
    class Meta:
        model = SafetyBriefing
        fields = ["date", "kind", "topic", "event", "present"]
        widgets = {"date": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["event"]).queryset = ClassEvent.objects.filter(
            organisation_id=self.school_class.organisation_id, school_class=self.school_class
        )
        if not self.is_bound:
            self.initial.setdefault(
                "present", list(cast(forms.ModelChoiceField, self.fields["present"]).queryset or ())
            )

    def clean(self) -> dict[str, Any]:
        cleaned = cast(dict[str, Any], super().clean())
        if cleaned.get("kind") == SafetyBriefing.Kind.EVENT and not cleaned.get("event"):
            self.add_error("event", _("Инструктаж перед мероприятием: выберите мероприятие."))
        return cleaned


class DutyRosterForm(ClassForm):
    class Meta:
        model = DutyRoster
        fields = ["date", "place", "students"]
        widgets = {"date": DateInput()}


class ClassVisitForm(forms.ModelForm):
    class Meta:
        model = ClassVisit
        fields = ["kind", "status", "date", "with_whom", "subject", "notes"]
        widgets = {"date": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"status": _("Посещения уроков — по графику (п. 6.3): запланируйте, затем отметьте проведённым.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Left out (an older client, the API), a visit is one that took place.
        self.fields["status"].required = False

    def clean(self) -> dict[str, Any]:
        cleaned = cast(dict[str, Any], super().clean())
        cleaned["status"] = cleaned.get("status") or ClassVisit.Status.DONE
        if cleaned.get("date"):
            refusal = visit_refusal(cleaned["status"], cleaned["date"], timezone.localdate())
            if refusal:
                self.add_error("date", refusal)
        return cleaned


class VisitDoneForm(forms.Form):
    date = forms.DateField(label=_("Дата посещения"), widget=DateInput())
    notes = forms.CharField(label=_("Выводы"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class CancelRecordForm(forms.Form):
    cancel_reason = forms.CharField(label=_("Причина отмены"), max_length=300)


class IndividualWorkForm(forms.ModelForm):
    class Meta:
        model = IndividualWork
        fields = ["date", "kind", "content", "outcome"]
        widgets = {
            "date": DateInput(),
            "content": forms.Textarea(attrs={"rows": 4}),
            "outcome": forms.Textarea(attrs={"rows": 3}),
        }
