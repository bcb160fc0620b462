"""Linking one new record against everything already linked, without linking again.

A family files a report; a partner sends twenty names. Each is scored at once
against the registry's persons: the last full linking leaves a **link index**
(a DuckDB file) holding every record's features and person, the term
frequencies of its names, a table of blocking keys (so candidates are found
by index lookup, not by scanning a million rows) and the model. A new record
is blocked the way :data:`~mafqud.linkage.settings.BLOCKS` block, scored by
Splink's real-time comparison with the same model, and judged the way
clustering judges: it belongs to a person when it matches that person's
records on average at the threshold.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa  # type: ignore[import-untyped]
from splink import DuckDBAPI
from splink.internals.realtime import compare_records

from mafqud.linkage.backends import DuckDBBackend
from mafqud.linkage.engine import PROPOSAL_FLOOR, Linkage
from mafqud.linkage.explain import Contribution, columns_for, contributions, level_labels, prior
from mafqud.linkage.features import CANON_PARTS, FEATURE_COLUMNS, readings
from mafqud.linkage.prior import probability_of
from mafqud.linkage.readings import reading_of
from mafqud.linkage.settings import BLOCKS, ONE_READING_EACH

TF_COLUMNS: tuple[str, ...] = tuple(f"{part}_canon" for part in CANON_PARTS)
MAX_CANDIDATES = 200
"""A new record is scored against at most this many records, those sharing the most blocks
first: one of the true person's records shares several, a namesake one or two."""


KEY_SEPARATOR = "|"


def block_key(number: int, values: list[str]) -> str:
    """A record's key in block ``number``: what :func:`_block_key_sql` computes in the index."""
    return KEY_SEPARATOR.join([str(number), *values])


def _block_key_sql(number: int, columns: tuple[str, ...]) -> str:
    """The SQL that writes :func:`block_key` for every record of the index."""
    return f" || '{KEY_SEPARATOR}' || ".join([f"'{number}'", *columns])


def write_index(linkage: Linkage, persons: Mapping[str, str], path: Path, threshold: float) -> None:
    """Save what one-record linking needs, replacing any earlier index in one step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    if not isinstance(linkage.backend, DuckDBBackend):
        raise TypeError("a link index is written from a DuckDB linkage")
    con = linkage.backend.connection
    con.register(
        "person_arrow",
        pa.table({"unique_id": list(persons), "person_id": list(persons.values())}),
    )
    con.execute(f"ATTACH '{partial}' AS idx")
    try:
        tf_joins, tf_columns = [], []
        for column in TF_COLUMNS:
            con.execute(
                f"CREATE TABLE idx.tf_{column} AS SELECT {column} AS value, "
                f"count(*) / sum(count(*)) OVER () AS tf FROM features "
                f"WHERE {column} IS NOT NULL GROUP BY {column}"
            )
            tf_joins.append(
                f"LEFT JOIN idx.tf_{column} t_{column} ON f.{column} = t_{column}.value"
            )
            tf_columns.append(f"t_{column}.tf AS tf_{column}")
        con.execute(
            f"CREATE TABLE idx.features AS SELECT f.*, {', '.join(tf_columns)}, p.person_id "
            f"FROM features f JOIN person_arrow p ON p.unique_id = f.record_id "
            f"{' '.join(tf_joins)}"
        )
        con.execute("CREATE TABLE idx.block_keys (key VARCHAR, unique_id VARCHAR)")
        for number, block in enumerate(BLOCKS):
            present = " AND ".join(
                [f"{c} IS NOT NULL" for c in block.columns]
                + ([] if block.admits_readings else ["reading IS NULL"])
            )
            con.execute(
                f"INSERT INTO idx.block_keys SELECT {_block_key_sql(number, block.columns)}, "
                f"unique_id FROM features WHERE {present}"
            )
        con.execute("CREATE INDEX block_key_index ON idx.block_keys (key)")
        con.execute("CREATE INDEX feature_id_index ON idx.features (unique_id)")
        con.execute(
            "CREATE TABLE idx.person_sizes AS SELECT person_id, "
            "count(DISTINCT record_id) AS records FROM idx.features GROUP BY person_id"
        )
        con.execute("CREATE INDEX person_size_index ON idx.person_sizes (person_id)")
        con.execute("CREATE TABLE idx.meta (model VARCHAR, threshold DOUBLE)")
        con.execute(
            "INSERT INTO idx.meta VALUES (?, ?)",
            [json.dumps(linkage.model(), ensure_ascii=False), threshold],
        )
    finally:
        con.execute("DETACH idx")
        con.unregister("person_arrow")
    partial.replace(path)


@dataclass(frozen=True)
class Candidate:
    record_id: str
    person_id: str
    probability: float
    explanation: tuple[Contribution, ...] = ()


@dataclass
class MatchResult:
    """What the registry says about a new record."""

    decision: str
    """"attach" (it is a known person), "propose" (a reviewer should look) or "new"."""
    person_id: str | None
    person_score: float
    """The best person's average match probability over its records."""
    candidates: list[Candidate] = field(default_factory=list)


class Matcher:
    """A link index opened for matching new records, one at a time."""

    def __init__(self, path: Path) -> None:
        if not path.exists():
            raise FileNotFoundError(f"no link index at {path}: run `mafqud link` first")
        self.connection = duckdb.connect()
        self.connection.execute("SET enable_progress_bar = false")
        self.connection.execute(f"ATTACH '{path}' AS idx (READ_ONLY)")
        meta = self.connection.execute("SELECT model, threshold FROM idx.meta").fetchall()
        if not meta:
            raise FileNotFoundError(f"the link index at {path} is incomplete: run `mafqud link`")
        model_json, self.threshold = meta[0]
        columns = self.connection.sql("SELECT * FROM idx.features LIMIT 0").columns
        if "record_id" not in columns:
            raise FileNotFoundError(
                f"the link index at {path} was written by an older mafqud: run `mafqud link`"
            )
        self.model: dict[str, Any] = json.loads(model_json)
        self._db_api = DuckDBAPI(connection=self.connection)
        self._labels = level_labels(self.model)
        self._prior = prior(self.model)
        self._cache_key = f"mafqud-match-{path.stat().st_mtime_ns}"
        self._tf = {  # a few thousand names each: read once, not per new record
            column: dict(
                self.connection.execute(f"SELECT value, tf FROM idx.tf_{column}").fetchall()
            )
            for column in TF_COLUMNS
        }

    def match(self, record: Mapping[str, str | None]) -> MatchResult:
        rows = readings({**record, "record_id": record.get("record_id") or "new"})
        ids = self._candidates(rows)
        if not ids:
            return MatchResult("new", None, 0.0)
        scored = self._score(rows, ids)
        return self._judge(scored)

    def _candidates(self, rows: list[dict[str, object]]) -> list[str]:
        """Index rows sharing a block with any reading of the new record, most shared first."""
        keys = sorted({
            block_key(number, [str(features[c]) for c in block.columns])
            for features in rows
            for number, block in enumerate(BLOCKS)
            if all(features.get(c) is not None for c in block.columns)
            and (features["reading"] is None or block.admits_readings)
        })  # fmt: skip
        if not keys:
            return []
        placeholders = ", ".join("?" for _ in keys)
        found = self.connection.execute(
            f"SELECT unique_id FROM idx.block_keys WHERE key IN ({placeholders}) "
            f"GROUP BY unique_id ORDER BY count(*) DESC LIMIT {MAX_CANDIDATES}",
            keys,
        ).fetchall()
        return [row[0] for row in found]

    def _score(self, rows: list[dict[str, object]], ids: list[str]) -> list[Candidate]:
        """Each candidate record's best score over the readings of both sides."""
        placeholders = ", ".join("?" for _ in ids)
        right: pa.Table = self.connection.sql(
            f"SELECT * FROM idx.features WHERE unique_id IN ({placeholders})", params=ids
        ).to_arrow_table()
        known = {
            row["unique_id"]: row
            for row in right.select(["unique_id", "record_id", "reading", "person_id"]).to_pylist()
        }
        new = {str(features["unique_id"]): features for features in rows}
        left = []
        for features in rows:
            values = {column: features.get(column) for column in FEATURE_COLUMNS}
            for column in TF_COLUMNS:
                values[f"tf_{column}"] = self._tf[column].get(features.get(column))
            left.append(values)
        left_table = pa.Table.from_pylist(left, schema=right.drop_columns(["person_id"]).schema)
        predictions = compare_records(
            left_table, right.drop_columns(["person_id"]), self.model, self._db_api,
            sql_cache_key=self._cache_key, join_condition=ONE_READING_EACH,
        )  # fmt: skip
        relation = predictions.as_duckdbpyrelation()
        extra = [c for c in columns_for(self._labels) if c in relation.columns]
        found = relation.select(
            ", ".join(["unique_id_l", "unique_id_r", "match_weight", *extra])
        ).fetchall()
        predictions.drop_table_from_database_and_remove_from_cache(force_non_splink_table=True)
        self._forget_inputs()
        best: dict[str, Candidate] = {}
        for row in found:
            mine, theirs = new[row[0]], known[row[1]]
            reading = reading_of(
                str(mine["record_id"]), theirs["record_id"], mine["reading"], theirs["reading"]
            )
            probability = probability_of(float(row[2]) - reading.penalty)
            explanation: tuple[Contribution, ...] = ()
            if probability >= PROPOSAL_FLOOR:
                explanation = contributions(row[3:], extra, self._labels, self._prior)
                explanation += (reading.note,) if reading.note else ()
            candidate = Candidate(theirs["record_id"], theirs["person_id"], probability,
                                  explanation)  # fmt: skip
            held = best.get(candidate.record_id)
            if held is None or candidate.probability > held.probability:
                best[candidate.record_id] = candidate
        return list(best.values())

    def _forget_inputs(self) -> None:
        """Drop the views Splink registers for each comparison's inputs (a matcher lives long)."""
        views = self.connection.execute(
            "SELECT view_name FROM duckdb_views() "
            "WHERE view_name LIKE '__splink__compare_records_%'"
        ).fetchall()
        for (name,) in views:
            self.connection.unregister(name)

    def _judge(self, scored: list[Candidate]) -> MatchResult:
        totals: dict[str, float] = defaultdict(float)
        for candidate in scored:
            totals[candidate.person_id] += candidate.probability
        sizes = dict(
            self.connection.execute(
                f"SELECT person_id, records FROM idx.person_sizes WHERE person_id IN "
                f"({', '.join('?' for _ in totals)})",
                list(totals),
            ).fetchall()
        )
        averages = {person: total / sizes[person] for person, total in totals.items()}
        best = max(averages, key=lambda person: (averages[person], person))
        ranked = sorted(scored, key=lambda c: -c.probability)
        kept = [c for c in ranked if c.probability >= PROPOSAL_FLOOR]
        if averages[best] >= self.threshold:
            return MatchResult("attach", best, averages[best], kept)
        if kept:
            return MatchResult("propose", kept[0].person_id, averages[best], kept)
        return MatchResult("new", None, averages[best], [])
