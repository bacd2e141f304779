"""Seawall's comparisons: each level written once, as Splink SQL and as a Python test.

The SQL side (Splink level creators) runs the batch on DuckDB or Spark; the Python side
scores one new record against its candidates at registration in microseconds, with the same
trained m and u. A test checks that both sides put sample pairs at the same level.

Levels are ordered: the first that holds decides. Starting m/u values are priors; training
(seawall.linkage.model.train) re-estimates them from the data.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import splink.comparison_level_library as cll
from rapidfuzz.distance import Levenshtein
from splink.internals.comparison_level_creator import ComparisonLevelCreator

Row = Mapping[str, Any]
Test = Callable[[Row, Row], bool]


@dataclass(frozen=True)
class Level:
    label: str
    sql: Callable[[], ComparisonLevelCreator]
    test: Test
    m: float
    u: float
    tf_column: str | None = None
    is_null: bool = False


@dataclass(frozen=True)
class Comparison:
    name: str
    description: str
    levels: tuple[Level, ...]
    columns: tuple[str, ...] = field(default=())


# -- Python twins of the SQL functions: NULL (None) never compares equal or similar. ------

def _eq(a: Any, b: Any) -> bool:
    return a is not None and b is not None and a == b


def _lev(a: str | None, b: str | None, distance: int) -> bool:
    return a is not None and b is not None and Levenshtein.distance(a, b) <= distance


def _intersect(a: list[str], b: list[str], at_least: int) -> bool:
    return len(set(a) & set(b)) >= at_least


def _subset(a: list[str], b: list[str]) -> bool:
    return bool(a) and bool(b) and len(set(a) & set(b)) == min(len(a), len(b))


# A near spelling: one edit, or two in a name of five letters or more (a transposed pair of
# letters is two edits). Levenshtein, not Jaro-Winkler, because the Spark and DuckDB
# Jaro-Winkler functions disagree near a threshold, and the engines must agree.
NEAR_LONG = 5


def _near(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return False
    distance = Levenshtein.distance(a, b)
    return distance <= 1 or (distance <= 2 and min(len(a), len(b)) >= NEAR_LONG)


def _near_sql(column: str) -> str:
    return _near_cross_sql(column, column)


def _near_cross_sql(left: str, right: str) -> str:
    """_near of the left record's `left` column and the right record's `right` column."""
    l, r = f"{left}_l", f"{right}_r"
    return (f"(levenshtein({l}, {r}) <= 1 OR (levenshtein({l}, {r}) <= 2 "
            f"AND least(length({l}), length({r})) >= {NEAR_LONG}))")


def _near_both(l: Row, r: Row) -> bool:
    """Given and first family name each a near spelling of the other record's, in the same
    order or swapped: a typo on top of a swap or of a partly used double surname."""
    return ((_near(l["given_first"], r["given_first"])
             and _near(l["family_first"], r["family_first"]))
            or (_near(l["given_first"], r["family_first"])
                and _near(l["family_first"], r["given_first"])))


_NEAR_BOTH_SQL = (f"({_near_cross_sql('given_first', 'given_first')} AND "
                  f"{_near_cross_sql('family_first', 'family_first')}) OR "
                  f"({_near_cross_sql('given_first', 'family_first')} AND "
                  f"{_near_cross_sql('family_first', 'given_first')})")


def _null(*columns: str) -> Test:
    return lambda l, r: any(l[c] is None or r[c] is None for c in columns)


def _custom(sql: str, label: str) -> Callable[[], ComparisonLevelCreator]:
    return lambda: cll.CustomLevel(sql, label_for_charts=label)


# -- Name: given and family together, so a swap or a partial surname is one level. --------

NAME = Comparison("name", "given and family names, in either order, in full or in part", (
    Level("name missing", _custom("name_key_l IS NULL OR name_key_r IS NULL", "name missing"),
          _null("name_key"), 1, 1, is_null=True),
    Level("same given and family names",
          _custom("given_canon_l = given_canon_r AND family_std_l = family_std_r",
                  "same given and family names"),
          lambda l, r: _eq(l["given_canon"], r["given_canon"])
          and _eq(l["family_std"], r["family_std"]),
          0.55, 0.0005, tf_column="name_key"),
    Level("same names, other order or hyphenation",
          _custom("name_key_l = name_key_r OR name_squash_l = name_squash_r",
                  "same names, other order or hyphenation"),
          lambda l, r: _eq(l["name_key"], r["name_key"]) or _eq(l["name_squash"], r["name_squash"]),
          0.12, 0.0001, tf_column="name_key"),
    Level("same given name, part of the surnames",
          lambda: cll.And(cll.CustomLevel("given_canon_l = given_canon_r"),
                          cll.ArraySubsetLevel("family_tokens")),
          lambda l, r: _eq(l["given_canon"], r["given_canon"])
          and _subset(l["family_tokens"], r["family_tokens"]),
          0.15, 0.0005, tf_column="pair_key"),
    Level("two or more name parts shared", lambda: cll.ArrayIntersectLevel("name_tokens", 2),
          lambda l, r: _intersect(l["name_tokens"], r["name_tokens"], 2), 0.05, 0.001,
          tf_column="pair_key"),
    Level("one name exact, the other a near spelling",
          _custom(f"(given_canon_l = given_canon_r AND {_near_sql('family_first')}) OR "
                  f"(family_first_l = family_first_r AND {_near_sql('given_std')})",
                  "one name exact, the other a near spelling"),
          lambda l, r: (_eq(l["given_canon"], r["given_canon"])
                        and _near(l["family_first"], r["family_first"]))
          or (_eq(l["family_first"], r["family_first"])
              and _near(l["given_std"], r["given_std"])),
          0.06, 0.0005),
    Level("whole name a near spelling",
          _custom("levenshtein(name_key_l, name_key_r) <= 2", "whole name a near spelling"),
          lambda l, r: _lev(l["name_key"], r["name_key"], 2), 0.03, 0.002),
    Level("both names near spellings, in either order",
          _custom(_NEAR_BOTH_SQL, "both names near spellings, in either order"),
          _near_both, 0.02, 0.0005),
    Level("one name part shared", lambda: cll.ArrayIntersectLevel("name_tokens", 1),
          lambda l, r: _intersect(l["name_tokens"], r["name_tokens"], 1), 0.02, 0.05),
    Level("names differ", lambda: cll.ElseLevel(), lambda l, r: True, 0.02, 0.945),
), ("name_key", "name_squash", "given_canon", "given_std", "family_std", "family_first",
    "family_tokens", "name_tokens"))


# -- Date of birth: swapped day/month, only the year known, a single wrong digit. ----------

DATE_OF_BIRTH = Comparison("date_of_birth", "date of birth, day/month swaps, year only", (
    Level("date of birth missing", _custom("dob_l IS NULL OR dob_r IS NULL",
                                           "date of birth missing"),
          _null("dob"), 1, 1, is_null=True),
    Level("same date of birth", _custom("dob_full_l = dob_full_r", "same date of birth"),
          lambda l, r: _eq(l["dob_full"], r["dob_full"]), 0.8, 0.0002, tf_column="dob_full"),
    Level("day and month swapped", _custom("dob_full_l = dob_swapped_r",
                                           "day and month swapped"),
          lambda l, r: _eq(l["dob_full"], r["dob_swapped"]), 0.04, 0.00005),
    Level("one digit differs", lambda: cll.LevenshteinLevel("dob_full", 1),
          lambda l, r: _lev(l["dob_full"], r["dob_full"], 1), 0.03, 0.003),
    Level("only the year known, same year",
          _custom("(dob_full_l IS NULL OR dob_full_r IS NULL) AND dob_year_l = dob_year_r",
                  "only the year known, same year"),
          lambda l, r: (l["dob_full"] is None or r["dob_full"] is None)
          and _eq(l["dob_year"], r["dob_year"]), 0.08, 0.02),
    Level("only the year known, one year apart",
          _custom("(dob_full_l IS NULL OR dob_full_r IS NULL) "
                  "AND abs(dob_year_l - dob_year_r) <= 1",
                  "only the year known, one year apart"),
          lambda l, r: (l["dob_full"] is None or r["dob_full"] is None)
          and abs(l["dob_year"] - r["dob_year"]) <= 1, 0.02, 0.04),
    Level("same year, different day", _custom("dob_year_l = dob_year_r",
                                              "same year, different day"),
          lambda l, r: _eq(l["dob_year"], r["dob_year"]), 0.01, 0.02),
    Level("dates differ", lambda: cll.ElseLevel(), lambda l, r: True, 0.02, 0.917),
), ("dob", "dob_full", "dob_swapped", "dob_year"))


# -- Phone: E.164 equal, or the same last seven digits written with another country code. --

PHONE = Comparison("phone", "phone in E.164, or the same subscriber digits", (
    Level("phone missing", _custom("phone_tail_l IS NULL OR phone_tail_r IS NULL",
                                   "phone missing"), _null("phone_tail"), 1, 1, is_null=True),
    Level("same phone", _custom("phone_e164_l = phone_e164_r", "same phone"),
          lambda l, r: _eq(l["phone_e164"], r["phone_e164"]), 0.75, 0.0001,
          tf_column="phone_e164"),
    Level("same last seven digits", _custom("phone_tail_l = phone_tail_r",
                                            "same last seven digits"),
          lambda l, r: _eq(l["phone_tail"], r["phone_tail"]), 0.1, 0.00005),
    Level("one digit differs", lambda: cll.LevenshteinLevel("phone_tail", 1),
          lambda l, r: _lev(l["phone_tail"], r["phone_tail"], 1), 0.03, 0.0005),
    Level("phones differ", lambda: cll.ElseLevel(), lambda l, r: True, 0.12, 0.9994),
), ("phone_e164", "phone_tail"))


def _exact(name: str, description: str, column: str, m: float, u: float) -> Comparison:
    return Comparison(name, description, (
        Level(f"{name} missing", lambda: cll.NullLevel(column), _null(column), 1, 1,
              is_null=True),
        Level(f"same {name}", lambda: cll.ExactMatchLevel(column),
              lambda l, r: _eq(l[column], r[column]), m, u),
        Level(f"{name} differs", lambda: cll.ElseLevel(), lambda l, r: True, 1 - m, 1 - u),
    ), (column,))


SEX = _exact("sex", "sex as recorded", "sex", 0.98, 0.5)
NATIONALITY = _exact("nationality", "nationality (ISO alpha-3)", "nationality", 0.95, 0.15)

COMPARISONS: tuple[Comparison, ...] = (NAME, DATE_OF_BIRTH, SEX, NATIONALITY, PHONE)


def level_of(comparison: Comparison, left: Row, right: Row) -> int:
    """Splink's comparison vector value: -1 for the null level, else counts down to 0."""
    top = len(comparison.levels) - 2  # levels after the null level, counted from 0
    for index, level in enumerate(comparison.levels):
        if level.test(left, right):
            return -1 if level.is_null else top - (index - 1)
    return 0


def splink_comparison(comparison: Comparison) -> Any:
    """The Splink CustomComparison of a Seawall comparison, with its prior m and u."""
    from splink.comparison_library import CustomComparison

    levels = []
    for level in comparison.levels:
        creator = level.sql()
        options: dict[str, Any] = {"label_for_charts": level.label}
        if level.is_null:
            options["is_null_level"] = True
        else:
            options["m_probability"] = level.m
            options["u_probability"] = level.u
        if level.tf_column:
            # This level's own u is the base for the adjustment (levels here are not all
            # single-column exact matches, which Splink's detection would require).
            options.update(tf_adjustment_column=level.tf_column,
                           disable_tf_exact_match_detection=True)
        levels.append(creator.configure(**options))
    return CustomComparison(comparison_levels=levels, output_column_name=comparison.name,
                            comparison_description=comparison.description)
