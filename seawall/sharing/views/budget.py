"""An administrator sets the privacy budget of the node's cases and sees every charge."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from seawall import policy
from seawall.audit import log
from seawall.release.ledger import Budget
from seawall.sharing.forms import BudgetForm
from seawall.sharing.ledger import DatabaseLedger
from seawall.sharing.models import NODE_CASES, PrivacyCharge


@login_required
@require_http_methods(["GET", "POST"])
def budget(request: HttpRequest) -> HttpResponse:
    if not policy.may_set_privacy_budget(request.user):
        raise PermissionDenied("The privacy budget is set by administrators.")
    ledger = DatabaseLedger()
    before = ledger.standing(NODE_CASES)
    initial = {"epsilon": before.budget.epsilon, "delta": before.budget.delta} if before.budget else None
    form = BudgetForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        new = Budget(form.cleaned_data["epsilon"], form.cleaned_data["delta"])
        ledger.set_budget(NODE_CASES, new, set_by=request.user)
        log.record(log.UPDATE, request=request, subjects=[("privacy_budget", NODE_CASES)],
                   detail={"dataset": NODE_CASES, "epsilon": new.epsilon, "delta": new.delta,
                           "before": None if before.budget is None else vars(before.budget),
                           "spent": vars(before.spent)})
        if new.epsilon < before.spent.epsilon or new.delta < before.spent.delta:
            messages.warning(request, "The budget is now below what is already spent: every further "
                                      "differentially private release will be refused.")
        messages.success(request, f"Privacy budget of the node's cases: epsilon {new.epsilon:g}, delta {new.delta:g}.")
        return redirect("sharing:budget")
    return render(request, "sharing/budget.html", {
        "form": form, "standing": before, "dataset": NODE_CASES,
        "charges": PrivacyCharge.objects.filter(budget__dataset=NODE_CASES).order_by("-at", "-id")[:200],
    }, status=400 if request.method == "POST" else 200)
