"""Generalisation hierarchies: how a quasi-identifier's value may be made less specific.

Each hierarchy is a tree whose leaves are the values a column can hold and whose root,
"not specified", says nothing. The k-anonymiser walks records up these trees (local
recoding) instead of deleting them. The trees are documented in docs/release.md:

- age bands (CTDC ageBroad): band -> wider band -> minor (0--17) / adult (18+) -> not specified
- years: year -> two-year range -> decade -> not specified
- countries (ISO alpha-2 or alpha-3): country -> UN M49 sub-region -> M49 region -> not specified
- anything else (flags, gender, data source): value -> not specified

"Unknown", "Missing" and blank cells sit directly under the root: they carry no detail to keep.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import numpy as np
import pandas as pd

ROOT = "not specified"

# CTDC age bands (v1 and 2024 use the same ones) and the wider bands above them.
AGE_PARENT = {
    "0--8": "0--17", "9--17": "0--17",
    "18--20": "18--26", "21--23": "18--26", "24--26": "18--26",
    "27--29": "27--38", "30--38": "27--38",
    "39--47": "39+", "48+": "39+",
    "18--26": "18+", "27--38": "18+", "39+": "18+",
    "0--17": ROOT, "18+": ROOT,
}
AGE_LEAVES = ("0--8", "9--17", "18--20", "21--23", "24--26", "27--29", "30--38", "39--47", "48+")

KIND_LEVELS = {
    "age": ("age band", "wider band (0--17, 18--26, 27--38, 39+)", "minor 0--17 / adult 18+", ROOT),
    "year": ("year", "two-year range (e.g. 2016-2017)", "decade (e.g. 2010-2019)", ROOT),
    "country": ("country code", "UN M49 sub-region", "UN M49 region", ROOT),
    "flat": ("value", ROOT),
}


@dataclass(frozen=True)
class Region:
    subregion: str
    region: str


@cache
def m49_regions() -> dict[str, Region]:
    """ISO alpha-2 and alpha-3 code -> M49 sub-region and region (packaged table)."""
    table: dict[str, Region] = {}
    text = resources.files("seawall.release").joinpath("data/m49_subregions.csv").read_text("utf-8")
    for row in csv.DictReader(text.splitlines()):
        region = Region(row["subregion"], row["region"])
        table[row["iso2"]] = region
        table[row["iso3"]] = region
    return table


@dataclass
class Hierarchy:
    """A compiled tree for one column. Node 0 is the root; ids are dense for numpy lookups."""

    column: str
    kind: str
    labels: list[str]
    parent: np.ndarray  # node -> parent node (the root is its own parent)
    depth: np.ndarray  # root = 0
    leaves_under: np.ndarray  # how many domain leaves a node covers
    index: dict[str, int] = field(repr=False)  # label -> node

    @property
    def domain_size(self) -> int:
        return int(self.leaves_under[0])

    @property
    def levels(self) -> tuple[str, ...]:
        return KIND_LEVELS[self.kind]

    def ncp(self) -> np.ndarray:
        """Normalised certainty penalty of each node: 0 for a single value, 1 for the root."""
        if self.domain_size <= 1:
            return np.where(np.arange(len(self.labels)) == 0, 1.0, 0.0)
        return (self.leaves_under - 1) / (self.domain_size - 1)

    def encode(self, values: np.ndarray | pd.Series) -> np.ndarray:
        """Node id of each value (values must have been given to the builder)."""
        # A pandas string column factorises in Arrow, far faster than an object array.
        codes, uniques = pd.factorize(values if isinstance(values, pd.Series) else np.asarray(values, dtype=object))
        ids = np.array([self.index[str(u)] for u in uniques], dtype=np.int32)
        return ids[codes]

    def ancestors(self) -> np.ndarray:
        """anc[node, d] = the ancestor of node at depth d, or node itself below its own depth."""
        height = int(self.depth.max()) + 1
        anc = np.repeat(np.arange(len(self.labels), dtype=np.int32)[:, None], height, axis=1)
        for node in range(len(self.labels)):
            current = node
            while True:
                anc[node, self.depth[current]] = current
                if current == 0:
                    break
                current = int(self.parent[current])
        return anc


def build_hierarchy(column: str, values: Iterable[str], kind: str | None = None) -> Hierarchy:
    """The hierarchy for a quasi-identifier, given the distinct values it takes."""
    observed = sorted(set(values))
    kind = kind or guess_kind(column, observed)
    if kind == "age":
        parents, leaves = _age_tree(observed)
    elif kind == "year":
        parents, leaves = _year_tree(observed)
    elif kind == "country":
        parents, leaves = _country_tree(observed)
    elif kind == "flat":
        parents, leaves = {v: ROOT for v in observed if v != ROOT}, [v for v in observed if v != ROOT]
    else:
        raise ValueError(f"unknown hierarchy kind {kind!r}")
    return _compile(column, kind, parents, leaves)


def guess_kind(column: str, observed: list[str]) -> str:
    name = column.lower()
    if name in {"agebroad", "age_broad", "ageband"}:
        return "age"
    if name.startswith("year") and all(_is_year(v) or v in ("", "Unknown") for v in observed):
        return "year"
    if "citizenship" in name or "country" in name or "nationality" in name:
        return "country"
    return "flat"


def _is_year(value: str) -> bool:
    return len(value) == 4 and value.isdigit()


def _age_tree(observed: list[str]) -> tuple[dict[str, str], list[str]]:
    parents = dict(AGE_PARENT)
    leaves = list(AGE_LEAVES)
    for value in observed:
        if value not in parents and value != ROOT:
            parents[value] = ROOT  # Unknown, blank or a band we do not know
            leaves.append(value)
    return parents, leaves


def _year_tree(observed: list[str]) -> tuple[dict[str, str], list[str]]:
    years = [int(v) for v in observed if _is_year(v)]
    parents: dict[str, str] = {}
    leaves: list[str] = []
    if years:
        for year in range(min(years), max(years) + 1):
            pair = year - year % 2
            decade = year - year % 10
            parents[str(year)] = f"{pair}-{pair + 1}"
            parents[f"{pair}-{pair + 1}"] = f"{decade}-{decade + 9}"
            parents[f"{decade}-{decade + 9}"] = ROOT
            leaves.append(str(year))
    for value in observed:
        if value not in parents and value != ROOT:
            parents[value] = ROOT
            leaves.append(value)
    return parents, leaves


def _country_tree(observed: list[str]) -> tuple[dict[str, str], list[str]]:
    regions = m49_regions()
    # Alpha-2 (CTDC v1) or alpha-3 (CTDC 2024): the domain is every country of that form.
    alpha3 = sum(len(v) == 3 and v in regions for v in observed) > sum(
        len(v) == 2 and v in regions for v in observed)
    parents: dict[str, str] = {}
    leaves: list[str] = []
    for code, region in regions.items():
        if (len(code) == 3) == alpha3:
            parents[code] = region.subregion
            parents[region.subregion] = region.region
            parents[region.region] = ROOT
            leaves.append(code)
    for value in observed:
        if value not in parents and value != ROOT:
            parents[value] = ROOT  # Unknown, Missing, blank, or a code M49 does not place
            leaves.append(value)
    return parents, leaves


def _compile(column: str, kind: str, parents: dict[str, str], leaves: list[str]) -> Hierarchy:
    labels = [ROOT]
    index = {ROOT: 0}
    # Parents before children, so depth can be filled in one pass.
    pending = sorted(parents, key=lambda label: _depth(label, parents))
    for label in pending:
        index[label] = len(labels)
        labels.append(label)
    parent = np.zeros(len(labels), dtype=np.int32)
    depth = np.zeros(len(labels), dtype=np.int32)
    for label in pending:
        node = index[label]
        parent[node] = index[parents[label]]
        depth[node] = depth[parent[node]] + 1
    leaves_under = np.zeros(len(labels), dtype=np.int64)
    for leaf in set(leaves):
        node = index[leaf]
        while True:
            leaves_under[node] += 1
            if node == 0:
                break
            node = int(parent[node])
    return Hierarchy(column, kind, labels, parent, depth, leaves_under, index)


def _depth(label: str, parents: dict[str, str]) -> int:
    depth = 0
    while label != ROOT:
        label = parents[label]
        depth += 1
    return depth
