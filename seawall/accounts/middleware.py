"""Security middleware: the Content Security Policy, and the second factor gate."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import LazyObject, empty

# Scripts and styles come only from the node itself; htmx is configured (base.html) not to
# inject inline styles or evaluate code, so no 'unsafe-inline' or 'unsafe-eval' is needed.
CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if request.user.is_authenticated if hasattr(request, "user") else False:
            # Pages with personal data must not stay in shared computers' caches.
            response.headers.setdefault("Cache-Control", "no-store")
        return response


# Paths a signed-in user who still owes a second factor may reach.
_OPEN_NAMES = ("accounts:verify", "accounts:enroll", "accounts:logout")


class RequireSecondFactorMiddleware:
    """A user whose role requires two factors reaches nothing else until they give one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and getattr(user, "needs_second_factor", False) and not user.is_verified():
            open_paths = {reverse(name) for name in _OPEN_NAMES}
            if request.path not in open_paths and not request.path.startswith("/static/"):
                from django_otp import devices_for_user

                has_device = any(True for _ in devices_for_user(user, confirmed=True))
                target = "accounts:verify" if has_device else "accounts:enroll"
                return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)


class LoadedUserMiddleware:
    """Puts the signed-in user on the request as itself, no longer behind the lazy proxies
    of the authentication and OTP middleware (which have loaded it by now). Through a
    proxy each attribute read raises and catches an exception inside Django, and the
    policy module and page frame read the user some sixty times a page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        while isinstance(user, LazyObject):
            if user._wrapped is empty:
                user._setup()
            user = user._wrapped
        if user is not None:
            request.user = user
        return self.get_response(request)
