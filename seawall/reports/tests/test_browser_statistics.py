"""In Chromium, on a phone-sized screen: a coordinator opens the dashboard, downloads a chart's
data, then exports the annual report as PDF; no Content Security Policy error on the way."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from seawall.accounts.models import Agency, User
from seawall.reports.tests.conftest import assert_counts_suppressed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_dashboard_chart_csv_and_report_pdf(chromium, live_server, add_cases, tmp_path):
    add_cases(23, events=[("Recruitment", "VEN", None), ("Exploitation", "GUY", None)])
    add_cases(2, gender="Masculine", citizenships=["HTI"], types=["ForcedLabour"], agency="police")
    secretariat = Agency.objects.get(name="Task Force Secretariat")
    User.objects.create_user("coord", password="pw-coord-long-enough", role="coordinator", agency=secretariat)

    context = chromium.new_context(viewport={"width": 390, "height": 844}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("coord")
    page.get_by_label("Password").fill("pw-coord-long-enough")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Statistics").click()
    page.wait_for_url("**/reports/")
    assert page.get_by_role("heading", name="Victims identified in 2025").is_visible()
    chart = page.locator("#chart-by_sex svg")
    assert chart.is_visible() and chart.bounding_box()["width"] <= 390  # the chart fits the phone

    with page.expect_download() as info:
        page.get_by_role("link", name="Data (CSV) of Victims by sex, 2025").click()
    saved = Path(tmp_path / info.value.suggested_filename)
    info.value.save_as(saved)
    rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8"))))
    assert {row["sex"]: row["victims"] for row in rows} == {"female": "23", "male": "<5", "unknown": "<5"}
    assert_counts_suppressed([row["victims"] for row in rows], 5)

    page.get_by_role("link", name="Annual report").first.click()
    page.wait_for_url("**/reports/annual/**")
    with page.expect_download() as info:
        page.get_by_role("link", name="Export PDF").click()
    pdf = Path(tmp_path / info.value.suggested_filename)
    info.value.save_as(pdf)
    assert pdf.name == "seawall-guy-annual-report-2025.pdf" and pdf.read_bytes().startswith(b"%PDF")
    from pypdf import PdfReader

    text = "\n".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    assert "Annual trafficking report 2025" in text and "<5" in text
    page.screenshot(path=str(tmp_path / "annual.png"), full_page=False)
    context.close()
    assert not [e for e in errors if "Content Security Policy" in e], errors
