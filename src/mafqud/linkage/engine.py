"""Running the model: features into DuckDB, training, scoring pairs, clustering.

One :class:`Linkage` holds one DuckDB database (in memory by default) with
one table of record features. Training follows Splink's unsupervised recipe
— the prior from near-certain rules, u by random sampling, m by
expectation-maximisation over several blocking passes — and the trained
model is plain JSON that :func:`Linkage.save_model` writes and a later run
loads instead of training again.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pyarrow as pa  # type: ignore[import-untyped]
from splink import DuckDBAPI, Linker

from mafqud.linkage.explain import (
    Contribution,
    columns_for,
    contributions,
    level_labels,
    prior,
)
from mafqud.linkage.features import FEATURE_COLUMNS, features_of
from mafqud.linkage.settings import settings, sure_rules, training_blocks

Stage = Callable[[str], None]
"""Told the name of each stage as it starts, for progress display."""

PROPOSAL_FLOOR = 0.1
"""Pairs scored below this probability are not kept at all."""

MIN_FILLED = 10
"""A comparison whose column fewer records fill than this is left out of the model."""

_SCHEMA = pa.schema([(column, pa.string()) for column in FEATURE_COLUMNS])


M_FLOOR = 0.005
"""The smallest m probability a level keeps after training."""


def smoothed(model: dict[str, Any], floor: float = M_FLOOR) -> dict[str, Any]:
    """The model with every level's m probability at least ``floor``, renormalised.

    EM learns m from the pairs its blocks let through; a level that those
    pairs never reach (a Latin spelling, when the block needed a mother's
    name only Arabic registers carry) comes out with m near zero, and one
    such level would then veto every true match that reaches it. A floor is
    a weak prior that every way of agreeing happens to true matches too.
    """
    smoothed_model: dict[str, Any] = json.loads(json.dumps(model))
    for comparison in smoothed_model["comparisons"]:
        levels = [
            level
            for level in comparison["comparison_levels"]
            if not level.get("is_null_level") and level.get("m_probability") is not None
        ]
        total = sum(max(level["m_probability"], floor) for level in levels)
        for level in levels:
            level["m_probability"] = max(level["m_probability"], floor) / total
    return smoothed_model


@dataclass(frozen=True)
class ScoredPair:
    """Two records and how likely they are one person."""

    left: str
    right: str
    probability: float
    match_weight: float
    explanation: tuple[Contribution, ...] = ()
    """Each comparison's level and weight, when asked for."""


@dataclass
class Timings:
    seconds: dict[str, float] = field(default_factory=dict)

    def time(self, stage: str, started: float) -> None:
        self.seconds[stage] = round(time.perf_counter() - started, 3)


class Linkage:
    """Records to link, in a DuckDB database, with the Splink model that links them."""

    def __init__(
        self,
        records: Iterable[Mapping[str, str | None]],
        model: dict[str, Any] | None = None,
        stage: Stage | None = None,
    ) -> None:
        self.timings = Timings()
        self.training_notes: list[str] = []
        self._stage = stage or (lambda _name: None)
        started = self._begin("features")
        table = pa.Table.from_pylist(list(features_of(records)), schema=_SCHEMA)
        self.records = table.num_rows
        self.timings.time("features", started)
        self.connection = duckdb.connect()
        self.connection.execute("SET enable_progress_bar = false")  # stdout is the caller's
        self.connection.register("features_arrow", table)
        self.connection.execute("CREATE TABLE features AS SELECT * FROM features_arrow")
        self.connection.unregister("features_arrow")
        self._db_api = DuckDBAPI(connection=self.connection)
        self._frame = self._db_api.register("features")
        self.present = self._filled_columns(table)
        self.linker = Linker(self._frame, model or settings(self.present), log_level="ERROR")
        self.trained = model is not None

    @staticmethod
    def _filled_columns(table: pa.Table) -> set[str]:
        """Feature columns with enough values to train on (at least MIN_FILLED records)."""
        return {
            column
            for column in table.column_names
            if table.num_rows - table.column(column).null_count >= MIN_FILLED
        }

    def _begin(self, name: str) -> float:
        self._stage(name)
        return time.perf_counter()

    def train(self, seed: int = 1) -> None:
        """Estimate the model from these records, without labels."""
        training = self.linker.training
        started = self._begin("training")
        sure = sure_rules(self.present)
        try:
            if sure:
                training.estimate_probability_two_random_records_match([*sure], recall=0.6)
        except ValueError:  # no near-certain pair at all: keep the starting prior
            self.training_notes.append("no near-certain matches: the starting prior was kept")
        training.estimate_u_using_random_sampling(max_pairs=2e6, seed=seed)
        for rule in training_blocks(self.present):
            try:
                training.estimate_parameters_using_expectation_maximisation(
                    rule, estimate_without_term_frequencies=True, max_pairs=2e6,
                    record_sample_proportion=1.0,
                )  # fmt: skip
            except ValueError as error:  # a level no pair in this block reaches
                self.training_notes.append(f"EM pass skipped: {error}")
        self.linker = Linker(self._frame, smoothed(self.model()), log_level="ERROR")
        self.trained = True
        self.timings.time("training", started)

    def model(self) -> dict[str, Any]:
        """The trained model as JSON-ready settings (comparisons with their m and u)."""
        model: dict[str, Any] = self.linker.misc.save_model_to_json()
        return model

    def predict(self, floor: float = PROPOSAL_FLOOR, explain: bool = False) -> list[ScoredPair]:
        """Every blocked pair scored at or above ``floor``, with its explanation if asked."""
        if not self.trained:
            self.train()
        started = self._begin("scoring pairs")
        predictions = self.linker.inference.predict(threshold_match_probability=floor)
        table = predictions.physical_name
        model = self.model()
        labels = level_labels(model) if explain else {}
        start = prior(model)
        available = set(self.connection.sql(f"SELECT * FROM {table} LIMIT 0").columns)
        extra = [column for column in columns_for(labels) if column in available]
        selected = ", ".join(["unique_id_l", "unique_id_r", "match_probability", "match_weight",
                              *extra])  # fmt: skip
        rows = self.connection.execute(f"SELECT {selected} FROM {table}").fetchall()
        self.timings.time("scoring pairs", started)
        return [
            ScoredPair(
                str(row[0]),
                str(row[1]),
                float(row[2]),
                float(row[3]),
                contributions(row[4:], extra, labels, start) if explain else (),
            )
            for row in rows
        ]
