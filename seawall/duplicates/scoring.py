"""Scoring a new person against existing ones with the linkage core's model.

The model is the one the node's last batch search trained on its own data, or the packaged
default until a search has trained one. Term frequencies come from counts of the keyed
hashes (keys.key_counts), so no value is ever decrypted to count it.
"""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Iterable
from typing import Any

from seawall.duplicates import keys
from seawall.duplicates.keys import TF_KINDS, Term, key_counts, kind_totals
from seawall.duplicates.models import BatchRun
from seawall.duplicates.profiles import Variants
from seawall.linkage import LinkageModel, PairScore, Scorer
from seawall.linkage.comparisons import COMPARISONS
from seawall.linkage.scorer import Evidence, probability

# Scorer() takes a quarter of a second (it reads the model's levels); build it once per
# model per process and give each check a shallow copy with its own term frequencies.
_lock = threading.Lock()
_scorers: dict[int, Scorer] = {}
_latest: dict[str, Any] = {}


def forget_cached() -> None:
    """Drop this process's cached model and key counts (tests; a database swapped under it)."""
    with _lock:
        _scorers.clear()
        _latest.clear()
    keys.forget_totals()


MODEL_SECONDS = 30  # how soon a process picks up a model the batch search has just trained


def model_scorer() -> Scorer:
    now = time.monotonic()
    with _lock:
        if _latest.get("at", -MODEL_SECONDS) + MODEL_SECONDS > now:
            return _scorers[_latest["key"]]
    latest = BatchRun.objects.filter(trained=True).order_by("-id").values_list("id", flat=True).first()
    key = latest or 0
    with _lock:
        if key not in _scorers:
            model = (LinkageModel(BatchRun.objects.get(pk=latest).model) if latest else LinkageModel.default())
            _scorers.clear()
            _scorers[key] = Scorer(model)
        _latest.update(at=now, key=key)
        return _scorers[key]


def scorer_for(new: Variants, candidates: Iterable[Variants]) -> Scorer:
    """The model's scorer with the term frequencies of the values this check compares."""
    rows = [*new.names, *new.phones]
    terms: set[Term] = set()
    for row in rows:
        for column, kind in TF_KINDS.items():
            if row.get(column):
                terms.add((kind, str(row[column])))
    # Name levels may compare two different keys (part of the surnames, another order):
    # the adjustment takes the commoner of both, so the candidates' name keys count too.
    for variants in candidates:
        for row in variants.names:
            for column in ("pair_key", "name_key"):
                if row.get(column):
                    terms.add((TF_KINDS[column], row[column]))
    counts = key_counts(terms)
    totals = kind_totals()
    tf: dict[str, dict[Any, float]] = {column: {} for column in TF_KINDS}
    kind_column = {kind: column for column, kind in TF_KINDS.items()}
    for (kind, value), count in counts.items():
        total = totals.get(kind) or 1
        # "Leave two out", as the core computes it: how likely a third record carries it.
        tf[kind_column[kind]][value] = max(count - 2, 0) / total
    scorer = copy.copy(model_scorer())
    scorer.tf = tf
    return scorer


_DIMENSIONS = (("names", "name"), ("phones", "phone"), ("nationalities", "nationality"))


def best_score(scorer: Scorer, new: Variants, old: Variants) -> PairScore:
    """The pair's score taking, for names, phones and citizenships, the best-agreeing of
    each side's values. Comparisons read disjoint columns, so the best of each can be
    chosen on its own and the weights added, as the model adds them."""
    first = scorer.score(new.base, old.base)
    best: dict[str, Evidence] = {e.comparison: e for e in first.evidence}
    for attribute, comparison in _DIMENSIONS:
        left, right = getattr(new, attribute), getattr(old, attribute)
        if len(left) * len(right) <= 1:
            continue
        for a in left:
            for b in right:
                found = next(e for e in scorer.score(a, b).evidence if e.comparison == comparison)
                if found.weight > best[comparison].weight:
                    best[comparison] = found
    evidence = tuple(best[c.name] for c in COMPARISONS)
    total = scorer.prior_weight + sum(e.weight for e in evidence)
    return PairScore(total, probability(total), evidence)
