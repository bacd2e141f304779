"""Detached signatures: an approved file verifies, and stops verifying when one byte of it, or
of its signature file, changes, or when another key is trusted. Also `seawall verify_release`."""

from __future__ import annotations

import base64
import json
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from seawall.sharing.signing import (
    SignatureInvalid,
    key_id,
    private_key,
    public_key,
    public_key_text,
    sign_file,
    verify_file,
    write_signature,
)
from seawall.sharing.tests.conftest import TEST_SIGNING_KEY

NODE_KEY = private_key(base64.b64decode(TEST_SIGNING_KEY))
OTHER_KEY = private_key(b"\x09" * 32)


@pytest.fixture
def signed(tmp_path: Path) -> tuple[Path, Path]:
    path = tmp_path / "release.csv"
    path.write_bytes(b"gender,ageBroad\nFemale,18--20\nMale,not specified\n")
    signature = tmp_path / "release.csv.sig"
    write_signature(signature, sign_file(path, NODE_KEY, release_id="a" * 32, kind="kanon", node="GUY"))
    return path, signature


def test_a_signed_file_verifies(signed):
    path, signature = signed
    statement = verify_file(path, signature, NODE_KEY.public_key())
    assert statement["release_id"] == "a" * 32 and statement["key_id"] == key_id(NODE_KEY)
    assert statement["algorithm"] == "Ed25519" and statement["bytes"] == path.stat().st_size


def test_changing_one_byte_of_the_file_fails(signed):
    path, signature = signed
    data = bytearray(path.read_bytes())
    data[20] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(SignatureInvalid, match="the file was changed after it was signed"):
        verify_file(path, signature, NODE_KEY.public_key())


def test_changing_the_signed_statement_fails(signed):
    path, signature = signed
    document = json.loads(signature.read_text())
    document["release_id"] = "b" * 32
    signature.write_text(json.dumps(document))
    with pytest.raises(SignatureInvalid, match="the signature file was altered"):
        verify_file(path, signature, NODE_KEY.public_key())


def test_a_file_and_a_matching_signature_by_another_key_fail(signed):
    path, signature = signed
    # Someone replaces both the file and its signature, with their own key in it.
    path.write_bytes(b"gender\nFemale\n")
    write_signature(signature, sign_file(path, OTHER_KEY, release_id="a" * 32))
    with pytest.raises(SignatureInvalid, match="not with the trusted key"):
        verify_file(path, signature, NODE_KEY.public_key())


def test_not_a_signature_file(signed, tmp_path):
    path, _ = signed
    bogus = tmp_path / "bogus.sig"
    bogus.write_text("{}")
    with pytest.raises(SignatureInvalid, match="not a Seawall release signature"):
        verify_file(path, bogus, NODE_KEY.public_key())
    with pytest.raises(SignatureInvalid, match="not a base64 Ed25519 key"):
        public_key("not a key")


@pytest.mark.django_db
def test_verify_release_command(approved, tmp_path, capsys):
    path, signature = approved.path, approved.signature_path
    call_command("verify_release", str(path), str(signature))
    said = capsys.readouterr().out
    assert f"Verified: {path.name} is release {approved.release_id}" in said
    assert f"signed with key {key_id(NODE_KEY)}" in said
    # Elsewhere (the hub): the node's public key given on the command line.
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    call_command("verify_release", str(copy), str(signature), public_key=public_key_text(NODE_KEY))
    data = bytearray(copy.read_bytes())
    data[-2] ^= 0x20
    copy.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="NOT verified: .*the file was changed after it was signed"):
        call_command("verify_release", str(copy), str(signature), public_key=public_key_text(NODE_KEY))
    with pytest.raises(CommandError, match="not with the trusted key"):
        call_command("verify_release", str(path), str(signature), public_key=public_key_text(OTHER_KEY))


@pytest.mark.django_db
def test_verify_release_without_a_configured_key_names_the_variable(approved, monkeypatch):
    monkeypatch.delenv("SEAWALL_RELEASE_SIGNING_KEY")
    with pytest.raises(CommandError, match="SEAWALL_RELEASE_SIGNING_KEY is not set"):
        call_command("verify_release", str(approved.path), str(approved.signature_path))


def test_release_public_key_command(capsys):
    call_command("release_public_key")
    assert capsys.readouterr().out.strip() == f"{public_key_text(NODE_KEY)}  (key id {key_id(NODE_KEY)}, Ed25519)"
