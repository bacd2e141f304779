"""k-anonymity holds in every release, checked independently, and keeps more than CTDC's method."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from seawall.release import kanon, mondrian
from seawall.release.columns import default_quasi
from seawall.release.hierarchy import ROOT, build_hierarchy
from seawall.release.io import read_table
from seawall.release.tests.conftest import smallest_class
from seawall.standard.ctdc import V1_COLUMNS

KS = (2, 5, 11, 20)


def _documented_values(frame: pd.DataFrame, column: str) -> set[str]:
    """Every value a release may write in this column: the input's values and their ancestors."""
    hierarchy = build_hierarchy(column, frame[column].unique())
    return set(hierarchy.labels)


def test_generated_data_has_rare_combinations(skewed: pd.DataFrame) -> None:
    """The fixture must be a hard case, or the k tests below would prove nothing."""
    quasi = default_quasi(list(skewed.columns))
    sizes = skewed.groupby(quasi, dropna=False).size()
    assert (sizes < 11).sum() > 1_000
    males = skewed[skewed.gender == "Male"].groupby("citizenship").size()
    assert ((males > 0) & (males < 11)).any(), "some country should have only a few male victims"
    rare_forms = [c for c in quasi if c.startswith("is") and 0 < (skewed[c] == "1").sum() < 100]
    assert rare_forms, "some form of exploitation should be rare"


@pytest.mark.parametrize("k", KS)
def test_k_holds_on_generated_skewed_data(skewed: pd.DataFrame, k: int) -> None:
    quasi = default_quasi(list(skewed.columns))
    result = kanon.anonymise(skewed, k)
    assert smallest_class(result.frame, quasi) >= k
    assert list(result.frame.columns) == list(V1_COLUMNS)
    report = result.report
    assert report["records_kept"] + report["records_suppressed"] == len(skewed)
    assert report["records_kept"] == len(result.frame)
    for column in quasi:
        written = set(result.frame[column].unique())
        assert written <= _documented_values(skewed, column), column


@pytest.mark.parametrize("k", KS)
def test_keeps_far_more_than_suppression_only(skewed: pd.DataFrame, k: int) -> None:
    ours = kanon.anonymise(skewed, k).report
    ctdc = kanon.suppress_only(skewed, k).report
    assert ctdc["records_suppressed"] > 0
    assert ours["records_suppressed"] * 5 <= ctdc["records_suppressed"]
    assert ours["loss"]["ncp"] < ctdc["loss"]["ncp"]
    assert ours["suppression_only_for_comparison"]["records_suppressed"] == ctdc["records_suppressed"]


def test_suppression_only_is_k_anonymous_too(skewed: pd.DataFrame) -> None:
    quasi = default_quasi(list(skewed.columns))
    result = kanon.suppress_only(skewed, 11)
    assert smallest_class(result.frame, quasi) >= 11
    assert result.report["loss"]["ncp"] == pytest.approx(result.report["records_suppressed"] / len(skewed))


def test_common_records_are_left_exactly_as_they_were(skewed: pd.DataFrame) -> None:
    quasi = default_quasi(list(skewed.columns))
    result = kanon.anonymise(skewed, 11)
    assert result.report["records_suppressed"] == 0  # so rows stay aligned
    common = skewed.groupby(quasi, dropna=False)[quasi[0]].transform("size").to_numpy() >= 11
    pd.testing.assert_frame_equal(result.frame[common].reset_index(drop=True),
                                  skewed[common].reset_index(drop=True))
    # The rare ones are generalised, never altered in columns that are not quasi-identifiers.
    others = [c for c in skewed.columns if c not in quasi]
    pd.testing.assert_frame_equal(result.frame[others], skewed[others])


def test_generalised_values_follow_the_hierarchies(skewed: pd.DataFrame) -> None:
    result = kanon.anonymise(skewed, 11)
    rare = result.frame["citizenship"] != skewed["citizenship"]
    pairs = set(zip(skewed.loc[rare, "citizenship"], result.frame.loc[rare, "citizenship"]))
    assert ("HT", "Caribbean") in pairs or ("HT", "Americas") in pairs or ("HT", ROOT) in pairs
    hierarchy = build_hierarchy("citizenship", skewed["citizenship"].unique())
    for original, written in pairs:
        node = hierarchy.index[original]
        ancestors = set()
        while node != 0:
            node = int(hierarchy.parent[node])
            ancestors.add(hierarchy.labels[node])
        assert written in ancestors, (original, written)


def test_a_few_rare_records_are_suppressed_not_generalised() -> None:
    common = {"gender": "Female", "ageBroad": "18--20", "citizenship": "HT"}
    rows = [common] * 12 + [{"gender": "Male", "ageBroad": "48+", "citizenship": "JM"}] * 3
    frame = pd.DataFrame(rows, dtype="str")
    result = kanon.anonymise(frame, 11, ["gender", "ageBroad", "citizenship"])
    assert result.report["records_suppressed"] == 3
    assert len(result.frame) == 12
    assert smallest_class(result.frame, ["gender", "ageBroad", "citizenship"]) >= 11


def test_rare_records_pool_into_a_generalised_class() -> None:
    rows = ([{"gender": "Female", "citizenship": "HT"}] * 20
            + [{"gender": "Male", "citizenship": c} for c in ["JM", "BB", "TT", "GD", "LC", "DM"]] * 2)
    frame = pd.DataFrame(rows, dtype="str")
    result = kanon.anonymise(frame, 11, ["gender", "citizenship"])
    assert result.report["records_suppressed"] == 0
    males = result.frame[result.frame.gender == "Male"]
    assert set(males.citizenship) == {"Caribbean"}, "the few male victims stay visible, by sub-region"


def test_release_is_refused_when_the_final_count_fails(monkeypatch: pytest.MonkeyPatch,
                                                       skewed: pd.DataFrame) -> None:
    """Break the generaliser on purpose: the independent recount must catch it."""
    monkeypatch.setattr(kanon, "partition", lambda leaves, *a, **kw: leaves.copy())
    with pytest.raises(kanon.KAnonymityViolation):
        kanon.anonymise(skewed, 11)


def test_partitions_never_fall_below_k() -> None:
    rng = np.random.default_rng(3)
    frame = pd.DataFrame({"ageBroad": rng.choice(["0--8", "9--17", "18--20", "48+", ""], 500),
                          "yearOfRegistration": rng.choice([str(y) for y in range(2002, 2018)], 500),
                          "citizenship": rng.choice(["HT", "JM", "DO", "PH", "US", "Unknown"], 500)},
                         dtype="str")
    quasi = list(frame.columns)
    hierarchies = [build_hierarchy(q, frame[q].unique()) for q in quasi]
    leaves = np.stack([h.encode(frame[q].to_numpy()) for q, h in zip(quasi, hierarchies)], axis=1)
    for k in (2, 7, 30):
        nodes = mondrian.partition(leaves, hierarchies, k)
        _, counts = np.unique(nodes, axis=0, return_counts=True)
        assert counts.min() >= k
        for j, h in enumerate(hierarchies):  # each record's node is an ancestor of its value
            anc = h.ancestors()
            assert (anc[leaves[:, j], h.depth[nodes[:, j]]] == nodes[:, j]).all()


@pytest.mark.slow
@pytest.mark.parametrize("k", KS)
def test_k_holds_on_the_real_ctdc_file(ctdc_file, k: int) -> None:
    frame = read_table(ctdc_file)
    quasi = default_quasi(list(frame.columns))
    result = kanon.anonymise(frame, k)
    assert smallest_class(result.frame, quasi) >= k
    baseline = kanon.suppress_only(frame, k).report["records_suppressed"]
    assert result.report["records_suppressed"] * 5 <= baseline
    assert len(result.frame) + result.report["records_suppressed"] == len(frame) == 47_102


def test_a_2024_style_table_with_alpha3_countries_and_positive_only_flags() -> None:
    """The core takes any table given its quasi-identifiers: here CTDC 2024-like columns."""
    rng = np.random.default_rng(8)
    n = 3_000
    countries = rng.choice(["HTI", "DOM", "JAM", "TTO", "USA", "PHL", "UKR", "GUY"], n,
                           p=[0.3, 0.25, 0.2, 0.1, 0.1, 0.03, 0.01, 0.01])
    frame = pd.DataFrame({
        "yearOfRegistration": rng.choice([str(y) for y in range(2015, 2024)], n),
        "gender": rng.choice(["Woman", "Man", "Transgender"], n, p=[0.7, 0.29, 0.01]),
        "ageBroad": rng.choice(["0--8", "9--17", "18--20", "30--38", "48+", ""], n),
        "citizenship": countries,
        "CountryOfExploitation": np.where(rng.random(n) < 0.7, countries, "USA"),
        "isForcedLabour": rng.choice(["1", ""], n, p=[0.3, 0.7]),
        "isSexualExploit": rng.choice(["1", ""], n, p=[0.5, 0.5]),
        "traffickMonths": rng.choice(["0--12", "12--24", "24+"], n),
    }, dtype="str")
    quasi = ["yearOfRegistration", "gender", "ageBroad", "citizenship", "CountryOfExploitation",
             "isForcedLabour", "isSexualExploit"]
    result = kanon.anonymise(frame, 11, quasi)
    assert smallest_class(result.frame, quasi) >= 11
    assert result.report["records_suppressed"] == 0
    written = set(result.frame.citizenship) - set(frame.citizenship)
    assert written <= {"Caribbean", "South America", "Northern America", "Americas",
                       "South-eastern Asia", "Eastern Europe", "Asia", "Europe", ROOT}
    assert (result.frame.traffickMonths == frame.traffickMonths).all()
