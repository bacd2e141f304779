"""Merging two persons into one, and undoing it.

Merge: the survivor keeps her own values and gains the other's — names as aliases;
phones, documents, citizenships, languages and addresses added; birth date, e-mail and
gender filled in only where hers are empty. Every case of the other person moves to the
survivor; the other person's row is deleted (her blind index with it) after her full state
is kept, encrypted, in a Merge record.

Un-merge: the absorbed person comes back with her own id and every field as it was, her
cases move back, and each survivor field the merge changed returns to its value before —
unless someone edited it since, in which case the edit is kept and named.

Who may do either is decided in access.py; these functions trust their caller on that.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.http import HttpRequest
from django.utils import timezone

from seawall.audit import log
from seawall.cases.models import Person, VictimCase
from seawall.duplicates.models import DuplicatePair, Merge
from seawall.errors import InputError
from seawall.linkage.standardise import clean_name
from seawall.vault.blind import normalise_document

IDENTITY_FIELDS = ("given_names", "family_names", "aliases", "gender", "birth_date", "citizenships", "languages",
                   "documents", "phones", "email", "addresses")
UNKNOWN_GENDER = "NonSpecifiedUnknown"
MERGE, UNMERGE, REJECT, REOPEN = "merge", "unmerge", "reject", "reopen"


class MergeRefused(InputError):
    """A merge or un-merge that cannot be done as asked; the message says why."""


def identity_of(person: Person) -> dict[str, Any]:
    return {name: getattr(person, name) for name in IDENTITY_FIELDS}


def _union(first: list[Any], second: list[Any], key: Any = lambda v: v) -> list[Any]:
    seen = {key(v) for v in first}
    out = list(first)
    for value in second:
        if key(value) not in seen:
            seen.add(key(value))
            out.append(value)
    return out


def _name_key(name: str) -> str:
    return clean_name(name) or ""


def _document_key(document: dict[str, Any]) -> tuple[str, str, str]:
    return (document.get("type", ""), normalise_document(document.get("number", "")), document.get("country", ""))


def reconcile(survivor: dict[str, Any], absorbed: dict[str, Any]) -> dict[str, Any]:
    """The survivor's identity after absorbing the other's (both as identity_of gives)."""
    own_name = " ".join(p for p in (survivor["given_names"], survivor["family_names"]) if p)
    other_name = " ".join(p for p in (absorbed["given_names"], absorbed["family_names"]) if p)
    names = [n for n in [other_name, *absorbed["aliases"]] if n and _name_key(n) != _name_key(own_name)]
    return {
        **survivor,
        "aliases": _union(list(survivor["aliases"]), names, _name_key),
        "gender": survivor["gender"] if survivor["gender"] != UNKNOWN_GENDER else absorbed["gender"],
        "birth_date": survivor["birth_date"] or absorbed["birth_date"],
        "email": survivor["email"] or absorbed["email"],
        "citizenships": _union(list(survivor["citizenships"]), absorbed["citizenships"]),
        "languages": _union(list(survivor["languages"]), absorbed["languages"]),
        "phones": _union(list(survivor["phones"]), absorbed["phones"]),
        "documents": _union(list(survivor["documents"]), absorbed["documents"], _document_key),
        "addresses": _union(list(survivor["addresses"]), absorbed["addresses"],
                            lambda a: _name_key(a.get("text", ""))),
    }


def snapshot(person: Person) -> dict[str, Any]:
    """Every column of the person, as JSON (dates as ISO text)."""
    out = {}
    for field in Person._meta.concrete_fields:
        value = field.value_from_object(person)
        out[field.attname] = value.isoformat() if isinstance(value, dt.datetime | dt.date) else value
    return out


def _restore(state: dict[str, Any]) -> Person:
    values = {}
    for field in Person._meta.concrete_fields:
        if field.attname in state:
            values[field.attname] = field.to_python(state[field.attname])
    person = Person(**values)
    person.save(force_insert=True)  # Person.save rebuilds her blind index; the signal her match keys
    # auto_now stamped the save: put back when she was last really changed.
    if "updated_at" in values:
        Person.objects.filter(pk=person.pk).update(updated_at=values["updated_at"])
    return person


def _same(a: Any, b: Any) -> bool:
    return json.dumps(a, sort_keys=True, default=str) == json.dumps(b, sort_keys=True, default=str)


def _apply(person: Person, identity: dict[str, Any]) -> None:
    for name, value in identity.items():
        setattr(person, name, value)
    try:
        person.full_clean()
    except ValidationError as error:
        fields = ", ".join(sorted(error.message_dict)) if hasattr(error, "message_dict") else "identity"
        raise MergeRefused(f"the merged record would be invalid ({fields}: too many names, phones or "
                           "documents together); edit one of the two records first") from None


@transaction.atomic
def merge(pair: DuplicatePair, keep: int, user: Any, request: HttpRequest | None = None) -> Merge:
    pair = DuplicatePair.objects.select_for_update().get(pk=pair.pk)
    if pair.state != DuplicatePair.OPEN:
        raise MergeRefused(f"this pair was already decided ({pair.get_state_display().lower()})")
    if keep not in (pair.person_l_id, pair.person_r_id):
        raise MergeRefused("choose which of the two records to keep")
    other = pair.person_r_id if keep == pair.person_l_id else pair.person_l_id
    persons = Person.objects.select_for_update().in_bulk([keep, other])
    if len(persons) != 2:
        raise MergeRefused("one of the two records no longer exists")
    survivor, absorbed = persons[keep], persons[other]
    before, absorbed_state = identity_of(survivor), snapshot(absorbed)
    before["updated_at"] = survivor.updated_at.isoformat()
    after = reconcile(identity_of(survivor), identity_of(absorbed))
    _apply(survivor, after)
    survivor.save()
    moved = list(VictimCase.objects.filter(person_id=other).order_by("pk").values_list("pk", flat=True))
    VictimCase.objects.filter(pk__in=moved).update(person=survivor)
    try:
        absorbed.delete()
    except ProtectedError as error:
        raise MergeRefused(f"the record is still referenced ({len(error.protected_objects)} rows elsewhere)") from None
    record = Merge.objects.create(pair=pair, survivor=survivor, absorbed_id=other, absorbed_state=absorbed_state,
                                  survivor_before=before, survivor_after=after, moved_cases=moved, merged_by=user)
    pair.state, pair.decided_by, pair.decided_at = DuplicatePair.CONFIRMED, user, timezone.now()
    pair.save(update_fields=["state", "decided_by", "decided_at"])
    changed = sorted(name for name in IDENTITY_FIELDS if not _same(before[name], after[name]))
    # Which fields changed, not their values: those are personal data (as for case edits).
    log.record(MERGE, request=request, actor=user if request is None else None, reason=None if request else "duplicates",
               subjects=[("person", keep), ("person", other), ("duplicate_pair", pair.pk),
                         *(("case", pk) for pk in moved)],
               detail={"merge": record.pk, "survivor": keep, "absorbed": other, "cases_moved": len(moved),
                       "fields": changed, "probability": round(pair.probability, 4)})
    return record


@transaction.atomic
def unmerge(record: Merge, user: Any, request: HttpRequest | None = None) -> Person:
    record = Merge.objects.select_for_update().get(pk=record.pk)
    if record.unmerged_at is not None:
        raise MergeRefused("this merge was already undone")
    later = Merge.objects.filter(unmerged_at__isnull=True, pk__gt=record.pk)
    if later.filter(survivor_id=record.survivor_id).exists() or later.filter(absorbed_id=record.survivor_id).exists():
        raise MergeRefused("a later merge involves this person; undo that one first")
    survivor = Person.objects.select_for_update().filter(pk=record.survivor_id).first()
    if survivor is None:
        raise MergeRefused("the surviving record no longer exists")
    if Person.objects.filter(pk=record.absorbed_id).exists():
        raise MergeRefused("a record with the absorbed person's number exists already")
    current, before, after = identity_of(survivor), record.survivor_before, record.survivor_after
    restored, kept = {}, []
    for name in IDENTITY_FIELDS:
        if _same(current[name], after[name]):
            restored[name] = before[name]
        else:
            restored[name] = current[name]
            kept.append(name)
    _apply(survivor, restored)
    survivor.save()
    if not kept:
        Person.objects.filter(pk=survivor.pk).update(updated_at=dt.datetime.fromisoformat(before["updated_at"]))
    absorbed = _restore(record.absorbed_state)
    back = list(VictimCase.objects.filter(pk__in=record.moved_cases, person_id=survivor.pk).values_list("pk", flat=True))
    VictimCase.objects.filter(pk__in=back).update(person=absorbed)
    record.unmerged_by, record.unmerged_at, record.kept_on_unmerge = user, timezone.now(), kept
    record.save(update_fields=["unmerged_by", "unmerged_at", "kept_on_unmerge"])
    pair = record.pair
    # Back in the queue: the reviewer decides again (perhaps keeping the other record).
    pair.state, pair.decided_by, pair.decided_at = DuplicatePair.OPEN, None, None
    pair.save(update_fields=["state", "decided_by", "decided_at"])
    log.record(UNMERGE, request=request, actor=user if request is None else None, reason=None if request else "duplicates",
               subjects=[("person", survivor.pk), ("person", absorbed.pk), ("duplicate_pair", pair.pk),
                         *(("case", pk) for pk in back)],
               detail={"merge": record.pk, "survivor": survivor.pk, "restored": absorbed.pk, "cases_moved_back": len(back),
                       "kept_edits": kept})
    return absorbed


@transaction.atomic
def decide(pair: DuplicatePair, state: str, user: Any, request: HttpRequest | None = None) -> None:
    """Reject an open pair (two different people), or reopen a rejected one."""
    pair = DuplicatePair.objects.select_for_update().get(pk=pair.pk)
    allowed = {DuplicatePair.REJECTED: DuplicatePair.OPEN, DuplicatePair.OPEN: DuplicatePair.REJECTED}
    if allowed.get(state) != pair.state:
        raise MergeRefused(f"this pair is {pair.get_state_display().lower()}")
    pair.state = state
    pair.decided_by, pair.decided_at = (user, timezone.now()) if state == DuplicatePair.REJECTED else (None, None)
    pair.save(update_fields=["state", "decided_by", "decided_at"])
    log.record(REJECT if state == DuplicatePair.REJECTED else REOPEN, request=request,
               actor=user if request is None else None, reason=None if request else "duplicates",
               subjects=[("person", pair.person_l_id), ("person", pair.person_r_id), ("duplicate_pair", pair.pk)],
               detail={"pair": pair.pk, "probability": round(pair.probability, 4)})
