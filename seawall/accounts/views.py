"""Sign-in (password, then a second factor), sign-out, and user and agency management."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from seawall import policy
from seawall.accounts import signin
from seawall.accounts.forms import AgencyForm, SignInForm, TokenForm, UserForm
from seawall.accounts.models import Agency, User
from seawall.audit import log


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("cases:home")


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            user = signin.check_password(request, form.cleaned_data["username"], form.cleaned_data["password"])
        except signin.SignInRefused as refused:
            error = str(refused)
        else:
            login(request, user)
            if not user.needs_second_factor:
                signin.register_success(user)
                log.record(log.LOGIN, request=request, actor=user)
            return redirect(_next_url(request))
    status = 400 if error or form.errors else 200
    return render(request, "accounts/login.html", {"form": form, "error": error, "next": _next_url(request)}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def verify_view(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            signin.register_success(request.user)
            log.record(log.LOGIN, request=request, detail={"second_factor": "totp"})
            return redirect(_next_url(request))
        signin.register_failure(request, request.user, "second factor")
        request.user.refresh_from_db()
        if request.user.is_locked():
            logout(request)
            messages.error(request, "Too many wrong codes: the account is locked for a while.")
            return redirect("accounts:login")
        form.add_error("token", "That code is not right or has expired. Type the code your app shows now.")
    return render(request, "accounts/verify.html", {"form": form, "next": _next_url(request)},
                  status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def enroll_view(request: HttpRequest) -> HttpResponse:
    if any(True for _ in devices_for_user(request.user, confirmed=True)):
        return redirect("accounts:verify")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="authenticator", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            signin.register_success(request.user)
            log.record(log.LOGIN, request=request, detail={"second_factor": "totp", "enrolled": True})
            return redirect(_next_url(request))
        form.add_error("token", "That code does not match. Check the time on your phone and try the new code.")
    qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#111", light="#fff")
    secret = device.bin_key.hex()
    return render(request, "accounts/enroll.html", {"form": form, "qr_svg": qr_svg,
                  "secret_b32": _base32(device.bin_key), "secret_hex": secret, "next": _next_url(request)},
                  status=400 if form.errors else 200)


def _base32(key: bytes) -> str:
    import base64

    return base64.b32encode(key).decode().rstrip("=")


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        log.record(log.LOGOUT, request=request)
    logout(request)
    return redirect("accounts:login")


def _require_admin(request: HttpRequest) -> None:
    if not policy.may_manage_users(request.user):
        raise PermissionDenied("Only administrators manage users and agencies.")


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    users = User.objects.select_related("agency").order_by("agency__name", "username")
    return render(request, "accounts/user_list.html", {"users": users, "agencies": Agency.objects.all()})


@login_required
@require_http_methods(["GET", "POST"])
def user_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _require_admin(request)
    instance = get_object_or_404(User, pk=pk) if pk else None
    form = UserForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        log.record(log.UPDATE if instance else log.CREATE, request=request,
                   subjects=[("user", user.pk)], detail={"fields": sorted(form.changed_data)})
        messages.success(request, f"Saved {user.username}.")
        return redirect("accounts:users")
    return render(request, "accounts/user_form.html", {"form": form, "instance": instance},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def user_reset_second_factor(request: HttpRequest, pk: int) -> HttpResponse:
    _require_admin(request)
    user = get_object_or_404(User, pk=pk)
    TOTPDevice.objects.filter(user=user).delete()
    log.record(log.UPDATE, request=request, subjects=[("user", user.pk)], detail={"second_factor": "reset"})
    messages.success(request, f"{user.username} will set up a new authenticator at next sign-in.")
    return redirect("accounts:users")


@login_required
@require_http_methods(["GET", "POST"])
def agency_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _require_admin(request)
    instance = get_object_or_404(Agency, pk=pk) if pk else None
    form = AgencyForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        agency = form.save()
        log.record(log.UPDATE if instance else log.CREATE, request=request, subjects=[("agency", agency.pk)])
        messages.success(request, f"Saved {agency.name}.")
        return redirect("accounts:users")
    return render(request, "accounts/agency_form.html", {"form": form, "instance": instance},
                  status=400 if form.errors else 200)
