"""Small-cell suppression: the one function every output that leaves the screen goes through.

A count below the threshold is written "<N" (zero included: "none of the victims was male"
discloses as much as "one was"), and every value computed from it (a rate, a share, a change)
is blanked, since it would give the count back.

This is primary suppression only: a suppressed cell can sometimes be recovered by subtracting
published cells from a published total. Releases that must resist that go through the release
core (differential privacy), not through this function.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from seawall.errors import InputError

DEFAULT_THRESHOLD = 5


def check_threshold(threshold: int) -> int:
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 0:
        raise InputError(f"{threshold!r} is not allowed; give 0 (no suppression) or a positive whole number",
                         field="--suppress-below")
    return threshold


def suppressed_label(threshold: int) -> str:
    return f"<{threshold}"


def suppress(
    frame: pd.DataFrame,
    counts: Sequence[str],
    threshold: int = DEFAULT_THRESHOLD,
    derived: Mapping[str, Sequence[str]] | None = None,
) -> pd.DataFrame:
    """A copy of `frame` where each count below `threshold` reads "<threshold".

    `derived` maps a column (rate, share, change) to the counts it is computed from; it is
    blanked ("") in every row where one of those counts is suppressed. Threshold 0 turns
    suppression off. Blank counts (None/NaN, meaning "not available") stay blank.
    """
    check_threshold(threshold)
    out = frame.copy()
    if threshold == 0 or out.empty:
        return out
    # Text already in a count column ("<5", "") is not a number and so never "small" again.
    small = {column: _below(out[column], threshold) for column in counts}
    for column, sources in (derived or {}).items():
        hit = pd.Series(False, index=out.index)
        for source in sources:
            hit |= small[source]
        out[column] = out[column].astype(object).where(~hit, "")
    label = suppressed_label(threshold)
    for column in counts:
        out[column] = out[column].astype(object).where(~small[column], label)
    return out


def _below(values: pd.Series, threshold: int) -> pd.Series:
    # Nullable integers compare to <NA>; a missing count is "not available", never small.
    numbers = pd.to_numeric(values.astype(object), errors="coerce").astype("float64")
    return pd.Series(numbers.to_numpy() < threshold, index=values.index)
