"""Where Splink runs: DuckDB on one machine (the default), Spark past one machine.

The model, its training and its explanations are the same on both; a backend
only holds the feature table and reads the scored pairs back. The comparison
and blocking SQL is written for DuckDB and translated by Splink (sqlglot) for
Spark, whose Jaro–Winkler and Damerau–Levenshtein come from Splink's UDF jar.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import duckdb
import pyarrow as pa  # type: ignore[import-untyped]
from splink import DuckDBAPI
from splink.internals.splink_dataframe import SplinkDataFrame


class Backend(Protocol):
    @property
    def db_api(self) -> Any: ...

    def register(self, features: pa.Table) -> SplinkDataFrame: ...

    def columns(self, frame: SplinkDataFrame) -> list[str]: ...

    def rows(
        self, frame: SplinkDataFrame, columns: Sequence[str], where: str | None = None
    ) -> list[tuple[Any, ...]]: ...

    def table(self, frame: SplinkDataFrame, columns: Sequence[str]) -> pa.Table: ...


class DuckDBBackend:
    """An in-process DuckDB database (in memory unless a file is given)."""

    def __init__(self, path: str = ":memory:") -> None:
        self.connection = duckdb.connect(path)
        self.connection.execute("SET enable_progress_bar = false")  # stdout is the caller's
        self.db_api = DuckDBAPI(connection=self.connection)

    def register(self, features: pa.Table) -> SplinkDataFrame:
        self.connection.register("features_arrow", features)
        self.connection.execute("CREATE TABLE features AS SELECT * FROM features_arrow")
        self.connection.unregister("features_arrow")
        return self.db_api.register("features")

    def columns(self, frame: SplinkDataFrame) -> list[str]:
        return list(self.connection.sql(f"SELECT * FROM {frame.physical_name} LIMIT 0").columns)

    def rows(
        self, frame: SplinkDataFrame, columns: Sequence[str], where: str | None = None
    ) -> list[tuple[Any, ...]]:
        condition = f" WHERE {where}" if where else ""
        return self.connection.execute(
            f"SELECT {', '.join(columns)} FROM {frame.physical_name}{condition}"
        ).fetchall()

    def table(self, frame: SplinkDataFrame, columns: Sequence[str]) -> pa.Table:
        found = self.connection.sql(f"SELECT {', '.join(columns)} FROM {frame.physical_name}")
        return found.to_arrow_table()


class SparkBackend:
    """A Spark session (local or a cluster) with Splink's similarity functions registered.

    Build the session with :func:`spark_session` or give it Splink's jar
    (``splink.backends.spark.similarity_jar_location()``) in ``spark.jars``.
    """

    def __init__(self, session: Any) -> None:
        from splink import SparkAPI

        self.session = session
        self.db_api = SparkAPI(  # type: ignore[no-untyped-call]
            spark_session=session, break_lineage_method="persist"
        )

    def register(self, features: pa.Table) -> SplinkDataFrame:
        frame = self.session.createDataFrame(features.to_pylist(), schema=_spark_schema(features))
        return self.db_api.register(frame)

    def columns(self, frame: SplinkDataFrame) -> list[str]:
        return list(frame.as_spark_dataframe().columns)

    def rows(
        self, frame: SplinkDataFrame, columns: Sequence[str], where: str | None = None
    ) -> list[tuple[Any, ...]]:
        found = frame.as_spark_dataframe()
        if where:
            found = found.filter(where)
        return [tuple(row) for row in found.select(*columns).collect()]

    def table(self, frame: SplinkDataFrame, columns: Sequence[str]) -> pa.Table:
        return pa.Table.from_pandas(frame.as_spark_dataframe().select(*columns).toPandas())


def spark_session(master: str = "local[2]") -> Any:
    """A Spark session able to run mafqud's model (Splink's UDF jar on its class path)."""
    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    return (
        SparkSession.builder.master(master)
        .appName("mafqud linkage")
        .config("spark.jars", similarity_jar_location())
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )


def _spark_schema(features: pa.Table) -> Any:
    from pyspark.sql.types import StringType, StructField, StructType

    return StructType([StructField(name, StringType(), True) for name in features.column_names])
