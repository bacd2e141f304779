"""Downloads: only approved releases, exactly the file that was signed, every download audited."""

from __future__ import annotations

import json

import pytest

from seawall.audit.models import AuditEvent
from seawall.release.io import file_sha256
from seawall.sharing.models import Release

pytestmark = pytest.mark.django_db


def _body(response) -> bytes:  # type: ignore[no-untyped-def]
    return b"".join(response.streaming_content)


def test_an_approved_release_downloads_with_its_signature(client_for, approved):
    client = client_for("analyst")
    response = client.get(f"/releases/{approved.pk}/download/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{approved.file_name}"'
    assert _body(response) == approved.path.read_bytes()
    signature = client.get(f"/releases/{approved.pk}/signature/")
    document = json.loads(_body(signature))
    assert document["sha256"] == approved.sha256 == file_sha256(approved.path)
    events = AuditEvent.objects.filter(action="export", subjects__object_type="release").order_by("seq")
    assert [e.detail.get("file") for e in events] == [approved.file_name, f"{approved.file_name}.sig"]
    assert events[0].actor_username == "analyst" and events[0].detail["sha256"] == approved.sha256


@pytest.mark.parametrize("state", [Release.DRAFT, Release.PREPARED, Release.FAILED, Release.REJECTED])
def test_nothing_but_an_approved_release_downloads(state, client_for, prepared):
    Release.objects.filter(pk=prepared.pk).update(state=state)
    for role in ("analyst", "coordinator"):
        response = client_for(role).get(f"/releases/{prepared.pk}/download/")
        assert response.status_code == 403
        assert "Only an approved, signed release can be downloaded." in response.content.decode()
    assert not AuditEvent.objects.filter(action="export").exists()


def test_a_file_changed_on_the_server_is_not_sent(client_for, approved):
    data = bytearray(approved.path.read_bytes())
    data[-3] ^= 0x01
    approved.path.write_bytes(bytes(data))
    response = client_for("coordinator").get(f"/releases/{approved.pk}/download/")
    assert response.status_code == 409
    assert "not the one that was approved and signed" in response.content.decode()
    assert not AuditEvent.objects.filter(action="export").exists()


def test_a_missing_file_says_so(client_for, approved):
    approved.path.unlink()
    response = client_for("coordinator").get(f"/releases/{approved.pk}/download/")
    assert response.status_code == 409 and "missing" in response.content.decode()


def test_unknown_release_is_404(client_for, users):
    assert client_for("analyst").get("/releases/999/download/").status_code == 404
