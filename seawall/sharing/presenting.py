"""A release's report (the core's JSON) in the shape the release page shows it."""

from __future__ import annotations

import math
from typing import Any

from seawall.sharing.models import Release
from seawall.sharing.signing import SignatureInvalid, read_signature

WIDTHS = ("1-way", "2-way", "3-way")


def report_context(release: Release) -> dict[str, Any]:
    report = release.report or {}
    shown: dict[str, Any] = {"report": report}
    if "kanon" in report:
        kanon = report["kanon"]
        shown["kanon"] = kanon
        shown["generalisations"] = [
            {"column": column, **facts, "to": sorted(facts.get("to", {}).items(), key=lambda item: -item[1])}
            for column, facts in kanon.get("generalisations", {}).items() if facts.get("cells_generalised")]
        shown["histogram"] = list(kanon.get("class_sizes", {}).get("histogram", {}).items())
    if "dp_counts" in report:
        shown["dp"] = report["dp_counts"]
        # The file's intervals use the whole part of OpenDP's half-width (integer counts).
        shown["dp_half_width"] = math.floor(report["dp_counts"].get("half_width", 0))
    if "synth" in report:
        shown["synth"] = report["synth"]
        utility = report.get("utility", {})
        shown["utility"] = utility
        shown["marginals"] = [{"width": width, **utility[width]} for width in WIDTHS if width in utility]
    if "budget" in report:
        shown["budget"] = report["budget"]
    return shown


def signature_facts(release: Release) -> dict[str, Any] | None:
    """What the signature file says (its public key for verifiers), if it is there."""
    path = release.signature_path
    if release.state != Release.APPROVED or path is None or not path.is_file():
        return None
    try:
        return read_signature(path)
    except SignatureInvalid:
        return None
