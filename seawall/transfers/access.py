"""Which import batches and mappings a user works with, built on seawall.policy.

Policy decides who may import (`may_import`) and which cases a user sees (`case_filter`);
this module only applies those answers to batches: a batch belongs to the agency that owns
the cases it created, and may be undone by an importer who can see every one of them.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from seawall import policy
from seawall.cases.models import VictimCase
from seawall.transfers.models import ImportBatch, SavedMapping


def batches_for(user: Any) -> QuerySet[ImportBatch]:
    if not policy.may_import(user):
        return ImportBatch.objects.none()
    return ImportBatch.objects.filter(agency_id=user.agency_id)


def mappings_for(user: Any) -> QuerySet[SavedMapping]:
    if not policy.may_import(user):
        return SavedMapping.objects.none()
    return SavedMapping.objects.filter(agency_id=user.agency_id)


def may_undo(user: Any, batch: ImportBatch) -> bool:
    if not policy.may_import(user) or batch.agency_id != user.agency_id or batch.state != ImportBatch.IMPORTED:
        return False
    hidden = VictimCase.objects.filter(imported__batch=batch).exclude(policy.case_filter(user))
    return not hidden.exists()
