"""Confirming an import: small files run inside the request, large ones as a background job
with a progress bar; one import is one transaction, so a failure leaves nothing behind."""

from __future__ import annotations

import pytest

from seawall.audit.models import AuditEvent
from seawall.cases.models import Person, PersonIndex, VictimCase
from seawall.jobs import queue
from seawall.jobs.models import Job
from seawall.transfers import importing, persist
from seawall.transfers.models import ImportBatch, ImportedCase
from seawall.transfers.tests.conftest import table_counts, upload, uploads_left
from seawall.transfers.tests.files import GOOD_ROWS, htcds_csv, many_rows

pytestmark = pytest.mark.django_db


def _staged(client, tmp_path, rows=GOOD_ROWS):  # type: ignore[no-untyped-def]
    upload(client, htcds_csv(tmp_path, rows))
    return ImportBatch.objects.latest("pk")


def test_a_small_file_imports_inline_with_identity_indexed_and_audited(client_for, users, tmp_path, var_dir):
    client = client_for("caseworker")
    batch = _staged(client, tmp_path)
    response = client.post(f"/imports/{batch.pk}/confirm/", follow=True)
    assert "Imported 3 cases from cases.csv" in response.content.decode()
    batch.refresh_from_db()
    assert (batch.state, batch.cases_created, batch.persons_created) == ("imported", 3, 3)
    cases = VictimCase.objects.filter(imported__batch=batch).select_related("person")
    assert {c.source for c in cases} == {"htcds"}
    assert {c.owner_agency_id for c in cases} == {users["caseworker"].agency_id}
    yuliana = next(c for c in cases if c.person.given_names == "Yuliana")
    assert yuliana.person.family_names == "Fajardo Núñez" and yuliana.person.phones == ["+584125550101"]
    assert yuliana.person.identity_recorded and yuliana.status == "Active"
    raw = Person.objects.filter(pk=yuliana.person_id).values_list("given_names", flat=True).query
    from django.db import connection

    with connection.cursor() as cursor:  # encrypted at rest, like a registered person
        cursor.execute(*raw.sql_with_params())
        assert cursor.fetchone()[0].startswith("sw1.")
    assert PersonIndex.objects.filter(person=yuliana.person).exists()
    # Found by name, like a case registered by hand.
    listing = client.get("/cases/", {"q": "yuliana fajardo"}).content.decode()
    assert yuliana.code in listing
    event = AuditEvent.objects.filter(action="create", detail__import=batch.pk).get()
    assert {(s.object_type, s.object_id) for s in event.subjects.all()} >= {("case", str(c.pk)) for c in cases}
    assert not uploads_left(var_dir)


def test_an_import_cannot_run_twice(client_for, tmp_path):
    client = client_for("caseworker")
    batch = _staged(client, tmp_path)
    client.post(f"/imports/{batch.pk}/confirm/")
    again = client.post(f"/imports/{batch.pk}/confirm/", follow=True).content.decode()
    assert "cannot be imported again" in again
    assert VictimCase.objects.count() == 3


def test_a_large_file_imports_as_a_job_with_progress(client_for, tmp_path, monkeypatch, var_dir):
    monkeypatch.setattr(importing, "INLINE_ROWS", 1)
    client = client_for("caseworker")
    batch = _staged(client, tmp_path)
    client.post(f"/imports/{batch.pk}/confirm/")
    batch.refresh_from_db()
    assert batch.state == "importing" and batch.job is not None
    page = client.get(f"/imports/{batch.pk}/").content.decode()
    assert 'hx-get="/imports/%d/progress/"' % batch.pk in page and "<progress" in page
    partial = client.get(f"/imports/{batch.pk}/progress/")
    assert partial.status_code == 200 and "Waiting for the background worker" in partial.content.decode()
    assert queue.run_pending() == 1
    job = Job.objects.get(pk=batch.job_id)
    assert job.state == "done" and job.result["cases"] == 3 and "Imported 3 cases" in job.message
    finished = client.get(f"/imports/{batch.pk}/progress/")
    assert finished.status_code == 204 and finished["HX-Refresh"] == "true"
    batch.refresh_from_db()
    assert batch.state == "imported" and VictimCase.objects.count() == 3
    assert not uploads_left(var_dir)


def test_a_failure_half_way_leaves_the_database_as_it_was(client_for, tmp_path, monkeypatch, make_case):
    make_case()
    client = client_for("caseworker")
    batch = _staged(client, tmp_path, many_rows(12))
    before = table_counts()
    audit_before = AuditEvent.objects.count()
    monkeypatch.setattr(persist, "CHUNK", 5)  # several chunks; the second one fails
    calls = {"n": 0}
    original = persist._Writer.write

    def failing(self, records, codes):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full (injected)")
        return original(self, records, codes)

    monkeypatch.setattr(persist._Writer, "write", failing)
    page = client.post(f"/imports/{batch.pk}/confirm/", follow=True).content.decode()
    assert calls["n"] == 2
    assert "An internal error stopped the import; nothing was written" in page
    assert table_counts() == before
    assert AuditEvent.objects.count() == audit_before
    batch.refresh_from_db()
    assert batch.state == "failed" and "nothing was written" in batch.error
    assert not ImportedCase.objects.exists()
