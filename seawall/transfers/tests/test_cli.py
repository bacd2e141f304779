"""The commands: `seawall import`, `seawall export`, `seawall import-undo`."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from seawall.audit.models import AuditEvent
from seawall.cases.models import VictimCase
from seawall.cli import main as seawall_main
from seawall.transfers.models import ImportBatch
from seawall.transfers.tests.conftest import table_counts
from seawall.transfers.tests.files import BAD_ROWS, GOOD_ROWS, htcds_csv

pytestmark = pytest.mark.django_db


def _run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_prints_every_problem_by_row_and_column_and_writes_nothing(users, tmp_path):
    before = table_counts()
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 error.* in 2 row.*nothing was imported") as raised:
        call_command("import", "htcds", str(htcds_csv(tmp_path, BAD_ROWS)), user="caseworker", stderr=err)
    assert raised.value.returncode == 2
    lines = err.getvalue().splitlines()
    assert any(line.startswith("cases.csv: row 3, column D (prs_Gender") and "allowed: Feminine" in line for line in lines)
    assert any(line.startswith("cases.csv: row 4, column C (prs_Birthdate") for line in lines)
    assert table_counts() == before and not ImportBatch.objects.exists()


def test_import_then_undo(users, tmp_path):
    out, _ = _run("import", "htcds", str(htcds_csv(tmp_path, GOOD_ROWS)), "--user", "caseworker", "--progress", "never")
    batch = ImportBatch.objects.get()
    assert f"import {batch.pk}: 3 cases and 3 persons created" in out and f"seawall import-undo {batch.pk}" in out
    assert batch.via == "cli" and batch.state == "imported" and VictimCase.objects.count() == 3
    assert AuditEvent.objects.filter(action="create", reason="cli:import").exists()
    with pytest.raises(CommandError, match="may not undo"):
        call_command("import_undo", str(batch.pk), user="other_caseworker")
    out, _ = _run("import_undo", str(batch.pk), "--user", "caseworker")
    assert "3 cases and 3 persons removed" in out and VictimCase.objects.count() == 0


def test_check_writes_nothing(users, tmp_path):
    out, _ = _run("import", "htcds", str(htcds_csv(tmp_path, GOOD_ROWS)), "--user", "caseworker", "--check")
    assert "3 rows can be imported" in out and not ImportBatch.objects.exists()


def test_import_is_refused_to_roles_that_may_not(users, tmp_path):
    with pytest.raises(CommandError, match="may not import"):
        call_command("import", "htcds", str(htcds_csv(tmp_path, GOOD_ROWS)), user="analyst")


def test_import_table_with_a_mapping_file(users, tmp_path):
    path = tmp_path / "own.csv"
    path.write_text("Name,Sex,Status\nAna,F,ActualVictimOfTrafficking\n", encoding="utf-8")
    mapping = tmp_path / "own.json"
    mapping.write_text(json.dumps({"columns": {"Name": "prs_FirstName", "Status": "vic_TraffickingStatus",
                                               "Sex": {"field": "prs_Gender", "values": {"F": "Feminine"}}}}))
    out, _ = _run("import", "table", str(path), "--mapping", str(mapping), "--user", "caseworker")
    assert "1 cases" in out
    batch = ImportBatch.objects.get()
    assert batch.mapping_name == "own" and batch.mapping["columns"]["Name"] == "prs_FirstName"


def test_export_checks_permissions_and_audits(users, tmp_path, make_case):
    make_case()
    target = tmp_path / "out.csv"
    with pytest.raises(CommandError, match="purpose"):
        call_command("export", "htcds", out=str(target), user="caseworker", with_identity=True)
    with pytest.raises(CommandError, match="may not export identities"):
        call_command("export", "htcds", out=str(target), user="analyst", with_identity=True, purpose="long enough purpose")
    with pytest.raises(CommandError, match="does not export"):
        call_command("export", "ctdc-v1", out=str(target), user="prosecutor")
    assert not target.exists() and not AuditEvent.objects.filter(action="export").exists()
    out, _ = _run("export", "htcds", "--out", str(target), "--user", "caseworker", "--with-identity",
                  "--purpose", "Transfer to the national shelter", "--format", "xlsx")
    assert "1 cases written" in out and target.stat().st_size > 0
    event = AuditEvent.objects.get(action="export")
    assert event.reason == "cli:export" and event.detail["purpose"] == "Transfer to the national shelter"
    _run("export", "ctdc-v1", "--out", str(target), "--user", "analyst")
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert len(rows) == 1 and rows[0]["gender"] == "Female"


def test_hyphenated_command_reaches_import_undo(users, capsys):
    with pytest.raises(SystemExit):
        seawall_main(["import-undo", "--help"])
    assert "Undo an import as a whole" in capsys.readouterr().out
