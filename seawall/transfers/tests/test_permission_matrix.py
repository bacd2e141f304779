"""Every role × every imports page: served, or refused with the status the policy implies.

The batch belongs to the caseworker's agency; "ok" means served (200, or a 302 on to the
next step for a POST); for an export asking for identity, "id" means the file names the
batch's people and "plain" that it is served without any identity."""

from __future__ import annotations

import pytest

from seawall.transfers.models import ImportBatch
from seawall.transfers.tests.conftest import upload
from seawall.transfers.tests.files import GOOD_ROWS, htcds_csv

PAGES = ("index", "upload", "batch", "undo", "mappings", "export_page", "export_ctdc", "export_identity")
OK, NO, GONE, ID, PLAIN = "ok", 403, 404, "id", "plain"
EXPECTED: dict[str, dict[str, object]] = {
    "caseworker":       dict(index=OK, upload=OK, batch=OK, undo=OK, mappings=OK, export_page=OK, export_ctdc=OK, export_identity=ID),
    "investigator":     dict(index=OK, upload=OK, batch=GONE, undo=GONE, mappings=OK, export_page=OK, export_ctdc=OK, export_identity=PLAIN),
    "other_caseworker": dict(index=OK, upload=OK, batch=GONE, undo=GONE, mappings=OK, export_page=OK, export_ctdc=OK, export_identity=PLAIN),
    # Their form has no identity field: the request is read as a plain export.
    "coordinator":      dict(index=OK, upload=NO, batch=NO, undo=NO, mappings=NO, export_page=OK, export_ctdc=OK, export_identity=PLAIN),
    "analyst":          dict(index=OK, upload=NO, batch=NO, undo=NO, mappings=NO, export_page=OK, export_ctdc=OK, export_identity=PLAIN),
    "prosecutor":       dict(index=NO, upload=NO, batch=NO, undo=NO, mappings=NO, export_page=NO, export_ctdc=NO, export_identity=NO),
    "service_provider": dict(index=NO, upload=NO, batch=NO, undo=NO, mappings=NO, export_page=NO, export_ctdc=NO, export_identity=NO),
    "administrator":    dict(index=NO, upload=NO, batch=NO, undo=NO, mappings=NO, export_page=NO, export_ctdc=NO, export_identity=NO),
}


@pytest.fixture
def imported(client_for, tmp_path) -> ImportBatch:  # type: ignore[no-untyped-def]
    client = client_for("caseworker")
    upload(client, htcds_csv(tmp_path, GOOD_ROWS))
    batch = ImportBatch.objects.get()
    client.post(f"/imports/{batch.pk}/confirm/")
    return batch


def _request(client, page: str, batch: ImportBatch, tmp_path):  # type: ignore[no-untyped-def]
    if page == "upload":
        return upload(client, htcds_csv(tmp_path, GOOD_ROWS, name="again.csv"))
    return {
        "index": lambda: client.get("/imports/"),
        "batch": lambda: client.get(f"/imports/{batch.pk}/"),
        "undo": lambda: client.get(f"/imports/{batch.pk}/undo/"),
        "mappings": lambda: client.get("/imports/mappings/"),
        "export_page": lambda: client.get("/imports/export/"),
        "export_ctdc": lambda: client.post("/imports/export/", {"format": "ctdc-v1"}),
        "export_identity": lambda: client.post("/imports/export/", {"format": "htcds-csv", "with_identity": "on",
                                                                    "purpose": "Matrix test of identity exports"}),
    }[page]()


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(EXPECTED))
@pytest.mark.parametrize("page", PAGES)
def test_role_page(role, page, client_for, imported, tmp_path):
    response = _request(client_for(role), page, imported, tmp_path)
    expected = EXPECTED[role][page]
    if expected in (ID, PLAIN):
        assert response.status_code == 200, (role, page, response.status_code)
        assert ("Yuliana" in response.content.decode("utf-8-sig")) is (expected == ID), (role, page)
    elif expected == OK:
        assert response.status_code in (200, 302), (role, page, response.status_code)
    else:
        assert response.status_code == expected, (role, page, response.status_code)
