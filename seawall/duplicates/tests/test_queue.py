"""The review queue (duplicates:queue): a reviewer sees only pairs of two records she may both
see; the coordinator sees counts per agency and no identity; other roles are refused."""

from __future__ import annotations

import pytest
from django.urls import reverse

from seawall.audit.models import AuditEvent
from seawall.duplicates.models import DuplicatePair
from seawall.duplicates.tests.helpers import pair

URL = reverse("duplicates:queue")


@pytest.fixture
def pairs(register):  # type: ignore[no-untyped-def]
    own = pair(register(given="Nathaly", family="Rivas"), register(given="Nathalie", family="Rivas"))
    police = pair(register("investigator", given="Wuilmer", family="Ortega"),
                  register("investigator", given="Wilmer", family="Ortega"))
    across = pair(register(given="Zuleima", family="Bravo"), register("investigator", given="Zuleyma", family="Bravo"))
    return {"own": own, "police": police, "across": across}


def test_reviewer_sees_only_pairs_of_records_she_may_see(client_for, pairs):
    body = client_for("caseworker").get(URL).content.decode()
    assert "Nathaly Rivas" in body and "Nathalie Rivas" in body and "97%" in body
    assert "same given and family names" in body
    assert reverse("duplicates:pair", args=[pairs["own"].pk]) in body
    for hidden in ("Wuilmer", "Ortega", "Zuleima", "Zuleyma", "Bravo"):
        assert hidden not in body, hidden
    police = client_for("investigator").get(URL).content.decode()
    assert "Wuilmer Ortega" in police and "Nathaly" not in police and "Zuleyma" not in police


def test_listing_is_audited_with_the_persons_shown(client_for, pairs):
    client_for("caseworker").get(URL)
    event = AuditEvent.objects.get(action="list", reason="duplicates:queue")
    shown = {int(s.object_id) for s in event.subjects.all()}
    assert shown == {pairs["own"].person_l_id, pairs["own"].person_r_id}


def test_coordinator_sees_counts_per_agency_without_identities(client_for, pairs, register):
    body = client_for("coordinator").get(URL).content.decode()
    assert "Pairs waiting for review, by agency" in body
    assert "<td>Ministry CT Unit</td><td>(within the agency)</td><td>1</td>" in body
    assert "<td>Police TIP Unit</td><td>(within the agency)</td><td>1</td>" in body
    assert "<td>Ministry CT Unit</td><td>Police TIP Unit</td><td>1</td>" in body
    for secret in ("Nathaly", "Rivas", "Wuilmer", "Ortega", "Zuleima", "Bravo", "GUY-"):
        assert secret not in body, secret
    assert reverse("duplicates:pair", args=[pairs["own"].pk]) not in body


def test_rejected_pairs_are_listed_apart(client_for, register):
    pair(register(given="Kenia", family="Mora"), register(given="Kenya", family="Mora"), state=DuplicatePair.REJECTED)
    client = client_for("caseworker")
    assert "Kenia" not in client.get(URL).content.decode()
    assert "Kenia Mora" in client.get(URL, {"state": "rejected"}).content.decode()


def test_roles_without_duplicates_work_are_refused(client_for, pairs):
    for role in ("analyst", "prosecutor", "service_provider", "administrator"):
        response = client_for(role).get(URL)
        assert response.status_code == 403, role
        assert "Nathaly" not in response.content.decode()


def test_a_pair_whose_person_was_deleted_is_not_listed(client_for, register):
    from seawall.cases.models import Person

    gone = register(given="Ornella", family="Baptiste")
    stale = pair(register(given="Ornela", family="Baptiste"), gone)
    gone.delete()
    Person.objects.filter(pk=gone.person_id).delete()
    body = client_for("caseworker").get(URL).content.decode()
    assert "Nothing waiting for review." in body and reverse("duplicates:pair", args=[stale.pk]) not in body
