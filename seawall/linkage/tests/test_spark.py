"""The Spark engine gives the clusters DuckDB gives, on a small file (Spark local mode).

Skipped where pyspark is not installed (it is the optional extra seawall[spark]); CI
installs it. Java 17 must be on the PATH."""

from __future__ import annotations

import pandas as pd
import pytest

from seawall.linkage.dedupe import dedupe
from seawall.linkage.engines import spark_available

pytestmark = [
    pytest.mark.skipif(not spark_available(),
                       reason="pyspark is not installed (pip install 'seawall[spark]')"),
    # pyspark 4.3 warns that it does not fully support pandas 3; the comparison below is
    # what tells whether the results agree.
    pytest.mark.filterwarnings("ignore::FutureWarning"),
]


def test_spark_and_duckdb_give_the_same_clusters(small_people: pd.DataFrame,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    records = small_people.drop(columns="person_id").head(300)
    monkeypatch.setenv("SEAWALL_SPARK_PARTITIONS", "1")  # 300 records: one partition is fastest
    duck = dedupe(records, engine="duckdb", node_country="TTO")
    spark = dedupe(records, engine="spark", node_country="TTO")
    pd.testing.assert_frame_equal(duck.clusters, spark.clusters)
    assert duck.clusters["cluster_id"].nunique() < len(records)  # it did link something
    both = duck.pairs.merge(spark.pairs, on=["record_id_l", "record_id_r"])
    assert len(both) >= 0.98 * max(len(duck.pairs), len(spark.pairs))
    assert (both["match_weight_x"] - both["match_weight_y"]).abs().max() < 1e-6
