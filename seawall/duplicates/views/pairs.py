"""One candidate pair side by side with its explanation; confirming merges, rejecting
remembers that the two are different people, reopening undoes a rejection."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from seawall import policy
from seawall.audit import log
from seawall.cases.models import Person, VictimCase
from seawall.duplicates import access, merging
from seawall.duplicates.models import DuplicatePair
from seawall.duplicates.presenting import countries, evidence_rows, percent

ROWS = (
    ("Given names", lambda p: p.given_names),
    ("Family names", lambda p: p.family_names),
    ("Other names", lambda p: ", ".join(p.aliases)),
    ("Gender", lambda p: p.get_gender_display()),
    ("Birth date", lambda p: p.birth_date),
    ("Citizenships", lambda p: countries(p.citizenships)),
    ("Languages", lambda p: ", ".join(p.languages)),
    ("Phones", lambda p: ", ".join(p.phones)),
    ("Documents", lambda p: "; ".join(f"{d.get('type', '')} {d.get('number', '')} {d.get('country', '')}".strip()
                                      for d in p.documents)),
    ("E-mail", lambda p: p.email),
    ("Address", lambda p: "; ".join(a.get("text", "") for a in p.addresses)),
)


def _reviewer(request: HttpRequest) -> Any:
    if not policy.may_review_duplicates(request.user):
        raise PermissionDenied("Your role does not review duplicates.")
    return request.user


def _persons(pair: DuplicatePair) -> tuple[Person, Person]:
    persons = Person.objects.in_bulk([pair.person_l_id, pair.person_r_id])
    if len(persons) != 2:
        raise Http404("One of the two records no longer exists.")
    return persons[pair.person_l_id], persons[pair.person_r_id]


@login_required
@require_GET
def pair_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _reviewer(request)
    pair = access.pair_or_404(user, pk)
    left, right = _persons(pair)
    cases: dict[int, list[VictimCase]] = {left.pk: [], right.pk: []}
    found = access.identity_cases_of(user, cases).select_related("owner_agency")
    for case in sorted(found, key=lambda c: (c.identified_on, c.pk), reverse=True):
        cases[case.person_id].append(case)
    rows = []
    for label, value in ROWS:
        a, b = value(left), value(right)
        rows.append({"label": label, "left": a, "right": b, "differs": bool(a or b) and a != b})
    log.record(log.VIEW, request=request, subjects=[("person", left.pk), ("person", right.pk), ("duplicate_pair", pair.pk)],
               detail={"duplicate_pair": pair.pk})
    # The older record is kept by default: it is the one other agencies are likelier to know.
    default_keep = min((left, right), key=lambda p: (p.created_at, p.pk)).pk
    return render(request, "duplicates/pair.html", {
        "pair": pair, "left": left, "right": right, "rows": rows, "percent": percent(pair.probability),
        "evidence": evidence_rows(pair.explanation), "left_cases": cases[left.pk], "right_cases": cases[right.pk],
        "default_keep": default_keep,
    })


@login_required
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    user = _reviewer(request)
    pair = access.pair_or_404(user, pk)
    try:
        keep = int(request.POST.get("keep", ""))
        record = merging.merge(pair, keep, user, request=request)
    except ValueError as error:  # MergeRefused is an InputError, a ValueError; so is a bad number
        text = str(error) if isinstance(error, merging.MergeRefused) else "choose which of the two records to keep"
        messages.error(request, f"Not merged: {text}.")
        return redirect("duplicates:pair", pk=pair.pk)
    messages.success(request, f"Merged into one person with {len(record.moved_cases)} case(s) moved to the record kept. "
                              "You can undo this under Merges.")
    return redirect("duplicates:queue")


@login_required
@require_POST
def reject(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, DuplicatePair.REJECTED, "Marked as different people; the search will not propose them again.")


@login_required
@require_POST
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, DuplicatePair.OPEN, "Back in the queue.")


def _decide(request: HttpRequest, pk: int, state: str, done: str) -> HttpResponse:
    user = _reviewer(request)
    pair = access.pair_or_404(user, pk)
    try:
        merging.decide(pair, state, user, request=request)
    except merging.MergeRefused as error:
        messages.error(request, f"Nothing changed: {error}.")
        return redirect("duplicates:pair", pk=pair.pk)
    messages.success(request, done)
    return redirect("duplicates:queue")
