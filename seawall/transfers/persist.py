"""Writing an import's records as persons and cases: one import, one transaction.

Rows go in with bulk inserts, a chunk at a time; persons without identity cost no
encryption (their identity columns stay empty) and get no blind index; persons with one are
indexed explicitly, since bulk inserts do not call Person.save(). Any exception anywhere
rolls the whole import back, so the database is as it was before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from seawall.audit import log
from seawall.cases import identity as blind
from seawall.cases.codes import unused_case_codes
from seawall.cases.models import ConsentRecord, Person, TraffickingEvent, VictimCase
from seawall.exchange.records import CaseRecord
from seawall.transfers.bulk import Inserter, reserve_ids
from seawall.transfers.conversion import (
    ModelValues,
    fact_differences,
    facts_key,
    facts_of,
    identity_differences,
    identity_of,
    model_values,
    recorded_absent_json,
)
from seawall.transfers.models import ImportBatch, ImportedCase

CHUNK = 5000
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Outcome:
    cases: int
    persons: int
    indexed: int


@dataclass(frozen=True)
class _Prepared:
    values: ModelValues
    facts: dict[str, object]
    private: dict[str, object]
    absent: dict[str, list[str]]


class _Writer:
    """Inserts chunks of one batch's records; statements are prepared once per import."""

    def __init__(self, batch: ImportBatch) -> None:
        self.batch = batch
        self.persons = Inserter(Person, with_pk=True)
        self.cases = Inserter(VictimCase, with_pk=True)
        self.events = Inserter(TraffickingEvent, with_pk=False)
        self.consents = Inserter(ConsentRecord, with_pk=False)
        self.links = Inserter(ImportedCase, with_pk=False)
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.memo: dict[tuple[object, ...], _Prepared] = {}

    def write(self, records: Sequence[CaseRecord], codes: list[str]) -> Outcome:
        batch, now, today = self.batch, self.now, self.today
        user_id, agency_id, source = batch.created_by_id, batch.agency_id, batch.source
        prepared = [self._prepare(r) for r in records]
        person_ids = reserve_ids(Person, len(prepared))
        case_ids = reserve_ids(VictimCase, len(prepared))
        self.persons.insert(
            {"id": pk, "owner_agency_id": agency_id, "created_by_id": user_id, "created_at": now, "updated_at": now,
             **p.values.person}
            for pk, p in zip(person_ids, prepared, strict=True))
        # Only persons with identity have index terms; building them needs model instances.
        identified = [Person(pk=pk, **p.values.person) for pk, p in zip(person_ids, prepared, strict=True)
                      if p.values.person["identity_recorded"]]
        indexed = blind.bulk_index(identified) if identified else 0
        self.cases.insert(
            {"id": pk, "code": code, "person_id": person, "owner_agency_id": agency_id, "identified_by_id": agency_id,
             "source": source, "created_by_id": user_id, "created_at": now, "updated_at": now, **p.values.case}
            for pk, code, person, p in zip(case_ids, codes, person_ids, prepared, strict=True))
        self.events.insert({"case_id": case, **event} for case, p in zip(case_ids, prepared, strict=True)
                           for event in p.values.events)
        self.consents.insert({"case_id": case, "item": "Consent", "given": p.values.consent, "recorded_on": today,
                              "recorded_by_id": user_id}
                             for case, p in zip(case_ids, prepared, strict=True) if p.values.consent is not None)
        self.links.insert({"batch_id": batch.pk, "case_id": case, "source_row": record.source_row,
                           "source_values": record.source_values, "recorded_absent": p.absent,
                           "facts": p.facts, "private_facts": p.private}
                          for case, record, p in zip(case_ids, records, prepared, strict=True))
        return Outcome(len(case_ids), len(person_ids), indexed)

    def _prepare(self, record: CaseRecord) -> _Prepared:
        """What one record becomes; de-identified records that say the same share it."""
        identified = record.identity is not None and not record.identity.is_empty()
        key = None if identified else facts_key(record.case)
        if key is not None and key in self.memo:
            return self.memo[key]
        values = model_values(record, self.today)
        stored = facts_of(values.case, values.person, values.events, values.consent, private=True)
        plain, private = fact_differences(record.case, stored)
        if identified:
            who = identity_differences(record.identity, identity_of(values.person))
            if who:
                private["identity"] = who
        prepared = _Prepared(values, plain, private, recorded_absent_json(record.case))
        if key is not None:
            self.memo[key] = prepared
        return prepared


def write_batch(batch: ImportBatch, records: Sequence[CaseRecord], *, progress: Progress | None = None,
                reason: str = "import", request: Any = None) -> Outcome:
    """Create every record's person and case for `batch`, audit it and mark the batch
    imported; all in one transaction, so that a failure leaves nothing behind."""
    total = len(records)
    cases = persons = indexed = 0
    with transaction.atomic():
        codes = unused_case_codes(total)
        writer = _Writer(batch)
        for start in range(0, total, CHUNK):
            outcome = writer.write(records[start:start + CHUNK], codes[start:start + CHUNK])
            cases += outcome.cases
            persons += outcome.persons
            indexed += outcome.indexed
            if progress:
                progress(min(start + CHUNK, total), total)
        created_ids = list(VictimCase.objects.filter(imported__batch=batch).values_list("pk", flat=True))
        batch.state = ImportBatch.IMPORTED
        batch.cases_created = cases
        batch.persons_created = persons
        batch.imported_at = timezone.now()
        batch.stored = ""
        batch.save()
        log.record(log.CREATE, request=request, actor=batch.created_by, reason=reason,
                   subjects=[("import", batch.pk), *(("case", pk) for pk in created_ids)],
                   detail={"import": batch.pk, "file": batch.file_name, "checksum": batch.checksum,
                           "schema": batch.schema, "cases": cases, "persons": persons})
    return Outcome(cases, persons, indexed)
