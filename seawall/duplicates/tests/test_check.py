"""The registration check (duplicates:check): likely existing records while a person is being
registered, with score and explanation among those the user may see, and only the agency
and its focal point for the others."""

from __future__ import annotations

from django.urls import reverse

from seawall.audit.chain import verify
from seawall.audit.models import AuditEvent
from seawall.duplicates.tests.helpers import check_post
from seawall.jobs.models import Job

URL = reverse("duplicates:check")


def test_finds_a_likely_existing_person_in_own_agency_with_explanation(client_for, register):
    case = register(given="María José", family="Pérez González", birth_date="2008-03-02", phones=["+584125550101"])
    # Another spelling, one surname, day and month swapped, the phone written locally.
    response = client_for("caseworker").post(URL, check_post(
        given_names="Maria", family_names="Perez", birth_date="2008-02-03", citizenships=["VEN"],
        phones="+58 412 555 0101", gender="Feminine"), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "María José Pérez González" in body and case.code in body
    assert "likely the same person" in body
    assert "day and month swapped" in body and "same phone" in body  # the explanation
    assert "Birth date" in body and "strongly for" in body


def test_a_match_in_another_agency_shows_only_agency_and_focal_point(client_for, register, agencies):
    agencies["police"].focal_point = "Sgt. R. Persaud, +592 600 0000"
    agencies["police"].save()
    case = register("investigator", given="Yusleidy", family="Castillo Rondón", birth_date="2007-09-21",
                    phones=["+584125559876"], documents=[{"type": "Passport", "number": "V-778 123", "country": "VEN"}])
    response = client_for("caseworker").post(URL, check_post(
        given_names="Yusleidi", family_names="Castillo", birth_date="2007-09-21", citizenships=["VEN"],
        phones="0412 555 9876", document_type="Passport", document_number="V778123"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "A possible match exists in Police TIP Unit; ask its focal point: Sgt. R. Persaud, +592 600 0000." in body
    for secret in ("Yusleidy", "Rondón", "Rondon", "584125559876", "5559876", "V-778", "2007", case.code,
                   "likely the same person", "same document"):
        assert secret not in body, secret


def test_the_check_is_audited_without_what_was_typed(client_for, register):
    own = register(given="Dariannys", family="Mata", birth_date="2006-04-30")
    other = register("investigator", given="Dariannys", family="Mata", birth_date="2006-04-30")
    client_for("caseworker").post(URL, check_post(given_names="Dariannys", family_names="Mata", birth_date="2006-04-30"))
    event = AuditEvent.objects.get(action="search", reason="duplicates:check")
    assert event.actor_username == "caseworker"
    assert {(s.object_type, s.object_id) for s in event.subjects.all()} == {("person", str(own.person_id))}
    assert event.detail["shown"] == [own.person_id] and event.detail["withheld"] == 1
    assert event.detail["matches"] == 2 and event.detail["candidates"] >= 2
    assert other.person_id not in event.detail["shown"]
    assert "Dariannys" not in str(event.detail) and "Mata" not in str(event.detail)
    assert list(verify()) == []


def test_nothing_typed_nothing_searched(client_for):
    response = client_for("caseworker").post(URL, check_post(given_names="", family_names=""))
    assert response.status_code == 200 and response.content.decode().strip() == ""
    assert not AuditEvent.objects.filter(reason="duplicates:check").exists()


def test_no_match_says_so(client_for, register):
    register(given="Ana", family="Suárez")
    body = client_for("investigator").post(URL, check_post(given_names="Zebulon", family_names="Quartermaine",
                                                           birth_date="1950-07-30")).content.decode()
    assert "No existing record looks like this person." in body


def test_same_document_number_is_flagged(client_for, register):
    case = register(given="Carline", family="Jean", birth_date="1995-05-05",
                    documents=[{"type": "Passport", "number": "HT 0045 771", "country": "HTI"}])
    body = client_for("caseworker").post(URL, check_post(
        given_names="Karine", family_names="Auguste", document_type="Passport", document_number="ht0045771")).content.decode()
    assert "same document number" in body and case.code in body


def test_roles_that_do_not_register_are_refused(client_for, register):
    register(given="Ana", family="Suárez")
    for role in ("coordinator", "analyst", "prosecutor", "service_provider", "administrator"):
        response = client_for(role).post(URL, check_post(given_names="Ana", family_names="Suárez"))
        assert response.status_code == 403, role
        assert "Suárez" not in response.content.decode()


def test_get_is_not_allowed(client_for):
    assert client_for("caseworker").get(URL).status_code == 405


def test_registration_form_asks_for_the_check_and_edit_form_does_not(client_for, register):
    body = client_for("caseworker").get(reverse("cases:create")).content.decode()
    assert f'hx-post="{URL}"' in body and 'id="duplicate-check"' in body
    case = register()
    assert 'id="duplicate-check"' not in client_for("caseworker").get(reverse("cases:edit", args=[case.code])).content.decode()


def test_a_bulk_import_larger_than_the_inline_limit_queues_keying(client_for, users, monkeypatch):
    from seawall.cases.models import Person
    from seawall.duplicates import keys

    keys.catch_up()
    user = users["caseworker"]
    Person.objects.bulk_create([Person(owner_agency=user.agency, created_by=user, given_names=f"Given{i}",
                                       family_names="Imported") for i in range(4)])
    monkeypatch.setattr(keys, "INLINE_LIMIT", 2)
    body = client_for("caseworker").post(URL, check_post(given_names="Given1", family_names="Imported")).content.decode()
    assert "4 records added in bulk (an import, a first start) are being prepared for this check" in body
    assert Job.objects.filter(kind="duplicates.keys", state="queued").count() == 1


def test_visible_ids_is_policys_visible_persons_for_every_role(users, register):
    from seawall import policy
    from seawall.duplicates.access import visible_ids

    ids = [register(owner, given=f"Persona{n}", family="Prueba").person_id
           for n, owner in enumerate(["caseworker", "investigator", "other_caseworker", "caseworker"])]
    for name, user in users.items():
        expected = set(policy.visible_persons(user).filter(pk__in=ids).values_list("pk", flat=True))
        assert visible_ids(user, ids) == expected, name


def test_the_shown_persons_cases_are_fetched_by_id_not_by_walking_the_agency(client_for, register):
    import pytest
    from django.db import connection

    from seawall.testing.plans import sqlite_plans

    if connection.vendor != "sqlite":
        pytest.skip("about SQLite's planner without statistics")
    # Two shown records: with one case id SQLite goes by id anyway, from two on it walked
    # the agency's cases in list order.
    register(given="Yolette", family="Pierre", birth_date="2007-01-09")
    register(given="Yolette", family="Pierre", birth_date="2007-09-01")
    client = client_for("caseworker")
    plans = sqlite_plans(lambda: client.post(URL, check_post(given_names="Yolette", family_names="Pierre",
                                                             birth_date="2007-01-09"), HTTP_HX_REQUEST="true"),
                         "cases_victimcase")
    assert plans, "the check read no case"
    # At 100,000 cases, walking the agency in list order took 12 ms per check; by id, under 1.
    assert not [sql for sql, plan in plans if "case_agency_list_order" in plan or "SCAN cases_victimcase" in plan], plans
