"""Top-down local recoding (Mondrian with generalisation hierarchies), vectorised with numpy.

Input: the records that are NOT already k-anonymous, as one leaf node per quasi-identifier.
They start as a single partition with every quasi-identifier at "not specified". Each round,
every partition tries, for each quasi-identifier, to step one level down its hierarchy:
records are grouped by the child node on the way to their own value; children with at least
k records become partitions of their own, the rest stay together at the parent node. If the
rest would be smaller than k it is topped up from the largest children (their surplus over k)
or, failing that, the smallest child rejoins it; a split that cannot leave every part with k
records is not made. Among the possible splits a partition takes the one that recovers the
most information (the largest drop in normalised certainty penalty); partitions with no
useful split are final. Every partition therefore always has at least k records, so no
record needs suppressing as long as there are k records to anonymise at all.

Why this method: the CTDC schema has ~30 quasi-identifiers (25 of them flags), so a
full-domain lattice (Incognito/OLA) has billions of nodes and, worse, generalises a column
for every record when a few rare records need it. Local recoding touches only the rare
records and keeps each one as specific as its k neighbours allow (Xu et al. 2006; LeFevre
et al. 2006). Records that are already in classes of k or more are left exactly as they are.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import numpy as np
import pandas as pd
from tqdm import tqdm

from seawall.release.hierarchy import Hierarchy


class _Attribute:
    """Per-quasi-identifier lookup tables used in the inner loop."""

    def __init__(self, hierarchy: Hierarchy) -> None:
        self.ancestors = hierarchy.ancestors()
        self.depth = hierarchy.depth
        self.ncp = hierarchy.ncp()
        self.nodes = len(hierarchy.labels)
        self.height = self.ancestors.shape[1]

    def child_towards(self, node: np.ndarray, leaf: np.ndarray) -> np.ndarray:
        """The child of node on the path down to leaf (node itself when node is the leaf)."""
        level = np.minimum(self.depth[node] + 1, self.height - 1)
        return self.ancestors[leaf, level]


def partition(leaves: np.ndarray, hierarchies: Sequence[Hierarchy], k: int,
              progress: bool = False) -> np.ndarray:
    """Generalised node per record and quasi-identifier, shape (records, quasi)."""
    records, quasi = leaves.shape
    if records == 0:
        return leaves.copy()
    if records < k:
        raise ValueError("fewer than k records cannot be partitioned")
    attrs = [_Attribute(h) for h in hierarchies]
    columns = [np.ascontiguousarray(leaves[:, j]) for j in range(quasi)]
    state = _State(records, quasi)
    bar = tqdm(desc="generalising", unit=" splits", file=sys.stderr, disable=not progress)
    while True:
        members = np.flatnonzero(state.active[state.pid])
        if members.size == 0:
            break
        local, parts = pd.factorize(state.pid[members])
        best_gain = np.zeros(parts.size)
        best_attr = np.full(parts.size, -1)
        for j, attr in enumerate(attrs):
            # A quasi-identifier on which no child reached k in a partition cannot reach it
            # in any part of that partition either: skip it there for good.
            open_parts = ~state.exhausted[parts, j]
            if not open_parts.any():
                continue
            rows = np.flatnonzero(open_parts[local])
            plan = _plan(attr, state.nodes[parts, j], local[rows], columns[j][members[rows]], k,
                         parts.size)
            if plan is None:
                state.exhausted[parts[open_parts], j] = True
                continue
            state.exhausted[parts[open_parts & ~plan.has_big], j] = True
            better = plan.gain > best_gain + 1e-12
            best_gain[better] = plan.gain[better]
            best_attr[better] = j
        state.active[parts[best_attr < 0]] = False
        splits = 0
        for j in np.unique(best_attr[best_attr >= 0]):
            rows = members[(best_attr == j)[local]]
            sub_local, sub_parts = pd.factorize(state.pid[rows])
            plan = _plan(attrs[j], state.nodes[sub_parts, j], sub_local, columns[j][rows], k,
                         sub_parts.size)
            assert plan is not None
            splits += state.apply(plan, int(j), rows, sub_parts)
        bar.update(splits)
    bar.close()
    return state.nodes[state.pid]


class _State:
    """Partitions: each record's partition, and per partition its node on every
    quasi-identifier, whether it may still split, and which quasi-identifiers are spent."""

    def __init__(self, records: int, quasi: int) -> None:
        self.pid = np.zeros(records, dtype=np.int64)
        self.nodes = np.zeros((1, quasi), dtype=np.int32)
        self.active = np.ones(1, dtype=bool)
        self.exhausted = np.zeros((1, quasi), dtype=bool)

    def apply(self, plan: _Plan, j: int, rows: np.ndarray, parts: np.ndarray) -> int:
        """Carry out the planned splits: the first `keep` records of each specialised group
        go down into a new partition; the others stay in the parent partition."""
        in_group = plan.moving
        group = plan.group
        order = np.argsort(group, kind="stable")
        starts = np.searchsorted(group[order], np.arange(len(plan.keep)))
        rank = np.empty(len(group), dtype=np.int64)
        rank[order] = np.arange(len(group)) - starts[group[order]]
        down = plan.specialised[group] & (rank < plan.keep[group])
        new_groups = np.flatnonzero(plan.specialised)
        new_id = np.full(len(plan.keep), -1, dtype=np.int64)
        new_id[new_groups] = self.nodes.shape[0] + np.arange(new_groups.size)
        parents = parts[plan.group_part[new_groups]]
        new_nodes = self.nodes[parents].copy()
        new_nodes[:, j] = plan.group_child[new_groups]
        new_exhausted = self.exhausted[parents].copy()
        new_exhausted[:, j] = False  # one level down, this quasi-identifier may split again
        self.pid[rows[in_group[down]]] = new_id[group[down]]
        self.nodes = np.concatenate([self.nodes, new_nodes])
        self.exhausted = np.concatenate([self.exhausted, new_exhausted])
        self.active = np.concatenate([self.active, np.ones(new_groups.size, dtype=bool)])
        return int(new_groups.size)


class _Plan:
    """The best split of every partition on one quasi-identifier."""

    def __init__(self, **fields: np.ndarray) -> None:
        self.__dict__.update(fields)

    moving: np.ndarray  # positions of the records that could go down
    group: np.ndarray  # group of each of those records
    group_part: np.ndarray  # partition (local id) of each group
    group_child: np.ndarray  # child node of each group
    specialised: np.ndarray  # per group: becomes a partition of its own
    keep: np.ndarray  # per group: how many records go down (the rest stay with the parent)
    gain: np.ndarray  # per partition: drop in total NCP
    has_big: np.ndarray  # per partition: some child reached k


def _plan(attr: _Attribute, part_node: np.ndarray, local: np.ndarray, leaf: np.ndarray, k: int,
          n_parts: int) -> _Plan | None:
    node = part_node[local]
    # Records already at their own value cannot go down; they only count towards the rest.
    movable = attr.depth[node] < attr.depth[leaf]
    if not movable.any():
        return None
    moving = np.flatnonzero(movable)
    child = attr.child_towards(node[moving], leaf[moving])
    group, uniques = pd.factorize(local[moving].astype(np.int64) * attr.nodes + child)
    counts = np.bincount(group)
    big = counts >= k
    group_part = (uniques // attr.nodes).astype(np.int64)
    if not big.any():  # the common case for rare flags: nothing to split, nothing more to do
        none = np.zeros(n_parts, dtype=bool)
        return _Plan(moving=moving, group=group, group_part=group_part, group_child=child[:0],
                     specialised=big, keep=counts * 0, gain=np.zeros(n_parts), has_big=none)
    group_child = (uniques % attr.nodes).astype(np.int32)
    size = np.bincount(local, minlength=n_parts)
    rest = size - np.bincount(group_part, weights=counts * big, minlength=n_parts).astype(np.int64)
    need = np.where((rest > 0) & (rest < k), k - rest, 0)
    surplus = np.where(big, counts - k, 0)
    part_surplus = np.bincount(group_part, weights=surplus, minlength=n_parts).astype(np.int64)
    n_big = np.bincount(group_part, weights=big, minlength=n_parts).astype(np.int64)
    keep = np.where(big, counts, 0)
    # Top the rest up from the children with the most to spare, largest first.
    donate = (need > 0) & (part_surplus >= need)
    if donate.any():
        order = np.lexsort((-surplus, group_part))
        cum = np.zeros(len(counts), dtype=np.int64)
        cum_sorted = np.cumsum(surplus[order])
        start_of_part = np.searchsorted(group_part[order], group_part[order], side="left")
        before = cum_sorted - surplus[order] - np.where(start_of_part > 0, cum_sorted[start_of_part - 1], 0)
        cum[order] = before
        give = np.clip(need[group_part] - cum, 0, surplus)
        keep = np.where(donate[group_part] & big, counts - give, keep)
    # Otherwise the smallest child rejoins the rest, if another child still goes down.
    merge = (need > 0) & ~donate & (n_big >= 2)
    if merge.any():
        masked = np.where(big & merge[group_part], counts, np.iinfo(np.int64).max)
        order = np.lexsort((masked, group_part))
        first = np.unique(group_part[order], return_index=True)[1]
        smallest = order[first]
        smallest = smallest[merge[group_part[smallest]]]
        keep[smallest] = 0
    valid = (need == 0) | donate | merge
    specialised = big & valid[group_part] & (keep > 0)
    loss_drop = attr.ncp[part_node[group_part]] - attr.ncp[group_child]
    gain = np.bincount(group_part, weights=np.where(specialised, keep * loss_drop, 0.0),
                       minlength=n_parts)
    has_big = n_big > 0
    return _Plan(moving=moving, group=group, group_part=group_part, group_child=group_child,
                 specialised=specialised, keep=np.where(specialised, keep, 0), gain=gain,
                 has_big=has_big)
