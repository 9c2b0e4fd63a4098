"""Forms of the students' activities: one activity of a student of the class, and the import upload."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from kadry.core.forms import DateInput
from kadry.core.uploads import validate_upload_size
from kadry.school.models import Activity, SchoolClass, Student
from kadry.school.services.activities import class_roll


class ActivityForm(forms.ModelForm):
    """A club, a role in the class's актив, or a competition result: the level and the result only for the last."""

    class Meta:
        model = Activity
        fields = [
            "student",
            "kind",
            "name",
            "start",
            "end",
            "outside_school",
            "organiser",
            "level",
            "placement",
            "result",
        ]
        widgets = {"start": DateInput(), "end": DateInput()}
        help_texts = {
            "organiser": _("Для кружка или секции: школа, ДЮСШ, дом детского творчества…"),
            "level": _("Для конкурса или олимпиады."),
            "placement": _("Для конкурса или олимпиады: по нему считается рейтинг активности."),
            "result": _("Как в документе: диплом II степени, грамота, 3 место."),
        }

    def __init__(self, *args: Any, school_class: SchoolClass, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.school_class = school_class
        ids = [s.pk for s in class_roll(school_class)]
        cast(forms.ModelChoiceField, self.fields["student"]).queryset = Student.objects.filter(
            organisation_id=school_class.organisation_id, pk__in=ids
        )

    def clean(self) -> dict[str, Any]:
        cleaned = cast(dict[str, Any], super().clean())
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("Дата окончания раньше даты начала."))
        year = self.school_class.academic_year
        if start and not year.start <= start <= year.end:
            self.add_error("start", _("Дата вне учебного года класса (%(year)s).") % {"year": year})
        if cleaned.get("kind") == Activity.Kind.COMPETITION:
            if not cleaned.get("level"):
                self.add_error("level", _("Для конкурса или олимпиады укажите уровень."))
            if not cleaned.get("placement"):
                self.add_error("placement", _("Для конкурса или олимпиады укажите итог."))
        else:
            # A club or a role has no level nor place: they would count in the rating.
            cleaned["level"], cleaned["placement"] = "", ""
        if cleaned.get("kind") != Activity.Kind.CLUB:
            cleaned["outside_school"] = False
        return cleaned


class ActivityImportForm(forms.Form):
    file = forms.FileField(label=_("Файл CSV или XLSX"), required=False, validators=[validate_upload_size])
    # After a dry run the checked file stays on the server, named by this id (as the student import does).
    upload = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)
    filename = forms.CharField(widget=forms.HiddenInput, required=False, max_length=255)

    def clean(self) -> dict[str, Any]:
        cleaned = cast(dict[str, Any], super().clean())
        if not cleaned.get("file") and not cleaned.get("upload") and "file" not in self.errors:
            self.add_error("file", _("Выберите файл."))
        return cleaned
