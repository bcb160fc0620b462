"""Running the model: features into DuckDB, training, scoring pairs, clustering.

One :class:`Linkage` holds one DuckDB database (in memory by default) with
one table of record features. Training follows Splink's unsupervised recipe
— the prior from near-certain rules, u by random sampling, m by
expectation-maximisation over several blocking passes — and the trained
model is plain JSON (:meth:`Linkage.model`) that a later run loads instead
of training again.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
from splink import Linker
from splink.internals.splink_dataframe import SplinkDataFrame

from mafqud.linkage.backends import Backend, DuckDBBackend
from mafqud.linkage.explain import (
    Contribution,
    columns_for,
    contributions,
    level_labels,
    prior,
    scored_levels,
)
from mafqud.linkage.features import FEATURE_COLUMNS, features_of
from mafqud.linkage.prior import logit2, probability_of, re_estimated_prior
from mafqud.linkage.readings import PAIR_COLUMNS, best_weights, reading_of
from mafqud.linkage.settings import settings, sure_rules, training_blocks

Stage = Callable[[str], None]
"""Told the name of each stage as it starts, for progress display."""

PROPOSAL_FLOOR = 0.1
"""Pairs scored below this probability are not kept at all."""

PRIOR_FLOOR = 0.001
"""Pairs down to this probability count when the prior is re-estimated from the scored pairs
(:mod:`mafqud.linkage.prior`); those below add almost nothing to the expected matches."""

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
            level for level in scored_levels(comparison) if level.get("m_probability") is not None
        ]
        total = sum(max(level["m_probability"], floor) for level in levels)
        for level in levels:
            level["m_probability"] = max(level["m_probability"], floor) / total
    return smoothed_model


def untrained_levels(model: dict[str, Any]) -> list[str]:
    """Levels training never reached, which score with Splink's defaults: worth knowing."""
    return [
        f"not trained, Splink's default used: {comparison['output_column_name']} / "
        f"{level.get('label_for_charts') or level.get('sql_condition')}"
        for comparison in model["comparisons"]
        for level in scored_levels(comparison)
        if level.get("m_probability") is None
    ]


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
    """Records to link, in a Splink backend (DuckDB by default), with the model that links them."""

    def __init__(
        self,
        records: Iterable[Mapping[str, str | None]],
        model: dict[str, Any] | None = None,
        stage: Stage | None = None,
        explain: bool = False,
        backend: Backend | None = None,
    ) -> None:
        self.timings = Timings()
        self.training_notes: list[str] = []
        self._stage = stage or (lambda _name: None)
        started = self._begin("features")
        table = pa.Table.from_pylist(list(features_of(records)), schema=_SCHEMA)
        self.records = table.column("reading").null_count
        """Records linked; the table also holds second readings of some (features.readings)."""
        self.timings.time("features", started)
        self.backend: Backend = backend or DuckDBBackend()
        self._frame = self.backend.register(table)
        self.present = self._filled_columns(table)
        self.explain = explain
        start = self._with(model) if model else settings(self.present, explain)
        self.linker = Linker(self._frame, start, log_level="ERROR")
        self.trained = model is not None
        self._prior_from_pairs = False

    @property
    def frame(self) -> SplinkDataFrame:
        """The feature table as Splink knows it (for Splink's own calls on these records)."""
        return self._frame

    def _with(self, model: dict[str, Any]) -> dict[str, Any]:
        """A trained model's parameters on settings written for this backend's SQL dialect.

        Saved models hold SQL in the dialect they were trained in; rebuilding the
        settings and copying m, u and the prior lets a DuckDB-trained model run
        on Spark, and lets this linkage keep or drop what explanations read.
        """
        names = {comparison["output_column_name"] for comparison in model["comparisons"]}
        dialect = self.backend.db_api.sql_dialect.sql_dialect_str
        fresh = settings(self.present, self.explain, names).create_settings_dict(dialect)
        trained = {c["output_column_name"]: c for c in model["comparisons"]}
        for comparison in fresh["comparisons"]:
            old_levels = trained[comparison["output_column_name"]]["comparison_levels"]
            for level, old in zip(comparison["comparison_levels"], old_levels, strict=True):
                for key in ("m_probability", "u_probability"):
                    if old.get(key) is not None:
                        level[key] = old[key]
        fresh["probability_two_random_records_match"] = model[
            "probability_two_random_records_match"
        ]
        return fresh

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
            before = self.model()
            try:
                self.linker.training.estimate_parameters_using_expectation_maximisation(
                    rule, estimate_without_term_frequencies=True, max_pairs=2e6,
                    record_sample_proportion=1.0,
                )  # fmt: skip
            except ValueError as error:  # a level no pair in this block reaches
                # Splink fails part-way through a pass, with the prior already overwritten
                # (0.78 once on 2,000 records): the pass is undone, not half kept.
                self.linker = Linker(self._frame, before, log_level="ERROR")
                self.training_notes.append(f"EM pass skipped: {error}")
        trained = self.model()
        self.training_notes += untrained_levels(trained)
        self.linker = Linker(self._frame, smoothed(trained), log_level="ERROR")
        self.trained = True
        self._prior_from_pairs = True
        self.timings.time("training", started)

    def model(self) -> dict[str, Any]:
        """The trained model as JSON-ready settings (comparisons with their m and u)."""
        model: dict[str, Any] = self.linker.misc.save_model_to_json()
        return model

    def predict(self, floor: float = PROPOSAL_FLOOR) -> list[ScoredPair]:
        """Every blocked pair scored at or above ``floor``, explained if the linkage explains."""
        if not self.trained:
            self.train()
        started = self._begin("scoring pairs")
        scan = min(floor, PRIOR_FLOOR) if self._prior_from_pairs else floor
        predictions = self.linker.inference.predict(threshold_match_probability=scan)
        shift = self._prior_from_scored(predictions) if self._prior_from_pairs else 0.0
        model = self.model()
        labels = level_labels(model) if self.explain else {}
        start = prior(model)
        available = set(self.backend.columns(predictions))
        extra = [column for column in columns_for(labels) if column in available]
        kept = f"match_weight >= {logit2(floor) - shift!r}" if floor > 0 else None
        rows = self.backend.rows(predictions, [*PAIR_COLUMNS, *extra], kept)
        best: dict[tuple[str, str], ScoredPair] = {}
        for row in rows:
            pair = self._scored(row, shift, extra, labels, start)
            key = (min(pair.left, pair.right), max(pair.left, pair.right))
            if pair.probability >= floor and (
                key not in best or pair.match_weight > best[key].match_weight
            ):
                best[key] = pair
        self.timings.time("scoring pairs", started)
        return list(best.values())

    def _scored(
        self,
        row: tuple[Any, ...],
        shift: float,
        extra: list[str],
        labels: dict[str, dict[int, str]],
        start: Contribution,
    ) -> ScoredPair:
        """One scored row: the prior's shift added, the reading's penalty taken."""
        left, right, reading_l, reading_r, weight = row[: len(PAIR_COLUMNS)]
        reading = reading_of(str(left), str(right), reading_l, reading_r)
        weight = float(weight) + shift - reading.penalty
        explanation: tuple[Contribution, ...] = ()
        if self.explain:
            explanation = contributions(row[len(PAIR_COLUMNS) :], extra, labels, start)
            explanation += (reading.note,) if reading.note else ()
        return ScoredPair(str(left), str(right), probability_of(weight), weight, explanation)

    def _prior_from_scored(self, predictions: SplinkDataFrame) -> float:
        """Re-estimate the prior from the scored pairs; the shift it makes to every match weight.

        The linker is rebuilt with the new prior, so the saved model, the link
        index and every explanation carry it.
        """
        model = self.model()
        before = float(model["probability_two_random_records_match"])
        weights = best_weights(self.backend.table(predictions, PAIR_COLUMNS))
        after = re_estimated_prior(weights, before, self.records * (self.records - 1) / 2)
        model["probability_two_random_records_match"] = after
        self.linker = Linker(self._frame, model, log_level="ERROR")
        self._prior_from_pairs = False
        self.training_notes.append(
            f"prior re-estimated from the scored pairs: {before:.3g} → {after:.3g}"
        )
        return logit2(after) - logit2(before)
