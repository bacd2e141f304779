"""Writing cases: one transaction for the person, the case, its events, consents and the
audit event, so a failure anywhere leaves nothing half-written."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.http import HttpRequest

from seawall.audit import log
from seawall.cases.codes import unused_case_code
from seawall.cases.models import ConsentRecord, Person, VictimCase
from seawall.standard import picklist

CASE_FIELDS = (
    "identified_on", "identified_by", "age_at_identification", "trafficking_status",
    "status_decided_by", "exploitation_types", "forced_labour_industry",
    "sexual_exploitation_types", "methods_of_control", "recruitment_methods",
    "relationship_to_trafficker", "status", "closure_reason", "summary",
)


def _age_on(birth_date: str, day: dt.date) -> int | None:
    if not birth_date:
        return None
    born = dt.date.fromisoformat(birth_date)
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _apply_case(case: VictimCase, data: dict[str, Any], identity: dict[str, Any]) -> None:
    for name in CASE_FIELDS:
        setattr(case, name, data.get(name) if data.get(name) is not None else getattr(case, name))
    if data.get("age_at_identification") is None:
        case.age_at_identification = _age_on(identity.get("birth_date", ""), data["identified_on"])
    if not data.get("forced_labour_industry"):
        case.forced_labour_industry = ""


def _record_consents(case: VictimCase, user: Any, given: list[str], previous: set[str] | None) -> None:
    """Every item at registration; afterwards only the items whose answer changed."""
    items = picklist("con_Item").codes
    if previous is not None:
        items = tuple(item for item in items if (item in given) != (item in previous))
    ConsentRecord.objects.bulk_create(
        ConsentRecord(case=case, item=item, given=item in given, recorded_by=user) for item in items
    )


@transaction.atomic
def register_case(request: HttpRequest, identity: dict[str, Any], data: dict[str, Any], events: list[Any]) -> VictimCase:
    user = request.user
    person = Person(owner_agency=user.agency, created_by=user, **identity)
    person.full_clean()
    person.save()
    case = VictimCase(code=unused_case_code(), person=person, owner_agency=user.agency, case_owner=user,
                      created_by=user)
    _apply_case(case, data, identity)
    case.full_clean()
    case.save()
    for event in events:
        event.case = case
        event.save()
    _record_consents(case, user, data.get("consents", []), previous=None)
    log.record(log.CREATE, request=request, subjects=[("case", case.pk), ("person", person.pk)],
               detail={"events": len(events)})
    return case


def current_consents(case: VictimCase) -> set[str]:
    latest: dict[str, bool] = {}
    for record in case.consents.order_by("recorded_on", "id"):
        latest[record.item] = record.given
    return {item for item, given in latest.items() if given}


@transaction.atomic
def update_case(request: HttpRequest, case: VictimCase, identity: dict[str, Any], data: dict[str, Any],
                event_formset: Any, changed: list[str]) -> VictimCase:
    person = case.person
    for name, value in identity.items():
        setattr(person, name, value)
    person.full_clean()
    person.save()
    _apply_case(case, data, identity)
    case.full_clean()
    case.save()
    for event in event_formset.save(commit=False):
        event.case = case
        event.save()
    for event in event_formset.deleted_objects:
        event.delete()
    _record_consents(case, request.user, data.get("consents", []), previous=current_consents(case))
    # Field names only: the values are personal data and stay out of the audit trail.
    log.record(log.UPDATE, request=request, subjects=[("case", case.pk), ("person", person.pk)],
               detail={"fields": sorted(changed)})
    return case
