"""Seawall's linkage against Splink 5 configured as its tutorial does, side by side.

On generated registrations with ground truth (seawall.synth.duplicates) at 20,000 and
200,000 records: pairwise precision, recall and F1 of the clusters, and the median seconds
of a whole run (training included) for

- Seawall: seawall.linkage.dedupe on DuckDB, default threshold;
- Splink tutorial: NameComparison on each name, DateOfBirthComparison, ExactMatch on sex,
  nationality and phone, the tutorial's blocking on pairs of columns, u by random sampling
  (the same pair budget as Seawall), EM on two blockings, clustering at 0.95.

Then the registration check: CandidateIndex over 1,000,000 persons, median milliseconds
per new record. `--quick` uses 2,000/5,000 records and 50,000 persons.

    python -m benchmarks linkage [--quick]
"""

from __future__ import annotations

import gc
import logging
import statistics
import time
from collections.abc import Callable

import pandas as pd

from seawall.linkage.candidates import CandidateIndex
from seawall.linkage.dedupe import DEFAULT_THRESHOLD, dedupe
from seawall.linkage.evaluate import PairwiseScores, pairwise_scores
from seawall.linkage.standardise import standardise
from seawall.synth.duplicates import generate

NODE_COUNTRY = "TTO"


def seawall_clusters(records: pd.DataFrame) -> pd.Series:
    result = dedupe(records, engine="duckdb", node_country=NODE_COUNTRY)
    return result.clusters.set_index("record_id")["cluster_id"]


def splink_tutorial_clusters(records: pd.DataFrame) -> pd.Series:
    """Splink 5 out of the box, following its tutorial's steps on our columns."""
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    logging.getLogger("splink").setLevel(logging.ERROR)
    # The tutorial's data has missing values as nulls; an empty cell here is one.
    frame = records.rename(columns={"record_id": "unique_id"}).replace("", None)
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.NameComparison("given_name"),
            cl.NameComparison("family_name"),
            cl.DateOfBirthComparison("date_of_birth", input_is_string=True),
            cl.ExactMatch("sex"),
            cl.ExactMatch("nationality"),
            cl.ExactMatch("phone"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("given_name", "family_name"),
            block_on("given_name", "date_of_birth"),
            block_on("family_name", "date_of_birth"),
            block_on("phone"),
        ],
    )
    db_api = DuckDBAPI()
    linker = Linker(db_api.register(frame), settings, log_level=None)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("given_name", "family_name", "date_of_birth")], recall=0.7)
    linker.training.estimate_u_using_random_sampling(
        max_pairs=min(5e6, max(1e5, len(frame) * 20.0)), seed=42)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("given_name", "family_name"))
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("date_of_birth"))
    predictions = linker.inference.predict(threshold_match_probability=0.2,
                                           warning_mode="never")
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=0.95).as_pandas_dataframe()
    found = clusters.set_index("unique_id")["cluster_id"].astype(str)
    ids = frame["unique_id"]
    return found.reindex(ids).fillna(ids.set_axis(ids)).rename_axis("record_id")


def measure(run: Callable[[pd.DataFrame], pd.Series], records: pd.DataFrame,
            truth: pd.Series, repeat: int) -> tuple[PairwiseScores, float]:
    seconds = []
    labels = None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        labels = run(records)
        seconds.append(time.perf_counter() - start)
    assert labels is not None
    scores = pairwise_scores(labels.reindex(records["record_id"]), truth)
    return scores, statistics.median(seconds)


def _line(name: str, n: int, scores: PairwiseScores, seconds: float) -> str:
    return (f"{name:<16} {n:>8,}  P {scores.precision:.4f}  R {scores.recall:.4f}  "
            f"F1 {scores.f1:.4f}  median {seconds:8.1f} s")


def linkage_accuracy(sizes: list[int], repeat: int) -> list[str]:
    lines = []
    for n in sizes:
        people = generate(n, seed=1000 + n % 997)
        records, truth = people.drop(columns="person_id"), people["person_id"]
        ours = measure(seawall_clusters, records, truth, repeat)
        lines.append(_line("seawall", n, *ours))
        print(lines[-1], flush=True)
        theirs = measure(splink_tutorial_clusters, records, truth, repeat)
        lines.append(_line("splink tutorial", n, *theirs))
        print(lines[-1], flush=True)
        verdict = "ok" if ours[0].f1 >= 0.97 else "MISSED"
        speed = "ok" if ours[1] <= theirs[1] else "SLOWER"
        lines.append(f"  target F1 >= 0.97: {verdict} ({ours[0].f1:.4f}); no slower than "
                     f"Splink: {speed} ({ours[1] / theirs[1]:.2f}x)")
        print(lines[-1], flush=True)
    return lines


def registration_check(persons: int, queries: int = 500) -> list[str]:
    start = time.perf_counter()
    population = generate(persons, seed=77)
    standard = standardise(population, NODE_COUNTRY)
    index = CandidateIndex(standard, node_country=NODE_COUNTRY)
    built = time.perf_counter() - start
    sample = population.sample(queries, random_state=3).to_dict("records")
    person_of = dict(zip(population["record_id"], population["person_id"]))
    registrations = population["person_id"].value_counts()
    times, found, registered_before = [], 0, 0
    for record in sample:
        person = record.pop("person_id")  # the record keeps its id, so it never finds itself
        began = time.perf_counter()
        result = index.candidates(record)
        times.append(time.perf_counter() - began)
        if registrations[person] > 1:
            registered_before += 1
            found += bool(result) and person_of[result[0].record_id] == person
    times.sort()
    line = (f"registration check against {persons:,} persons: median "
            f"{statistics.median(times) * 1000:.1f} ms, p95 "
            f"{times[int(0.95 * len(times))] * 1000:.1f} ms over {queries} new records; "
            f"best candidate is the same person for {found}/{registered_before} of those "
            f"registered before (index built in {built:.0f} s)")
    print(line, flush=True)
    return [line]


def main(argv: list[str]) -> None:
    quick = "--quick" in argv
    sizes = [2_000, 5_000] if quick else [20_000, 200_000]
    repeat = 1 if quick else 3
    print(f"linkage: threshold {DEFAULT_THRESHOLD} (Seawall), 0.95 (Splink tutorial); "
          f"median of {repeat} run(s)", flush=True)
    linkage_accuracy(sizes, repeat)
    registration_check(50_000 if quick else 1_000_000, 200 if quick else 500)


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
