"""Merges the user may undo (the record kept is one she may see), and undoing one."""

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
from seawall.duplicates import access, merging

PER_PAGE = 25


def _name(state: dict) -> str:
    return " ".join(p for p in (state.get("given_names", ""), state.get("family_names", "")) if p)


@login_required
@require_GET
def merge_list(request: HttpRequest) -> HttpResponse:
    if not policy.may_review_duplicates(request.user):
        raise PermissionDenied("Your role does not review duplicates.")
    page = Paginator(access.reviewable_merges(request.user).select_related("merged_by", "unmerged_by"),
                     PER_PAGE).get_page(request.GET.get("page"))
    merges = list(page.object_list)
    survivors = Person.objects.only("given_names", "family_names").in_bulk({m.survivor_id for m in merges})
    rows = [{"merge": m, "survivor": survivors.get(m.survivor_id), "absorbed": _name(m.absorbed_state)} for m in merges]
    log.record(log.LIST, request=request,
               subjects=[("person", pk) for pk in sorted({*survivors, *(m.absorbed_id for m in merges)})],
               detail={"merges": page.number, "results": page.paginator.count})
    return render(request, "duplicates/merges.html", {"rows": rows, "page": page})


@login_required
@require_POST
def undo(request: HttpRequest, pk: int) -> HttpResponse:
    if not policy.may_review_duplicates(request.user):
        raise PermissionDenied("Your role does not review duplicates.")
    record = access.merge_or_404(request.user, pk)
    try:
        merging.unmerge(record, request.user, request=request)
    except merging.MergeRefused as error:
        messages.error(request, f"Not undone: {error}.")
        return redirect("duplicates:merges")
    record.refresh_from_db()
    kept = record.kept_on_unmerge
    note = f" Fields edited after the merge kept their new values: {', '.join(kept)}." if kept else ""
    messages.success(request, f"Merge undone: the two records and their cases are separate again; the pair is back in the queue.{note}")
    return redirect("duplicates:merges")
