"""Import history: each file brought in (a batch), the cases it created, and saved mappings.

A batch is written when a file is uploaded (state "uploaded": kept for its preview), and
changes state when it is confirmed and imported, discarded, or undone. ImportedCase keeps,
beside each created case, what the exchange core needs to write the row back exactly as
the source said it (CTDC cells with no Seawall field, codes recorded as absent, facts the
case models have no column for), so that the cases models stay what registration needs.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from seawall.accounts.models import Agency
from seawall.cases.fields import EncryptedJSONField
from seawall.cases.models import VictimCase

FORMATS = [
    ("htcds", "HTCDS 2.0 (IOM's Excel template or its CSV form)"),
    ("ctdc", "CTDC victim dataset (v1 or 2024)"),
    ("table", "Our own spreadsheet, with a column mapping"),
]


class ImportBatch(models.Model):
    UPLOADED, IMPORTING, IMPORTED, FAILED, DISCARDED, UNDONE = (
        "uploaded", "importing", "imported", "failed", "discarded", "undone")
    STATES = [
        (UPLOADED, "Waiting for confirmation"),
        (IMPORTING, "Importing"),
        (IMPORTED, "Imported"),
        (FAILED, "Failed: nothing was written"),
        (DISCARDED, "Discarded"),
        (UNDONE, "Undone"),
    ]

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+",
                               help_text="The importing user's agency: it owns the cases created.")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    file_name = models.CharField(max_length=120, help_text="The uploaded file's name, sanitised.")
    file_size = models.PositiveBigIntegerField(default=0)
    checksum = models.CharField("SHA-256 of the file", max_length=64)
    format = models.CharField(max_length=8, choices=FORMATS)
    schema = models.CharField(max_length=16, blank=True,
                              help_text="What the reader found: htcds-xlsx, htcds-csv, ctdc-v1, ctdc-2024, table-csv...")
    mapping_name = models.CharField(max_length=100, blank=True)
    mapping = models.JSONField(default=dict, blank=True, help_text="The column mapping used (unit tables).")
    via = models.CharField(max_length=8, default="web", help_text="web or cli")
    # Where the upload waits for confirmation, relative to VAR_DIR/uploads; empty once deleted.
    stored = models.CharField(max_length=200, blank=True)
    state = models.CharField(max_length=10, choices=STATES, default=UPLOADED, db_index=True)
    rows_read = models.PositiveIntegerField(default=0)
    rows_refused = models.PositiveIntegerField(default=0, help_text="Rows with errors (nothing is imported then).")
    errors = models.PositiveIntegerField(default=0, help_text="Problems that stop the import (rows or the whole file).")
    warnings = models.PositiveIntegerField(default=0)
    cases_created = models.PositiveIntegerField(default=0)
    persons_created = models.PositiveIntegerField(default=0)
    job = models.ForeignKey("jobs.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    error = models.TextField(blank=True)
    imported_at = models.DateTimeField(null=True, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"import {self.pk} ({self.file_name})"

    @property
    def source(self) -> str:
        """The value cases of this batch carry in VictimCase.source."""
        return case_source(self.schema)


def case_source(schema: str) -> str:
    """ctdc-v1 and ctdc-2024 stay as they are (a CTDC export needs to know which); HTCDS
    and unit tables are named by their standard, whatever the file type."""
    if schema.startswith("ctdc-"):
        return schema
    return schema.split("-", 1)[0] or "import"


class ImportedCase(models.Model):
    """A case an import created, with what its row said that the case models do not hold."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="cases")
    case = models.OneToOneField(VictimCase, on_delete=models.CASCADE, related_name="imported")
    source_row = models.PositiveIntegerField()
    # CTDC cells with no exact Seawall field, verbatim by column (de-identified).
    source_values = models.JSONField(default=dict, blank=True)
    # HTCDS field code -> codes the source recorded as explicitly absent (a CTDC 0).
    recorded_absent = models.JSONField(default=dict, blank=True)
    # Case facts with no column on the case models, or that a column cannot say exactly
    # (codes, years, age bands: nothing that names anyone).
    facts = models.JSONField(default=dict, blank=True)
    # Free text (places, referral details, names of case workers) and identity details the
    # Person model has no column for: encrypted like the rest of the person's data.
    private_facts = EncryptedJSONField("private facts", max_chars=40000, default=dict)

    class Meta:
        indexes = [models.Index(fields=["batch", "source_row"])]


class SavedMapping(models.Model):
    """A unit's column-to-field mapping (seawall.exchange's mapping file format, as JSON)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=100)
    mapping = models.JSONField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="mapping_name_unique_per_agency")]

    def __str__(self) -> str:
        return self.name
