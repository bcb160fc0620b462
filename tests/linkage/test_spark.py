"""The same model on Splink's Spark backend (the path past one machine) gives the same scores.

Runs Spark locally (local[2]); skipped only where Java is missing, which is
not the case on the development and CI machines.
"""

from __future__ import annotations

import shutil

import pytest

from mafqud.linkage.backends import SparkBackend, spark_session
from mafqud.linkage.engine import Linkage
from mafqud.synth.linkage import LinkageSpec, generate_linkage_records

pytestmark = pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java")


def test_spark_scores_pairs_as_duckdb_does() -> None:
    records = list(generate_linkage_records(LinkageSpec(records=800, seed=21)))
    on_duckdb = Linkage(records)
    on_duckdb.train()
    expected = {(p.left, p.right): p.probability for p in on_duckdb.predict()}
    model = on_duckdb.model()  # with the prior re-estimated from the pairs just scored
    assert len(expected) > 50

    session = spark_session()
    try:
        on_spark = Linkage(records, model=model, backend=SparkBackend(session))
        found = {(p.left, p.right): p.probability for p in on_spark.predict()}
    finally:
        session.stop()
    assert set(found) == set(expected)
    for pair, probability in expected.items():
        assert found[pair] == pytest.approx(probability, abs=1e-6)
