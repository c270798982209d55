"""Forms: building a draft release and writing commentary."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from scorecards.periods import Month

ALLOWED_SUFFIXES = (".csv", ".xlsx")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = data if isinstance(data, list | tuple) else [data]
        cleaned = [super(MultipleFileField, self).clean(f, initial) for f in files if f]
        if not cleaned:
            raise forms.ValidationError("Choose one or more values files (CSV or XLSX)")
        for upload in cleaned:
            if not str(upload.name).lower().endswith(ALLOWED_SUFFIXES):
                raise forms.ValidationError(f"{upload.name}: a values file must be a CSV or XLSX file")
        return cleaned


class BuildForm(forms.Form):
    data_month = forms.CharField(max_length=7)
    values = MultipleFileField()
    restricted = forms.BooleanField(required=False)

    def clean_data_month(self) -> Month:
        text = self.cleaned_data["data_month"]
        try:
            return Month.parse(text)
        except ValueError:
            raise forms.ValidationError("Enter the data month as YYYY-MM, for example 2017-06") from None


class CommentaryForm(forms.Form):
    geography = forms.CharField(max_length=100)
    text = forms.CharField(max_length=10000, strip=True, error_messages={"required": "Enter the commentary"})


class TextForm(forms.Form):
    text = forms.CharField(max_length=20000, strip=True, error_messages={"required": "Enter the text"})
