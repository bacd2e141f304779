"""The export page: permission-checked through policy, identity only with a purpose, only
visible cases, and every export audited with its cases."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from seawall.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(make_case):  # type: ignore[no-untyped-def]
    return [make_case(given="Yuliana", family="Fajardo Núñez", phones=["+584125550101"]),
            make_case(given="Rosa", family="Díaz"),
            make_case(owner="other_caseworker", given="Ana", family="Otra Agencia")]


def _csv(response) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_an_analysts_export_has_no_identity(client_for, cases):
    client = client_for("analyst")
    page = client.get("/imports/export/").content.decode()
    assert "Include names" not in page and "carry no identity" in page
    response = client.post("/imports/export/", {"format": "htcds-csv"})
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    rows = _csv(response)
    assert len(rows) == 3  # analysts see every case of the node, by code only
    text = response.content.decode("utf-8-sig")
    for name in ("Yuliana", "Fajardo", "Rosa", "Otra Agencia", "+584125550101", "2008-03-02"):
        assert name not in text
    assert "prs_FirstName" not in rows[0] and rows[0]["prs_Gender"] == "Feminine"
    event = AuditEvent.objects.filter(action="export").get()
    assert event.detail == {"format": "htcds-csv", "identity": False, "cases": 3}
    assert {s.object_id for s in event.subjects.all()} == {str(c.pk) for c in cases}


def test_an_identity_export_without_a_purpose_is_refused(client_for, cases):
    client = client_for("caseworker")
    response = client.post("/imports/export/", {"format": "htcds-csv", "with_identity": "on", "purpose": ""})
    assert response.status_code == 400
    assert "Say why" in response.content.decode()
    assert not AuditEvent.objects.filter(action="export").exists()


def test_an_identity_export_carries_the_purpose_and_only_the_agencys_cases(client_for, cases):
    client = client_for("caseworker")
    purpose = "Referral of two survivors to the shelter network"
    response = client.post("/imports/export/", {"format": "htcds-xlsx", "with_identity": "on", "purpose": purpose})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    codes = [c.value for c in sheet[1]]
    names = {sheet.cell(r, codes.index("prs_FirstName") + 1).value for r in range(3, sheet.max_row + 1)}
    assert names == {"Yuliana", "Rosa"}  # not the other agency's case
    event = AuditEvent.objects.filter(action="export").get()
    assert event.detail["purpose"] == purpose and event.detail["identity"] is True
    assert {s.object_id for s in event.subjects.all()} == {str(cases[0].pk), str(cases[1].pk)}


def test_ctdc_exports_never_carry_identity(client_for, cases):
    client = client_for("caseworker")
    refused = client.post("/imports/export/", {"format": "ctdc-v1", "with_identity": "on",
                                               "purpose": "A purpose long enough"})
    assert refused.status_code == 400 and "CTDC files never carry identity" in refused.content.decode()
    response = client.post("/imports/export/", {"format": "ctdc-2024"})
    rows = _csv(response)
    assert len(rows) == 2 and rows[0]["gender"] == "Woman" and rows[0]["citizenship"] == "VEN"
    assert "Yuliana" not in response.content.decode()


@pytest.mark.parametrize("role", ["prosecutor", "service_provider", "administrator"])
def test_roles_that_may_not_export_get_403(client_for, cases, role):
    assert client_for(role).post("/imports/export/", {"format": "ctdc-v1"}).status_code == 403
