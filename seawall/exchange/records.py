"""The neutral case record every reader produces and every writer consumes.

A record has a case part (HTCDS vic_/cas_ facts plus the person's de-identified profile:
gender, citizenships, age) and an optional identity part (what identifies the person:
names, birth date, contacts, address, documents). CTDC rows have no identity part.
Codes are those of seawall.standard; countries are ISO 3166 alpha-3.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date


@dataclass(slots=True)
class Address:
    street: str | None = None
    city: str | None = None
    state: str | None = None
    postal_code: str | None = None
    country: str | None = None  # alpha-3

    def is_empty(self) -> bool:
        return all(getattr(self, f.name) is None for f in fields(self))


@dataclass(slots=True, frozen=True)
class IdentityDocument:
    number: str
    type: str | None = None  # seawall_DocumentType code
    country: str | None = None  # issuing country, alpha-3


@dataclass(slots=True)
class Identity:
    """Personal data: the caller decides who may see, store or export it."""

    salutation: str | None = None
    given_names: str | None = None  # prs_FirstName
    family_names: str | None = None  # prs_SecondName
    birth_date: date | None = None
    title: str | None = None  # prs_Title: position within an organisation
    email: str | None = None
    home_phone: str | None = None  # E.164
    mobile_phone: str | None = None  # E.164
    mailing_address: Address = field(default_factory=Address)
    documents: tuple[IdentityDocument, ...] = ()

    def is_empty(self) -> bool:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "mailing_address":
                if not value.is_empty():
                    return False
            elif value not in (None, ()):
                return False
        return True


@dataclass(slots=True)
class CaseFacts:
    """HTCDS case facts, with the Seawall fields CTDC needs. Multi-select fields are
    tuples of codes present; `recorded_absent` keeps, per HTCDS field code, the codes a
    source recorded as explicitly absent (a CTDC 0), which HTCDS itself cannot say."""

    case_owner: str | None = None
    consent: bool | None = None
    gender: str | None = None  # prs_Gender
    citizenships: tuple[str, ...] = ()  # alpha-3
    trafficking_status: str | None = None
    status_decided_by: str | None = None  # vic_TraffickingStatusDecisionMakingOrg
    relationship_to_trafficker: str | None = None
    age_when_trafficked: int | None = None
    methods_of_recruitment: tuple[str, ...] = ()
    location_of_recruitment: str | None = None
    methods_of_control: tuple[str, ...] = ()
    types_of_exploitation: tuple[str, ...] = ()
    forced_labour_industry: str | None = None
    sex_exploitation_types: tuple[str, ...] = ()
    location_of_exploitation: str | None = None
    status: str | None = None  # cas_Status
    referring_organisation: str | None = None
    incoming_referral_date: date | None = None
    referring_case_worker: str | None = None
    incoming_referral_reason: str | None = None
    incoming_referral_details: str | None = None
    referred_organisation: str | None = None
    referred_case_worker: str | None = None
    outgoing_referral_reason: str | None = None
    outgoing_referral_date: date | None = None
    outgoing_referral_details: str | None = None
    closure_reason: str | None = None
    identification_date: date | None = None
    registration_year: int | None = None
    age_at_identification: int | None = None
    age_band: str | None = None  # CTDC ageBroad band, e.g. "18--20", or "Unknown"
    age_group: str | None = None  # seawall_AgeGroup
    country_of_exploitation: str | None = None  # alpha-3
    datasource: str | None = None  # CTDC Datasource, e.g. "Hotline"
    recorded_absent: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(slots=True)
class CaseRecord:
    """One row of a file, as Seawall understands it.

    source: which reader made it ("htcds-xlsx", "htcds-csv", "ctdc-v1", "ctdc-2024",
    "table-csv", "table-xlsx"); source_row: the row number a spreadsheet shows for it;
    source_values: cells with no exact Seawall field, verbatim by column name, so that a
    file written back in its own format says what it said (CTDC only)."""

    case: CaseFacts
    identity: Identity | None = None
    source: str = ""
    source_row: int = 0
    source_values: dict[str, str] = field(default_factory=dict)

    def same_facts(self, other: CaseRecord) -> bool:
        """Equal in what the row says, whatever file or row it came from."""
        mine = self.identity if self.identity and not self.identity.is_empty() else None
        theirs = other.identity if other.identity and not other.identity.is_empty() else None
        return self.case == other.case and mine == theirs and self.source_values == other.source_values
