"""Tables of duplicate detection: blocking keys of persons (keyed hashes), batch runs,
candidate pairs and merges, with what un-merging needs.

References to persons carry no database constraint. Other apps delete persons with plain
SQL (an import's undo does), and a constraint from here would make their transaction fail;
a key, pair or merge whose person is gone is skipped where it is read, and the batch job
clears stale keys.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from seawall.cases.fields import EncryptedJSONField
from seawall.cases.models import Person


def _person(related_name: str = "+", on_delete=models.DO_NOTHING) -> models.ForeignKey:  # type: ignore[no-untyped-def]
    return models.ForeignKey(Person, on_delete=on_delete, db_constraint=False, related_name=related_name)


class MatchKey(models.Model):
    """One blocking key of a person: a 64-bit keyed hash (HMAC with the node's index key)
    of a value such as "first given name + first surname" or "last seven phone digits".
    The registration check looks up the new person's keys here instead of decrypting the
    node's persons."""

    person = _person(on_delete=models.CASCADE)
    kind = models.PositiveSmallIntegerField()
    digest = models.BigIntegerField()

    class Meta:
        indexes = [
            # Covering: a look-up reads person ids from the index alone.
            models.Index(fields=["digest", "person"], name="matchkey_digest_person"),
            # Term frequencies divide by the number of keys of a kind.
            models.Index(fields=["kind"], name="matchkey_kind"),
        ]


class KeyState(models.Model):
    """How far the keys are known to be current (one row): persons above `last_person_id`
    are checked for keys before a registration check; `fingerprint` is of the index key the
    keys were made with, so a changed key is noticed and the keys rebuilt."""

    last_person_id = models.BigIntegerField(default=0)
    fingerprint = models.CharField(max_length=16, blank=True)
    rebuilt_at = models.DateTimeField(null=True, blank=True)


class BatchRun(models.Model):
    """One run of the batch search over the node's persons."""

    job = models.ForeignKey("jobs.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    persons = models.PositiveIntegerField(default=0)
    pairs_found = models.PositiveIntegerField(default=0)
    pairs_new = models.PositiveIntegerField(default=0)
    pairs_updated = models.PositiveIntegerField(default=0)
    pairs_closed = models.PositiveIntegerField(default=0, help_text="Open pairs this run no longer found.")
    trained = models.BooleanField(default=False, help_text="Whether the model was trained on this node's data.")
    # Splink settings with the trained m and u: no personal data, only how fields vary.
    model = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]


class DuplicatePair(models.Model):
    """Two persons the batch search found likely to be one, and what a reviewer decided."""

    OPEN, CONFIRMED, REJECTED = "open", "confirmed", "rejected"
    STATES = [(OPEN, "Waiting for review"), (CONFIRMED, "Same person (merged)"), (REJECTED, "Different people")]

    person_l = _person()
    person_r = _person()
    probability = models.FloatField()
    match_weight = models.FloatField()
    # [{"comparison", "level", "weight"}]: which fields agreed and how strongly; the levels
    # say how two records compare, never what they contain.
    explanation = models.JSONField(default=list)
    state = models.CharField(max_length=10, choices=STATES, default=OPEN)
    last_run = models.ForeignKey(BatchRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    first_found_at = models.DateTimeField(default=timezone.now)
    last_found_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-probability", "id"]
        constraints = [
            models.UniqueConstraint(fields=["person_l", "person_r"], name="duplicatepair_once"),
            models.CheckConstraint(condition=models.Q(person_l__lt=models.F("person_r")),
                                   name="duplicatepair_ordered"),
        ]
        indexes = [models.Index(fields=["state", "person_l", "person_r"], name="duplicatepair_state")]


class Merge(models.Model):
    """A confirmed pair merged into one person, with everything un-merging needs: the
    absorbed person's full previous state, the survivor's identity before and after, and
    which cases moved. The states are encrypted like the person's own fields."""

    pair = models.ForeignKey(DuplicatePair, on_delete=models.PROTECT, related_name="merges")
    survivor = _person()
    absorbed_id = models.BigIntegerField(db_index=True, help_text="Given back to the person on un-merge.")
    absorbed_state = EncryptedJSONField("absorbed person's previous state", max_chars=200_000)
    survivor_before = EncryptedJSONField("survivor's identity before the merge", max_chars=200_000)
    survivor_after = EncryptedJSONField("survivor's identity as the merge wrote it", max_chars=200_000)
    moved_cases = models.JSONField(default=list, help_text="Ids of the cases re-pointed to the survivor.")
    merged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    merged_at = models.DateTimeField(default=timezone.now)
    unmerged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    unmerged_at = models.DateTimeField(null=True, blank=True)
    # Identity fields edited after the merge: un-merge kept their current value.
    kept_on_unmerge = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-merged_at", "-id"]

    @property
    def active(self) -> bool:
        return self.unmerged_at is None
