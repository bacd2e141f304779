"""Case pages: home, list and search, detail, register, edit, and a case's access log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from seawall import policy
from seawall.audit import log
from seawall.cases import registration
from seawall.cases.forms import CaseFilterForm, CaseForm, EventFormSet, PersonForm
from seawall.cases.listing import list_cases
from seawall.cases.models import TraffickingEvent, VictimCase


def _case_or_404(request: HttpRequest, code: str) -> VictimCase:
    # A case the user may not see answers exactly like one that does not exist, so that a
    # URL cannot be used to learn that a case exists in another agency.
    case = policy.visible_cases(request.user).select_related("person", "owner_agency", "identified_by").filter(code=code).first()
    if case is None:
        raise Http404("No such case, or not one you may see.")
    return case


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    if policy.may_manage_users(request.user):
        return redirect("accounts:users")
    listing = None
    if policy.may_list_cases(request.user):
        filters = {"status": "Active"} if policy.may_register_case(request.user) else {}
        listing = list_cases(request.user, filters, 1)
        log.record(log.LIST, request=request, subjects=[("case", r.pk) for r in listing.rows],
                   detail={"page": 1, "filters": sorted(filters)})
    return render(request, "cases/home.html", {"listing": listing,
                  "may_register": policy.may_register_case(request.user)})


@login_required
@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    if not policy.may_list_cases(request.user):
        raise PermissionDenied("Your role does not give access to the case list.")
    form = CaseFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    listing = list_cases(request.user, filters, request.GET.get("page"))
    action = log.SEARCH if filters.get("q") else log.LIST
    # The search words themselves are personal data: the trail keeps how the search was read.
    log.record(action, request=request, subjects=[("case", r.pk) for r in listing.rows],
               detail={"page": listing.page.number, "filters": sorted(k for k, v in filters.items() if v and k != "q"),
                       "search": listing.search_kind, "results": listing.page.paginator.count,
                       "results_capped": listing.page.paginator.capped})
    template = "cases/_results.html" if request.headers.get("HX-Request") else "cases/list.html"
    return render(request, template, {"form": form, "listing": listing,
                  "may_search_identity": policy.may_search_identity(request.user),
                  "may_register": policy.may_register_case(request.user)},
                  status=400 if form.errors else 200)


@login_required
@require_GET
def case_detail(request: HttpRequest, code: str) -> HttpResponse:
    case = _case_or_404(request, code)
    show_identity = policy.may_see_identity(request.user, case)
    subjects = [("case", case.pk)] + ([("person", case.person_id)] if show_identity else [])
    log.record(log.VIEW, request=request, subjects=subjects, detail={"identity": show_identity})
    context = {
        "case": case,
        "person": case.person if show_identity else None,
        "show_identity": show_identity,
        "events": case.events.all(),
        "consents": registration.current_consents(case),
        "consent_history": case.consents.select_related("recorded_by").all()[:50] if show_identity else [],
        "may_edit": policy.may_edit_case(request.user, case),
        "may_see_log": policy.may_see_access_log(request.user, case),
    }
    return render(request, "cases/detail.html", context)


@login_required
@require_GET
def case_access_log(request: HttpRequest, code: str) -> HttpResponse:
    case = _case_or_404(request, code)
    if not policy.may_see_access_log(request.user, case):
        raise PermissionDenied("Only the national coordinator sees a case's access log.")
    events = log.for_record("case", case.pk)
    log.record(log.VIEW, request=request, subjects=[("case", case.pk)], detail={"access_log": True})
    template = "cases/_access_log.html" if request.headers.get("HX-Request") else "cases/access_log.html"
    return render(request, template, {"case": case, "events": events})


@login_required
@require_http_methods(["GET", "POST"])
def case_create(request: HttpRequest) -> HttpResponse:
    if not policy.may_register_case(request.user):
        raise PermissionDenied("Your role does not register cases.")
    person_form = PersonForm(request.POST or None, prefix="person")
    case_form = CaseForm(request.POST or None, prefix="case",
                         initial={"identified_on": timezone.localdate(), "identified_by": request.user.agency_id,
                                  "status": "Active", "trafficking_status": "PossibleVictimOfTrafficking",
                                  "status_decided_by": "NotYetDecided", "relationship_to_trafficker": "Unknown",
                                  "consents": ["Consent"]})
    events = EventFormSet(request.POST or None, prefix="event", queryset=TraffickingEvent.objects.none())
    if request.method == "POST" and person_form.is_valid() and case_form.is_valid() and events.is_valid():
        try:
            case = registration.register_case(
                request, person_form.identity(), case_form.cleaned_data,
                [f.save(commit=False) for f in events.forms if f.has_changed() and not f.cleaned_data.get("DELETE")],
            )
        except ValidationError as error:
            _attach(error, person_form, case_form)
        else:
            messages.success(request, f"Registered case {case.code}.")
            return redirect("cases:detail", code=case.code)
    bad = request.method == "POST"
    return render(request, "cases/form.html", {"person_form": person_form, "case_form": case_form,
                  "events": events, "case": None}, status=400 if bad else 200)


@login_required
@require_http_methods(["GET", "POST"])
def case_edit(request: HttpRequest, code: str) -> HttpResponse:
    case = _case_or_404(request, code)
    if not policy.may_edit_case(request.user, case):
        raise PermissionDenied("You may not edit this case.")
    person = case.person
    case_initial = {name: getattr(case, name) for name in registration.CASE_FIELDS}
    case_initial["consents"] = sorted(registration.current_consents(case))
    person_form = PersonForm(request.POST or None, prefix="person", initial=PersonForm.initial_from(person))
    case_form = CaseForm(request.POST or None, prefix="case", initial=case_initial)
    events = EventFormSet(request.POST or None, prefix="event", queryset=case.events.all())
    if request.method == "GET":
        log.record(log.VIEW, request=request, subjects=[("case", case.pk), ("person", person.pk)], detail={"form": "edit"})
    if request.method == "POST" and person_form.is_valid() and case_form.is_valid() and events.is_valid():
        changed = [f"person.{n}" for n in person_form.changed_data] + [f"case.{n}" for n in case_form.changed_data]
        try:
            registration.update_case(request, case, person_form.identity(), case_form.cleaned_data, events, changed)
        except ValidationError as error:
            _attach(error, person_form, case_form)
        else:
            messages.success(request, f"Saved case {case.code}.")
            return redirect("cases:detail", code=case.code)
    bad = request.method == "POST"
    return render(request, "cases/form.html", {"person_form": person_form, "case_form": case_form,
                  "events": events, "case": case}, status=400 if bad else 200)


def _attach(error: ValidationError, person_form: PersonForm, case_form: CaseForm) -> None:
    """Model validation errors go next to the field they concern, on whichever form has it."""
    for field, problems in error.message_dict.items():
        for form in (case_form, person_form):
            if field in form.fields:
                for problem in problems:
                    form.add_error(field, problem)
                break
        else:
            case_form.add_error(None, "; ".join(problems))
