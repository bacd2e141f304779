"""Where the linkage runs: DuckDB in-process (default) or Spark in local mode (scale).

The linkage model knows nothing of the engine; Splink turns its SQL into the engine's
dialect. pyspark is an optional extra (`pip install 'seawall[spark]'`), so asking for Spark
without it is an input error with the command that fixes it, not an ImportError.
"""

from __future__ import annotations

import os
import tempfile
from typing import Any, Literal

from seawall.errors import InputError

Engine = Literal["duckdb", "spark"]
ENGINES: tuple[str, ...] = ("duckdb", "spark")


def spark_available() -> bool:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return False
    return True


def make_db_api(engine: str = "duckdb") -> Any:
    """A fresh Splink database API for the engine."""
    if engine == "duckdb":
        from splink import DuckDBAPI

        return DuckDBAPI(connection=":memory:")
    if engine == "spark":
        return _spark_api()
    raise InputError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}",
                     field="--engine")


_SPARK_SESSION: Any = None


def spark_session() -> Any:
    """One local Spark session per process (starting the JVM takes seconds)."""
    global _SPARK_SESSION
    if not spark_available():
        raise InputError("the spark engine needs pyspark, which is not installed: "
                         "pip install 'seawall[spark]' (Java 17 must be on the PATH)",
                         field="--engine")
    if _SPARK_SESSION is None:
        from pyspark.sql import SparkSession
        from splink.backends.spark import similarity_jar_location

        cores = os.cpu_count() or 2
        session = (
            SparkSession.builder.master(f"local[{cores}]")
            .appName("seawall-linkage")
            # Splink's string-similarity functions (Jaro-Winkler) live in this jar.
            .config("spark.jars", similarity_jar_location())
            .config("spark.driver.memory", os.environ.get("SEAWALL_SPARK_MEMORY", "4g"))
            .config("spark.sql.shuffle.partitions", os.environ.get(
                "SEAWALL_SPARK_PARTITIONS", str(cores * 2)))
            .config("spark.default.parallelism", str(cores * 2))
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .getOrCreate()
        )
        session.sparkContext.setLogLevel("ERROR")
        session.sparkContext.setCheckpointDir(tempfile.mkdtemp(prefix="seawall-spark-"))
        _SPARK_SESSION = session
    return _SPARK_SESSION


def _spark_api() -> Any:
    from splink.backends.spark import SparkAPI

    # persist keeps intermediate tables in executor memory: on one machine that beats
    # writing them out as parquet, Splink's default outside Databricks.
    return SparkAPI(spark_session=spark_session(), break_lineage_method="persist")
