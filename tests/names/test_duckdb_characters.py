"""DuckDB must measure Arabic strings in characters, not UTF-8 bytes.

Before 2.0, DuckDB compared bytes: every Arabic letter starts with 0xD8 or
0xD9, so unrelated Arabic names looked 40–60 % alike. The linkage engine
relies on DuckDB's native functions, so the pinned version is checked here.
"""

from __future__ import annotations

import duckdb
import pytest

from mafqud.names import jaro_winkler, levenshtein


@pytest.fixture(scope="module")
def connection() -> duckdb.DuckDBPyConnection:
    return duckdb.connect()


def test_levenshtein_counts_characters(connection: duckdb.DuckDBPyConnection) -> None:
    (distance,) = connection.execute("SELECT levenshtein('محمد', 'أحمد')").fetchone()  # type: ignore[misc]
    assert distance == levenshtein("محمد", "أحمد") == 1


def test_unrelated_arabic_names_are_not_alike(connection: duckdb.DuckDBPyConnection) -> None:
    (score,) = connection.execute(  # type: ignore[misc]
        "SELECT jaro_winkler_similarity('زينب', 'خالد')"
    ).fetchone()
    assert score == pytest.approx(jaro_winkler("زينب", "خالد"), abs=1e-6)
    assert score < 0.5


def test_length_is_characters(connection: duckdb.DuckDBPyConnection) -> None:
    (length,) = connection.execute("SELECT length('عبد الرحمن')").fetchone()  # type: ignore[misc]
    assert length == 10
