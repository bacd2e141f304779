"""Password check with lockout: the rules, apart from the views that show them."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from seawall.accounts.models import User
from seawall.audit import log


class SignInRefused(Exception):
    pass


def check_password(request: HttpRequest, username: str, password: str) -> User:
    """The user, if the password is right and the account is not locked; else SignInRefused
    with a message that does not tell an attacker which of the two was wrong."""
    account = User.objects.filter(username=username).select_related("agency").first()
    if account is not None and account.is_locked():
        log.record(log.LOGIN_FAILED, request=request, actor=account, reason="accounts:login",
                   detail={"why": "locked"})
        raise SignInRefused(
            "This account is locked after repeated failed sign-ins. Try again in "
            f"{settings.LOGIN_LOCKOUT_MINUTES} minutes or ask your administrator."
        )
    user = authenticate(request, username=username, password=password)
    if user is None:
        if account is not None:
            register_failure(request, account, "password")
        else:
            log.record(log.LOGIN_FAILED, request=request, reason="accounts:login",
                       detail={"why": "unknown user"})
        raise SignInRefused("Wrong username or password.")
    return user


def register_failure(request: HttpRequest, account: User, why: str) -> None:
    with transaction.atomic():
        User.objects.filter(pk=account.pk).update(failed_logins=F("failed_logins") + 1)
        account.refresh_from_db(fields=["failed_logins"])
        if account.failed_logins >= settings.LOGIN_MAX_FAILURES:
            account.locked_until = timezone.now() + timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
            account.failed_logins = 0
            account.save(update_fields=["locked_until", "failed_logins"])
            log.record(log.LOCKOUT, request=request, actor=account, reason="accounts:login")
        else:
            log.record(log.LOGIN_FAILED, request=request, actor=account, reason="accounts:login",
                       detail={"why": why})


def register_success(account: User) -> None:
    if account.failed_logins or account.locked_until:
        User.objects.filter(pk=account.pk).update(failed_logins=0, locked_until=None)
