"""The registration check: the person part of the registration form, posted by htmx while it
is being filled in, answered with the likely existing records of that person."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from seawall import policy
from seawall.audit import log
from seawall.cases.forms import PersonForm
from seawall.cases.models import Person, VictimCase
from seawall.duplicates import access
from seawall.duplicates.jobs import KEYS, enqueue_once
from seawall.duplicates.matching import find_matches
from seawall.duplicates.presenting import evidence_rows, percent

SHOWN_AT_MOST = 5


def identity_typed(form: PersonForm) -> dict[str, Any]:
    """What the form has so far: fields that do not validate yet are left out, not refused
    (the registration itself reports them)."""
    form.is_valid()
    data = form.cleaned_data
    documents = ([{"type": data.get("document_type", ""), "number": data["document_number"],
                   "country": data.get("document_country", "")}] if data.get("document_number") else [])
    return {
        "given_names": data.get("given_names") or "", "family_names": data.get("family_names") or "",
        "aliases": data.get("aliases") or [], "gender": data.get("gender") or "",
        "birth_date": data["birth_date"].isoformat() if data.get("birth_date") else "",
        "citizenships": data.get("citizenships") or [], "phones": data.get("phones") or [],
        "documents": documents,
    }


@login_required
@require_POST
def check(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not policy.may_register_case(user):
        raise PermissionDenied("Your role does not register cases.")
    result = find_matches(identity_typed(PersonForm(request.POST, prefix="person")), limit=SHOWN_AT_MOST)
    if not result.coverage.complete:
        enqueue_once(KEYS, user)
    ids = [m.person_id for m in result.matches]
    visible = access.visible_ids(user, ids)
    shown_ids = [pk for pk in ids if pk in visible]
    withheld_ids = [pk for pk in ids if pk not in visible]
    persons = Person.objects.in_bulk(shown_ids)
    cases: dict[int, list[VictimCase]] = {}
    # Newest first, sorted here (see access.identity_cases_of).
    found = access.identity_cases_of(user, shown_ids)
    for case in sorted(found, key=lambda c: (c.identified_on, c.pk), reverse=True):
        cases.setdefault(case.person_id, []).append(case)
    shown = [{"person": persons[m.person_id], "percent": percent(m.probability), "same_document": m.same_document,
              "evidence": evidence_rows(m.evidence), "cases": cases.get(m.person_id, [])}
             for m in result.matches if m.person_id in visible and m.person_id in persons]
    # Outside need to know: the agency and whom to ask, once per agency; nothing else.
    holders = access.agencies_holding(withheld_ids)
    elsewhere = list({agency.pk: agency for pk in withheld_ids for agency in holders.get(pk, [])}.values())
    if result.searched:
        # Who looked, how many records were scored and matched, which were shown with
        # identity; not what was typed (personal data, as for searches).
        log.record(log.SEARCH, request=request, subjects=[("person", item["person"].pk) for item in shown],
                   detail={"duplicate_check": True, "candidates": result.candidates, "matches": len(ids),
                           "shown": [item["person"].pk for item in shown], "withheld": len(withheld_ids),
                           "withheld_agencies": sorted(a.pk for a in elsewhere)})
    return render(request, "duplicates/_check.html", {"result": result, "shown": shown, "elsewhere": elsewhere})
