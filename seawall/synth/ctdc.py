"""Synthetic victim records in the CTDC v1 schema, skewed like the real global dataset.

Used by tests and benchmarks (k-anonymity, DP statistics, indicators) that need many
realistic records without touching real victims. The shape follows the public k-anonymised
CTDC file of 2017/2018: a few citizenships dominate, most flags are blank or 0, some forms
of exploitation are rare, and each citizenship has its own mix of gender and forms, so that
rare combinations (a country's few male victims, a rare form in a small country) occur the
way they do in real data. No record is a real person; the parameters are plausible, not
estimates of anything.

The generator is vectorised with numpy and deterministic by seed: the "world" (per-country
mixes) is drawn once from the seed, then rows are drawn in fixed-size chunks, each from its
own child seed, so the result depends only on (n, seed).
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd
import pyarrow as pa
from tqdm import tqdm

from seawall.standard.ctdc import V1_AGE_BANDS, V1_COLUMNS

CHUNK_ROWS = 100_000

# Citizenship weights: the largest origins of the 2018 public file, plus the Caribbean and
# its neighbours (Seawall's region), then a long tail of small origins.
ORIGINS: dict[str, float] = {
    "PH": 24, "MD": 15, "UA": 15, "US": 7, "VE": 6, "ID": 4, "HT": 4, "BY": 3, "MM": 3,
    "DO": 3, "CO": 2.5, "KH": 2.2, "RO": 1.5, "GH": 1.2, "CU": 1.2, "KG": 1.0, "JM": 1.0,
    "GY": 0.9, "BG": 0.8, "MX": 0.8, "UZ": 0.6, "AF": 0.5, "NG": 0.5, "CN": 0.4, "TT": 0.4,
    "GW": 0.3, "TH": 0.3, "LA": 0.3, "LK": 0.2, "TJ": 0.2, "IN": 0.2, "SN": 0.15, "UG": 0.15,
    "KZ": 0.15, "SL": 0.15, "SR": 0.15, "CD": 0.12, "AL": 0.1, "ML": 0.1, "PK": 0.1,
    "ET": 0.1, "KE": 0.1, "BR": 0.08, "BS": 0.08, "BZ": 0.08, "BF": 0.07, "NE": 0.07,
    "CI": 0.07, "NP": 0.06, "TM": 0.06, "BB": 0.06, "HN": 0.06, "GT": 0.06, "SV": 0.05,
    "EC": 0.05, "PE": 0.05, "LC": 0.04, "BO": 0.04, "VN": 0.04, "NI": 0.04, "VC": 0.03,
    "GD": 0.03, "AG": 0.03, "GN": 0.03, "ER": 0.03, "KR": 0.03, "BD": 0.03, "PY": 0.03,
    "DM": 0.02, "KN": 0.02,
}
CITIZENSHIP_UNKNOWN = 0.15  # share of "Unknown"
CITIZENSHIP_MISSING = 0.004  # share of "Missing"

# Where people are exploited when it is not their own country.
DESTINATIONS: dict[str, float] = {
    "US": 30, "RU": 8, "MY": 3, "AE": 2.5, "TH": 2, "TT": 2, "DO": 1.5, "TR": 1, "SA": 1,
    "KZ": 1, "QA": 1, "PL": 1, "BS": 0.8, "KW": 0.8, "MX": 0.8, "LT": 0.6, "ES": 0.5,
    "JP": 0.4, "JO": 0.4, "CA": 0.4, "GB": 0.4, "OM": 0.3, "LB": 0.3, "BB": 0.3, "JM": 0.3,
    "CW": 0.3, "GY": 0.3, "PA": 0.3, "CR": 0.3, "CZ": 0.2, "AW": 0.2, "SR": 0.2, "FR": 0.2,
    "NL": 0.2, "SG": 0.15, "ZA": 0.15, "TW": 0.1, "IT": 0.1, "AT": 0.1, "BH": 0.1,
    "MU": 0.1, "AR": 0.1, "DK": 0.1, "SX": 0.1, "EG": 0.05, "EC": 0.05, "CY": 0.05,
}
DOMESTIC_SHARE = 0.55  # mean share exploited in their own country (when both are known)
FAVOURITE_SHARE = 0.6  # otherwise: an origin's own favourite destination
COE_MISSING = 0.2  # mean share with no country of exploitation

# Forms of exploitation, in this order; the is* flags they set are below.
FORMS = ("labour", "sexual", "other", "sexAndLabour", "marriage", "military", "organ")
FORM_WEIGHTS = np.array([0.38, 0.45, 0.12, 0.01, 0.03, 0.007, 0.003])
FORM_CONCENTRATION = 5.0  # lower = countries differ more from the global mix
IS_FLAGS = ("isForcedLabour", "isSexualExploit", "isOtherExploit", "isSexAndLabour",
            "isForcedMarriage", "isForcedMilitary", "isOrganRemoval")
# FORM -> is* flags that are 1 for it
FORM_FLAGS = {0: (0,), 1: (1,), 2: (2,), 3: (0, 1, 3), 4: (4,), 5: (5,), 6: (6,)}
# Male share is drawn per citizenship, then scaled by form: few men in sexual exploitation.
MALE_FACTOR = np.array([1.8, 0.2, 1.0, 1.0, 0.1, 3.0, 1.5])
GENDER_UNKNOWN = 0.005

LABOUR_TYPES = ("Agriculture", "Aquafarming", "Begging", "Construction", "DomesticWork",
                "Hospitality", "IllicitActivities", "Manufacturing", "MiningOrDrilling",
                "Peddling", "Transportation", "Other", "NotSpecified")
LABOUR_WEIGHTS = np.array([3.0, 1.2, 1.7, 11.0, 27.0, 0.9, 0.3, 4.5, 0.2, 0.3, 0.2, 5.5, 17.0])
SEX_TYPES = ("Prostitution", "Pornography", "RemoteInteractiveServices", "PrivateSexualServices")
SEX_WEIGHTS = np.array([0.93, 0.04, 0.01, 0.02])
CONTROLS = ("DebtBondage", "TakesEarnings", "RestrictsFinancialAccess", "Threats",
            "PsychologicalAbuse", "PhysicalAbuse", "SexualAbuse", "FalsePromises",
            "PsychoactiveSubstances", "RestrictsMovement", "RestrictsMedicalCare",
            "ExcessiveWorkingHours", "UsesChildren", "ThreatOfLawEnforcement",
            "WithholdsNecessities", "WithholdsDocuments", "Other")
CONTROL_RATES = np.array([0.15, 0.3, 0.02, 0.37, 0.45, 0.35, 0.13, 0.35, 0.18, 0.4, 0.12,
                          0.2, 0.015, 0.08, 0.15, 0.06, 0.2])

# Age bands (V1_AGE_BANDS order) by form, before the blanks and "Unknown" below.
AGE_BY_FORM = np.array([
    [0.03, 0.08, 0.08, 0.10, 0.10, 0.09, 0.28, 0.15, 0.09],  # labour
    [0.05, 0.27, 0.18, 0.14, 0.10, 0.07, 0.13, 0.04, 0.02],  # sexual
    [0.10, 0.15, 0.10, 0.10, 0.09, 0.08, 0.20, 0.10, 0.08],  # other
    [0.02, 0.15, 0.15, 0.15, 0.12, 0.10, 0.20, 0.08, 0.03],  # sex and labour
    [0.02, 0.45, 0.25, 0.12, 0.06, 0.04, 0.04, 0.01, 0.01],  # marriage
    [0.05, 0.60, 0.20, 0.08, 0.03, 0.02, 0.01, 0.005, 0.005],  # military
    [0.01, 0.05, 0.10, 0.15, 0.15, 0.14, 0.25, 0.10, 0.05],  # organ removal
])
# Record styles: how completely a record was filled in (hotline records only ever say what
# is positive). Blanks cluster in the sparse records, as in the real file.
COMPLETE, POSITIVE_ONLY, NOTHING = 0, 1, 2
STYLE_P = {"Case Management": [0.35, 0.35, 0.30], "Hotline": [0.0, 1.0, 0.0]}
STYLE_CONCENTRATION = 2.0
AGE_CONCENTRATION = 1.0
AGE_OWN_PROFILE = 0.7  # share of a country's records that follow its own age profile
AGE_BLANK = np.array([0.05, 0.25, 0.6])  # by style
AGE_UNKNOWN = 0.12

YEARS = tuple(range(2002, 2018))
# Smoothed shape of the 2018 file: slow growth, a surge in 2015-2016, 2017 partly reported.
YEAR_WEIGHTS = np.array([2.4, 0.9, 0.6, 3.4, 3.3, 3.1, 1.8, 1.7, 3.2, 3.9, 3.0, 4.5, 6.6,
                         14.3, 40.0, 7.6])
YEAR_CONCENTRATION = 0.6

RECRUITER = ("Unknown", "", "Other", "Friend", "Family/Relative", "Intimate Partner",
             "Family/Relative; Intimate Partner", "Friend; Other", "Friend; Intimate Partner",
             "Family/Relative; Friend", "Family/Relative; Unknown", "Intimate Partner; Other")
RECRUITER_WEIGHTS = np.array([65.0, 19.0, 7.6, 2.8, 2.7, 2.3, 0.05, 0.05, 0.05, 0.04, 0.02,
                              0.01])

BLANK, ZERO, ONE = 0, 1, 2
FLAG_LABELS = ("", "0", "1")


def generate_ctdc_v1(n: int, seed: int, *, progress: bool = True) -> pd.DataFrame:
    """n synthetic victim records in the CTDC v1 schema: every cell a str, "" for blank,
    columns exactly V1_COLUMNS. The same (n, seed) always gives the same table."""
    if n < 0:
        raise ValueError("n must be >= 0")
    world = _World(np.random.default_rng([seed, 0]))
    children = np.random.SeedSequence([seed, 1]).spawn(max(1, -(-n // CHUNK_ROWS)))
    chunks: list[dict[str, np.ndarray]] = []
    sizes = [min(CHUNK_ROWS, n - start) for start in range(0, n, CHUNK_ROWS)]
    with tqdm(total=n, desc="synthetic CTDC v1", unit="rows", file=sys.stderr,
              disable=not progress or n < 2 * CHUNK_ROWS) as bar:
        for size, child in zip(sizes, children):
            chunks.append(world.draw(np.random.default_rng(child), size))
            bar.update(size)
    return _assemble(chunks, world.labels)


class _World:
    """Per-citizenship parameters drawn once from the seed."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.origins = list(ORIGINS)
        weights = np.array(list(ORIGINS.values()))
        known = 1.0 - CITIZENSHIP_UNKNOWN - CITIZENSHIP_MISSING
        self.origin_p = np.append(weights / weights.sum() * known,
                                  [CITIZENSHIP_UNKNOWN, CITIZENSHIP_MISSING])
        self.citizenship_labels = (*self.origins, "Unknown", "Missing")
        n_cit = len(self.citizenship_labels)
        self.destinations = list(DESTINATIONS)
        dest_w = np.array(list(DESTINATIONS.values()))
        self.dest_p = dest_w / dest_w.sum()
        # Country of exploitation labels: every citizenship and destination, then Missing.
        coe = list(dict.fromkeys([*self.origins, *self.destinations]))
        self.coe_labels = (*coe, "Missing", "Unknown")
        coe_index = {code: i for i, code in enumerate(self.coe_labels)}
        # Unknown or missing citizenship has no "own" country to be exploited in.
        self.own_country = np.array([coe_index[c] if c in ORIGINS else -1
                                     for c in self.citizenship_labels])
        self.dest_index = np.array([coe_index[c] for c in self.destinations])
        self.favourite = self.dest_index[rng.choice(len(self.destinations), n_cit, p=self.dest_p)]
        # Some programmes rarely record where exploitation happened; most trafficking of some
        # origins is domestic, of others abroad.
        self.coe_missing = rng.beta(0.5, 0.5 * (1 - COE_MISSING) / COE_MISSING, n_cit)
        self.domestic = rng.beta(1.0, 1.0 * (1 - DOMESTIC_SHARE) / DOMESTIC_SHARE, n_cit)
        self.male_share = rng.beta(1.3, 3.5, n_cit)
        self.form_p = rng.dirichlet(FORM_CONCENTRATION * FORM_WEIGHTS / FORM_WEIGHTS.sum(), n_cit)
        # Each country's records come from a few programmes: their own recording practice
        # (how completely records are filled in), the ages they reach, the years they ran.
        # This correlation is what makes real files far less diverse than independent columns.
        self.style_p = rng.dirichlet(STYLE_CONCENTRATION * np.array(STYLE_P["Case Management"]), n_cit)
        base_age = AGE_BY_FORM.mean(axis=0)
        self.age_p = rng.dirichlet(AGE_CONCENTRATION * base_age / base_age.sum(), n_cit)
        self.year_p = rng.dirichlet(YEAR_CONCENTRATION * YEAR_WEIGHTS / YEAR_WEIGHTS.sum(), n_cit)
        self.labels: dict[str, tuple[str, ...]] = {
            "yearOfRegistration": tuple(str(y) for y in YEARS),
            "Datasource": ("Case Management", "Hotline"),
            "gender": ("Female", "Male", "Unknown"),
            "ageBroad": (*V1_AGE_BANDS, "Unknown", ""),
            "majorityStatus": ("Minor", "Adult", "Unknown", ""),
            "majorityStatusAtExploit": ("Minor", "Adult", "Unknown", ""),
            "majorityEntry": ("Minor", "Adult", "Unknown", ""),
            "citizenship": self.citizenship_labels,
            "CountryOfExploitation": self.coe_labels,
            "RecruiterRelationship": RECRUITER,
        }

    def draw(self, rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        cit = rng.choice(len(self.origin_p), n, p=self.origin_p)
        out["citizenship"] = cit
        out["CountryOfExploitation"] = coe = self._exploitation_country(rng, cit)
        hotline_p = np.where(coe == self.coe_labels.index("US"), 0.6, 0.05)
        source = (rng.random(n) < hotline_p).astype(np.int8)
        out["Datasource"] = source
        out["yearOfRegistration"] = _conditional(rng, cit, self.year_p)
        form = _conditional(rng, cit, self.form_p)
        male_p = np.clip(self.male_share[cit] * MALE_FACTOR[form], 0.002, 0.95)
        u = rng.random(n)
        out["gender"] = np.where(u < GENDER_UNKNOWN, 2, np.where(u < GENDER_UNKNOWN + male_p, 1, 0))
        style = np.where(source == 1, POSITIVE_ONLY, _conditional(rng, cit, self.style_p))
        out.update(_ages(rng, form, style, _conditional(rng, cit, self.age_p)))
        out.update(_exploitation_flags(rng, form, style))
        out.update(_controls(rng, n))
        out["isAbduction"] = rng.choice(3, n, p=[0.68, 0.3185, 0.0015])
        out.update(_recruiters(rng, n))
        return out

    def _exploitation_country(self, rng: np.random.Generator, cit: np.ndarray) -> np.ndarray:
        n = len(cit)
        own = self.own_country[cit]
        u = rng.random(n)
        abroad = np.where(u < FAVOURITE_SHARE, self.favourite[cit],
                          self.dest_index[rng.choice(len(self.dest_p), n, p=self.dest_p)])
        # Unknown citizenship: only the destination is known.
        coe = np.where((own >= 0) & (rng.random(n) < self.domestic[cit]), own, abroad)
        missing = rng.random(n) < self.coe_missing[cit]
        coe = np.where(missing, self.coe_labels.index("Missing"), coe)
        rare_unknown = rng.random(n) < 0.002
        return np.where(rare_unknown, self.coe_labels.index("Unknown"), coe)


def _conditional(rng: np.random.Generator, parent: np.ndarray, probs: np.ndarray) -> np.ndarray:
    """One draw per row from probs[parent[row]] (few categories: an n x C comparison)."""
    cdf = np.cumsum(probs, axis=1)
    cdf[:, -1] = 1.0
    u = rng.random(len(parent))
    return (u[:, None] > cdf[parent]).sum(axis=1)


def _ages(rng: np.random.Generator, form: np.ndarray, style: np.ndarray,
          country_age: np.ndarray) -> dict[str, np.ndarray]:
    n = len(form)
    bands = len(V1_AGE_BANDS)
    age = _conditional(rng, form, AGE_BY_FORM / AGE_BY_FORM.sum(axis=1, keepdims=True))
    age = np.where(rng.random(n) < AGE_OWN_PROFILE, country_age, age)
    blank_p = AGE_BLANK[style]
    u = rng.random(n)
    age = np.where(u < blank_p, bands + 1, np.where(u < blank_p + AGE_UNKNOWN, bands, age))
    # majorityStatus follows the band; a known age can still have an unknown status.
    minor_bands = 2  # 0--8 and 9--17
    status = np.where(age < minor_bands, 0, np.where(age < bands, 1, np.where(age == bands, 2, 3)))
    unknown_age_status = rng.choice(3, n, p=[0.13, 0.58, 0.29])
    status = np.where(age == bands, unknown_age_status, status)
    out = {"ageBroad": age, "majorityStatus": status}
    # At exploitation / at entry: often not recorded.
    out["majorityStatusAtExploit"] = np.where(rng.random(n) < 0.6, status, 3)
    out["majorityEntry"] = np.where(rng.random(n) < 0.4, status, 3)
    return out


def _exploitation_flags(rng: np.random.Generator, form: np.ndarray,
                        style: np.ndarray) -> dict[str, np.ndarray]:
    """is*, typeOfLabour* and typeOfSex*, by the record's style: complete (0/1), positive
    only (1 where known, else blank), or nothing recorded (all blank)."""
    n = len(form)
    full, positive_only = style == COMPLETE, style == POSITIVE_ONLY
    out: dict[str, np.ndarray] = {}
    for j, name in enumerate(IS_FLAGS):
        positive = np.zeros(n, dtype=bool)
        for f, flags in FORM_FLAGS.items():
            if j in flags:
                positive |= form == f
        out[name] = np.where(positive & (full | positive_only), ONE, np.where(full, ZERO, BLANK))
    # A sector is recorded for most labour cases; the other sectors are then 0.
    labour = ((form == 0) | (form == 3)) & ~(style == NOTHING) & (rng.random(n) < 0.75)
    sector = rng.choice(len(LABOUR_TYPES), n, p=LABOUR_WEIGHTS / LABOUR_WEIGHTS.sum())
    second = np.where(rng.random(n) < 0.02,
                      rng.choice(len(LABOUR_TYPES), n, p=LABOUR_WEIGHTS / LABOUR_WEIGHTS.sum()), -1)
    zeros = labour | full
    for j, name in enumerate(LABOUR_TYPES):
        hit = labour & ((sector == j) | (second == j))
        out[f"typeOfLabour{name}"] = np.where(hit, ONE, np.where(zeros, ZERO, BLANK))
    sexual = ((form == 1) | (form == 3)) & ~(style == NOTHING) & (rng.random(n) < 0.6)
    kind = rng.choice(len(SEX_TYPES), n, p=SEX_WEIGHTS)
    zeros = sexual | full
    for j, name in enumerate(SEX_TYPES):
        out[f"typeOfSex{name}"] = np.where(sexual & (kind == j), ONE, np.where(zeros, ZERO, BLANK))
    return out


def _controls(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    """meansOfControl*: positive-only flags, with NotSpecified 1 when none was recorded."""
    u = rng.random(n)
    blank = u < 0.25
    specified = u >= 0.70
    hits = (rng.random((n, len(CONTROLS))) < CONTROL_RATES) & specified[:, None]
    hits[specified & ~hits.any(axis=1), 4] = True  # at least one means when "specified"
    out = {f"meansOfControl{name}": np.where(hits[:, j], ONE, BLANK)
           for j, name in enumerate(CONTROLS)}
    out["meansOfControlNotSpecified"] = np.where(blank, BLANK, np.where(specified, ZERO, ONE))
    return out


def _recruiters(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    relation = rng.choice(len(RECRUITER), n, p=RECRUITER_WEIGHTS / RECRUITER_WEIGHTS.sum())
    out = {"RecruiterRelationship": relation}
    parts = {"IntimatePartner": "Intimate Partner", "Friend": "Friend",
             "Family": "Family/Relative", "Other": "Other", "Unknown": "Unknown"}
    for column, part in parts.items():
        has = np.array([part in label.split("; ") or (part == "Unknown" and label == "")
                        for label in RECRUITER])
        out[f"recruiterRelation{column}"] = np.where(has[relation], ONE, ZERO)
    return out


def _assemble(chunks: list[dict[str, np.ndarray]], labels: dict[str, tuple[str, ...]]) -> pd.DataFrame:
    """Join the chunks' codes and decode each column once through Arrow (fast str columns)."""
    columns: dict[str, pd.Series] = {}
    for name in V1_COLUMNS:
        codes = (np.concatenate([chunk[name] for chunk in chunks]) if chunks
                 else np.zeros(0, dtype=np.int32)).astype(np.int32)
        values = pa.DictionaryArray.from_arrays(
            pa.array(codes), pa.array(labels.get(name, FLAG_LABELS), type=pa.large_string())
        ).dictionary_decode()
        columns[name] = pd.Series(values.to_pandas(), copy=False).astype("str")
    return pd.DataFrame(columns)
