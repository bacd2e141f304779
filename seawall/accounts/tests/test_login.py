from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from seawall.accounts.models import User
from seawall.audit.models import AuditEvent


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_analyst_signs_in_with_password_only(users):
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": "analyst", "password": "pw-analyst"})
    assert response.status_code == 302
    assert client.get(reverse("cases:list")).status_code == 200
    assert AuditEvent.objects.filter(action="login", actor=users["analyst"]).exists()


def test_caseworker_needs_a_code_before_any_page(users):
    device = TOTPDevice.objects.create(user=users["caseworker"], name="phone", confirmed=True)
    client = Client()
    client.post(reverse("accounts:login"), {"username": "caseworker", "password": "pw-caseworker"})
    response = client.get(reverse("cases:list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:verify"))
    wrong = client.post(reverse("accounts:verify"), {"token": "000000" if _code(device) != "000000" else "111111"})
    assert wrong.status_code == 400 and "not right" in wrong.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    ok = client.post(reverse("accounts:verify"), {"token": _code(device)})
    assert ok.status_code == 302
    assert client.get(reverse("cases:list")).status_code == 200


def test_first_sign_in_enrols_an_authenticator(users):
    client = Client()
    client.post(reverse("accounts:login"), {"username": "investigator", "password": "pw-investigator"})
    page = client.get(reverse("accounts:enroll"))
    assert page.status_code == 200 and b"<svg" in page.content
    device = TOTPDevice.objects.get(user=users["investigator"], confirmed=False)
    assert client.post(reverse("accounts:enroll"), {"token": _code(device)}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed


def test_lockout_after_repeated_failures_even_with_the_right_password(users, settings):
    client = Client()
    for _ in range(settings.LOGIN_MAX_FAILURES):
        response = client.post(reverse("accounts:login"), {"username": "analyst", "password": "wrong"})
        assert response.status_code == 400
    response = client.post(reverse("accounts:login"), {"username": "analyst", "password": "pw-analyst"})
    assert response.status_code == 400 and "locked" in response.content.decode()
    assert User.objects.get(username="analyst").is_locked()
    assert AuditEvent.objects.filter(action="lockout").count() == 1


def test_wrong_password_and_unknown_user_get_the_same_message(users):
    client = Client()
    a = client.post(reverse("accounts:login"), {"username": "analyst", "password": "nope"}).content.decode()
    b = client.post(reverse("accounts:login"), {"username": "nobody", "password": "nope"}).content.decode()
    assert "Wrong username or password." in a and "Wrong username or password." in b


def test_next_parameter_cannot_send_the_user_to_another_site(users):
    client = Client()
    response = client.post(reverse("accounts:login") + "?next=https://evil.example/",
                           {"username": "analyst", "password": "pw-analyst", "next": "https://evil.example/"})
    assert response.status_code == 302 and "evil" not in response["Location"]


def test_logout_is_post_only_and_recorded(client_for, users):
    client = client_for("analyst")
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert AuditEvent.objects.filter(action="logout").exists()
    assert client.get(reverse("cases:list")).status_code == 302
