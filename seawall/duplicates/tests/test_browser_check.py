"""In Chromium: while a caseworker types a person's name and birth date into the registration
form, the likely existing record appears under the person's fields (htmx, CSP intact)."""

from __future__ import annotations

import datetime as dt

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from seawall.accounts.models import Agency, User
from seawall.cases.models import Person, VictimCase

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_existing_record_appears_while_typing(chromium, live_server):
    ministry = Agency.objects.create(name="Ministry CT Unit", org_type="CentralGovernmentOrganisation", country="GUY")
    police = Agency.objects.create(name="Police TIP Unit", org_type="LawEnforcement", country="GUY",
                                   focal_point="Insp. Lall")
    worker = User.objects.create_user("ana", password="pw-ana-long-enough", role="caseworker", agency=ministry)
    officer = User.objects.create_user("cop", password="pw-cop-long-enough", role="investigator", agency=police)
    device = TOTPDevice.objects.create(user=worker, name="phone", confirmed=True)
    for owner, user, given, family in ((ministry, worker, "Yuliana", "Fajardo Núñez"),
                                       (police, officer, "Yuliana", "Fajardo")):
        person = Person.objects.create(owner_agency=owner, created_by=user, given_names=given, family_names=family,
                                       gender="Feminine", birth_date="2009-06-12", citizenships=["VEN"])
        case = VictimCase.objects.create(person=person, owner_agency=owner, identified_by=owner, created_by=user,
                                         identified_on=dt.date(2026, 2, 1))
        if owner == ministry:
            code = case.code

    context = chromium.new_context()
    page = context.new_page()
    failed: list[str] = []  # responses that failed, the browser's own favicon request aside
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)
    blocked: list[str] = []  # a CSP violation or a script error shows here
    page.on("console", lambda m: blocked.append(m.text)
            if m.type == "error" and not m.text.startswith("Failed to load resource") else None)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("ana")
    page.get_by_label("Password").fill("pw-ana-long-enough")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Code from your authenticator app").fill(
        f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}")
    page.get_by_role("button", name="Continue").click()
    page.goto(f"{live_server.url}/cases/new/")
    page.get_by_label("Given names").fill("Yuliana")
    page.get_by_label("Family names").fill("Fajardo")
    page.get_by_label("Birth date").fill("2009-06-12")
    page.get_by_label("Gender").select_option("Feminine")  # a change: the check runs
    check = page.locator("#duplicate-check")
    check.get_by_text("Is this person registered already?").wait_for(timeout=10_000)
    text = check.inner_text()
    assert "Yuliana Fajardo Núñez" in text and code in text
    assert "A possible match exists in Police TIP Unit; ask its focal point: Insp. Lall." in text
    assert failed == [] and blocked == []
    context.close()
