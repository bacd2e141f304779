"""In Chromium: an analyst prepares a k-anonymous release and watches it finish; a coordinator
reads the report, approves it and downloads the file and its signature, which verify."""

from __future__ import annotations

from pathlib import Path

import pytest

from seawall.accounts.models import User
from seawall.sharing.keys import signing_key
from seawall.sharing.models import Release
from seawall.sharing.signing import verify_file
from seawall.sharing.tests.conftest import run_jobs, smallest_class

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, base: str, username: str, password: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/")


def test_prepare_approve_download(chromium, live_server, node, tmp_path):
    base = live_server.url
    analyst = User.objects.get(username="analyst")
    analyst.set_password("pw-analyst-long-enough")
    analyst.save()
    coordinator = User.objects.get(username="coordinator")
    coordinator.set_password("pw-coordinator-long-enough")
    coordinator.save()
    errors: list[str] = []

    context = chromium.new_context(viewport={"width": 390, "height": 844})  # a phone
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    _sign_in(page, base, "analyst", "pw-analyst-long-enough")
    page.get_by_role("link", name="Releases", exact=True).click()
    page.get_by_role("link", name="Prepare a release").click()
    page.get_by_label("k-anonymous case-level file").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("k (smallest group of identical records)").fill("5")
    assert page.get_by_label("citizenship", exact=True).is_checked()  # CTDC's set is preselected
    page.get_by_role("button", name="Prepare").click()
    page.wait_for_url("**/releases/*/")
    page.locator("#release-progress").wait_for()
    run_jobs()  # the worker's part
    page.locator("#kanon-report").wait_for(timeout=10_000)  # htmx saw the end and reloaded the page
    assert page.locator("#release-state").inner_text() == "Waiting for approval"
    release_url = page.url
    context.close()

    context = chromium.new_context(accept_downloads=True)
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    _sign_in(page, base, "coordinator", "pw-coordinator-long-enough")
    page.goto(release_url)
    assert page.locator("#preview tbody tr").count() == 10
    page.get_by_label("Approve and sign").check()
    page.get_by_role("button", name="Record the decision").click()
    page.get_by_text("Approved and signed: the release and its signature can now be downloaded.").wait_for()
    with page.expect_download() as got:
        page.get_by_role("link", name="Download the release").click()
    csv_path = tmp_path / got.value.suggested_filename
    got.value.save_as(csv_path)
    with page.expect_download() as got:
        page.get_by_role("link", name="Download its signature").click()
    sig_path = tmp_path / got.value.suggested_filename
    got.value.save_as(sig_path)
    context.close()

    release = Release.objects.get()
    assert csv_path.name == release.file_name and sig_path.name == f"{release.file_name}.sig"
    verify_file(Path(csv_path), Path(sig_path), signing_key().public_key())
    assert smallest_class(csv_path, release.quasi_identifiers) >= 5
    assert not [e for e in errors if "Content Security Policy" in e], errors
