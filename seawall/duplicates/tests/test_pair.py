"""A pair side by side (duplicates:pair) and its decision (duplicates:confirm, :reject,
:reopen): confirming merges into one person with every case; a user without rights is
refused and nothing changes; a forged POST for another agency's pair is refused."""

from __future__ import annotations

import pytest
from django.urls import reverse

from seawall.audit.chain import verify
from seawall.audit.models import AuditEvent, AuditSubject
from seawall.cases.models import Person, PersonIndex, TraffickingEvent, VictimCase
from seawall.duplicates.models import DuplicatePair, MatchKey, Merge
from seawall.duplicates.tests.helpers import pair


def _counts() -> dict[str, int]:
    return {"cases": VictimCase.objects.count(), "events": TraffickingEvent.objects.count(),
            "audit": AuditEvent.objects.count(), "subjects": AuditSubject.objects.count(),
            "persons": Person.objects.count(), "pairs": DuplicatePair.objects.count(), "merges": Merge.objects.count()}


def test_side_by_side_with_explanation_and_audit(client_for, duo):
    response = client_for("caseworker").get(reverse("duplicates:pair", args=[duo["pair"].pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Daniela" in body and "Rojas Peña" in body and "Dani" in body and "La Flaca" in body
    assert duo["older"].code in body and duo["newer"].code in body and duo["second"].code in body
    assert "same given and family names" in body and "99.1%" in body
    assert 'class="differs"' in body
    event = AuditEvent.objects.get(action="view", reason="duplicates:pair")
    assert {s.object_id for s in event.subjects.filter(object_type="person")} == {
        str(duo["older"].person_id), str(duo["newer"].person_id)}


def test_confirm_merges_into_one_person_with_every_case(client_for, duo):
    before = _counts()
    older, newer = duo["older"], duo["newer"]
    response = client_for("caseworker").post(reverse("duplicates:confirm", args=[duo["pair"].pk]),
                                             {"keep": older.person_id})
    assert response.status_code == 302
    after = _counts()
    assert after["cases"] == before["cases"] and after["events"] == before["events"]
    assert after["persons"] == before["persons"] - 1 and after["merges"] == 1
    assert after["audit"] == before["audit"] + 1  # the merge itself; nothing else added or removed
    survivor = Person.objects.get(pk=older.person_id)
    assert not Person.objects.filter(pk=newer.person_id).exists()
    assert set(VictimCase.objects.filter(person=survivor).values_list("pk", flat=True)) == {
        older.pk, newer.pk, duo["second"].pk}
    assert survivor.given_names == "Daniela" and survivor.family_names == "Rojas Peña"
    assert survivor.aliases == ["Dani Rojas", "La Flaca"]
    assert survivor.phones == ["+584125550101", "+5926001234"]
    assert survivor.citizenships == ["VEN", "COL"]
    assert len(survivor.documents) == 1
    # The blind index and the match keys are the survivor's, rebuilt; the other's are gone.
    assert not PersonIndex.objects.filter(person_id=newer.person_id).exists()
    assert not MatchKey.objects.filter(person_id=newer.person_id).exists()
    from seawall.cases.identity import persons_matching

    assert persons_matching("Dani Rojas") == [survivor.pk]  # found by her other name
    duo["pair"].refresh_from_db()
    assert duo["pair"].state == DuplicatePair.CONFIRMED and duo["pair"].decided_by.username == "caseworker"
    event = AuditEvent.objects.get(action="merge")
    subjects = {(s.object_type, s.object_id) for s in event.subjects.all()}
    assert {("case", str(newer.pk)), ("case", str(duo["second"].pk)), ("person", str(newer.person_id))} <= subjects
    assert event.detail["cases_moved"] == 2 and "aliases" in event.detail["fields"]
    assert "Dani" not in str(event.detail)
    assert list(verify()) == []


@pytest.mark.parametrize("role", ["coordinator", "analyst", "prosecutor", "service_provider", "administrator"])
def test_a_merge_by_a_user_without_rights_is_refused_and_changes_nothing(client_for, duo, role):
    before = _counts()
    response = client_for(role).post(reverse("duplicates:confirm", args=[duo["pair"].pk]),
                                     {"keep": duo["older"].person_id})
    assert response.status_code == 403
    assert _counts() == before
    duo["pair"].refresh_from_db()
    assert duo["pair"].state == DuplicatePair.OPEN
    for name in ("pair", "reject", "reopen"):
        method = "get" if name == "pair" else "post"
        assert getattr(client_for(role), method)(reverse(f"duplicates:{name}", args=[duo["pair"].pk])).status_code == 403


@pytest.mark.parametrize("who", ["investigator", "other_caseworker"])
def test_forged_posts_for_another_agencys_pair_are_refused(client_for, duo, who):
    before = _counts()
    client = client_for(who)
    pk = duo["pair"].pk
    assert client.post(reverse("duplicates:confirm", args=[pk]), {"keep": duo["older"].person_id}).status_code == 404
    assert client.post(reverse("duplicates:reject", args=[pk])).status_code == 404
    response = client.get(reverse("duplicates:pair", args=[pk]))
    assert response.status_code == 404 and "Daniela" not in response.content.decode()
    assert _counts() == before


def test_a_pair_across_agencies_is_refused_to_both(client_for, register):
    across = pair(register(given="Zuleima", family="Bravo"), register("investigator", given="Zuleyma", family="Bravo"))
    for who in ("caseworker", "investigator"):
        client = client_for(who)
        assert client.post(reverse("duplicates:confirm", args=[across.pk]),
                           {"keep": across.person_l_id}).status_code == 404
    assert Person.objects.filter(pk__in=[across.person_l_id, across.person_r_id]).count() == 2


def test_keep_must_be_one_of_the_two(client_for, duo, register):
    stranger = register(given="Otra", family="Persona")
    before = _counts()
    client = client_for("caseworker")
    response = client.post(reverse("duplicates:confirm", args=[duo["pair"].pk]), {"keep": stranger.person_id}, follow=True)
    assert "Not merged: choose which of the two records to keep." in response.content.decode()
    response = client.post(reverse("duplicates:confirm", args=[duo["pair"].pk]), {"keep": "x"}, follow=True)
    assert "Not merged" in response.content.decode()
    after = _counts()
    assert after.pop("audit") == before.pop("audit") + 2  # the pair page shown again after each refusal
    after.pop("subjects"), before.pop("subjects")
    assert after == before


def test_reject_is_remembered_and_audited_and_can_be_reopened(client_for, duo):
    client = client_for("caseworker")
    pk = duo["pair"].pk
    assert client.post(reverse("duplicates:reject", args=[pk])).status_code == 302
    duo["pair"].refresh_from_db()
    assert duo["pair"].state == DuplicatePair.REJECTED
    event = AuditEvent.objects.get(action="reject")
    assert {s.object_type for s in event.subjects.all()} == {"person", "duplicate_pair"}
    # Decided: cannot be merged now.
    response = client.post(reverse("duplicates:confirm", args=[pk]), {"keep": duo["older"].person_id}, follow=True)
    assert "already decided" in response.content.decode() and Person.objects.count() == 2
    assert client.post(reverse("duplicates:reopen", args=[pk])).status_code == 302
    duo["pair"].refresh_from_db()
    assert duo["pair"].state == DuplicatePair.OPEN and AuditEvent.objects.filter(action="reopen").exists()
    assert list(verify()) == []
