"""The review queue: pairs waiting (or rejected) that the user may review, counts of pairs
waiting per agency for the coordinator, and starting the batch search."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from seawall import policy
from seawall.audit import log
from seawall.cases.models import Person
from seawall.duplicates import access
from seawall.duplicates.jobs import SEARCH, enqueue_once, pending
from seawall.duplicates.models import BatchRun, DuplicatePair
from seawall.duplicates.presenting import evidence_rows, percent

PER_PAGE = 25


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not access.may_use_queue(user):
        raise PermissionDenied("Your role does not review duplicates.")
    state = DuplicatePair.REJECTED if request.GET.get("state") == DuplicatePair.REJECTED else DuplicatePair.OPEN
    rows, page = [], None
    if policy.may_review_duplicates(user):
        page = Paginator(access.reviewable_pairs(user).filter(state=state), PER_PAGE).get_page(request.GET.get("page"))
        pairs = list(page.object_list)
        persons = Person.objects.only("given_names", "family_names").in_bulk(
            {p for pair in pairs for p in (pair.person_l_id, pair.person_r_id)})
        rows = [{"pair": pair, "left": persons.get(pair.person_l_id), "right": persons.get(pair.person_r_id),
                 "percent": percent(pair.probability), "reasons": evidence_rows(pair.explanation)[:2]}
                for pair in pairs]
        log.record(log.LIST, request=request, subjects=[("person", pk) for pk in sorted(persons)],
                   detail={"duplicate_pairs": state, "page": page.number, "results": page.paginator.count})
    runner = policy.may_run_batch_deduplication(user)
    job = pending(SEARCH) if runner else None
    context = {
        "state": state, "rows": rows, "page": page,
        "may_review": policy.may_review_duplicates(user), "may_run": runner,
        "job": job, "own_job": job is not None and job.created_by_id == user.pk,
        "last_run": BatchRun.objects.filter(finished_at__isnull=False).first() if runner else None,
        "waiting": access.waiting_per_agency() if access.sees_pair_counts(user) else None,
    }
    return render(request, "duplicates/queue.html", context)


@login_required
@require_POST
def start_search(request: HttpRequest) -> HttpResponse:
    if not policy.may_run_batch_deduplication(request.user):
        raise PermissionDenied("Your role does not start the search for duplicates.")
    job = enqueue_once(SEARCH, request.user)
    log.record(log.COMMAND, request=request, detail={"duplicates_search": "requested", "job": job.pk})
    messages.success(request, "The search for duplicates across the node has started; it runs in the background.")
    return redirect("duplicates:queue")
