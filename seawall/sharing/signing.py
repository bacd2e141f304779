"""Detached Ed25519 signatures of release files (no Django: a hub can verify with this alone).

The signature file (`RELEASE.csv.sig`, JSON) holds a statement — the file's name, size and
sha256, the release id, kind and schema, the node, when it was approved, the signer's public
key and its id — and an Ed25519 signature over that statement (canonical JSON, prefixed
with a domain label so a signature made for anything else can never pass as one).
Verifying recomputes the file's sha256 and checks the signature with a public key the
verifier trusts: the key inside the file only says which key was used, it proves nothing.

Ed25519 rather than an HMAC: the hub and IOM verify with the node's public key and cannot
sign anything in the node's name.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from seawall.release.io import file_sha256, write_json_atomic

FORMAT = "seawall-release-signature/1"
ALGORITHM = "Ed25519"
DOMAIN = b"seawall release signature v1\n"
UNSIGNED = ("signature",)


class SignatureInvalid(Exception):
    """The file, the signature file or the key do not match; the message says which."""


def private_key(seed: bytes) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(seed)


def public_key_text(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return base64.b64encode(public.public_bytes(Encoding.Raw, PublicFormat.Raw)).decode()


def key_id(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """A short fingerprint that names the key in signature files and on the release page."""
    return hashlib.sha256(base64.b64decode(public_key_text(key))).hexdigest()[:16]


def public_key(text: str) -> Ed25519PublicKey:
    try:
        raw = base64.b64decode(text.strip(), validate=True)
        return Ed25519PublicKey.from_public_bytes(raw)
    except (binascii.Error, ValueError):
        raise SignatureInvalid("the public key is not a base64 Ed25519 key (32 bytes)") from None


def _canonical(statement: dict[str, Any]) -> bytes:
    body = {name: value for name, value in statement.items() if name not in UNSIGNED}
    return DOMAIN + json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def sign_file(path: Path, key: Ed25519PrivateKey, **facts: Any) -> dict[str, Any]:
    """The signature document for `path`; `facts` (release id, kind, node...) are signed with it."""
    statement: dict[str, Any] = {
        "format": FORMAT,
        "algorithm": ALGORITHM,
        "file": path.name,
        "bytes": path.stat().st_size,
        "sha256": file_sha256(path),
        **facts,
        "public_key": public_key_text(key),
        "key_id": key_id(key),
    }
    statement["signature"] = base64.b64encode(key.sign(_canonical(statement))).decode()
    return statement


def write_signature(path: Path, document: dict[str, Any]) -> None:
    write_json_atomic(path, document)


def read_signature(path: Path) -> dict[str, Any]:
    try:
        document = json.loads(Path(path).read_text("utf-8"))
    except (OSError, ValueError) as error:
        raise SignatureInvalid(f"{path}: not a readable signature file ({error})") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise SignatureInvalid(f"{path}: not a Seawall release signature ({FORMAT})")
    missing = [name for name in ("file", "bytes", "sha256", "key_id", "signature") if name not in document]
    if missing:
        raise SignatureInvalid(f"{path}: the signature file lacks {', '.join(missing)}")
    return document


def verify_file(path: Path, signature_path: Path, trusted: Ed25519PublicKey) -> dict[str, Any]:
    """The signed statement if `path` is exactly the file that was signed with `trusted`'s
    private key; otherwise SignatureInvalid saying what does not match."""
    document = read_signature(signature_path)
    if document["key_id"] != key_id(trusted) or document.get("public_key") != public_key_text(trusted):
        raise SignatureInvalid(f"signed with key {document['key_id']}, not with the trusted key {key_id(trusted)}")
    try:
        trusted.verify(base64.b64decode(document["signature"], validate=True), _canonical(document))
    except (InvalidSignature, binascii.Error, ValueError):
        raise SignatureInvalid("the signature does not match its statement: the signature file was altered") from None
    if not Path(path).is_file():
        raise SignatureInvalid(f"{path}: no such file")
    digest = file_sha256(path)
    if digest != document["sha256"]:
        raise SignatureInvalid(f"{Path(path).name}: sha256 {digest} differs from the signed {document['sha256']}: "
                               "the file was changed after it was signed")
    return document
