"""Upload and preview: every problem listed by row and column with what to do, a sample of
the records, and nothing written to the case register until confirmation."""

from __future__ import annotations

import io

import openpyxl
import pytest

from seawall.transfers.models import ImportBatch
from seawall.transfers.tests.conftest import table_counts, upload, uploads_left
from seawall.transfers.tests.files import BAD_ROWS, GOOD_ROWS, HEADER, htcds_csv

pytestmark = pytest.mark.django_db


def test_a_clean_file_previews_with_a_sample_and_writes_no_case(client_for, tmp_path, var_dir):
    client = client_for("caseworker")
    before = table_counts()
    response = upload(client, htcds_csv(tmp_path, GOOD_ROWS))
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/imports/{batch.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "No errors: 3 rows can be imported" in page
    assert "Import 3 cases" in page
    assert "Fajardo Núñez" in page  # the sample shows the uploader her own file's rows
    assert batch.state == "uploaded" and batch.schema == "htcds-csv" and batch.rows_read == 3
    assert len(batch.checksum) == 64
    assert table_counts() == before
    assert len(uploads_left(var_dir)) == 2  # the file and its preview, until confirmed or discarded


def test_every_bad_row_is_listed_with_row_column_and_allowed_codes(client_for, tmp_path):
    client = client_for("caseworker")
    before = table_counts()
    response = upload(client, htcds_csv(tmp_path, BAD_ROWS))
    page = client.get(response["Location"]).content.decode()
    assert "Nothing can be imported yet: 2 problems in 2 rows" in page
    assert "<td>3</td>" in page and "<td>4</td>" in page  # spreadsheet row numbers (header is row 1)
    assert "&#x27;Female&#x27; is not a code of prs_Gender" in page
    assert "Feminine, Masculine, TransgenderFeminine" in page  # the allowed codes
    assert "1988-02-30" in page and "not a real date" in page
    assert "Upload the corrected file" in page
    assert "Import 3 cases" not in page
    assert table_counts() == before
    batch = ImportBatch.objects.get()
    assert (batch.rows_refused, batch.errors) == (2, 2)
    assert client.post(f"/imports/{batch.pk}/confirm/").status_code == 302
    assert table_counts() == before and ImportBatch.objects.get().state == "uploaded"


def _preview(client, tmp_path, name: str, content: bytes, kind: str = "detect") -> str:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_bytes(content)
    response = upload(client, path, kind)
    if response.status_code != 302:
        return response.content.decode()
    return client.get(response["Location"]).content.decode()


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


BAD_FILES = {
    "unknown code": ("codes.csv", (HEADER + GOOD_ROWS[0].replace("SexualExploitation", "Sexual")).encode(),
                     ["&#x27;Sexual&#x27; is not a code of vic_TypeOfExploitation", "SexualExploitation"]),
    "bad date": ("dates.csv", (HEADER + GOOD_ROWS[0].replace("2007-03-02", "2007-13-02")).encode(),
                 ["prs_Birthdate", "not a real date"]),
    "missing required value": ("missing.csv", (HEADER + GOOD_ROWS[0].replace("ActualVictimOfTrafficking", "")).encode(),
                               ["Trafficking Status is required", "PossibleVictimOfTrafficking"]),
    "duplicate row": ("twice.csv", (HEADER + GOOD_ROWS[0] + "\n" + GOOD_ROWS[0] + "\n").encode(),
                      ["repeats row 2 exactly; delete one of them"]),
    "wrong encoding": ("latin1.csv", (HEADER + GOOD_ROWS[0]).encode("cp1252"),
                       ["is not UTF-8", "save it as CSV UTF-8"]),
    "truncated file": ("cut.xlsx", _xlsx([["prs_FirstName", "vic_TraffickingStatus"], ["Ana", "ActualVictimOfTrafficking"]])[:400],
                       ["cut.xlsx is not a complete XLSX workbook", "cut off"]),
    "truncated CSV": ("cut.csv", (HEADER + GOOD_ROWS[0] + "\n" + 'Ana,"Pérez').encode(),
                      ["cut off inside a quoted cell"]),
    "blank file": ("blank.csv", b"  \n\n", ["holds no data"]),
    "formula": ("formula.xlsx", _xlsx([["prs_FirstName", "prs_SecondName", "vic_TraffickingStatus"],
                                       ["Ana", "=HYPERLINK(\"http://example.org\")", "ActualVictimOfTrafficking"]]),
                ["formula"]),
    "identity without a given name": ("noname.csv", (HEADER + GOOD_ROWS[0].replace("Yuliana", "")).encode(),
                                      ["needs her given name"]),
    "neither HTCDS nor CTDC": ("own.csv", b"Name,Sex\nAna,F\n", ["neither IOM&#x27;s HTCDS template nor a CTDC dataset",
                                                                  "Our own spreadsheet"]),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_each_kind_of_bad_input_says_what_is_wrong_and_writes_nothing(client_for, tmp_path, name):
    client = client_for("caseworker")
    before = table_counts()
    file_name, content, expected = BAD_FILES[name]
    page = _preview(client, tmp_path, file_name, content)
    assert "Nothing can be imported yet" in page, page[:2000]
    for text in expected:
        assert text in page, (text, page[page.find("problems"):][:3000])
    assert table_counts() == before


def test_an_empty_file_is_refused_at_upload(client_for, tmp_path):
    client = client_for("caseworker")
    page = _preview(client, tmp_path, "empty.csv", b"")
    assert "empty" in page and "choose the file that holds the cases" in page
    assert not ImportBatch.objects.exists()


def test_a_file_over_the_size_limit_is_refused_with_what_to_do(client_for, tmp_path, monkeypatch):
    from seawall.transfers import uploads

    monkeypatch.setattr(uploads, "MAX_BYTES", 1024)
    client = client_for("caseworker")
    response = upload(client, htcds_csv(tmp_path, GOOD_ROWS * 20))
    assert response.status_code == 400
    page = response.content.decode()
    assert "the limit for an upload is" in page and "Split the file" in page
    assert not ImportBatch.objects.exists()


def test_the_stored_file_name_is_sanitised_and_kept_out_of_static(client_for, tmp_path, var_dir, settings):
    client = client_for("caseworker")
    path = htcds_csv(tmp_path, GOOD_ROWS, name="a;b <script>.csv")
    response = upload(client, path)
    batch = ImportBatch.objects.get()
    assert batch.file_name == "a_b _script_.csv"
    stored = uploads_left(var_dir)
    assert all(str(p).startswith(str(var_dir / "uploads")) for p in stored)
    assert not any(str(p).startswith(str(settings.STATIC_ROOT)) for p in stored)
    assert response.status_code == 302


def test_discard_deletes_the_file(client_for, tmp_path, var_dir):
    client = client_for("caseworker")
    response = upload(client, htcds_csv(tmp_path, GOOD_ROWS))
    batch = ImportBatch.objects.get()
    assert client.post(f"/imports/{batch.pk}/discard/").status_code == 302
    batch.refresh_from_db()
    assert batch.state == "discarded" and not uploads_left(var_dir)
    assert client.post(f"/imports/{batch.pk}/confirm/").status_code == 302
    batch.refresh_from_db()
    assert batch.state == "discarded"
    assert response.status_code == 302


@pytest.mark.parametrize("role", ["coordinator", "analyst", "prosecutor", "service_provider", "administrator"])
def test_roles_that_may_not_import_get_403(client_for, tmp_path, role):
    client = client_for(role)
    assert upload(client, htcds_csv(tmp_path, GOOD_ROWS)).status_code == 403
    assert not ImportBatch.objects.exists()


def test_another_agencys_upload_answers_404(client_for, tmp_path):
    upload(client_for("caseworker"), htcds_csv(tmp_path, GOOD_ROWS))
    batch = ImportBatch.objects.get()
    other = client_for("other_caseworker")
    assert other.get(f"/imports/{batch.pk}/").status_code == 404
    assert other.post(f"/imports/{batch.pk}/confirm/").status_code == 404




def test_an_upload_is_kept_in_memory_never_in_a_temporary_file(client_for, tmp_path, settings, monkeypatch):
    from django.core.files import uploadhandler

    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10  # Django's own handlers would spill this to /tmp

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("the upload went to a temporary file")

    monkeypatch.setattr(uploadhandler.TemporaryFileUploadHandler, "new_file", refuse)
    response = upload(client_for("caseworker"), htcds_csv(tmp_path, GOOD_ROWS))
    assert response.status_code == 302 and ImportBatch.objects.get().rows_read == 3


def test_opening_a_preview_is_audited(client_for, tmp_path):
    from seawall.audit.models import AuditEvent

    client = client_for("caseworker")
    response = upload(client, htcds_csv(tmp_path, GOOD_ROWS))
    client.get(response["Location"])
    batch = ImportBatch.objects.get()
    event = AuditEvent.objects.filter(action="view", subjects__object_type="import").get()
    assert event.detail == {"preview": True} and event.subjects.get().object_id == str(batch.pk)


def test_stale_uploads_and_interrupted_imports_are_cleaned_up(client_for, tmp_path, var_dir):
    from datetime import timedelta

    from django.utils import timezone

    from seawall.transfers import uploads

    client = client_for("caseworker")
    upload(client, htcds_csv(tmp_path, GOOD_ROWS, name="old.csv"))
    upload(client, htcds_csv(tmp_path, GOOD_ROWS, name="stuck.csv"))
    ImportBatch.objects.filter(file_name="stuck.csv").update(state="importing")
    ImportBatch.objects.update(created_at=timezone.now() - timedelta(days=2))
    assert uploads.purge_stale() == 2
    assert dict(ImportBatch.objects.values_list("file_name", "state")) == {"old.csv": "discarded", "stuck.csv": "failed"}
    assert not uploads_left(var_dir)
