from __future__ import annotations

from django.urls import reverse

from seawall.accounts.models import User
from seawall.audit.models import AuditEvent


def test_administrator_creates_a_user_with_a_strong_password(client_for, agencies):
    client = client_for("administrator")
    weak = client.post(reverse("accounts:user_new"), {"username": "newcw", "role": "caseworker",
                       "agency": agencies["shelter"].pk, "password": "short", "is_active": "on"})
    assert weak.status_code == 400 and not User.objects.filter(username="newcw").exists()
    ok = client.post(reverse("accounts:user_new"), {"username": "newcw", "role": "caseworker",
                     "agency": agencies["shelter"].pk, "password": "a-long-Passphrase-9", "is_active": "on"})
    assert ok.status_code == 302
    user = User.objects.get(username="newcw")
    assert user.check_password("a-long-Passphrase-9") and user.agency == agencies["shelter"]
    assert AuditEvent.objects.filter(action="create", subjects__object_type="user").exists()


def test_unknown_role_is_refused(client_for, agencies):
    response = client_for("administrator").post(reverse("accounts:user_new"), {
        "username": "x", "role": "superuser", "agency": agencies["shelter"].pk, "password": "a-long-Passphrase-9"})
    assert response.status_code == 400 and "superuser" in response.content.decode()


def test_only_administrators_manage_users(client_for):
    for role in ("caseworker", "coordinator", "analyst", "investigator"):
        assert client_for(role).get(reverse("accounts:users")).status_code == 403


def test_administrator_resets_a_lost_authenticator(client_for, users):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=users["caseworker"], name="old", confirmed=True)
    response = client_for("administrator").post(reverse("accounts:user_reset_2fa", args=[users["caseworker"].pk]))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=users["caseworker"]).exists()
