"""The definition printed next to every statistic, so that two people compute the same number.

Texts are data: the CLI writes them into reports, the dashboard shows them beside charts.
"""

from __future__ import annotations

from seawall.indicators.population import EDITION

VICTIM = ("A victim is one case of a person identified as a possible or actual victim of "
          "trafficking (HTCDS vic_TraffickingStatus other than NotAVictimOfTrafficking; every "
          "row of a CTDC file), counted in the calendar year of identification (CTDC v1: "
          "yearOfRegistration). Cases without a year are left out and reported.")

SDG_16_2_2 = ("SDG indicator 16.2.2: detected victims of trafficking per 100,000 population. "
              "Country = where the victim was detected (CTDC v1: CountryOfExploitation); victims "
              "of unknown country are left out and reported. sex: total, female, male; age_group: "
              "total, 0-17, 18+ (unknown sex or age counts only in the totals); form: total, "
              "sexual_exploitation, forced_labour, other (a victim with several forms counts in "
              "each, and once in total). rate_per_100k = victims / population of the same "
              f"country, year, sex and age group x 100,000, six significant digits; population: "
              f"{EDITION}, empty when it has no figure for the cell. One row per combination with "
              "victims > 0.")

SUPPRESSION = ("Counts below {threshold} are shown as <{threshold} and the rates, shares and changes "
               "computed from them are left empty (small-cell suppression; 0 turns it off).")

STATISTICS: dict[str, str] = {
    "victims_identified": VICTIM,
    "by_sex": "Victims identified in the year by sex (female, male, unknown); unknown covers no "
              "record and genders other than feminine/masculine.",
    "by_age_group": "Victims identified in the year by age at identification: 0-17, 18+, unknown "
                    "(CTDC v1: ageBroad band, else majorityStatus).",
    "by_form": "Victims identified in the year by form of exploitation (sexual_exploitation, "
               "forced_labour, other, not_recorded). A victim with several forms counts in each, "
               "so the rows add up to more than the total; shares are of all victims.",
    "by_nationality": "Victims identified in the year by (first) citizenship, ISO 3166 alpha-3; "
                      "empty code = unknown.",
    "by_country_of_detection": "Victims identified in the year by country where they were "
                               "detected (CTDC v1: CountryOfExploitation); empty code = unknown.",
    "by_identifying_agency": "Victims identified in the year by the agency that identified them.",
    "by_data_source": "Victims identified in the year by kind of data source (CTDC: Datasource).",
    "year_on_year": "Victims identified per year, with the change from the previous year "
                    "(victims minus previous year's victims) and that change in percent.",
    "data_quality": "Share of the year's victims whose sex, age group, form of exploitation, "
                    "nationality or country of detection is not recorded (unknown / all victims "
                    "of the year, in percent).",
    "sdg_16_2_2": SDG_16_2_2,
    "share_pct": "Victims of the row / all victims identified in the year x 100, one decimal.",
}

NOT_YET_RECORDED = {
    "referrals_and_services": "Referrals and services given: not yet recorded in this input "
                              "(they come from the node's referrals module).",
    "investigations": "Investigations by form of exploitation: not yet recorded in this input "
                      "(they come from the node's investigations module).",
    "prosecutions": "Prosecutions by form of exploitation: not yet recorded in this input.",
    "convictions": "Convictions by form of exploitation: not yet recorded in this input.",
}
