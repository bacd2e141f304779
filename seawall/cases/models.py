"""Persons and victim cases, in HTCDS terms (prs_, vic_, cas_, hte_, con_).

Identity (names, birth date, documents, phones, addresses, free text about the person) is
encrypted at rest; what statistics and filters need (gender, citizenships, age group,
forms of exploitation, countries) is plain, because it is needed without a key and is
shown to coordinators and analysts anyway. A case is found by its code, never by a name.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from seawall.accounts.models import Agency
from seawall.cases.fields import EncryptedJSONField, EncryptedTextField, MultiCodeField
from seawall.standard import picklist
from seawall.standard.geo import country_code_validator

# Letters and digits that cannot be misread for one another on a phone or on paper.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def age_group_of(age: int | None) -> str:
    if age is None:
        return "unknown"
    return "0-17" if age < 18 else "18+"


class Person(models.Model):
    """Someone a case is about. Several cases (and, later, investigations) may share one."""

    owner_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="persons")
    # False for rows brought in without identity (CTDC datasets): they have no names to show.
    identity_recorded = models.BooleanField(default=True)
    given_names = EncryptedTextField("given names (prs_FirstName)", max_chars=120)
    family_names = EncryptedTextField("family names (prs_SecondName)", max_chars=120)
    aliases = EncryptedJSONField("aliases and nicknames", max_chars=1000)
    gender = models.CharField(
        "gender (prs_Gender)", max_length=24, choices=picklist("prs_Gender").choices(),
        default=picklist("prs_Gender").unknown,
    )
    birth_date = EncryptedTextField("birth date (prs_Birthdate)", max_chars=10)
    citizenships = MultiCodeField("citizenships (prs_Citizenship)", help_text="ISO 3166 alpha-3 codes")
    languages = MultiCodeField("languages", help_text="ISO 639-3 codes")
    documents = EncryptedJSONField("identity documents")
    phones = EncryptedJSONField("phones (E.164)")
    email = EncryptedTextField("email (prs_Email)", max_chars=254)
    addresses = EncryptedJSONField("addresses")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(identity_recorded=False) | ~models.Q(given_names=""),
                name="person_with_identity_has_given_names",
            )
        ]

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().save(*args, **kwargs)
        from seawall.cases.identity import reindex  # identity imports this module

        reindex(self)

    def display_name(self) -> str:
        return " ".join(part for part in (self.given_names, self.family_names) if part)


class PersonIndex(models.Model):
    """Blind index terms of a person (keyed hashes; see seawall.vault.blind)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="index_terms")
    kind = models.CharField(max_length=12)
    digest = models.CharField(max_length=32)

    class Meta:
        # Covering index for lookups: a common surname touches thousands of rows, and
        # reading person_id from the index instead of the table made search 3x faster.
        indexes = [models.Index(fields=["digest", "person"], name="personindex_digest_person")]


def case_code_prefix() -> str:
    """The node's country and a hyphen, which every case code of the node starts with."""
    return settings.NODE_COUNTRY[:3].upper() + "-"


def new_case_code() -> str:
    # Random, not sequential: a code says nothing about when or where a case was opened.
    return case_code_prefix() + "".join(secrets.choice(CODE_ALPHABET) for _ in range(7))


class VictimCase(models.Model):
    code = models.CharField(max_length=16, unique=True, default=new_case_code, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cases")
    owner_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="cases")
    case_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_cases",
        null=True, blank=True, help_text="cas_CaseOwner; empty for imported cases with no owner.",
    )
    source = models.CharField(
        max_length=40, default="registered",
        help_text="'registered' for cases entered here; otherwise the dataset they came from.",
    )
    identified_on = models.DateField("identification date")
    identified_on_precision = models.CharField(
        max_length=5, choices=picklist("seawall_DatePrecision").choices(), default="day",
        help_text="Imported datasets often give only the year: the date is then 1 January of it.",
    )
    identified_by = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="identified_cases",
        verbose_name="identifying agency",
    )
    trafficking_status = models.CharField(
        "trafficking status (vic_TraffickingStatus)", max_length=32,
        choices=picklist("vic_TraffickingStatus").choices(), default="PossibleVictimOfTrafficking",
    )
    status_decided_by = models.CharField(
        "status decided by (vic_TraffickingStatusDecisionMakingOrg)", max_length=40,
        choices=picklist("vic_TraffickingStatusDecisionMakingOrg").choices(), default="NotYetDecided",
    )
    exploitation_types = MultiCodeField("types of exploitation (vic_TypeOfExploitation)", picklist="vic_TypeOfExploitation")
    forced_labour_industry = models.CharField(
        "forced labour industry (vic_ForcedLabourIndustry)", max_length=60, blank=True,
        choices=picklist("vic_ForcedLabourIndustry").choices(),
    )
    sexual_exploitation_types = MultiCodeField(
        "types of sexual exploitation (vic_TypeOfSexExploitation)", picklist="vic_TypeOfSexExploitation"
    )
    methods_of_control = MultiCodeField("methods of control (vic_MethodsOfControl)", picklist="vic_MethodsOfControl")
    recruitment_methods = MultiCodeField("methods of recruitment (vic_MethodOfRecruitment)", picklist="vic_MethodOfRecruitment")
    relationship_to_trafficker = models.CharField(
        "relationship to trafficker (vic_RelationshipToTrafficker)", max_length=20,
        choices=picklist("vic_RelationshipToTrafficker").choices(), default="Unknown",
    )
    age_at_identification = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Years; empty when not known (age group is then 'unknown')."
    )
    age_group = models.CharField(max_length=8, choices=picklist("seawall_AgeGroup").choices(), default="unknown", editable=False)
    status = models.CharField("case status (cas_Status)", max_length=16, choices=picklist("cas_Status").choices(), default="Active")
    closure_reason = EncryptedTextField("reason for case closure (cas_ReasonForCaseClosure)", max_chars=2000)
    summary = EncryptedTextField("case summary", max_chars=10000, help_text="Free text; encrypted.")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-identified_on", "-id"]
        indexes = [
            models.Index(fields=["owner_agency", "status"]),
            # The list's order within one agency: without it the database sorts every case
            # of the agency for each page (39 ms at 11,000 cases).
            models.Index(fields=["owner_agency", "identified_on", "id"], name="case_agency_list_order"),
            models.Index(fields=["identified_on", "id"], name="case_list_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(age_at_identification__isnull=True) | models.Q(age_at_identification__lte=120),
                name="case_age_plausible",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self.age_group = age_group_of(self.age_at_identification)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.identified_on and self.identified_on > timezone.localdate():
            raise ValidationError({"identified_on": "The identification date cannot be in the future."})
        if self.forced_labour_industry and "ForcedLabour" not in self.exploitation_types:
            raise ValidationError({"forced_labour_industry": "Only for cases with forced labour among the types of exploitation."})
        if self.sexual_exploitation_types and "SexualExploitation" not in self.exploitation_types:
            raise ValidationError({"sexual_exploitation_types": "Only for cases with sexual exploitation among the types of exploitation."})


class TraffickingEvent(models.Model):
    """A step of the trafficking process (HTCDS hte_): recruitment, transit or exploitation."""

    case = models.ForeignKey(VictimCase, on_delete=models.CASCADE, related_name="events")
    event_type = models.CharField("type (hte_Type)", max_length=16, choices=picklist("hte_Type").choices())
    country = models.CharField("country (hte_Country)", max_length=3, validators=[country_code_validator])
    place = models.CharField("city or place (hte_City)", max_length=120, blank=True)
    date = models.DateField("date (hte_Date)", null=True, blank=True, help_text="Empty when not known.")
    description = EncryptedTextField("description (hte_Description)", max_chars=2000)

    class Meta:
        ordering = ["date", "id"]


class ConsentRecord(models.Model):
    """What the person agreed to, item by item, and when; a change is a new record."""

    case = models.ForeignKey(VictimCase, on_delete=models.CASCADE, related_name="consents")
    item = models.CharField(max_length=40, choices=picklist("con_Item").choices())
    given = models.BooleanField()
    recorded_on = models.DateField(default=timezone.localdate)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-recorded_on", "-id"]
