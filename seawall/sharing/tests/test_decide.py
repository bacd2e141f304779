"""A coordinator's decision: approval signs the file (and is audited); rejection needs a reason
and deletes the file; a release is decided once; a missing key or a changed file signs nothing."""

from __future__ import annotations

import pytest

from seawall.audit.models import AuditEvent
from seawall.sharing.keys import signing_key
from seawall.sharing.models import Release
from seawall.sharing.signing import key_id, verify_file

pytestmark = pytest.mark.django_db


def _decide(client_for, release, **data):  # type: ignore[no-untyped-def]
    return client_for("coordinator").post(f"/releases/{release.pk}/decide/", data)


def _decide_and_read(client_for, release, **data) -> str:  # type: ignore[no-untyped-def]
    """The page the coordinator lands on, with its message (same session)."""
    client = client_for("coordinator")
    response = client.post(f"/releases/{release.pk}/decide/", data)
    assert response.status_code == 302
    return client.get(response["Location"]).content.decode()


def test_approval_signs_the_file(client_for, prepared):
    response = _decide(client_for, prepared, decision="approve", reason="Checked the report; fine to send.")
    assert response.status_code == 302
    prepared.refresh_from_db()
    assert prepared.state == Release.APPROVED and prepared.decided_by.username == "coordinator"
    assert prepared.signing_key_id == key_id(signing_key())
    statement = verify_file(prepared.path, prepared.signature_path, signing_key().public_key())
    assert statement["sha256"] == prepared.sha256 and statement["release_id"] == prepared.release_id
    assert statement["signature"] == prepared.signature
    event = AuditEvent.objects.get(detail__step="approved and signed")
    assert event.actor_username == "coordinator" and event.detail["sha256"] == prepared.sha256
    assert event.detail["note"] == "Checked the report; fine to send."
    page = client_for("coordinator").get(f"/releases/{prepared.pk}/").content.decode()
    assert "Approved and signed" in page and "seawall verify_release" in page


def test_rejection_needs_a_reason(client_for, prepared):
    response = _decide(client_for, prepared, decision="reject", reason="no")
    assert response.status_code == 400
    assert "Say why the release is rejected" in response.content.decode()
    prepared.refresh_from_db()
    assert prepared.state == Release.PREPARED and prepared.path.is_file()


def test_rejection_deletes_the_file_and_keeps_the_reason(client_for, prepared, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _decide(client_for, prepared, decision="reject", reason="Too few cases from Guyana this year; wait.")
    prepared.refresh_from_db()
    assert prepared.state == Release.REJECTED and not prepared.signature
    assert not prepared.path.exists() and not prepared.signature_path.exists()
    page = client_for("analyst").get(f"/releases/{prepared.pk}/").content.decode()
    assert "Too few cases from Guyana this year; wait." in page
    assert AuditEvent.objects.get(detail__step="rejected").detail["reason"].startswith("Too few cases")


def test_a_release_is_decided_once(client_for, approved):
    response = _decide(client_for, approved, decision="reject", reason="Changed my mind about it.")
    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.state == Release.APPROVED
    page = client_for("coordinator").get(f"/releases/{approved.pk}/").content.decode()
    assert "Record the decision" not in page


def test_a_release_still_being_prepared_cannot_be_approved(client_for, node):
    from seawall.sharing.tests.conftest import kanon_data, post_release

    post_release(client_for("analyst"), "kanon", **kanon_data(5))
    release = Release.objects.get()
    _decide(client_for, release, decision="approve")
    release.refresh_from_db()
    assert release.state == Release.DRAFT and not release.signature


def test_without_a_signing_key_nothing_is_approved(client_for, prepared, monkeypatch):
    monkeypatch.delenv("SEAWALL_RELEASE_SIGNING_KEY")
    follow = _decide_and_read(client_for, prepared, decision="approve")
    assert "Not approved: the node cannot sign releases yet. SEAWALL_RELEASE_SIGNING_KEY is not set" in follow
    prepared.refresh_from_db()
    assert prepared.state == Release.PREPARED and not prepared.signature_path.exists()


def test_a_malformed_signing_key_is_named(client_for, prepared, monkeypatch):
    monkeypatch.setenv("SEAWALL_RELEASE_SIGNING_KEY", "c2hvcnQ=")
    follow = _decide_and_read(client_for, prepared, decision="approve")
    assert "SEAWALL_RELEASE_SIGNING_KEY must decode to 32 bytes" in follow
    prepared.refresh_from_db()
    assert prepared.state == Release.PREPARED


def test_a_file_changed_after_preparation_is_not_signed(client_for, prepared):
    with prepared.path.open("a") as handle:
        handle.write("2024,,Female\n")
    follow = _decide_and_read(client_for, prepared, decision="approve")
    assert "the release file changed after it was prepared, so it is not signed" in follow
    prepared.refresh_from_db()
    assert prepared.state == Release.PREPARED and not prepared.signature_path.exists()


def test_a_failing_audit_leaves_no_signature(client_for, prepared, monkeypatch):
    from seawall.sharing import deciding

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("audit store down")

    monkeypatch.setattr(deciding.log, "record", broken)
    with pytest.raises(RuntimeError):
        deciding.approve(prepared, prepared.prepared_by)
    prepared.refresh_from_db()
    assert prepared.state == Release.PREPARED and not prepared.signature_path.exists()
