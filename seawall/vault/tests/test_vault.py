from __future__ import annotations

import base64
import os

import pytest

from seawall.config import ConfigError
from seawall.vault import BlindIndexer, DecryptionError, FieldCipher, Keyring
from seawall.vault.blind import name_terms, normalise_document, normalise_text


def _key() -> str:
    return base64.b64encode(os.urandom(32)).decode()


def test_round_trip_and_randomised_ciphertexts():
    cipher = FieldCipher(Keyring.parse(f"a:{_key()}"))
    one, two = cipher.encrypt("Guerline", "Person.given_names"), cipher.encrypt("Guerline", "Person.given_names")
    assert one != two and "Guerline" not in one
    assert cipher.decrypt(one, "Person.given_names") == "Guerline"


def test_altered_ciphertext_is_detected():
    cipher = FieldCipher(Keyring.parse(f"a:{_key()}"))
    token = cipher.encrypt("Guerline", "ctx")
    body = token.rsplit(".", 1)[1]
    flipped = token[: -len(body)] + ("A" if body[0] != "A" else "B") + body[1:]
    with pytest.raises(DecryptionError):
        cipher.decrypt(flipped, "ctx")


def test_older_keys_still_decrypt_and_rotation_is_detected():
    old = FieldCipher(Keyring.parse(f"old:{_key()}"))
    token = old.encrypt("x", "ctx")
    both = FieldCipher(Keyring.parse(f"new:{_key()},old:{old.keyring.keys['old'] and base64.b64encode(old.keyring.keys['old']).decode()}"))
    assert both.decrypt(token, "ctx") == "x" and both.needs_rotation(token)
    assert not both.needs_rotation(both.encrypt("x", "ctx"))


@pytest.mark.parametrize("spec, message", [
    ("", "holds no key"), ("nokey", "without ':'"), ("a:notbase64!!", "not valid base64"),
    ("a:" + base64.b64encode(b"short").decode(), "32 bytes"), (f"a:{base64.b64encode(os.urandom(32)).decode()},a:{base64.b64encode(os.urandom(32)).decode()}", "twice"),
    ("bad id!:" + base64.b64encode(os.urandom(32)).decode(), "key id"),
])
def test_bad_key_configuration_names_the_problem(spec, message):
    with pytest.raises(ConfigError, match=message):
        Keyring.parse(spec)


def test_normalisation_folds_accents_case_and_punctuation():
    assert normalise_text("  María-José  PÉREZ ") == "maria jose perez"
    assert normalise_document("v-123 456") == "V123456"


def test_name_terms_drop_particles_and_split_hyphens():
    terms = {t for k, t in name_terms("Jean-Baptiste de la Cruz") if k == "name"}
    assert terms == {"jean", "baptiste", "cruz"}


def test_digests_are_keyed_and_separated_by_kind():
    a, b = BlindIndexer(os.urandom(32)), BlindIndexer(os.urandom(32))
    assert a.digest("name", "maria") != b.digest("name", "maria")
    assert a.digest("name", "maria") != a.digest("doc", "maria")
    assert a.digest("name", "maria") == a.digest("name", "maria")
