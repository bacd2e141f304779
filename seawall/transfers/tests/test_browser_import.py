"""In Chromium, on a phone-sized screen: upload a file with two bad rows, see both errors,
upload the corrected file, import it, and undo the import."""

from __future__ import annotations

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from seawall.accounts.models import Agency, User
from seawall.cases.models import VictimCase
from seawall.transfers.tests.files import BAD_ROWS, GOOD_ROWS, htcds_csv

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_upload_see_both_errors_fix_import_and_undo(chromium, live_server, tmp_path):
    agency = Agency.objects.create(name="Ministry CT Unit", org_type="CentralGovernmentOrganisation", country="GUY")
    User.objects.create_user("ana", password="pw-ana-long-enough", role="caseworker", agency=agency)
    device = TOTPDevice.objects.create(user=User.objects.get(username="ana"), name="phone", confirmed=True)
    bad = htcds_csv(tmp_path, BAD_ROWS, name="victims.csv")
    good = htcds_csv(tmp_path, GOOD_ROWS, name="victims-fixed.csv")
    base = live_server.url

    context = chromium.new_context(viewport={"width": 390, "height": 844})  # a phone
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill("ana")
    page.get_by_label("Password").fill("pw-ana-long-enough")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Code from your authenticator app").fill(_code(device))
    page.get_by_role("button", name="Continue").click()

    page.get_by_role("link", name="Imports", exact=True).click()
    page.get_by_label("File (XLSX or CSV)").set_input_files(str(bad))
    page.get_by_role("button", name="Upload and check").click()
    page.wait_for_url("**/imports/*/")
    problems = page.locator("table.problems tbody tr")
    assert problems.count() == 2
    texts = problems.all_inner_texts()
    assert "3" in texts[0] and "prs_Gender" in texts[0] and "'Female' is not a code of prs_Gender" in texts[0]
    assert "4" in texts[1] and "prs_Birthdate" in texts[1] and "1988-02-30" in texts[1]
    assert page.get_by_role("button", name="Import 3 cases").count() == 0

    page.get_by_label("File (XLSX or CSV)").set_input_files(str(good))
    page.get_by_role("button", name="Upload and check").click()
    page.wait_for_url("**/imports/*/")
    assert "No errors: 3 rows can be imported" in page.content()
    page.get_by_role("button", name="Import 3 cases").click()
    page.get_by_text("Imported 3 cases from victims-fixed.csv").wait_for()
    assert VictimCase.objects.count() == 3

    page.get_by_role("link", name="Undo this import…").click()
    page.get_by_role("button", name="Undo the import").click()
    page.get_by_text("removed 3 cases and 3 persons").wait_for()
    assert VictimCase.objects.count() == 0
    page.get_by_role("link", name="← Imports").click()
    history = page.locator("table tbody tr").all_inner_texts()
    assert any("victims-fixed.csv" in row and "Undone" in row for row in history), history
    assert any("victims.csv" in row and "2 with errors" in row for row in history), history
    context.close()
    assert not [e for e in errors if "Content Security Policy" in e], errors
