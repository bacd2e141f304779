"""Forms for registering and editing a case, with the person's identity, events and consent.

Choices come from the vocabulary (seawall.standard); free text is length-limited and
stripped of control characters; nothing here writes to the database.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from seawall.accounts.models import Agency
from seawall.cases.models import TraffickingEvent
from seawall.standard import VocabularyError, normalise_phone, picklist
from seawall.standard.geo import country_choices_grouped, country_choices_optional, language_name, validate_language
from seawall.widgets import QuickNumberInput, QuickSelect, QuickSelectMultiple, QuickTextInput

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class CleanCharField(forms.CharField):
    """Text with control characters refused (they hide things from the eye in logs and exports)."""

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        if isinstance(value, str) and _CONTROL.search(value):
            raise ValidationError("Contains invisible control characters; retype it.")
        return value


def _multi(field: str, label: str | None = None, required: bool = False) -> forms.MultipleChoiceField:
    lst = picklist(field)
    return forms.MultipleChoiceField(
        label=label or lst.label, choices=lst.choices(), required=required,
        widget=forms.CheckboxSelectMultiple,
    )


def _single(field: str, label: str | None = None, required: bool = True, blank: bool = False) -> forms.ChoiceField:
    lst = picklist(field)

    # A function, not a list, for the same reason as country_choices_optional: Django
    # deep-copies list choices into every form instance, which was most of the cost of
    # building the case list's filter form on each view.
    @cache
    def options() -> list[tuple[str, str]]:
        return ([("", "—")] if blank else []) + lst.choices()

    return forms.ChoiceField(label=label or lst.label, choices=options, required=required,
                             widget=QuickSelect(options=options))


class PersonForm(forms.Form):
    given_names = CleanCharField(max_length=120, label="Given names", help_text="As the person gives them.")
    family_names = CleanCharField(max_length=120, required=False, label="Family names",
                                  help_text="Both surnames if she uses two.")
    aliases = CleanCharField(max_length=500, required=False, label="Other names or nicknames",
                             help_text="Separate with commas.")
    gender = _single("prs_Gender", blank=True)
    birth_date = forms.DateField(required=False, label="Birth date", widget=forms.DateInput(attrs={"type": "date"}),
                                 help_text="Leave empty if not known; give an estimated age below.")
    citizenships = forms.MultipleChoiceField(label="Citizenships", choices=country_choices_grouped, required=False,
                                             widget=QuickSelectMultiple(attrs={"size": 4}, options=country_choices_grouped))
    languages = CleanCharField(max_length=100, required=False, label="Languages",
                               help_text="ISO codes, e.g. spa, hat, eng (separate with commas).")
    phones = CleanCharField(max_length=300, required=False, label="Phones",
                            help_text="One per line or comma; local numbers are read as this country's.")
    email = forms.EmailField(required=False, max_length=254)
    document_type = _single("seawall_DocumentType", "Document type", required=False, blank=True)
    document_number = CleanCharField(max_length=40, required=False, label="Document number")
    document_country = forms.ChoiceField(choices=country_choices_optional, required=False, label="Issued by",
                                         widget=QuickSelect(options=country_choices_optional))
    address = CleanCharField(max_length=300, required=False, label="Address",
                             widget=forms.Textarea(attrs={"rows": 2}))

    def clean_birth_date(self) -> dt.date | None:
        value = self.cleaned_data.get("birth_date")
        if value and value > timezone.localdate():
            raise ValidationError("A birth date cannot be in the future.")
        if value and value.year < 1900:
            raise ValidationError("Check the year: it is before 1900.")
        return value

    def clean_aliases(self) -> list[str]:
        return [a.strip() for a in self.cleaned_data.get("aliases", "").split(",") if a.strip()]

    def clean_languages(self) -> list[str]:
        codes = []
        for raw in re.split(r"[,\s]+", self.cleaned_data.get("languages", "")):
            if raw:
                try:
                    codes.append(validate_language(raw, "languages"))
                except VocabularyError:
                    raise ValidationError(f"{raw!r} is not an ISO 639 language code (e.g. spa, hat, eng).") from None
        return codes

    def clean_phones(self) -> list[str]:
        phones = []
        for raw in re.split(r"[,\n;]+", self.cleaned_data.get("phones", "")):
            if raw.strip():
                try:
                    phones.append(normalise_phone(raw, settings.NODE_COUNTRY, "phones"))
                except VocabularyError:
                    raise ValidationError(f"{raw.strip()!r} is not a phone number. Write it as on the phone, e.g. +58 412 555 0101.") from None
        return list(dict.fromkeys(phones))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("document_number") and not data.get("document_type"):
            self.add_error("document_type", "Say what kind of document this number is.")
        return data

    def identity(self) -> dict[str, Any]:
        data = self.cleaned_data
        documents = []
        if data.get("document_number"):
            documents.append({"type": data["document_type"], "number": data["document_number"],
                              "country": data.get("document_country", "")})
        return {
            "given_names": data["given_names"],
            "family_names": data["family_names"],
            "aliases": data["aliases"],
            "gender": data["gender"],
            "birth_date": data["birth_date"].isoformat() if data.get("birth_date") else "",
            "citizenships": data["citizenships"],
            "languages": data["languages"],
            "phones": data["phones"],
            "email": data["email"],
            "documents": documents,
            "addresses": [{"text": data["address"]}] if data.get("address") else [],
        }

    @classmethod
    def initial_from(cls, person: Any) -> dict[str, Any]:
        document = person.documents[0] if person.documents else {}
        return {
            "given_names": person.given_names,
            "family_names": person.family_names,
            "aliases": ", ".join(person.aliases),
            "gender": person.gender,
            "birth_date": person.birth_date or None,
            "citizenships": person.citizenships,
            "languages": ", ".join(person.languages),
            "phones": "\n".join(person.phones),
            "email": person.email,
            "document_type": document.get("type", ""),
            "document_number": document.get("number", ""),
            "document_country": document.get("country", ""),
            "address": person.addresses[0].get("text", "") if person.addresses else "",
        }


class CaseForm(forms.Form):
    identified_on = forms.DateField(label="Identification date", widget=forms.DateInput(attrs={"type": "date"}))
    identified_by = forms.ModelChoiceField(queryset=Agency.objects.filter(is_active=True), label="Identifying agency")
    age_at_identification = forms.IntegerField(min_value=0, max_value=120, required=False,
                                               label="Age at identification (years)",
                                               help_text="Estimated if not known exactly; empty if unknown.")
    trafficking_status = _single("vic_TraffickingStatus")
    status_decided_by = _single("vic_TraffickingStatusDecisionMakingOrg")
    exploitation_types = _multi("vic_TypeOfExploitation")
    forced_labour_industry = _single("vic_ForcedLabourIndustry", required=False, blank=True)
    sexual_exploitation_types = _multi("vic_TypeOfSexExploitation")
    methods_of_control = _multi("vic_MethodsOfControl")
    recruitment_methods = _multi("vic_MethodOfRecruitment")
    relationship_to_trafficker = _single("vic_RelationshipToTrafficker")
    status = _single("cas_Status", "Case status")
    closure_reason = CleanCharField(max_length=2000, required=False, label="Reason for closure",
                                    widget=forms.Textarea(attrs={"rows": 2}))
    summary = CleanCharField(max_length=10000, required=False, label="Summary",
                             widget=forms.Textarea(attrs={"rows": 4}),
                             help_text="Only what the case needs. Encrypted; seen only by those who may see her identity.")
    consents = _multi("con_Item", "Consent given for")

    def clean_identified_on(self) -> dt.date:
        value = self.cleaned_data["identified_on"]
        if value > timezone.localdate():
            raise ValidationError("The identification date cannot be in the future.")
        if value.year < 1990:
            raise ValidationError("Check the year: it is before 1990.")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        types = data.get("exploitation_types") or []
        if data.get("forced_labour_industry") and "ForcedLabour" not in types:
            self.add_error("forced_labour_industry", "Tick forced labour among the types of exploitation, or leave this empty.")
        if data.get("sexual_exploitation_types") and "SexualExploitation" not in types:
            self.add_error("sexual_exploitation_types", "Tick sexual exploitation among the types, or leave these empty.")
        if data.get("status") in {"Closed", "ClosedReferred"} and not data.get("closure_reason"):
            self.add_error("closure_reason", "Say why the case is closed.")
        return data


class EventForm(forms.ModelForm):
    country = forms.ChoiceField(choices=country_choices_optional, label="Country (hte_Country)",
                                widget=QuickSelect(options=country_choices_optional))

    class Meta:
        model = TraffickingEvent
        fields = ["event_type", "country", "place", "date"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}), "event_type": QuickSelect}

    def clean_place(self) -> str:
        value = self.cleaned_data.get("place", "")
        if _CONTROL.search(value):
            raise ValidationError("Contains invisible control characters; retype it.")
        return value

    def clean_date(self) -> dt.date | None:
        value = self.cleaned_data.get("date")
        if value and value > timezone.localdate():
            raise ValidationError("An event date cannot be in the future.")
        return value


EventFormSet = forms.modelformset_factory(
    TraffickingEvent, form=EventForm, extra=2, max_num=12, validate_max=True, can_delete=True
)


class CaseFilterForm(forms.Form):
    """The case list's search and filters; every value is checked against the vocabulary."""

    q = forms.CharField(required=False, max_length=100, label="Search",
                        widget=QuickTextInput(attrs={"type": "search", "placeholder": "Case code, name or phone"}))
    status = _single("cas_Status", "Status", required=False, blank=True)
    exploitation = _single("vic_TypeOfExploitation", "Exploitation", required=False, blank=True)
    gender = _single("prs_Gender", "Gender", required=False, blank=True)
    age_group = _single("seawall_AgeGroup", "Age group", required=False, blank=True)
    nationality = forms.ChoiceField(choices=country_choices_optional, required=False, label="Nationality",
                                    widget=QuickSelect(options=country_choices_optional))
    year = forms.IntegerField(required=False, min_value=1990, max_value=2100, label="Year identified",
                              widget=QuickNumberInput)


def language_label(code: str) -> str:
    return language_name(code)
