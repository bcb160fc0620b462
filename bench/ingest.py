"""Benchmark: ingest a large synthetic register into SQLite and PostgreSQL.

Measures mafqud's ingest (evidence, provenance, cleaning, quarantine, custody)
against the baseline of loading the same CSV with ``pandas.read_csv`` +
``DataFrame.to_sql`` (no provenance, no cleaning), and, for PostgreSQL, a raw
``COPY`` of the CSV. Every measurement runs in a fresh child process so its
peak memory (max RSS) is its own. Peak memory is also measured on a file a
tenth the size: if it stays flat, memory does not grow with the file.

    .venv/bin/python bench/ingest.py                      # 1M CSV rows, 200k XLSX rows
    .venv/bin/python bench/ingest.py --rows 100000 --xlsx-rows 20000 --no-postgres

Needs the `bench` extra (pandas): scripts/bootstrap dev bench. PostgreSQL is
taken from MAFQUD_TEST_POSTGRES or --postgres (default: the local server).
The last line printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from mafqud.config import normalise_database_url
from mafqud.synth import RegisterSpec, write_register

DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"
SOURCE = "Benchmark register (synthetic)"


@dataclass
class Measurement:
    loader: str
    database: str
    file: str
    rows: int
    seconds: float
    rows_per_second: float
    peak_mib: float


def child(code: str, env: dict[str, str]) -> tuple[float, float, str]:
    """Run Python code in a fresh process; (seconds, peak RSS in MiB, stdout)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"benchmark child failed:\n{stderr}")
    peak = float(stdout.strip().splitlines()[-1])
    return seconds, peak, stdout


PEAK = "import resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"

MAFQUD = """
import time
from pathlib import Path
from mafqud.evidence import EvidenceStore
from mafqud.ingest import IngestRequest, ingest_file
from mafqud.registry import Disclosure, add_organisation, add_source, open_engine
from mafqud.registry import transaction, upgrade
engine = open_engine({url!r}); upgrade(engine)
with transaction(engine) as session:
    add_organisation(session, "bench.mafqud.example", "Benchmark (synthetic)")
    add_source(session, {source!r}, "bench.mafqud.example", Disclosure.RESTRICTED)
started = time.perf_counter()
report = ingest_file(engine, EvidenceStore(Path({data!r}) / "evidence"),
                     IngestRequest(Path({path!r}), {source!r}, "bench (synthetic data)"))
assert report.records_created + report.rows_quarantined == {rows}, report
print(time.perf_counter() - started)
"""

PANDAS = """
import time
import pandas as pd
from sqlalchemy import create_engine
engine = create_engine({url!r})
started = time.perf_counter()
for chunk in pd.read_csv({path!r}, skiprows=1, dtype=str, chunksize=100_000):
    chunk.to_sql("baseline", engine, if_exists="append", index=False, chunksize=10_000)
print(time.perf_counter() - started)
"""

COPY = """
import time
import psycopg
with psycopg.connect({url!r}) as connection, connection.cursor() as cursor:
    cursor.execute("CREATE TABLE raw_copy (" + ", ".join(f"c{{i}} text" for i in range(18)) + ")")
    started = time.perf_counter()
    with open({path!r}, "rb") as handle, cursor.copy(
        "COPY raw_copy FROM STDIN (FORMAT csv)"
    ) as copy:
        handle.readline(); handle.readline()  # the synthetic notice and the header
        while data := handle.read(1 << 20):
            copy.write(data)
print(time.perf_counter() - started)
"""


class Postgres:
    """A fresh schema per measurement on the benchmark server."""

    def __init__(self, url: str) -> None:
        import psycopg

        self.url = url
        self.psycopg = psycopg
        self.schemas: list[str] = []

    def fresh(self) -> tuple[str, str]:
        schema = f"bench_{uuid.uuid4().hex[:12]}"
        with self.psycopg.connect(self.url, autocommit=True) as connection:
            connection.execute(f"CREATE SCHEMA {schema}")
        self.schemas.append(schema)
        separator = "&" if "?" in self.url else "?"
        libpq = f"{self.url}{separator}options=-csearch_path%3D{schema}"
        return normalise_database_url(libpq), libpq

    def drop_all(self) -> None:
        with self.psycopg.connect(self.url, autocommit=True) as connection:
            for schema in self.schemas:
                connection.execute(f"DROP SCHEMA {schema} CASCADE")


def measure(
    loader: str, database: str, path: Path, rows: int, work: Path, postgres: Postgres | None
) -> Measurement:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    data = work / f"{loader}-{database}-{uuid.uuid4().hex[:6]}"
    data.mkdir()
    if database == "sqlite":
        url = libpq = f"sqlite:///{data / 'registry.sqlite'}"
    else:
        assert postgres is not None
        url, libpq = postgres.fresh()
    code = {
        "mafqud": MAFQUD.format(url=url, data=str(data), path=str(path), rows=rows, source=SOURCE),
        "pandas": PANDAS.format(url=url, path=str(path)),
        "copy": COPY.format(url=libpq, path=str(path)),
    }[loader]
    _, peak, stdout = child(code + "\n" + PEAK, env)
    seconds = float(stdout.strip().splitlines()[-2])
    return Measurement(
        loader, database, path.name, rows, round(seconds, 2), round(rows / seconds), round(peak, 1)
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--xlsx-rows", type=int, default=200_000)
    parser.add_argument(
        "--postgres", default=os.environ.get("MAFQUD_TEST_POSTGRES", DEFAULT_POSTGRES)
    )
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--workdir", type=Path, default=None, help="Keep generated files here.")
    args = parser.parse_args()

    console = Console(stderr=True)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="mafqud-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    files = {
        "csv": (work / f"register-{args.rows}.csv", RegisterSpec(rows=args.rows, seed=1)),
        "csv-tenth": (
            work / f"register-{args.rows // 10}.csv",
            RegisterSpec(rows=args.rows // 10, seed=2),
        ),
        "xlsx": (
            work / f"register-{args.xlsx_rows}.xlsx",
            RegisterSpec(rows=args.xlsx_rows, seed=3),
        ),
    }
    for path, spec in files.values():
        if not path.exists():
            console.print(f"generating {path.name} …")
            write_register(path, spec)
    databases = ["sqlite"] + ([] if args.no_postgres else ["postgresql"])
    postgres = None if args.no_postgres else Postgres(args.postgres)
    plan = []
    for database in databases:
        plan += [
            ("mafqud", database, files["csv"][0], args.rows),
            ("mafqud", database, files["csv-tenth"][0], args.rows // 10),
            ("mafqud", database, files["xlsx"][0], args.xlsx_rows),
            ("pandas", database, files["csv"][0], args.rows),
        ]
        if database == "postgresql":
            plan.append(("copy", database, files["csv"][0], args.rows))
    results: list[Measurement] = []
    try:
        for loader, database, path, rows in plan:
            console.print(f"{loader} → {database}: {path.name} …")
            results.append(measure(loader, database, path, rows, work, postgres))
    finally:
        if postgres:
            postgres.drop_all()

    table = Table(title="ingest benchmark (synthetic registers)")
    for column in ("loader", "database", "file", "rows", "seconds", "rows/s", "peak MiB"):
        table.add_column(
            column, justify="right" if column not in ("loader", "database", "file") else "left"
        )
    for m in results:
        table.add_row(
            m.loader,
            m.database,
            m.file,
            f"{m.rows:,}",
            f"{m.seconds:.1f}",
            f"{m.rows_per_second:,}",
            f"{m.peak_mib:.0f}",
        )
    Console().print(table)
    Console().print(
        "baseline: pandas.read_csv + DataFrame.to_sql of the same CSV (no provenance, no cleaning);"
        " copy: PostgreSQL COPY of the raw CSV into an unindexed table."
    )
    print(
        json.dumps(
            {
                "benchmark": "ingest",
                "machine_cpus": os.cpu_count(),
                "results": [asdict(m) for m in results],
            }
        )
    )


if __name__ == "__main__":
    main()
