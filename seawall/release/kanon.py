"""k-anonymous case-level releases: generalise the rare records, suppress only what is left.

`anonymise(frame, k, quasi)` returns the release (the input's columns, with generalised
values written as the documented hierarchy labels) and its report. Records whose
quasi-identifier combination already occurs k or more times are kept exactly; the others
are generalised together by local recoding (seawall.release.mondrian). Only if fewer than
k records need generalising at all are those few suppressed. Before returning, the release
is checked again by an independent count on the written values; a release that fails the
check is refused, never returned.

`suppress_only(frame, k, quasi)` is CTDC's own method (drop every record whose combination
occurs fewer than k times), kept for comparison in reports and benchmarks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from seawall.errors import InputError
from seawall.release import metrics
from seawall.release.columns import resolve_quasi
from seawall.release.hierarchy import Hierarchy, build_hierarchy
from seawall.release.mondrian import partition

METHOD = "local recoding (top-down Mondrian over generalisation hierarchies), then suppression"


class KAnonymityViolation(RuntimeError):
    """The final independent check found a class smaller than k: nothing may be written."""


@dataclass
class KanonResult:
    frame: pd.DataFrame
    report: dict[str, Any]


def check_k(k: Any) -> int:
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 2:
        raise InputError(f"k must be a whole number of at least 2, not {k!r}", field="--k")
    return int(k)


def anonymise(frame: pd.DataFrame, k: int, quasi: Sequence[str] | None = None, *,
              kinds: Mapping[str, str] | None = None, progress: bool = False) -> KanonResult:
    k = check_k(k)
    quasi = resolve_quasi(frame, quasi)
    if frame.empty:
        raise InputError("no records to release")
    n = len(frame)
    kinds = kinds or {}
    hierarchies = [build_hierarchy(q, frame[q].unique(), kinds.get(q)) for q in quasi]
    leaves = np.stack([h.encode(frame[q]) for q, h in zip(quasi, hierarchies)], axis=1)
    sizes = _class_sizes_of(leaves)
    rare = np.flatnonzero(sizes < k)

    if rare.size >= k:
        generalised = partition(leaves[rare], hierarchies, k, progress=progress)
        suppressed = np.zeros(0, dtype=np.int64)
    else:
        generalised = leaves[rare][:0]
        suppressed = rare
        rare = rare[:0]

    release = _write_values(frame, quasi, hierarchies, leaves, rare, generalised, suppressed)
    out_sizes = metrics.class_sizes(release, quasi)
    if len(out_sizes) and int(out_sizes.min()) < k:
        raise KAnonymityViolation(
            f"refusing the release: a combination occurs only {int(out_sizes.min())} times (k = {k})")
    report = _report(k, quasi, hierarchies, leaves, rare, generalised, suppressed, out_sizes, sizes, n)
    return KanonResult(release, report)


def suppress_only(frame: pd.DataFrame, k: int, quasi: Sequence[str] | None = None) -> KanonResult:
    """CTDC's k-anonymisation: every record of a combination rarer than k is dropped."""
    k = check_k(k)
    quasi = resolve_quasi(frame, quasi)
    counts = frame.groupby(quasi, dropna=False, sort=False)[quasi[0]].transform("size")
    keep = counts.to_numpy() >= k
    release = frame.loc[keep].reset_index(drop=True)
    out_sizes = metrics.class_sizes(release, quasi)
    suppressed = int((~keep).sum())
    report = {
        "method": "suppression only (CTDC)",
        "k": k,
        "records_in": len(frame),
        "records_kept": int(keep.sum()),
        "records_suppressed": suppressed,
        "loss": {
            "ncp": metrics.mean_ncp(0.0, int(keep.sum()), suppressed, len(quasi)),
            "discernibility": metrics.discernibility(out_sizes, suppressed, len(frame)),
        },
        "class_sizes": metrics.size_distribution(out_sizes, k),
    }
    return KanonResult(release, report)


def _class_sizes_of(leaves: np.ndarray) -> np.ndarray:
    """Exact class size of every record: combine the columns into one code, column by column."""
    code = np.zeros(leaves.shape[0], dtype=np.int64)
    for j in range(leaves.shape[1]):
        code, _ = pd.factorize(code * (int(leaves[:, j].max()) + 1) + leaves[:, j])
        code = code.astype(np.int64)
    return np.bincount(code)[code]


def _write_values(frame: pd.DataFrame, quasi: Sequence[str], hierarchies: Sequence[Hierarchy],
                  leaves: np.ndarray, rare: np.ndarray, generalised: np.ndarray,
                  suppressed: np.ndarray) -> pd.DataFrame:
    """The input with each quasi-identifier rewritten from its nodes' labels (a leaf's label is
    the original value, so untouched records read exactly as before)."""
    release = frame.copy()
    if rare.size:
        for j, (column, hierarchy) in enumerate(zip(quasi, hierarchies)):
            nodes = leaves[:, j].copy()
            nodes[rare] = generalised[:, j]
            decoded = pa.DictionaryArray.from_arrays(
                pa.array(nodes, type=pa.int32()), pa.array(hierarchy.labels, type=pa.large_string())
            ).dictionary_decode()
            release[column] = pd.Series(decoded.to_pandas(), index=release.index).astype("str")
    if suppressed.size:
        release = release.drop(index=release.index[suppressed])
    return release.reset_index(drop=True)


def _report(k: int, quasi: Sequence[str], hierarchies: Sequence[Hierarchy], leaves: np.ndarray,
            rare: np.ndarray, generalised: np.ndarray, suppressed: np.ndarray,
            out_sizes: pd.Series, in_sizes: np.ndarray, n: int) -> dict[str, Any]:
    penalty = 0.0
    applied: dict[str, Any] = {}
    for j, (column, hierarchy) in enumerate(zip(quasi, hierarchies)):
        ncp = hierarchy.ncp()
        original = leaves[rare, j]
        changed = generalised[:, j] != original
        penalty += float((ncp[generalised[:, j]] - ncp[original]).sum())
        labels = pd.Series(np.asarray(hierarchy.labels, dtype=object)[generalised[changed, j]])
        applied[column] = {
            "hierarchy": " -> ".join(hierarchy.levels),
            "cells_generalised": int(changed.sum()),
            "to": {str(label): int(count) for label, count in labels.value_counts().items()},
        }
    kept = n - int(suppressed.size)
    baseline_suppressed = int((in_sizes < k).sum())
    # Sum of squared class sizes = sum over records of their own class size.
    baseline_dm = int(in_sizes[in_sizes >= k].sum()) + baseline_suppressed * n
    return {
        "method": METHOD,
        "k": k,
        "quasi_identifiers": list(quasi),
        "records_in": n,
        "records_kept": kept,
        "records_suppressed": int(suppressed.size),
        "records_generalised": int(rare.size),
        "generalisations": applied,
        "loss": {
            "metric": "NCP: mean normalised certainty penalty over quasi-identifier cells "
                      "(0 = nothing lost, 1 = all lost; a suppressed record counts 1); "
                      "discernibility: sum of squared class sizes plus n per suppressed record",
            "ncp": metrics.mean_ncp(penalty, kept, int(suppressed.size), len(quasi)),
            "discernibility": metrics.discernibility(out_sizes, int(suppressed.size), n),
        },
        "class_sizes": metrics.size_distribution(out_sizes, k),
        "suppression_only_for_comparison": {
            "records_suppressed": baseline_suppressed,
            "ncp": metrics.mean_ncp(0.0, n - baseline_suppressed, baseline_suppressed, len(quasi)),
            "discernibility": baseline_dm,
        },
    }
