"""LoadedUserMiddleware hands views the user itself, loaded and second-factor aware,
and changes nothing about who gets through."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from seawall.accounts.middleware import LoadedUserMiddleware
from seawall.accounts.models import User


def _seen_by_view(request: HttpRequest) -> object:
    seen: dict[str, object] = {}

    def view(req: HttpRequest) -> HttpResponse:
        seen["user"] = req.user
        return HttpResponse("ok")

    LoadedUserMiddleware(view)(request)
    return seen["user"]


def test_the_view_gets_the_user_behind_nested_lazy_proxies(users) -> None:
    user = users["caseworker"]
    request = RequestFactory().get("/")
    inner = SimpleLazyObject(lambda: User.objects.get(pk=user.pk))
    request.user = SimpleLazyObject(lambda: inner)  # as the auth and OTP middleware leave it
    seen = _seen_by_view(request)
    assert type(seen) is User and seen.pk == user.pk


def test_an_anonymous_visitor_passes_through_as_anonymous() -> None:
    request = RequestFactory().get("/")
    request.user = SimpleLazyObject(AnonymousUser)
    assert type(_seen_by_view(request)) is AnonymousUser


def test_served_pages_see_a_loaded_verified_user_and_the_second_factor_still_gates(client_for, users, client) -> None:
    response = client_for("caseworker").get(reverse("cases:list"))
    assert response.status_code == 200
    assert type(response.wsgi_request.user) is User and response.wsgi_request.user.is_verified()
    client.force_login(users["caseworker"])  # password only: the second factor is still owed
    assert client.get(reverse("cases:list")).status_code == 302
