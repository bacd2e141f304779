"""What a statistics page or download was asked for: year, suppression threshold, exact view."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms

from seawall.indicators.rules import YEAR_RANGE
from seawall.indicators.suppression import DEFAULT_THRESHOLD

# The web never publishes counts below 5; a stricter threshold may be chosen. Exact figures
# for a questionnaire stay on screen (the "exact" view) or come from the command line on the
# server, which needs access to the node itself.
MIN_THRESHOLD = DEFAULT_THRESHOLD
MAX_THRESHOLD = 100


class OptionsForm(forms.Form):
    year = forms.IntegerField(required=False, min_value=YEAR_RANGE.start, max_value=YEAR_RANGE.stop - 1,
                              label="Year", help_text="Year of identification")
    suppress_below = forms.IntegerField(
        required=False, min_value=MIN_THRESHOLD, max_value=MAX_THRESHOLD, label="Hide counts below",
        help_text=f"Counts below this are shown as <N here and in every download ({MIN_THRESHOLD} to {MAX_THRESHOLD}).")
    exact = forms.BooleanField(required=False, label="Show exact counts on this screen only",
                               help_text="Downloads stay suppressed. Do not copy exact small counts into a publication.")


@dataclass(frozen=True)
class Options:
    year: int | None  # None: the latest year with victims (or none at all)
    threshold: int
    exact: bool

    @property
    def screen_threshold(self) -> int:
        return 0 if self.exact else self.threshold

    def query(self, year: int | None = None) -> str:
        """The query string that asks for the same view (for download links)."""
        chosen = self.year if year is None else year
        parts = [f"suppress_below={self.threshold}"]
        if chosen is not None:
            parts.insert(0, f"year={chosen}")
        return "&".join(parts)


def read_options(data: object) -> tuple[OptionsForm, Options | None]:
    form = OptionsForm(data or None)  # type: ignore[arg-type]
    if data and not form.is_valid():
        return form, None
    cleaned = form.cleaned_data if data else {}
    threshold = cleaned.get("suppress_below") or DEFAULT_THRESHOLD
    return form, Options(year=cleaned.get("year"), threshold=threshold, exact=bool(cleaned.get("exact")))
