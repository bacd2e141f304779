from __future__ import annotations

import base64
import os

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from seawall.cases.models import Person, PersonIndex, VictimCase
from seawall.cases.protection import cipher
from seawall.vault import DecryptionError


def _all_text(table: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")
        return " ".join(str(value) for row in cursor.fetchall() for value in row)


def test_database_holds_no_plaintext_identity(make_case):
    case = make_case(given="Yusleidy", family="Castillo Báez", phones=["+584125550101"],
                     summary="Found at a bar in Bartica")
    case.person.documents = [{"type": "Passport", "number": "V8812345", "country": "VEN"}]
    case.person.save()
    stored = _all_text("cases_person") + _all_text("cases_personindex") + _all_text("cases_victimcase")
    for secret in ("Yusleidy", "Castillo", "Báez", "584125550101", "V8812345", "Bartica", "2008-03-02"):
        assert secret not in stored and secret.lower() not in stored
    assert Person.objects.get(pk=case.person_id).given_names == "Yusleidy"


def test_a_token_moved_to_another_column_does_not_decrypt(make_case):
    case = make_case(given="Rosa", family="Suárez")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE cases_person SET family_names = given_names WHERE id = %s", [case.person_id])
    with pytest.raises(DecryptionError):
        Person.objects.get(pk=case.person_id)


def test_rotation_re_encrypts_everything_and_keeps_it_readable(make_case, settings):
    cases = [make_case(given=f"Ana{i}", family="Pérez") for i in range(3)]
    old_key = settings.FIELD_KEYS
    new = "k2:" + base64.b64encode(os.urandom(32)).decode()
    settings.FIELD_KEYS = f"{new},{old_key}"
    call_command("rotate_keys", check=False)
    assert all(token.startswith("sw1.k2.") for token in _tokens())
    settings.FIELD_KEYS = new  # the old key is gone: everything must still read
    for case in cases:
        assert Person.objects.get(pk=case.person_id).given_names.startswith("Ana")
        assert VictimCase.objects.get(pk=case.pk).closure_reason == ""


def test_check_reports_values_under_old_keys(make_case, settings):
    make_case()
    settings.FIELD_KEYS = "k3:" + base64.b64encode(os.urandom(32)).decode() + "," + settings.FIELD_KEYS
    with pytest.raises(CommandError, match="older keys"):
        call_command("rotate_keys", check=True)


def test_rotating_the_index_key_rebuilds_blind_indexes(make_case, settings):
    from seawall.cases.identity import persons_matching

    case = make_case(given="Génesis", family="Rojas")
    before = set(PersonIndex.objects.values_list("digest", flat=True))
    settings.INDEX_KEY = base64.b64encode(os.urandom(32)).decode()
    assert persons_matching("Genesis Rojas") == []  # stale index under the new key
    call_command("rotate_keys")
    assert persons_matching("Genesis Rojas") == [case.person_id]
    assert before.isdisjoint(set(PersonIndex.objects.values_list("digest", flat=True)))


def _tokens() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT given_names, family_names, birth_date FROM cases_person")
        return [t for row in cursor.fetchall() for t in row if t]


def test_cipher_refuses_an_unknown_key_id():
    token = cipher().encrypt("x", "ctx")
    forged = token.replace(cipher().keyring.primary_id, "zz", 1)
    with pytest.raises(DecryptionError, match="not configured"):
        cipher().decrypt(forged, "ctx")


def test_rotation_covers_every_app_that_keeps_encrypted_data(db):
    from seawall.cases.rotation import encrypted_models

    labels = {m._meta.label for m in encrypted_models()}
    assert {"cases.Person", "cases.VictimCase", "cases.TraffickingEvent", "transfers.ImportedCase"} <= labels
