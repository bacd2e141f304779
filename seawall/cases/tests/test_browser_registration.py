"""In Chromium: sign in with two factors, register a case, find it by a misspelt name, open
it; then the coordinator sees that opening in the case's access log."""

from __future__ import annotations

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from seawall.accounts.models import Agency, User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _sign_in(page, base: str, username: str, password: str, device: TOTPDevice | None) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    if device is not None:
        page.get_by_label("Code from your authenticator app").fill(_code(device))
        page.get_by_role("button", name="Continue").click()


def test_register_find_open_and_see_the_access_log(chromium, live_server):
    agency = Agency.objects.create(name="Ministry CT Unit", org_type="CentralGovernmentOrganisation", country="GUY")
    secretariat = Agency.objects.create(name="Task Force", org_type="CentralGovernmentOrganisation", country="GUY")
    worker = User.objects.create_user("ana", password="pw-ana-long-enough", role="caseworker", agency=agency)
    User.objects.create_user("coord", password="pw-coord-long-enough", role="coordinator", agency=secretariat)
    device = TOTPDevice.objects.create(user=worker, name="phone", confirmed=True)
    base = live_server.url

    context = chromium.new_context(viewport={"width": 390, "height": 844})  # a phone
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    _sign_in(page, base, "ana", "pw-ana-long-enough", device)
    page.get_by_role("link", name="Register a possible victim").first.click()
    page.get_by_label("Given names").fill("Yuliana")
    page.get_by_label("Family names").fill("Fajardo Núñez")
    page.get_by_label("Gender").select_option("Feminine")
    page.get_by_label("Citizenships").select_option("VEN")
    page.get_by_label("Age at identification (years)").fill("16")
    page.get_by_label("Sexual exploitation", exact=True).check()
    page.locator("#id_event-0-event_type").select_option("Recruitment")
    page.locator("#id_event-0-country").select_option("VEN")
    page.get_by_role("button", name="Register").click()
    page.wait_for_url("**/cases/GUY-*/")
    code = page.locator("h1").inner_text().removeprefix("Case ").strip()
    assert "Yuliana Fajardo Núñez" in page.content()

    page.get_by_role("link", name="Cases", exact=True).click()
    page.get_by_label("Search by case code, name, phone or document").fill("yuliana fajardo nunes")
    page.get_by_role("button", name="Apply").click()
    page.get_by_role("link", name=code).click()
    page.wait_for_url(f"**/cases/{code}/")
    assert "Yuliana" in page.content()
    context.close()

    coordinator = chromium.new_context().new_page()
    coordinator.on("console", lambda m: errors.append(m.text))
    _sign_in(coordinator, base, "coord", "pw-coord-long-enough", None)
    coordinator.goto(f"{base}/cases/{code}/")
    assert "Yuliana" not in coordinator.content()
    log = coordinator.locator("#access-log table")
    log.wait_for()
    rows = log.locator("tbody tr").all_inner_texts()
    assert any("ana" in row and "view" in row and "cases:detail" in row for row in rows), rows
    assert any("ana" in row and "create" in row for row in rows), rows
    assert not [e for e in errors if "Content Security Policy" in e], errors
