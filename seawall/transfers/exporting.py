"""Exports: the cases a user may see, as HTCDS (CSV or XLSX) or CTDC (v1 or 2024).

Who may export what is asked of seawall.policy: any export needs `may_export`; identity
needs `may_export_identities` and a stated purpose, and covers only the cases whose
identity the user may see (`identity_filter`). Without identity, no identity column and
no free text about a case (places, organisations, referral notes) leaves the node.
Every export leaves an audit event naming each case exported, the format and the purpose.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Subquery
from django.utils import timezone

from seawall import policy
from seawall.audit import log
from seawall.cases.models import ConsentRecord, Person, TraffickingEvent
from seawall.errors import InputError
from seawall.exchange import write_ctdc, write_htcds_csv, write_htcds_xlsx
from seawall.exchange.records import CaseRecord
from seawall.transfers.conversion import (
    apply_facts,
    apply_identity,
    facts_of,
    identity_of,
    recorded_absent_of,
)
from seawall.transfers.fastread import read_rows
from seawall.transfers.models import ImportedCase

Progress = Callable[[int, int], None]

FORMATS = {
    "htcds-csv": ("HTCDS 2.0, CSV", "csv", "text/csv; charset=utf-8"),
    "htcds-xlsx": ("HTCDS 2.0, Excel (IOM's template layout)", "xlsx",
                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "ctdc-v1": ("CTDC v1 (k-anonymised schema), CSV, never with identity", "csv", "text/csv; charset=utf-8"),
    "ctdc-2024": ("CTDC 2024 (synthetic-release schema), CSV, never with identity", "csv", "text/csv; charset=utf-8"),
}
MIN_PURPOSE = 10  # characters: "audit" or "test" says nothing about why

_CASE_COLUMNS = (
    "pk", "source", "person_id", "identified_on", "identified_on_precision", "trafficking_status",
    "status_decided_by", "exploitation_types", "forced_labour_industry", "sexual_exploitation_types",
    "methods_of_control", "recruitment_methods", "relationship_to_trafficker", "age_at_identification",
    "age_group", "status",
)
_PERSON_COLUMNS = ("pk", "identity_recorded", "gender", "citizenships")
_IDENTITY_COLUMNS = ("given_names", "family_names", "birth_date", "email", "phones", "documents", "addresses")


@dataclass(frozen=True)
class Export:
    content: bytes
    count: int
    file_name: str
    content_type: str


def check_export(user: Any, fmt: str, *, include_identity: bool, purpose: str) -> None:
    """Raises PermissionDenied or InputError (saying what to do) before any data is read."""
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
    if not policy.may_export(user):
        raise PermissionDenied("Your role does not export case data.")
    if include_identity:
        if fmt.startswith("ctdc"):
            raise InputError("CTDC exports never carry identity; choose an HTCDS format for an export with identity")
        if not policy.may_export_identities(user):
            raise PermissionDenied("Your role may not export identities; export without identity instead.")
        if len(purpose.strip()) < MIN_PURPOSE:
            raise InputError("say why these identities leave Seawall (the purpose is kept in the audit trail), "
                             f"in at least {MIN_PURPOSE} characters", field="purpose")


def records_for(user: Any, *, include_identity: bool, progress: Progress | None = None) -> tuple[list[CaseRecord], list[int]]:
    """The user's visible cases as records (identity only where policy allows), and their ids."""
    cases = policy.visible_cases(user)
    case_rows = read_rows(cases.order_by("pk"), (*_CASE_COLUMNS, "case_owner__username"))
    ids = Subquery(cases.values("pk"))
    # Identity, and free text about the case, only where the user may see who she is.
    closure: dict[int, str] = {}
    identities: dict[int, dict[str, Any]] = {}
    private_facts: dict[int, dict[str, Any]] = {}
    if include_identity:
        shown = cases.filter(policy.identity_filter(user))
        closure = dict(shown.values_list("pk", "closure_reason"))
        identities = {row["pk"]: row for row in Person.objects.filter(pk__in=Subquery(shown.values("person_id")))
                      .values("pk", *_IDENTITY_COLUMNS)}
        private_facts = dict(ImportedCase.objects.filter(case_id__in=Subquery(shown.values("pk")))
                             .values_list("case_id", "private_facts"))
    persons = {row["pk"]: row for row in read_rows(Person.objects.filter(pk__in=Subquery(cases.values("person_id"))),
                                              _PERSON_COLUMNS)}
    events: dict[int, list[dict[str, Any]]] = {}
    for event in read_rows(TraffickingEvent.objects.filter(case_id__in=ids).order_by("date", "id"),
                      ("case_id", "event_type", "country", "place")):
        events.setdefault(event["case_id"], []).append(event)
    consent: dict[int, bool] = {}
    for row in read_rows(ConsentRecord.objects.filter(case_id__in=ids, item="Consent").order_by("recorded_on", "id"),
                    ("case_id", "given")):
        consent[row["case_id"]] = bool(row["given"])  # the latest answer wins
    links = {row["case_id"]: row for row in read_rows(ImportedCase.objects.filter(case_id__in=ids),
                                                 ("case_id", "source_row", "source_values", "recorded_absent", "facts"))}
    records = []
    total = len(case_rows)
    for done, row in enumerate(case_rows, start=1):
        records.append(_record(row, persons[row["person_id"]], events.get(row["pk"], []), consent.get(row["pk"]),
                               links.get(row["pk"]), closure, identities, private_facts))
        if progress and done % 5000 == 0:
            progress(done, total)
    return records, [row["pk"] for row in case_rows]


def _record(row: dict[str, Any], person: dict[str, Any], events: list[dict[str, Any]], consent: bool | None,
            link: dict[str, Any] | None, closure: dict[int, str], identities: dict[int, dict[str, Any]],
            private_facts: dict[int, Any]) -> CaseRecord:
    pk = row["pk"]
    private = pk in closure
    if private:
        row = {**row, "closure_reason": closure[pk]}
    facts = facts_of(row, person, events, consent, case_owner=row["case_owner__username"], private=private)
    identity = identity_of({**person, **identities[row["person_id"]]}) if private else None
    if link is not None:
        apply_facts(facts, link["facts"])
        facts.recorded_absent = recorded_absent_of(link["recorded_absent"])
        if private:
            extra = dict(private_facts.get(pk) or {})
            who = extra.pop("identity", {})
            apply_facts(facts, extra)
            if identity is not None:
                apply_identity(identity, who)
    return CaseRecord(case=facts, identity=identity, source=row["source"], source_row=link["source_row"] if link else 0,
                      source_values=dict(link["source_values"]) if link else {})


def export_cases(user: Any, fmt: str, *, include_identity: bool = False, purpose: str = "", request: Any = None,
                 reason: str | None = None, progress: Progress | None = None) -> Export:
    """The file's bytes; audited once written (a failure before leaves no event and no file)."""
    check_export(user, fmt, include_identity=include_identity, purpose=purpose)
    records, ids = records_for(user, include_identity=include_identity, progress=progress)
    buffer = io.BytesIO()
    if fmt == "htcds-csv":
        count = write_htcds_csv(records, buffer, include_identity=include_identity)
    elif fmt == "htcds-xlsx":
        count = write_htcds_xlsx(records, buffer, include_identity=include_identity)
    else:
        count = write_ctdc(records, buffer, schema=fmt.removeprefix("ctdc-"))
    _label, extension, content_type = FORMATS[fmt]
    detail = {"format": fmt, "identity": include_identity, "cases": count}
    if include_identity:
        detail["purpose"] = purpose.strip()
    log.record(log.EXPORT, request=request, actor=None if request is not None else user, reason=reason,
               subjects=[("case", pk) for pk in ids], detail=detail)
    name = "htcds" if fmt.startswith("htcds") else fmt
    today = timezone.localdate().isoformat()
    return Export(buffer.getvalue(), count, f"seawall-{name}{'-identity' if include_identity else ''}-{today}.{extension}",
                  content_type)
