"""The CTDC 2024 schema (27 variables, alpha-3 countries, positive-only flags), told apart
from v1 by its header: uploaded, imported and exported again, it gives the same rows."""

from __future__ import annotations

import csv
from collections import Counter

import pytest

from seawall.exchange import write_ctdc
from seawall.exchange.tests.synthetic import synthetic_cases
from seawall.transfers.models import ImportBatch
from seawall.transfers.tests.conftest import upload

pytestmark = pytest.mark.django_db


def _rows(text: str) -> tuple[list[str], Counter[tuple[str, ...]]]:
    rows = list(csv.reader(text.splitlines()))
    return rows[0], Counter(map(tuple, rows[1:]))


def test_a_2024_file_is_detected_imported_and_exported_back(client_for, tmp_path):
    source = tmp_path / "ctdc_synthetic_2024.csv"
    write_ctdc(synthetic_cases(60, seed=2024), source, schema="2024")
    client = client_for("caseworker")
    response = upload(client, source)  # "find out from the file"
    batch = ImportBatch.objects.get()
    assert batch.format == "ctdc" and batch.schema == "ctdc-2024" and batch.rows_read == 60
    client.post(f"/imports/{batch.pk}/confirm/")
    batch.refresh_from_db()
    assert batch.state == "imported" and response.status_code == 302
    exported = client.post("/imports/export/", {"format": "ctdc-2024"})
    header, rows = _rows(exported.content.decode("utf-8"))
    original_header, original = _rows(source.read_text("utf-8"))
    assert header == original_header and len(header) == 27
    assert rows == original
