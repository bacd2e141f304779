"""Bad input of every kind is refused with the field named, and nothing is half-written."""

from __future__ import annotations

import pytest
from django.urls import reverse

from seawall.audit.models import AuditEvent
from seawall.cases.models import Person, PersonIndex, TraffickingEvent, VictimCase
from seawall.cases.tests.test_case_create import valid_post

BAD = {
    "future identification date": ({"case-identified_on": "2099-01-01"}, "cannot be in the future"),
    "impossible date": ({"case-identified_on": "2026-02-30"}, "Enter a valid date"),
    "future birth date": ({"person-birth_date": "2090-05-01"}, "cannot be in the future"),
    "unknown status code": ({"case-status": "Open"}, "Select a valid choice"),
    "unknown exploitation code": ({"case-exploitation_types": ["Smuggling"]}, "Select a valid choice"),
    "unknown citizenship": ({"person-citizenships": ["XXX"]}, "Select a valid choice"),
    "unknown language": ({"person-languages": "klingon"}, "not an ISO 639 language code"),
    "bad phone": ({"person-phones": "call me maybe"}, "is not a phone number"),
    "oversized name": ({"person-given_names": "A" * 121}, "at most 120 characters"),
    "oversized summary": ({"case-summary": "x" * 10001}, "at most 10000 characters"),
    "control characters": ({"person-family_names": "Rojas\x1b[2J\x07"}, "control characters"),
    "null character": ({"person-family_names": "Rojas\x00"}, "Null characters are not allowed"),
    "missing given names": ({"person-given_names": ""}, "This field is required"),
    "age out of range": ({"case-age_at_identification": "150"}, "less than or equal to 120"),
    "industry without forced labour": ({"case-forced_labour_industry": "F_Construction"}, "Tick forced labour"),
    "closed without reason": ({"case-status": "Closed"}, "Say why the case is closed"),
    "future event": ({"event-0-date": "2099-01-01"}, "cannot be in the future"),
    "event with unknown country": ({"event-0-country": "ZZZ"}, "Select a valid choice"),
    "document number without type": ({"person-document_type": ""}, "what kind of document"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_refused_with_a_clear_message_and_nothing_written(name, client_for, users):
    change, message = BAD[name]
    response = client_for("caseworker").post(reverse("cases:create"), valid_post(users["caseworker"].agency_id, **change))
    assert response.status_code == 400
    body = response.content.decode()
    assert message.replace("'", "&#x27;") in body, body[body.find("errorbox"):][:1500]
    assert "Nothing was saved" in body
    assert not Person.objects.exists() and not VictimCase.objects.exists()
    assert not TraffickingEvent.objects.exists() and not PersonIndex.objects.exists()
    assert not AuditEvent.objects.filter(action="create").exists()


def test_html_and_script_in_names_are_shown_as_text(client_for, users):
    post = valid_post(users["caseworker"].agency_id, **{"person-given_names": '<script>alert("x")</script>',
                                                        "person-family_names": "<b onmouseover=alert(1)>Rojas"})
    client = client_for("caseworker")
    assert client.post(reverse("cases:create"), post).status_code == 302
    code = VictimCase.objects.get().code
    for url in (reverse("cases:detail", args=[code]), reverse("cases:list")):
        body = client.get(url).content.decode()
        assert "<script>alert" not in body and "<b onmouseover" not in body
        assert "&lt;script&gt;alert" in body


def test_forged_post_without_csrf_token_is_refused(users):
    from django.test import Client

    from seawall.conftest import signed_in

    client = signed_in(users["caseworker"])
    client.handler.enforce_csrf_checks = True
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.cookies = client.cookies
    response = csrf_client.post(reverse("cases:create"), valid_post(users["caseworker"].agency_id))
    assert response.status_code == 403 and not VictimCase.objects.exists()


def test_another_agencys_case_code_in_the_url_is_not_found(client_for, make_case):
    theirs = make_case(owner="other_caseworker", given="Keisha", family="Williams")
    client = client_for("caseworker")
    for url in (reverse("cases:detail", args=[theirs.code]), reverse("cases:edit", args=[theirs.code])):
        response = client.get(url)
        assert response.status_code == 404 and "Keisha" not in response.content.decode()


def test_identifying_agency_must_exist(client_for, users):
    response = client_for("caseworker").post(reverse("cases:create"), valid_post(999999))
    assert response.status_code == 400 and not VictimCase.objects.exists()


def test_a_failure_after_the_person_is_written_rolls_everything_back(client_for, users, monkeypatch):
    from seawall.cases import registration

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk full")

    monkeypatch.setattr(registration, "_record_consents", broken)
    client = client_for("caseworker")
    client.raise_request_exception = False
    response = client.post(reverse("cases:create"), valid_post(users["caseworker"].agency_id))
    assert response.status_code == 500
    assert not Person.objects.exists() and not VictimCase.objects.exists() and not PersonIndex.objects.exists()
