"""Batch deduplication: standardise, (train,) score candidate pairs, cluster, explain.

    result = dedupe(records, engine="duckdb", threshold=0.95)
    result.clusters   # record_id, cluster_id — one row per input record
    result.pairs      # record_id_l, record_id_r, match_probability, match_weight, and per
                      # comparison <name>_level (what agreed) and <name>_weight (how much)

The same code runs on DuckDB or Spark: only the Splink database API differs.
"""

from __future__ import annotations

import logging
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from seawall.linkage.engines import make_db_api
from seawall.linkage.explain import explain_pairs, prediction_frame
from seawall.linkage.model import MIN_RECORDS_TO_TRAIN, LinkageModel, train
from seawall.linkage.clustering import LazyRows, cluster_pairs
from seawall.linkage.scorer import Scorer, term_frequencies, term_frequency_tables
from seawall.linkage.standardise import standardise

# Pairs at or above this probability are written out even below the clustering threshold,
# so a reviewer sees the uncertain ones too.
REVIEW_FLOOR = 0.5

# Match probability at which two records are joined. Chosen on generated data of seeds 7
# (20,000 records) and 2024 (100,000), which no test or benchmark uses (see
# docs/linkage.md): 0.7 gave the best F1 of 0.6-0.9 on both, by a little; below it
# precision falls faster than recall rises.
DEFAULT_THRESHOLD = 0.7

Progress = Callable[[str], None]


@dataclass
class DedupeResult:
    clusters: pd.DataFrame
    pairs: pd.DataFrame
    model: LinkageModel
    trained: bool


def stderr_progress(start: float | None = None) -> Progress:
    """Progress lines on stderr with the seconds elapsed, for long runs."""
    began = time.perf_counter() if start is None else start

    def report(message: str) -> None:
        print(f"[{time.perf_counter() - began:7.1f} s] {message}", file=sys.stderr, flush=True)

    return report


def _silent(_: str) -> None:
    return None


def dedupe(records: pd.DataFrame, *, engine: str = "duckdb",
           threshold: float = DEFAULT_THRESHOLD,
           model: LinkageModel | None = None, train_model: bool | None = None,
           node_country: str | None = None, progress: Progress | None = None,
           seed: int = 42) -> DedupeResult:
    """Cluster records that are the same person.

    records: validated input columns (see seawall.linkage.records). A model is trained on
    the data when it has at least MIN_RECORDS_TO_TRAIN records (or train_model=True),
    otherwise `model` or the packaged default is used.
    """
    say = progress or _silent
    logging.getLogger("splink").setLevel(logging.ERROR)
    say(f"starting {engine}")
    db_api = make_db_api(engine)
    say(f"standardising {len(records):,} records")
    standard = standardise(records, node_country)
    start = model or LinkageModel.default()
    should_train = train_model if train_model is not None else (
        model is None and len(records) >= MIN_RECORDS_TO_TRAIN)
    if should_train:
        say("training the model on this data (u by sampling, m by EM)")
        fitted = train(standard, db_api, seed=seed, start=LinkageModel.priors())
    else:
        fitted = start
    from splink import Linker

    # A Spark session outlives one run: every run registers tables under names of its own.
    run = uuid.uuid4().hex[:8]
    table = db_api.register(standard, dataset_display_name=f"seawall_records_{run}")
    linker = Linker(table, fitted.splink_settings(db_api.sql_dialect.sql_dialect_str),
                    log_level=None)
    tf = term_frequencies(standard, Scorer(fitted).tf_columns())
    for column, lookup in term_frequency_tables(tf).items():
        linker.table_management.register_term_frequency_lookup(
            db_api.register(lookup, dataset_display_name=f"seawall_tf_{column}_{run}"), column)
    say(f"scoring candidate pairs on {engine}")
    floor = min(threshold, REVIEW_FLOOR)
    predictions = linker.inference.predict(threshold_match_probability=floor,
                                           warning_mode="never")
    say("explaining pairs")
    pairs = explain_pairs(prediction_frame(predictions), fitted)
    say(f"clustering {int((pairs['match_probability'] >= threshold).sum()):,} links")
    scorer = Scorer(fitted, tf)
    rows = LazyRows(standard)
    clusters = cluster_pairs(list(standard["unique_id"]), pairs, threshold, rows, scorer)
    say(f"done: {clusters['cluster_id'].nunique():,} people in {len(clusters):,} records")
    return DedupeResult(clusters=clusters, pairs=pairs, model=fitted, trained=should_train)
