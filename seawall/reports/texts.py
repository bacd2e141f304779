"""Texts of the node's statistics pages that the core does not hold: what a missing section needs."""

from __future__ import annotations

from django.conf import settings

# What the node would have to record before each missing section of the annual report can be
# computed; shown next to the core's "not yet recorded" text.
NEEDED: dict[str, str] = {
    "referrals_and_services": "Needs the referrals module: for each victim, the referrals made (service "
                              "type, HTCDS spl_Type; provider; date referred; accepted or declined) and the "
                              "services actually given, with dates.",
    "investigations": "Needs the investigations module: investigations opened in the year (agency, date, "
                      "offence: trafficking, smuggling or related) with the form of exploitation and the "
                      "victims linked to each.",
    "prosecutions": "Needs the prosecutions part of that module: persons charged in the year, with the "
                    "offence, date of charge and form of exploitation.",
    "convictions": "Needs verdicts: persons convicted or acquitted in the year, with date, offence, form of "
                   "exploitation and sentence.",
}

TITLES: dict[str, str] = {
    "referrals_and_services": "Referrals and services given",
    "investigations": "Investigations by form of exploitation",
    "prosecutions": "Prosecutions by form of exploitation",
    "convictions": "Convictions by form of exploitation",
}


def detection_rule() -> str:
    return ("Country of detection of a node case: the country of its latest exploitation event "
            f"(HTCDS hte_Type Exploitation), else this node's country ({settings.NODE_COUNTRY}). "
            "This is CTDC's proxy; a victim exploited abroad and identified here counts under the "
            "country of exploitation.")


def not_recorded(items: dict[str, str]) -> list[dict[str, str]]:
    """The report's missing sections, each with its title, why it is missing and what it needs."""
    return [{"name": name, "title": TITLES.get(name, name.replace("_", " ").capitalize()),
             "why": why, "needed": NEEDED.get(name, "")} for name, why in items.items()]


def suppression_text(threshold: int) -> str:
    """The small-cell rule as the web's pages and files state it (the web never turns it off)."""
    return (f"Small-cell protection: counts below {threshold} are shown as <{threshold} (zero included), and "
            f"the shares, rates and changes computed from them are left empty, on screen and in every "
            f"download (CSV, SVG, PNG, PDF, Excel).")
