"""The export page: a format, and for identities a stated purpose; the file downloads."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from seawall import policy
from seawall.errors import InputError
from seawall.transfers.exporting import export_cases
from seawall.transfers.forms import ExportForm


@login_required
@require_http_methods(["GET", "POST"])
def export(request: HttpRequest) -> HttpResponse:
    if not policy.may_export(request.user):
        raise PermissionDenied("Your role does not export case data.")
    form = ExportForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = export_cases(request.user, data["format"], include_identity=bool(data.get("with_identity")),
                                purpose=data.get("purpose") or "", request=request)
        except InputError as error:
            form.add_error(None, str(error))
        else:
            response = HttpResponse(made.content, content_type=made.content_type)
            response["Content-Disposition"] = f'attachment; filename="{made.file_name}"'
            response["X-Seawall-Cases"] = str(made.count)
            return response
    visible = policy.visible_cases(request.user).count()
    return render(request, "transfers/export.html", {"form": form, "visible": visible},
                  status=400 if request.method == "POST" else 200)
