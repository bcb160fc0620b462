"""Row preparation is a pure function of the document: no database needed."""

from __future__ import annotations

from pathlib import Path

from mafqud.ingest.mapping import Mapping
from mafqud.ingest.prepare import BATCH_ROWS, Batch, Opened, Preparation, prepare
from mafqud.ingest.report import SheetReport
from mafqud.registry import content_hash
from mafqud.synth import RegisterSpec, write_register


def preparation(path: Path) -> Preparation:
    return Preparation(
        path=path,
        name=path.name,
        sha256="ab" * 32,
        mapping=Mapping(),
        record_prefix="example.org/list.",
        source_id=1,
        run_id=7,
        accession_id="acc-abababababababab",
        disclosure="partners",
    )


def test_messages_come_in_document_order(tmp_path: Path) -> None:
    rows = BATCH_ROWS + 123
    info = write_register(tmp_path / "r.csv", RegisterSpec(rows=rows, seed=5, malformed=0.01))
    messages = list(prepare(preparation(info.path)))
    assert isinstance(messages[0], Opened) and messages[0].encoding == "utf-8"
    assert isinstance(messages[1], SheetReport) and messages[1].header_row == 2
    batches = [m for m in messages[2:] if isinstance(m, Batch)]
    assert len(batches) == 2 and len(messages) == 4
    prepared = [row for batch in batches for row in batch.rows]
    assert len(prepared) == rows
    assert sum(kind == "Q" for kind, _ in prepared) == info.malformed
    ordinals = [values[4] if kind == "R" else values[1] for kind, values in prepared]
    assert ordinals == list(range(1, rows + 1))
    for kind, values in prepared[:: rows // 50]:
        assert values[-1] == content_hash(values[:-1])
        if kind == "R":
            assert values[0] == f"example.org/list.{'ab' * 6}.s1.r{values[6]}"
            assert values[1:4] == [1, 7, "acc-abababababababab"]


def test_the_same_document_prepares_identically(tmp_path: Path) -> None:
    info = write_register(tmp_path / "r.xlsx", RegisterSpec(rows=300, seed=6, sheets=2))
    first = [m.rows for m in prepare(preparation(info.path)) if isinstance(m, Batch)]
    second = [m.rows for m in prepare(preparation(info.path)) if isinstance(m, Batch)]
    assert first == second and sum(map(len, first)) == 300
