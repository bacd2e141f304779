"""The linkage model: comparisons, blocking rules and trained parameters, apart from engines.

A LinkageModel is a Splink settings dictionary (JSON), so it can be trained on one engine,
saved, and applied on another, or by the Python scorer at registration. The packaged
default (default_model.json) was trained unsupervised — random-sampling u, EM for m, no
labels — on generated data of a seed no test or benchmark uses (see `python -m
seawall.linkage.model`).
"""

from __future__ import annotations

import json
import logging
import math
import sys
import uuid
from copy import deepcopy
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from seawall.linkage.comparisons import COMPARISONS, splink_comparison

# Candidate pairs: each rule is an equi-join both engines run well; together they survive
# any one field being wrong or missing (a typo in the name, a missing or swapped date, no
# phone). The same keys serve the registration check (seawall.linkage.candidates).
BLOCKING_RULES: tuple[str, ...] = (
    # Same first names in either order, unless both full dates say otherwise (a common
    # name alone would pair thousands of namesakes).
    "l.pair_key = r.pair_key AND (l.dob_full IS NULL OR r.dob_full IS NULL "
    "OR l.dob_year = r.dob_year OR levenshtein(l.dob_full, r.dob_full) <= 1)",
    "l.phone_tail = r.phone_tail",
    "l.dob_full = r.dob_full",
    "l.dob_full = r.dob_swapped",
    # A typo in one name: the other name, the birth year and the first letter agree.
    "l.dob_year = r.dob_year AND l.family_first = r.family_first "
    "AND substr(l.given_first, 1, 1) = substr(r.given_first, 1, 1)",
    "l.dob_year = r.dob_year AND l.given_first = r.given_first "
    "AND substr(l.family_first, 1, 1) = substr(r.family_first, 1, 1)",
    # The same with given and family names swapped on one side (a swap and a typo).
    "l.dob_year = r.dob_year AND l.given_first = r.family_first "
    "AND substr(l.family_first, 1, 1) = substr(r.given_first, 1, 1)",
    "l.dob_year = r.dob_year AND l.family_first = r.given_first "
    "AND substr(l.given_first, 1, 1) = substr(r.family_first, 1, 1)",
)

# Training: EM on pairs that are nearly all matches learns how one person's records vary.
# Pairs sharing a phone teach names, dates, sex and nationality; pairs sharing name tokens
# and full date teach phones. (Blocking on a common name alone fails: namesakes agree on
# sex and nationality because of the name, and EM takes them for matches.)
TRAINING_BLOCKS: tuple[str, ...] = (
    "l.phone_tail = r.phone_tail",
    "l.name_key = r.name_key AND l.dob_full = r.dob_full",
)

# Pairs that are almost surely the same person, for estimating how many pairs match at
# all (the prior). RULES_RECALL is our assumption of the share of true pairs they find.
DETERMINISTIC_RULES: tuple[str, ...] = (
    "l.name_key = r.name_key AND l.dob_full = r.dob_full",
    "l.phone_e164 = r.phone_e164 AND l.pair_key = r.pair_key",
)
RULES_RECALL = 0.6

# Below this many records the data cannot train a model well; the default model is used.
MIN_RECORDS_TO_TRAIN = 5_000

PRIOR_PROBABILITY_TWO_RECORDS_MATCH = 0.0001

# Term-frequency adjustments: how much a rare value may strengthen an exact agreement.
TF_MAX_BONUS = 3.0


@dataclass
class LinkageModel:
    """Trained Splink settings for Seawall's comparisons."""

    settings: dict[str, Any]

    @staticmethod
    def _creator() -> Any:
        from splink import SettingsCreator

        return SettingsCreator(
            link_type="dedupe_only",
            comparisons=[splink_comparison(c) for c in COMPARISONS],
            blocking_rules_to_generate_predictions=list(BLOCKING_RULES),
            probability_two_random_records_match=PRIOR_PROBABILITY_TWO_RECORDS_MATCH,
            retain_intermediate_calculation_columns=True,
            retain_matching_columns=True,
            unique_id_column_name="unique_id",
        )

    @classmethod
    def priors(cls) -> "LinkageModel":
        """The untrained model: Seawall's comparisons with their prior m and u."""
        return cls(cls._creator().create_settings_dict("duckdb"))

    @classmethod
    def default(cls) -> "LinkageModel":
        text = resources.files("seawall.linkage").joinpath("default_model.json").read_text()
        return cls(json.loads(text))

    @classmethod
    def load(cls, path: str | Path) -> "LinkageModel":
        return cls(json.loads(Path(path).read_text(encoding="utf-8")))

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.settings, indent=1), encoding="utf-8")

    def splink_settings(self, dialect: str = "duckdb") -> dict[str, Any]:
        """Settings for a new Linker on an engine: the SQL is written afresh for its
        dialect from Seawall's comparisons (a saved model holds the SQL of the engine it
        was trained on), then the trained parameters are copied in level by level."""
        fresh = self._creator().create_settings_dict(dialect)
        fresh["probability_two_random_records_match"] = self.probability_two_random_records_match
        trained = {c["output_column_name"]: c["comparison_levels"]
                   for c in self.settings["comparisons"]}
        for comparison in fresh["comparisons"]:
            levels = trained[comparison["output_column_name"]]
            for level, source in zip(comparison["comparison_levels"], levels, strict=True):
                for key in ("m_probability", "u_probability"):
                    if source.get(key) is not None:
                        level[key] = source[key]
                if level.get("tf_adjustment_column") and level.get("u_probability"):
                    # A rare value may add at most TF_MAX_BONUS bits to the level's weight.
                    level["tf_minimum_u_value"] = level["u_probability"] / 2 ** TF_MAX_BONUS
        fresh.pop("sql_dialect", None)
        return fresh

    @property
    def probability_two_random_records_match(self) -> float:
        return float(self.settings["probability_two_random_records_match"])

    def parameters(self) -> dict[str, list[dict[str, Any]]]:
        """comparison name -> its levels' m, u and tf settings, in order (null level first),
        exactly as a Linker on any engine gets them."""
        out = {}
        for comparison in self.splink_settings()["comparisons"]:
            out[comparison["output_column_name"]] = comparison["comparison_levels"]
        return out


def _quiet_splink() -> None:
    logging.getLogger("splink").setLevel(logging.ERROR)


def train(standard: pd.DataFrame, db_api: Any, *, seed: int = 42,
          start: LinkageModel | None = None) -> LinkageModel:
    """Unsupervised training on a standardised table (no labels): u by random sampling,
    m by expectation maximisation on two blockings, starting from `start` (priors)."""
    from splink import Linker

    _quiet_splink()
    start = start or LinkageModel.priors()
    # Unique per run: a Spark session (and its registered tables) outlives one run.
    table = db_api.register(standard, dataset_display_name=f"seawall_train_{uuid.uuid4().hex[:8]}")
    linker = Linker(table, start.splink_settings(db_api.sql_dialect.sql_dialect_str),
                    log_level=None)
    # Two and a half pairs per record (at least 50,000, at most a million): ten, five and
    # 2.5 gave the same F1 on generated data of seeds 7 (20,000 records: 0.9517 at five,
    # 0.9515 at 2.5) and 2024 (100,000: 0.9386, 0.9387), and the sample is a fifth of a
    # 20,000-record run's time.
    max_pairs = min(1e6, max(5e4, len(standard) * 2.5))
    # One pass over the sample (num_chunks=1): the probing passes Splink makes to stop
    # early cost more here than they save.
    linker.training.estimate_u_using_random_sampling(max_pairs=max_pairs, seed=seed,
                                                     num_chunks=1)
    linker.training.estimate_probability_two_random_records_match(
        list(DETERMINISTIC_RULES), recall=RULES_RECALL)
    for rule in TRAINING_BLOCKS:
        # EM's own share of matches within these blocks says nothing of the whole table,
        # so it is not carried back into the model's prior (set above).
        linker.training.estimate_parameters_using_expectation_maximisation(
            rule, estimate_without_term_frequencies=True)
    settings = json.loads(json.dumps(linker.misc.save_model_to_json()))
    return LinkageModel(_floor_m(settings))


# No level may rule a match out entirely: EM on clean blocks can drive m to ~0 (sex never
# differs within a person there), but a form filled in wrong must only weigh, not veto.
M_FLOOR = 0.002


def _floor_m(settings: dict[str, Any]) -> dict[str, Any]:
    for comparison in settings["comparisons"]:
        for level in comparison["comparison_levels"]:
            if level.get("is_null_level"):
                continue
            if level.get("m_probability") is not None:
                level["m_probability"] = max(level["m_probability"], M_FLOOR)
    return settings


def bayes_factor_to_probability(weight: float) -> float:
    """match_probability from a total match weight (log2 of the odds)."""
    return 1.0 / (1.0 + math.pow(2.0, -weight))


def _main(argv: list[str]) -> int:
    """Retrain the packaged default model on generated data of seed 2024."""
    from seawall.linkage.engines import make_db_api
    from seawall.linkage.standardise import standardise
    from seawall.synth.duplicates import generate

    out = Path(argv[0]) if argv else Path(__file__).with_name("default_model.json")
    records = generate(50_000, seed=2024)
    model = train(standardise(records, "TTO"), make_db_api("duckdb"))
    model.save(out)
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
