"""Finding the same person across agencies' records (no Django here).

Batch:         dedupe(records, engine="duckdb"|"spark", threshold=0.7) -> DedupeResult
Registration:  CandidateIndex(standardise(existing, country)).candidates(new_record)
               or candidates(new_record, existing_table)
Model:         LinkageModel.default() / .load(path); train(standardised, db_api)
Measure:       pairwise_scores(predicted_clusters, true_people)

Records are tables with the columns of `seawall link dedupe` INPUT.csv: record_id, source,
given_name, family_name, sex, date_of_birth, nationality, phone. See docs/linkage.md.
"""

from seawall.linkage.candidates import Candidate, CandidateIndex, candidates
from seawall.linkage.dedupe import DEFAULT_THRESHOLD, DedupeResult, dedupe
from seawall.linkage.evaluate import PairwiseScores, pairwise_scores
from seawall.linkage.model import LinkageModel, train
from seawall.linkage.records import check_records, read_input
from seawall.linkage.scorer import Evidence, PairScore, Scorer
from seawall.linkage.standardise import standardise, standardise_record

__all__ = [
    "DEFAULT_THRESHOLD",
    "Candidate",
    "CandidateIndex",
    "DedupeResult",
    "Evidence",
    "LinkageModel",
    "PairScore",
    "PairwiseScores",
    "Scorer",
    "candidates",
    "check_records",
    "dedupe",
    "pairwise_scores",
    "read_input",
    "standardise",
    "standardise_record",
    "train",
]
