"""IOM's Excel template filled with synthetic cases imports; an HTCDS export of them (with
identity, by a caseworker who may) imports again to the same cases."""

from __future__ import annotations

import io

import pytest

from seawall.exchange import read_htcds
from seawall.exchange.tests.synthetic import synthetic_cases
from seawall.exchange.tests.test_htcds import fill_template
from seawall.transfers.exporting import export_cases
from seawall.transfers.importing import import_path
from seawall.transfers.models import ImportBatch

pytestmark = pytest.mark.django_db


def _same(found, expected) -> None:  # type: ignore[no-untyped-def]
    assert len(found) == len(expected)
    for got, want in zip(found, expected, strict=True):
        assert got.case == want.case, got.source_row
        assert got.identity == want.identity, got.source_row


@pytest.mark.parametrize("fmt", ["htcds-xlsx", "htcds-csv"])
def test_filled_template_imports_and_its_export_reimports_to_the_same_cases(htcds_template, tmp_path, users, fmt):
    expected = synthetic_cases(30, seed=77)
    filled = fill_template(htcds_template, expected, tmp_path / "filled.xlsx")
    worker = users["caseworker"]
    result, batch, outcome = import_path(worker, filled, "htcds")
    assert result.ok, [str(p) for p in result.errors]
    assert outcome is not None and outcome.cases == 30 and outcome.persons == 30 and outcome.indexed > 0
    assert batch.state == ImportBatch.IMPORTED and batch.schema == "htcds-xlsx"

    made = export_cases(worker, fmt, include_identity=True, purpose="Round-trip test of the HTCDS export")
    assert made.count == 30
    exported = tmp_path / f"export.{fmt.split('-')[1]}"
    exported.write_bytes(made.content)
    _same(read_htcds(exported).records, read_htcds(filled).records)

    again, second, _ = import_path(worker, exported, "htcds")
    assert again.ok and second is not None
    first_cases = export_cases(worker, "htcds-csv", include_identity=True, purpose="Compare the two imports")
    rows = read_htcds(_write(tmp_path / "both.csv", first_cases.content)).records
    assert len(rows) == 60
    _same(rows[30:], rows[:30])


def _write(path, content: bytes):  # type: ignore[no-untyped-def]
    path.write_bytes(content)
    return path


def test_export_without_identity_names_nobody(htcds_template, tmp_path, users):
    expected = synthetic_cases(5, seed=3)
    filled = fill_template(htcds_template, expected, tmp_path / "filled.xlsx")
    import_path(users["caseworker"], filled, "htcds")
    made = export_cases(users["analyst"], "htcds-csv", include_identity=False)
    text = io.BytesIO(made.content).read().decode("utf-8-sig")
    assert made.count == 5
    for record in expected:
        assert record.identity.given_names not in text
        assert record.identity.family_names not in text
        if record.case.location_of_exploitation:
            assert record.case.location_of_exploitation not in text
    assert "prs_FirstName" not in text.splitlines()[0]
