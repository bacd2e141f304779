from __future__ import annotations

import datetime as dt

from django.urls import reverse

from seawall.audit.models import AuditEvent
from seawall.cases.models import ConsentRecord, Person, TraffickingEvent, VictimCase


def valid_post(agency_id: int, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "person-given_names": "Daniela", "person-family_names": "Rojas Peña", "person-aliases": "Dani, La Flaca",
        "person-gender": "Feminine", "person-birth_date": "2009-01-15", "person-citizenships": ["VEN"],
        "person-languages": "spa", "person-phones": "+58 412 555 0101\n600 1234",
        "person-document_type": "Passport", "person-document_number": "V-123 456", "person-document_country": "VEN",
        "case-identified_on": "2026-10-02", "case-identified_by": agency_id,
        "case-trafficking_status": "PossibleVictimOfTrafficking", "case-status_decided_by": "NotYetDecided",
        "case-exploitation_types": ["SexualExploitation"], "case-sexual_exploitation_types": ["Prostitution"],
        "case-methods_of_control": ["DebtBondage", "WithholdsDocuments"], "case-recruitment_methods": ["ThroughOnlineSocialNetworks"],
        "case-relationship_to_trafficker": "Acquainted", "case-status": "Active", "case-consents": ["Consent", "ContactForFollowUp"],
        "event-TOTAL_FORMS": "2", "event-INITIAL_FORMS": "0", "event-MIN_NUM_FORMS": "0", "event-MAX_NUM_FORMS": "12",
        "event-0-event_type": "Recruitment", "event-0-country": "VEN", "event-0-place": "Tumeremo", "event-0-date": "2026-07-01",
        "event-1-event_type": "Exploitation", "event-1-country": "GUY", "event-1-place": "Bartica", "event-1-date": "",
    }
    data.update(overrides)
    return data


def test_register_a_possible_victim(client_for, users):
    response = client_for("caseworker").post(reverse("cases:create"), valid_post(users["caseworker"].agency_id))
    assert response.status_code == 302
    case = VictimCase.objects.get()
    assert response["Location"] == reverse("cases:detail", args=[case.code])
    person = case.person
    assert person.given_names == "Daniela" and person.aliases == ["Dani", "La Flaca"]
    assert person.phones == ["+584125550101", "+5926001234"]
    assert person.documents == [{"type": "Passport", "number": "V-123 456", "country": "VEN"}]
    assert case.age_at_identification == 17 and case.age_group == "0-17"  # from the birth date
    assert case.owner_agency == users["caseworker"].agency and case.case_owner == users["caseworker"]
    assert [(e.event_type, e.country, e.date) for e in TraffickingEvent.objects.order_by("id")] == [
        ("Recruitment", "VEN", dt.date(2026, 7, 1)), ("Exploitation", "GUY", None)]
    given = {c.item for c in ConsentRecord.objects.filter(case=case, given=True)}
    assert given == {"Consent", "ContactForFollowUp"}
    event = AuditEvent.objects.get(action="create")
    assert {(s.object_type, s.object_id) for s in event.subjects.all()} == {("case", str(case.pk)), ("person", str(person.pk))}


def test_code_is_not_derived_from_the_person(client_for, users):
    client_for("caseworker").post(reverse("cases:create"), valid_post(users["caseworker"].agency_id))
    code = VictimCase.objects.get().code
    assert code.startswith("GUY-") and "DAN" not in code and "ROJ" not in code


def test_detail_shows_the_record_and_leaves_a_view_event(client_for, make_case):
    case = make_case()
    response = client_for("caseworker").get(reverse("cases:detail", args=[case.code]))
    assert response.status_code == 200 and "María José Pérez González" in response.content.decode()
    event = AuditEvent.objects.get(action="view")
    assert {s.object_type for s in event.subjects.all()} == {"case", "person"}
    assert event.detail == {"identity": True}


def test_edit_changes_fields_and_records_which(client_for, make_case, users):
    case = make_case()
    post = valid_post(users["caseworker"].agency_id, **{"person-given_names": "María José", "person-family_names": "Pérez",
                      "case-status": "FollowUp"})
    post.update({"event-TOTAL_FORMS": "0"})
    response = client_for("caseworker").post(reverse("cases:edit", args=[case.code]), post)
    assert response.status_code == 302, response.content.decode()[:2000]
    case.refresh_from_db()
    assert case.status == "FollowUp" and Person.objects.get(pk=case.person_id).family_names == "Pérez"
    update = AuditEvent.objects.get(action="update")
    assert "case.status" in update.detail["fields"] and "person.family_names" in update.detail["fields"]
    assert "Pérez" not in str(update.detail)
