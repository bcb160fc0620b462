"""A kill -9 in the middle of an import leaves the whole file imported or none of it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text

from mafqud.evidence import EvidenceStore, verify_registry
from mafqud.registry import IngestRun, transaction
from mafqud.synth import RegisterSpec, write_register
from tests.conftest import Registry
from tests.ingest.helpers import count_quarantined, count_records

ROWS = 120_000


def started_writing(engine: Engine, data_dir: Path) -> bool:
    """Whether the importer is inside its transaction, writing rows nobody can see yet."""
    if engine.dialect.name == "sqlite":
        wal = Path(str(engine.url.database) + "-wal")
        return wal.exists() and wal.stat().st_size > 4 << 20
    with engine.connect() as connection:
        copying = connection.execute(
            text("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY source_records%'")
        ).scalar()
    return bool(copying)


@pytest.mark.slow
def test_kill_during_import_then_import_again(registry: Registry, tmp_path: Path) -> None:
    info = write_register(tmp_path / "big.csv", RegisterSpec(rows=ROWS, seed=21))
    env = {
        **os.environ,
        "MAFQUD_DATABASE_URL": registry.engine.url.render_as_string(hide_password=False),
        "MAFQUD_DATA_DIR": str(registry.store.root.parent),
        "MAFQUD_AGENT": "pytest (synthetic data)",
    }
    command = [
        sys.executable,
        "-m",
        "mafqud",
        "ingest",
        str(info.path),
        "--source",
        registry.source,
    ]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not started_writing(registry.engine, registry.store.root.parent):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the import never started writing"
        time.sleep(0.05)
    assert process.poll() is None, "the import finished before it could be interrupted"
    process.send_signal(signal.SIGKILL)
    process.wait()

    assert count_records(registry.engine) == 0
    assert count_quarantined(registry.engine) == 0
    with transaction(registry.engine) as session:
        assert session.scalar(select(func.count()).select_from(IngestRun)) == 0

    finished = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert finished.returncode == 0, finished.stderr
    assert count_records(registry.engine) == ROWS
    with transaction(registry.engine) as session:
        report = verify_registry(session, EvidenceStore(registry.store.root), record=False)
    assert report.ok, report.problems
