"""Releases that may leave the node, and the privacy budget they spend.

A Release goes draft (being prepared by a background job) → prepared (report and preview
ready) → approved (signed in the same step) or rejected; a preparation that cannot finish
is failed. Only an approved release can be downloaded.

PrivacyBudget and PrivacyCharge are the database form of the core's ledger
(seawall.release.ledger): one budget row per dataset, one charge row per differentially
private release, a nonce that is unique across all datasets, nothing ever refunded.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import timezone

from seawall.release.ledger import new_nonce

# The one dataset a node's releases draw from: every case of the node, whatever its state
# when a release is prepared. Releases from different days share most of their victims, so
# a budget per snapshot would let their spending add up unchecked; one budget for the
# node's cases, over time, is what differential privacy's composition needs.
NODE_CASES = "node-cases"


class PrivacyBudget(models.Model):
    dataset = models.CharField(max_length=64, unique=True, help_text=f'"{NODE_CASES}": the node\'s cases.')
    epsilon = models.FloatField(help_text="Total epsilon every DP release of the dataset may spend together.")
    delta = models.FloatField(default=0.0, help_text="Total delta, likewise.")
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="+")
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(epsilon__gt=0), name="privacy_budget_epsilon_positive"),
            models.CheckConstraint(condition=models.Q(delta__gte=0) & models.Q(delta__lt=1),
                                   name="privacy_budget_delta_range"),
        ]

    def __str__(self) -> str:
        return f"{self.dataset}: epsilon {self.epsilon:g}, delta {self.delta:g}"


class ChargeNeverRefunded(RuntimeError):
    """Noisy answers may already exist: a charge stays spent."""


class PrivacyCharge(models.Model):
    budget = models.ForeignKey(PrivacyBudget, on_delete=models.PROTECT, related_name="charges")
    mechanism = models.CharField(max_length=20)
    epsilon = models.FloatField()
    delta = models.FloatField(default=0.0)
    # The release id: unique over every dataset, so a replayed release is refused.
    nonce = models.CharField(max_length=64, unique=True)
    randomness = models.CharField(max_length=40, default="os-csprng")
    at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(epsilon__gt=0), name="privacy_charge_epsilon_positive"),
            models.CheckConstraint(condition=models.Q(delta__gte=0), name="privacy_charge_delta_nonnegative"),
        ]

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise ChargeNeverRefunded("privacy charges are never refunded or removed")


class Release(models.Model):
    KANON, DP_COUNTS, SYNTH = "kanon", "dp-counts", "synth"
    KINDS = [
        (KANON, "k-anonymous case-level file"),
        (DP_COUNTS, "Differentially private counts"),
        (SYNTH, "Differentially private synthetic records"),
    ]
    DP_KINDS = frozenset({DP_COUNTS, SYNTH})
    SCHEMAS = [("v1", "CTDC v1 (the k-anonymised file's 58 columns)"),
               ("2024", "CTDC 2024 (the synthetic release's 27 columns)")]
    DRAFT, FAILED, PREPARED, APPROVED, REJECTED = "draft", "failed", "prepared", "approved", "rejected"
    STATES = [
        (DRAFT, "Being prepared"),
        (FAILED, "Preparation failed"),
        (PREPARED, "Waiting for approval"),
        (APPROVED, "Approved and signed"),
        (REJECTED, "Rejected"),
    ]

    # Public id of the release, and its nonce in the privacy ledger.
    release_id = models.CharField(max_length=32, unique=True, default=new_nonce, editable=False)
    kind = models.CharField(max_length=12, choices=KINDS)
    schema = models.CharField(max_length=4, choices=SCHEMAS, default="v1")
    dataset = models.CharField(max_length=64, default=NODE_CASES)
    k = models.PositiveSmallIntegerField(null=True, blank=True)
    quasi_identifiers = models.JSONField(default=list, blank=True)
    epsilon = models.FloatField(null=True, blank=True)
    delta = models.FloatField(null=True, blank=True)
    group_by = models.JSONField(default=list, blank=True)
    records = models.PositiveIntegerField(null=True, blank=True, help_text="Synthetic records to make; "
                                          "empty: as many as the noisy count of cases.")

    state = models.CharField(max_length=10, choices=STATES, default=DRAFT, db_index=True)
    job = models.ForeignKey("jobs.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    prepared_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    report = models.JSONField(default=dict, blank=True)
    preview = models.JSONField(default=dict, blank=True, help_text='{"columns": [...], "rows": [[...], ...]}')
    file_name = models.CharField(max_length=200, blank=True, help_text="Under VAR_DIR/releases.")
    rows = models.PositiveIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)

    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.TextField(blank=True)
    signature = models.TextField(blank=True, help_text="Ed25519 signature (base64) of the signed statement.")
    signing_key_id = models.CharField(max_length=16, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(kind="kanon") | models.Q(k__gte=2),
                                   name="release_kanon_k_at_least_2"),
            models.CheckConstraint(condition=models.Q(kind="kanon") | models.Q(epsilon__gt=0),
                                   name="release_dp_epsilon_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.release_id[:8]}"

    @property
    def is_dp(self) -> bool:
        return self.kind in self.DP_KINDS

    @property
    def path(self) -> Path | None:
        return release_dir() / self.file_name if self.file_name else None

    @property
    def signature_path(self) -> Path | None:
        path = self.path
        return path.with_name(path.name + ".sig") if path else None

    def output_name(self) -> str:
        return f"seawall-{settings.NODE_COUNTRY.lower()}-{self.kind}-ctdc{self.schema}-{self.release_id}.csv"


def release_dir() -> Path:
    return Path(settings.VAR_DIR) / "releases"
