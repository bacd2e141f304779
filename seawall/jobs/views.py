"""A job's progress, polled by htmx until it is finished."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from seawall.jobs.models import Job


@login_required
def job_status(request: HttpRequest, pk: int) -> HttpResponse:
    job = Job.objects.filter(pk=pk, created_by=request.user).first()
    if job is None:
        raise Http404("No such job, or not yours.")
    return render(request, "jobs/_status.html", {"job": job})
