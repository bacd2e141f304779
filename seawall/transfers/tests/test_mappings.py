"""A unit's own spreadsheet: its columns are mapped to Seawall fields by picking them, the
mapping is saved and reused, and can be downloaded for the command line."""

from __future__ import annotations

import json

import pytest

from seawall.cases.models import VictimCase
from seawall.transfers.models import ImportBatch, SavedMapping
from seawall.transfers.tests.conftest import upload

pytestmark = pytest.mark.django_db

OWN = ("Nombre,Apellidos,Sexo,Nacionalidad,Fecha de identificación,Edad,Observaciones\n"
       "Yuliana,Fajardo,F,VEN,15/03/2024,16,llegó en lancha\n"
       "Luis,Báez,M,DOM,02/04/2024,,\n")


def _own_file(tmp_path, text: str = OWN, name: str = "registro.csv"):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _mapping_post(**extra: str) -> dict[str, str]:
    return {"header_row": "1", "name": "Registro de la unidad", "date_order": "DMY", "default_country": "",
            "default_status": "PossibleVictimOfTrafficking",
            "col_0": "prs_FirstName", "col_1": "prs_SecondName", "col_2": "prs_Gender",
            "vals_2": "F = Feminine\nM = Masculine", "col_3": "prs_Citizenship",
            "col_4": "case.identification_date", "col_5": "case.age_at_identification", "col_6": "", **extra}


def test_build_a_mapping_by_picking_columns_then_import(client_for, tmp_path):
    client = client_for("caseworker")
    response = upload(client, _own_file(tmp_path), "table")
    batch = ImportBatch.objects.get()
    assert response["Location"] == f"/imports/{batch.pk}/mapping/"
    page = client.get(response["Location"]).content.decode()
    assert "A: Nombre" in page and "Yuliana" in page  # columns with sample values
    assert "Gender (prs_Gender)" in page  # the fields offered
    saved = client.post(f"/imports/{batch.pk}/mapping/", _mapping_post())
    assert saved.status_code == 302 and saved["Location"] == f"/imports/{batch.pk}/"
    mapping = SavedMapping.objects.get()
    assert mapping.name == "Registro de la unidad"
    assert mapping.mapping["columns"]["Sexo"] == {"field": "prs_Gender", "values": {"F": "Feminine", "M": "Masculine"}}
    preview = client.get(saved["Location"]).content.decode()
    assert "No errors: 2 rows can be imported" in preview
    client.post(f"/imports/{batch.pk}/confirm/")
    case = VictimCase.objects.select_related("person").get(person__citizenships__has="VEN")
    assert case.identified_on.isoformat() == "2024-03-15" and case.age_at_identification == 16
    assert case.person.gender == "Feminine" and case.source == "table"
    assert case.trafficking_status == "PossibleVictimOfTrafficking"


def test_a_saved_mapping_is_reused_and_a_bad_value_is_shown_by_row(client_for, tmp_path):
    client = client_for("caseworker")
    upload(client, _own_file(tmp_path), "table")
    first = ImportBatch.objects.get()
    client.post(f"/imports/{first.pk}/mapping/", _mapping_post())
    mapping = SavedMapping.objects.get()
    bad = OWN.replace("Luis,Báez,M", "Luis,Báez,X")
    response = upload(client, _own_file(tmp_path, bad, "registro2.csv"), "table", mapping=str(mapping.pk))
    second = ImportBatch.objects.latest("pk")
    assert response["Location"] == f"/imports/{second.pk}/"
    assert second.mapping_name == "Registro de la unidad"
    page = client.get(response["Location"]).content.decode()
    assert "Nothing can be imported yet" in page and "<td>3</td>" in page and "“Sexo”" in page
    assert "change the mapping" in page


def test_a_mapping_with_an_unknown_code_is_refused_with_the_allowed_ones(client_for, tmp_path):
    client = client_for("caseworker")
    upload(client, _own_file(tmp_path), "table")
    batch = ImportBatch.objects.get()
    response = client.post(f"/imports/{batch.pk}/mapping/", _mapping_post(vals_2="F = Female"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Female not code(s) of prs_Gender" in page and "Feminine" in page
    assert not SavedMapping.objects.exists()


def test_download_gives_the_mapping_file_the_command_line_reads(client_for, tmp_path):
    from seawall.exchange import load_table_mapping

    client = client_for("caseworker")
    upload(client, _own_file(tmp_path), "table")
    client.post(f"/imports/{ImportBatch.objects.get().pk}/mapping/", _mapping_post())
    mapping = SavedMapping.objects.get()
    assert "Registro de la unidad" in client.get("/imports/mappings/").content.decode()
    response = client.get(f"/imports/mappings/{mapping.pk}/download/")
    assert response["Content-Type"].startswith("application/json")
    assert load_table_mapping(json.loads(response.content)).header_row == 1
    assert client_for("other_caseworker").get(f"/imports/mappings/{mapping.pk}/download/").status_code == 404
    client.post(f"/imports/mappings/{mapping.pk}/delete/")
    assert not SavedMapping.objects.exists()
