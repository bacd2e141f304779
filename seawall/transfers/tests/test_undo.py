"""Undoing an import removes exactly its cases and persons, is audited, and only an importer
of the agency that owns them may do it."""

from __future__ import annotations

import pytest

from seawall.audit.models import AuditEvent
from seawall.cases.models import Person, VictimCase
from seawall.transfers.models import ImportBatch
from seawall.transfers.tests.conftest import table_counts, upload
from seawall.transfers.tests.files import GOOD_ROWS, htcds_csv

pytestmark = pytest.mark.django_db


def _imported(client, tmp_path, name="cases.csv"):  # type: ignore[no-untyped-def]
    upload(client, htcds_csv(tmp_path, GOOD_ROWS, name=name))
    batch = ImportBatch.objects.latest("pk")
    client.post(f"/imports/{batch.pk}/confirm/")
    batch.refresh_from_db()
    assert batch.state == "imported"
    return batch


def test_undo_removes_exactly_the_batchs_cases_and_persons(client_for, tmp_path, make_case):
    client = client_for("caseworker")
    registered = make_case()
    first = _imported(client, tmp_path, "first.csv")
    before = table_counts()
    second = _imported(client, tmp_path, "second.csv")
    second_cases = set(VictimCase.objects.filter(imported__batch=second).values_list("pk", flat=True))
    page = client.get(f"/imports/{second.pk}/undo/").content.decode()
    assert "removes the <strong>3 cases</strong>" in page
    done = client.post(f"/imports/{second.pk}/undo/", follow=True).content.decode()
    assert "Undid import" in done and "removed 3 cases and 3 persons" in done
    assert table_counts() == before
    assert not VictimCase.objects.filter(pk__in=second_cases).exists()
    assert VictimCase.objects.filter(imported__batch=first).count() == 3
    assert VictimCase.objects.filter(pk=registered.pk).exists() and Person.objects.filter(pk=registered.person_id).exists()
    second.refresh_from_db()
    assert second.state == "undone" and second.undone_by.username == "caseworker" and second.undone_at
    event = AuditEvent.objects.filter(action="delete", detail__undo=True).get()
    assert {s.object_id for s in event.subjects.filter(object_type="case")} == {str(pk) for pk in second_cases}
    assert client.post(f"/imports/{second.pk}/undo/").status_code == 403  # once only


def test_undo_is_refused_to_others(client_for, tmp_path):
    batch = _imported(client_for("caseworker"), tmp_path)
    assert client_for("other_caseworker").post(f"/imports/{batch.pk}/undo/").status_code == 404
    assert client_for("analyst").post(f"/imports/{batch.pk}/undo/").status_code == 403
    assert VictimCase.objects.count() == 3
