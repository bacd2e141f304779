"""URLs for the node benchmark: the app, plus a bare authenticated page as the anchor."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import include, path


@login_required
def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("<!doctype html><title>bare</title><p>ok</p>")


urlpatterns = [path("bench/bare/", bare), path("", include("seawall.urls"))]
