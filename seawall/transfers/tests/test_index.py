"""The imports page: upload form and the agency's history for importers; an export link for
roles that only export; nothing for the others."""

from __future__ import annotations

import pytest

from seawall.transfers.tests.conftest import upload
from seawall.transfers.tests.files import BAD_ROWS, GOOD_ROWS, htcds_csv

pytestmark = pytest.mark.django_db


def test_history_shows_who_when_which_file_checksum_and_counts(client_for, tmp_path):
    client = client_for("caseworker")
    upload(client, htcds_csv(tmp_path, GOOD_ROWS, name="good.csv"))
    upload(client, htcds_csv(tmp_path, BAD_ROWS, name="bad.csv"))
    from seawall.transfers.models import ImportBatch

    good = ImportBatch.objects.get(file_name="good.csv")
    client.post(f"/imports/{good.pk}/confirm/")
    page = client.get("/imports/").content.decode()
    assert "Upload and check" in page
    assert "good.csv" in page and "bad.csv" in page and "caseworker" in page
    assert f"sha256 {good.checksum[:12]}" in page
    assert "2 with errors" in page and ">Imported<" in page
    # Another agency's importer does not see this agency's history.
    assert "good.csv" not in client_for("other_caseworker").get("/imports/").content.decode()


def test_the_menu_links_imports_for_importers(client_for):
    assert 'href="/imports/"' in client_for("caseworker").get("/").content.decode()


def test_exporters_see_only_the_export_link_and_others_are_refused(client_for):
    page = client_for("analyst").get("/imports/").content.decode()
    assert "Export cases" in page and "Upload and check" not in page
    assert client_for("administrator").get("/imports/").status_code == 403
