"""Merges (duplicates:merges) and their undo (duplicates:undo): un-merging restores the
absorbed person exactly, with her id, blind index and cases, and the survivor as before;
every case, event and audit entry is kept and the audit chain verifies."""

from __future__ import annotations

import pytest
from django.urls import reverse

from seawall.audit.chain import verify
from seawall.audit.models import AuditEvent, AuditSubject
from seawall.cases.models import Person, PersonIndex, TraffickingEvent, VictimCase
from seawall.duplicates.merging import identity_of, snapshot
from seawall.duplicates.models import DuplicatePair, MatchKey, Merge
from seawall.duplicates.tests.helpers import pair


def _state(person_id: int) -> dict:
    person = Person.objects.get(pk=person_id)
    return {"row": snapshot(person), "index": sorted(PersonIndex.objects.filter(person=person).values_list("kind", "digest")),
            "keys": sorted(MatchKey.objects.filter(person=person).values_list("kind", "digest")),
            "cases": sorted(VictimCase.objects.filter(person=person).values_list("pk", flat=True))}


def _merge(client, duo, keep: str = "older") -> Merge:  # type: ignore[no-untyped-def]
    response = client.post(reverse("duplicates:confirm", args=[duo["pair"].pk]), {"keep": duo[keep].person_id})
    assert response.status_code == 302
    return Merge.objects.latest("pk")


def test_unmerge_restores_exactly(client_for, duo):
    older, newer = duo["older"].person_id, duo["newer"].person_id
    before = {older: _state(older), newer: _state(newer)}
    events, cases = TraffickingEvent.objects.count(), VictimCase.objects.count()
    client = client_for("caseworker")
    record = _merge(client, duo)
    audit_after_merge = AuditEvent.objects.count()
    listing = client.get(reverse("duplicates:merges")).content.decode()
    assert "Daniela Rojas Peña" in listing and "Dani Rojas" in listing and "Undo merge" in listing
    response = client.post(reverse("duplicates:undo", args=[record.pk]))
    assert response.status_code == 302
    assert {older: _state(older), newer: _state(newer)} == before
    assert TraffickingEvent.objects.count() == events and VictimCase.objects.count() == cases
    # Only events were added (merge, list, undo); none changed or removed.
    assert AuditEvent.objects.count() == audit_after_merge + 2
    assert list(verify()) == []
    record.refresh_from_db()
    assert record.unmerged_at and record.unmerged_by.username == "caseworker" and record.kept_on_unmerge == []
    duo["pair"].refresh_from_db()
    assert duo["pair"].state == DuplicatePair.OPEN  # back in the queue
    event = AuditEvent.objects.get(action="unmerge")
    assert ("person", str(newer)) in {(s.object_type, s.object_id) for s in event.subjects.all()}
    assert event.detail["cases_moved_back"] == 2
    # Her audit trail still reads as hers: the same id in every event before and after.
    assert AuditSubject.objects.filter(object_type="person", object_id=str(newer)).count() >= 3


def test_unmerge_keeps_edits_made_after_the_merge(client_for, duo):
    client = client_for("caseworker")
    record = _merge(client, duo)
    survivor = Person.objects.get(pk=duo["older"].person_id)
    survivor.email = "daniela@example.org"  # edited after the merge
    survivor.phones = [*survivor.phones, "+5926009999"]
    survivor.save()
    client.post(reverse("duplicates:undo", args=[record.pk]))
    record.refresh_from_db()
    assert sorted(record.kept_on_unmerge) == ["email", "phones"]
    survivor.refresh_from_db()
    assert survivor.email == "daniela@example.org" and "+5926009999" in survivor.phones
    assert survivor.aliases == []  # the merge's change, not edited since: undone
    assert Person.objects.get(pk=duo["newer"].person_id).phones == ["+5926001234"]


def test_a_later_merge_of_the_same_person_must_be_undone_first(client_for, duo, register):
    client = client_for("caseworker")
    first = _merge(client, duo)
    third = register(given="Daniela", family="Rojas", birth_date="2009-01-15")
    later_pair = pair(duo["older"], third)
    client.post(reverse("duplicates:confirm", args=[later_pair.pk]), {"keep": duo["older"].person_id})
    second = Merge.objects.latest("pk")
    response = client.post(reverse("duplicates:undo", args=[first.pk]), follow=True)
    assert "undo that one first" in response.content.decode()
    first.refresh_from_db()
    assert first.unmerged_at is None
    client.post(reverse("duplicates:undo", args=[second.pk]))
    client.post(reverse("duplicates:undo", args=[first.pk]))
    assert Person.objects.filter(pk__in=[duo["older"].person_id, duo["newer"].person_id, third.person_id]).count() == 3
    assert list(verify()) == []


def test_undo_twice_is_refused(client_for, duo):
    client = client_for("caseworker")
    record = _merge(client, duo)
    client.post(reverse("duplicates:undo", args=[record.pk]))
    response = client.post(reverse("duplicates:undo", args=[record.pk]), follow=True)
    assert "already undone" in response.content.decode()


@pytest.mark.parametrize("role", ["coordinator", "analyst", "prosecutor", "service_provider", "administrator"])
def test_undo_by_a_user_without_rights_is_refused(client_for, duo, role):
    record = _merge(client_for("caseworker"), duo)
    response = client_for(role).post(reverse("duplicates:undo", args=[record.pk]))
    assert response.status_code == 403
    assert client_for(role).get(reverse("duplicates:merges")).status_code == 403
    record.refresh_from_db()
    assert record.unmerged_at is None and not Person.objects.filter(pk=duo["newer"].person_id).exists()


@pytest.mark.parametrize("who", ["investigator", "other_caseworker"])
def test_undo_of_another_agencys_merge_is_refused(client_for, duo, who):
    record = _merge(client_for("caseworker"), duo)
    assert client_for(who).post(reverse("duplicates:undo", args=[record.pk])).status_code == 404
    assert "Daniela" not in client_for(who).get(reverse("duplicates:merges")).content.decode()
    record.refresh_from_db()
    assert record.unmerged_at is None


def test_the_stored_state_is_encrypted(duo, client_for):
    from django.db import connection

    record = _merge(client_for("caseworker"), duo)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT absorbed_state, survivor_before, survivor_after FROM {Merge._meta.db_table} WHERE id = %s",
                       [record.pk])
        raw = " ".join(cursor.fetchone())
    assert "Dani" not in raw and "Rojas" not in raw and "+5926001234" not in raw and raw.startswith("sw1.")
    assert identity_of(Person.objects.get(pk=duo["older"].person_id))["aliases"] == record.survivor_after["aliases"]
