"""Scores and explanations as caseworkers read them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from seawall.standard.geo import country_name

COMPARISON_LABELS = {"name": "Name", "date_of_birth": "Birth date", "sex": "Sex", "nationality": "Citizenship",
                     "phone": "Phone"}


def percent(probability: float) -> str:
    """"97%", and never "100%": the model is sure of nothing."""
    value = probability * 100
    if value >= 99.9:
        return "over 99.9%"
    if value >= 99:
        return f"{value:.1f}%"
    return f"{value:.0f}%"


def strength(weight: float) -> str:
    # Match weights are log2 Bayes factors: +10 is about a thousand times more likely.
    if weight >= 8:
        return "strongly for"
    if weight >= 2:
        return "for"
    if weight > -2:
        return "neutral"
    return "against"


def evidence_rows(evidence: Iterable[Mapping[str, Any] | Any]) -> list[dict[str, Any]]:
    rows = []
    for item in evidence:
        values = item if isinstance(item, Mapping) else item.as_dict()
        weight = float(values["weight"])
        rows.append({"label": COMPARISON_LABELS.get(values["comparison"], values["comparison"]),
                     "level": values["level"], "weight": f"{weight:+.1f}", "strength": strength(weight)})
    # Strongest reasons first: that is what a reviewer reads.
    return sorted(rows, key=lambda r: -abs(float(r["weight"])))


def countries(codes: Iterable[str]) -> str:
    return ", ".join(country_name(code) for code in codes)
