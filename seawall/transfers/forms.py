"""Forms of the import and export pages. Nothing here writes to the database."""

from __future__ import annotations

from typing import Any

from django import forms

from seawall import policy
from seawall.transfers import uploads
from seawall.transfers.exporting import FORMATS, MIN_PURPOSE
from seawall.widgets import QuickSelect

KIND_CHOICES = [
    ("detect", "Find out from the file (IOM's HTCDS template, or a CTDC dataset)"),
    ("htcds", "HTCDS 2.0: IOM's Excel template, or its CSV form"),
    ("ctdc", "CTDC victim dataset (v1 or 2024 schema)"),
    ("table", "Our own spreadsheet: I will say which column holds what"),
]
DATE_ORDERS = [
    ("ISO", "2024-03-15 (year first), or real date cells"),
    ("DMY", "15/03/2024 (day first)"),
    ("MDY", "03/15/2024 (month first)"),
]


class UploadForm(forms.Form):
    file = forms.FileField(label="File (XLSX or CSV)",
                           help_text=f"At most {uploads.MAX_BYTES // 1024 // 1024} MB. CSV files must be saved as CSV UTF-8.",
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xlsm,.csv,.txt"}),
                           error_messages={"empty": "This file is empty (0 bytes): choose the file that holds the cases.",
                                           "required": "Choose the file to upload."})
    kind = forms.ChoiceField(label="What is this file?", choices=KIND_CHOICES, initial="detect",
                             widget=forms.RadioSelect)
    mapping = forms.ModelChoiceField(queryset=None, required=False, label="Saved column mapping (own spreadsheets)",
                                     empty_label="— build a new mapping from this file —", widget=QuickSelect)
    date_order = forms.ChoiceField(label="Dates typed as text are written", choices=DATE_ORDERS, initial="ISO",
                                   widget=QuickSelect, required=False,
                                   help_text="For HTCDS files; a mapping says this for its own spreadsheet.")

    def __init__(self, *args: Any, mappings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mapping"].queryset = mappings  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        message = uploads.too_large(upload)
        if message:
            raise forms.ValidationError(message)
        return upload


class ExportForm(forms.Form):
    format = forms.ChoiceField(label="Format", choices=[(k, v[0]) for k, v in FORMATS.items()], initial="ctdc-v1",
                               widget=forms.RadioSelect)
    with_identity = forms.BooleanField(required=False, label="Include names, birth dates, contacts and documents",
                                       help_text="HTCDS only; only for cases whose identity you may see.")
    purpose = forms.CharField(required=False, max_length=500, label="Why do these identities leave Seawall?",
                              widget=forms.Textarea(attrs={"rows": 2}),
                              help_text="Required with identities; kept in the audit trail with the list of cases exported.")

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.may_identify = policy.may_export_identities(user)
        if not self.may_identify:
            del self.fields["with_identity"]
            del self.fields["purpose"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("with_identity"):
            if str(data.get("format", "")).startswith("ctdc"):
                self.add_error("with_identity", "CTDC files never carry identity: choose an HTCDS format, or untick this.")
            if len((data.get("purpose") or "").strip()) < MIN_PURPOSE:
                self.add_error("purpose", f"Say why, in at least {MIN_PURPOSE} characters: the purpose is recorded "
                                          "with the export.")
        return data
