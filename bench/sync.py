"""Benchmark: exporting a million synthetic records as PFIF 1.4, streamed, against a whole document.

Builds a registry of ``--records`` synthetic records (default 1,000,000; four
registers written by :mod:`mafqud.synth`, imported through the real importer
into four sources of two organisations at every disclosure level), then
measures, each in a fresh child process so that its peak memory is its own:

- ``pfif``: :func:`mafqud.interchange.export_pfif` as the operator (every
  record), PFIF 1.4, to a file — lxml's incremental writer, one person at a time;
- ``jsonl``: :func:`mafqud.interchange.tables.export_table` as JSON Lines;
- ``whole-document`` (the baseline): the same query
  (:func:`~mafqud.interchange.selection.exportable_records`), the same person
  elements (``export.person_element``) and the same audit, but every person appended
  to one lxml tree, serialised at the end with ``ElementTree.write``. Run on
  the first ``--baseline-records`` records (default 200,000); run on all of
  them as well only if its peak, projected from that run (the streamed
  export's peak plus the rest scaled linearly, and 15 % on top), stays under
  ``--memory-budget-gib`` (default 8; at 1M it does not: the tree alone
  peaked at 8.2 GiB — pass 10 to measure it anyway).

For each: wall time (query, writing, audit and commit), records/s, output
size, and peak memory: the child's peak RSS at its end, less its RSS right
after its imports. Peak RSS is VmHWM from /proc/self/status, reset after the
imports (``clear_refs``; importing mafqud briefly peaks ~60 MiB above what it
keeps), not getrusage's ru_maxrss: on Linux that survives exec, so a child
would report its parent's peak if higher (here the parent that built the
registry). tracemalloc is not used: libxml2 allocates outside Python's
allocator, so it would not see the tree the baseline builds.
Then the first 1,000 persons of the streamed export are checked against the
strict PFIF 1.4 schema (:func:`mafqud.interchange.validate`) and against the
baseline's first 1,000 (the same persons, byte for byte once canonicalised).

Then the import and the pull, each in its own child process as well:

- ``import``: the streamed export (every record, two organisations) imported
  by ``mafqud ingest``'s importer into a list source of a fresh registry —
  the streamed PFIF reader, validation of each person, cleaning, hashes,
  custody; baseline ``import-whole-document``: the same persons read from the
  whole-document export (the first ``--baseline-records``) by parsing the
  whole document first (``etree.parse``) and then reading each person's
  values — no database at all, so only its memory compares;
- ``pull-initial``: the registry served by a real ``mafqud serve`` process,
  pulled by ``mafqud.interchange.sync.pull`` (the code of ``mafqud sync pull``)
  into a mirror source of a fresh registry, with the token of a third
  organisation the two share with (it reads the partners-level and public
  half); this is also the baseline of the next step: pulling everything again;
- ``pull-incremental``: ``--new-records`` (default 10,000) new public records
  imported on the serving node, then the same pull again, which fetches only them.

    .venv/bin/python bench/sync.py                          # 1M records, SQLite in a temp dir
    .venv/bin/python bench/sync.py --records 20000          # a quick check
    .venv/bin/python bench/sync.py --database-url postgresql://postgres@127.0.0.1:5432/test

On PostgreSQL the registry is built in a fresh schema (bench_sync_<random>),
dropped at the end; nothing else in that database is touched. Generated files
live in --work-dir (default a temporary folder, removed unless --keep). Every
record is synthetic. The last line printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from itertools import islice
from pathlib import Path
from typing import IO, Any

import httpx
from lxml import etree
from rich.console import Console
from rich.table import Table
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from mafqud.access import Permission, Role, add_partnership, add_user, create_token
from mafqud.config import normalise_database_url
from mafqud.evidence import EvidenceStore
from mafqud.ingest import IngestRequest, ingest_file
from mafqud.interchange import PFIF_14, export_pfif, validate
from mafqud.interchange.export import _nsmap, _tag, person_element
from mafqud.interchange.feeds import publish_pending
from mafqud.interchange.persons import pfif_values
from mafqud.interchange.selection import RestrictedReads, allowed_fields, exportable_records
from mafqud.interchange.sync import Partner, pull
from mafqud.interchange.tables import export_table
from mafqud.interchange.validate import safe_parser
from mafqud.registry import (
    MIRROR,
    Disclosure,
    add_organisation,
    add_source,
    open_engine,
    source_records,
    transaction,
    upgrade,
)
from mafqud.search import Operator, Reader
from mafqud.synth import HeaderStyle, RegisterSpec, write_register

AGENT = "bench/sync.py (synthetic data)"
HOME, PARTNER = "home.bench.example", "partner.bench.example"
SOURCES: tuple[tuple[str, str, Disclosure, HeaderStyle], ...] = (
    (HOME, "Prison register (synthetic)", Disclosure.RESTRICTED, HeaderStyle.ARABIC),
    (HOME, "Family reports (synthetic)", Disclosure.RESTRICTED, HeaderStyle.ENGLISH),
    (PARTNER, "Death list (synthetic)", Disclosure.PARTNERS, HeaderStyle.ARABIC),
    (PARTNER, "NGO list (synthetic)", Disclosure.PUBLIC, HeaderStyle.ENGLISH),
)
SAMPLE = 1_000
MARGIN = 1.15
"""On the projected peak: at 1M (SQLite and PostgreSQL) the tree peaked 8 % above the line."""
PULLER = "puller.bench.example"
STEPS = ("pfif", "jsonl", "whole-document", "import", "import-whole-document", "pull")
METHODS = {
    "pfif": "export_pfif, PFIF 1.4, streamed",
    "jsonl": "export_table, JSON Lines, streamed",
    "whole-document": "one lxml tree, written at the end (baseline)",
    "import": "ingest_file: streamed PFIF reader into a list source",
    "import-whole-document": "etree.parse of the whole document, then each person (baseline)",
    "pull-initial": "sync.pull from a served node, everything it shares (baseline)",
    "pull-incremental": "sync.pull again: only what is new",
}


@dataclass
class Measurement:
    step: str
    method: str
    records: int
    seconds: float
    records_per_second: float
    output_mib: float
    base_mib: float
    peak_mib: float
    step_mib: float
    peak_reset: bool  # False: the peak includes the imports' (no /proc/self/clear_refs)


# ---------------------------------------------------------------- the child: one measured step


def memory_mib() -> tuple[float, float]:
    """(resident now, peak resident so far) of this process, in MiB.

    From /proc/self/status (VmRSS, VmHWM) where there is one: getrusage's ru_maxrss
    survives exec on Linux, so a child started by a large parent would report the
    parent's peak. Elsewhere ru_maxrss, for both (Linux KiB, macOS bytes).
    """
    status = Path("/proc/self/status")
    if status.exists():
        fields = dict(line.split(":", 1) for line in status.read_text().splitlines())
        return (int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_mib = peak / 2**20 if sys.platform == "darwin" else peak / 1024
    return peak_mib, peak_mib


def reset_peak() -> bool:
    """Start the peak afresh (Linux 4.0+): importing mafqud peaks above what it then keeps."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def whole_document(session: Any, reader: Reader, out: IO[bytes], limit: int | None) -> int:
    """The baseline: what export_pfif writes, built as one tree and serialised at the end."""
    allowed = allowed_fields(reader)
    root = etree.Element(_tag(PFIF_14, "pfif"), nsmap=_nsmap(PFIF_14))
    with RestrictedReads(session, reader, "pfif export (benchmark baseline)") as restricted:
        for row in islice(exportable_records(session, reader), limit):
            root.append(person_element(PFIF_14, row, allowed))
            restricted.saw(row)
    etree.ElementTree(root).write(out, encoding="utf-8", xml_declaration=True)
    return len(root)


def export_step(step: str, url: str, out: Path, limit: int | None) -> dict[str, Any]:
    engine = open_engine(url)
    reader = Operator(AGENT)
    with out.open("wb") as handle, transaction(engine) as session:
        if step == "pfif":
            records = export_pfif(session, reader, handle, PFIF_14).persons
        elif step == "jsonl":
            records = export_table(session, reader, handle, "jsonl").records
        else:
            records = whole_document(session, reader, handle, limit)
    engine.dispose()
    return {"records": records, "bytes": out.stat().st_size}


def import_step(url: str, document: Path, work: Path) -> dict[str, Any]:
    """Import a PFIF document into a list source of the (fresh) registry at ``url``."""
    engine = open_engine(url)
    upgrade(engine)
    with transaction(engine) as session:
        add_organisation(session, PULLER, "Importing organisation (synthetic)")
        add_source(session, "PFIF import (synthetic)", PULLER, Disclosure.RESTRICTED, "bench")
    store = EvidenceStore(work / "import-evidence")
    report = ingest_file(engine, store, IngestRequest(document, "PFIF import (synthetic)", AGENT))
    engine.dispose()
    return {"records": report.records_created, "quarantined": report.rows_quarantined,
            "bytes": document.stat().st_size}  # fmt: skip


def parse_whole(document: Path) -> dict[str, Any]:
    """The baseline reader: the whole tree first, then each person's values."""
    tree = etree.parse(str(document), safe_parser())
    persons = tree.getroot().findall(_tag(PFIF_14, "person"))
    values = [pfif_values(PFIF_14, person) for person in persons]
    return {"records": len(values), "bytes": document.stat().st_size}


def pull_step(url: str, partner_url: str, work: Path) -> dict[str, Any]:
    """Pull the served node into the mirror source of the registry at ``url``."""
    engine = open_engine(url)
    store = EvidenceStore(work / "puller-evidence")
    partner = Partner(partner_url, os.environ["MAFQUD_SYNC_TOKEN"], 1_000)
    report = pull(engine, store, "Partner mirror (synthetic)", partner, AGENT)
    engine.dispose()
    return {"records": report.records_created, "pages": report.pages,
            "quarantined": report.rows_quarantined, "bytes": 0}  # fmt: skip


def run_step(step: str, url: str, out: Path, limit: int | None, extra: str | None) -> None:
    """Run one step and print its figures as JSON (the parent reads the last line)."""
    reset = reset_peak()
    base, _ = memory_mib()
    started = time.perf_counter()
    if step == "import":
        figures = import_step(url, out, out.parent)
    elif step == "import-whole-document":
        figures = parse_whole(out)
    elif step == "pull":
        figures = pull_step(url, extra or "", out)
    else:
        figures = export_step(step, url, out, limit)
    seconds = time.perf_counter() - started
    print(json.dumps({**figures, "seconds": seconds, "base_mib": base,
                      "peak_mib": memory_mib()[1], "peak_reset": reset}))  # fmt: skip


# ---------------------------------------------------------------- the parent


def measure(
    step: str,
    url: str,
    out: Path,
    limit: int | None = None,
    extra: str | None = None,
    label: str | None = None,
    env: dict[str, str] | None = None,
) -> Measurement:
    command = [sys.executable, __file__, "--step", step, "--database-url", url, "--out", str(out)]
    if limit is not None:
        command += ["--limit", str(limit)]
    if extra is not None:
        command += ["--extra", extra]
    done = subprocess.run(command, capture_output=True, text=True, check=False,
                          env={**os.environ, **(env or {})})  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"benchmark step {step} failed:\n{done.stderr}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return Measurement(
        step=label or step,
        method=METHODS[label or step],
        records=figures["records"],
        seconds=round(figures["seconds"], 2),
        records_per_second=round(figures["records"] / figures["seconds"]),
        output_mib=round(figures["bytes"] / 2**20, 1),
        base_mib=round(figures["base_mib"], 1),
        peak_mib=round(figures["peak_mib"], 1),
        step_mib=round(figures["peak_mib"] - figures["base_mib"], 1),
        peak_reset=figures["peak_reset"],
    )


class Postgres:
    """A fresh schema on the server for this run, dropped at its end."""

    def __init__(self, url: str) -> None:
        import psycopg

        self.psycopg = psycopg
        self.libpq = url.replace("postgresql+psycopg://", "postgresql://", 1)
        self.schemas: list[str] = []

    @property
    def schema(self) -> str:
        return self.schemas[0]

    def create(self) -> str:
        """A new schema (the first holds the registry; the others, importing and pulling)."""
        schema = f"bench_sync_{uuid.uuid4().hex[:12]}"
        with self.psycopg.connect(self.libpq, autocommit=True) as connection:
            connection.execute(f"CREATE SCHEMA {schema}")
        self.schemas.append(schema)
        separator = "&" if "?" in self.libpq else "?"
        return normalise_database_url(f"{self.libpq}{separator}options=-csearch_path%3D{schema}")

    def drop(self) -> None:
        with self.psycopg.connect(self.libpq, autocommit=True) as connection:
            for schema in self.schemas:
                connection.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def build(url: str, work: Path, records: int, console: Console) -> dict[str, float]:
    """Write one synthetic register per source and import each through the real importer."""
    engine = open_engine(url)
    upgrade(engine)
    with transaction(engine) as session:
        add_organisation(session, HOME, "Home organisation (synthetic)")
        add_organisation(session, PARTNER, "Partner organisation (synthetic)")
        for organisation, name, level, _headers in SOURCES:
            add_source(session, name, organisation, level, "synthetic benchmark source")
    started = time.perf_counter()
    paths = []
    for index, (_organisation, _name, _level, headers) in enumerate(SOURCES):
        rows = records // len(SOURCES) + (index < records % len(SOURCES))
        path = work / f"register-{index}-{rows}.csv"
        write_register(path, RegisterSpec(rows=rows, seed=100 + index, headers=headers))
        paths.append(path)
    synthesis = time.perf_counter() - started
    console.print(f"  {records:,} synthetic rows written in {synthesis:.0f} s; importing …")
    store = EvidenceStore(work / "evidence")
    started = time.perf_counter()
    for path, (_organisation, name, _level, _headers) in zip(paths, SOURCES, strict=True):
        ingest_file(engine, store, IngestRequest(path, name, AGENT))
        path.unlink()
    imported = time.perf_counter() - started
    with transaction(engine) as session:
        count = session.scalar(select(func.count()).select_from(source_records)) or 0
    engine.dispose()
    shutil.rmtree(work / "evidence", ignore_errors=True)
    if count != records:
        raise RuntimeError(f"imported {count:,} records, expected {records:,}")
    console.print(f"  imported in {imported:.0f} s")
    return {"synthesis_seconds": round(synthesis, 1), "import_seconds": round(imported, 1)}


def persons(path: Path, count: int) -> list[etree._Element]:
    """The first ``count`` person elements of a PFIF 1.4 document, read incrementally."""
    found: list[etree._Element] = []
    for _event, element in etree.iterparse(str(path), tag=_tag(PFIF_14, "person")):
        found.append(element)
        if len(found) == count:
            break
    return found


def canonical(element: etree._Element) -> bytes:
    return etree.tostring(element, method="c14n", with_tail=False)  # type: ignore[no-any-return]


def check_sample(streamed: Path, baseline: Path | None, work: Path) -> dict[str, Any]:
    """Validate the streamed export's first persons; compare them with the baseline's."""
    sample = persons(streamed, SAMPLE)
    root = etree.Element(_tag(PFIF_14, "pfif"), nsmap=_nsmap(PFIF_14))
    for person in sample:
        copy = etree.fromstring(etree.tostring(person, with_tail=False))
        copy.tail = "\n"
        root.append(copy)
    path = work / "sample.xml"
    etree.ElementTree(root).write(str(path), encoding="utf-8", xml_declaration=True)
    version, problems = validate(path)
    result: dict[str, Any] = {
        "persons": len(sample),
        "schema": f"PFIF {version.number} (strict)",
        "valid": not problems,
        "problems": len(problems),
        "first_problem": problems[0].message if problems else None,
    }
    if baseline is not None:
        theirs = persons(baseline, SAMPLE)
        result["same_as_baseline"] = len(theirs) == len(sample) and all(
            canonical(a) == canonical(b) for a, b in zip(sample, theirs, strict=True)
        )
    return result


def fresh_database(name: str, work: Path, postgres: Postgres | None) -> str:
    """An empty database for a second registry: a SQLite file, or another fresh schema."""
    if postgres is None:
        return normalise_database_url(f"sqlite:///{work / f'{name}.sqlite'}")
    return postgres.create()


def prepare_serving(url: str) -> tuple[str, float]:
    """Give the puller's organisation a token on the serving node; publish every record.

    Returns the token and the seconds publishing took (one INSERT … SELECT of the whole log).
    """
    engine = open_engine(url)
    with transaction(engine) as session:
        add_organisation(session, PULLER, "Pulling organisation (synthetic)")
        add_partnership(session, HOME, PULLER)
        add_partnership(session, PARTNER, PULLER)
        user = add_user(session, "puller-node", PULLER, Role.VIEWER, "synthetic-password-1")
        _row, token = create_token(session, user, "bench", frozenset({Permission.READ}))
    started = time.perf_counter()
    with transaction(engine) as session:
        publish_pending(session)
    published = time.perf_counter() - started
    engine.dispose()
    return token, published


def prepare_puller(url: str) -> None:
    engine = open_engine(url)
    upgrade(engine)
    with transaction(engine) as session:
        add_organisation(session, PARTNER, "Partner organisation (synthetic)")
        add_source(session, "Partner mirror (synthetic)", PARTNER, Disclosure.PARTNERS,
                   "the partner's records, pulled", MIRROR)  # fmt: skip
    engine.dispose()


def add_new_records(url: str, work: Path, count: int) -> None:
    """``count`` new public records on the serving node, published to its feed."""
    path = work / f"new-{count}.csv"
    write_register(path, RegisterSpec(rows=count, seed=999, headers=HeaderStyle.ENGLISH))
    engine = open_engine(url)
    ingest_file(engine, EvidenceStore(work / "serve" / "evidence"),
                IngestRequest(path, "NGO list (synthetic)", AGENT))  # fmt: skip
    with transaction(engine) as session:
        publish_pending(session)
    engine.dispose()


@contextmanager
def served(url: str, work: Path) -> Iterator[str]:
    """`mafqud serve` over the registry at ``url``, in its own process; its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    (work / "serve").mkdir(exist_ok=True)
    env = {**os.environ, "MAFQUD_DATABASE_URL": url, "MAFQUD_DATA_DIR": str(work / "serve")}
    log = (work / "serve.log").open("wb")
    process = subprocess.Popen([sys.executable, "-m", "mafqud", "serve", "--port", str(port)],
                               env=env, stdout=log, stderr=log)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(f"{base}/feeds/person", timeout=2)
                break
            except httpx.TransportError:
                if process.poll() is not None:
                    raise RuntimeError((work / "serve.log").read_text()) from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=60)
        log.close()


def import_and_pull(
    url: str, work: Path, streamed: Path, document: Path, args: Any, postgres: Postgres | None,
    console: Console,
) -> tuple[list[Measurement], dict[str, float]]:  # fmt: skip
    """The import of the streamed export, its whole-document baseline, and the pulls."""
    results = []
    console.print("import: the streamed export into a fresh registry …")
    results.append(measure("import", fresh_database("import", work, postgres), streamed))
    streamed.unlink()
    console.print("import baseline: whole-document parse …")
    results.append(measure("import-whole-document", url, document))
    document.unlink()
    token, published = prepare_serving(url)
    puller = fresh_database("puller", work, postgres)
    prepare_puller(puller)
    env = {"MAFQUD_SYNC_TOKEN": token}
    with served(url, work) as base:
        console.print(f"pull: everything the node shares, from {base} …")
        results.append(measure("pull", puller, work, extra=base, label="pull-initial", env=env))
        console.print(f"pull: {args.new_records:,} new records …")
        add_new_records(url, work, args.new_records)
        results.append(measure("pull", puller, work, extra=base, label="pull-incremental",
                               env=env))  # fmt: skip
    return results, {"publish_seconds": round(published, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument(
        "--database-url",
        default=None,
        help="Where to build the registry (default: a SQLite file in --work-dir). A PostgreSQL "
        "URL gets a fresh schema, dropped at the end.",
    )
    parser.add_argument("--baseline-records", type=int, default=200_000)
    parser.add_argument("--memory-budget-gib", type=float, default=8.0)
    parser.add_argument("--work-dir", type=Path, default=None)
    parser.add_argument("--keep", action="store_true", help="Keep --work-dir and its files.")
    parser.add_argument("--step", choices=STEPS, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--new-records", type=int, default=10_000)
    parser.add_argument("--limit", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--extra", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        run_step(args.step, args.database_url, args.out, args.limit, args.extra)
        return

    console = Console(stderr=True)
    begun = time.perf_counter()
    work = args.work_dir or Path(tempfile.mkdtemp(prefix="mafqud-bench-sync-"))
    work.mkdir(parents=True, exist_ok=True)
    url = args.database_url or f"sqlite:///{work / 'registry.sqlite'}"
    url = normalise_database_url(url)
    backend = make_url(url).get_backend_name()
    postgres = Postgres(url) if backend == "postgresql" else None
    if backend == "sqlite":
        database = Path(make_url(url).database or "")
        if database.exists():
            raise SystemExit(f"{database} exists: the benchmark builds its own registry")
    results: list[Measurement] = []
    try:
        if postgres:
            url = postgres.create()
            console.print(f"PostgreSQL schema {postgres.schema}")
        console.print(f"building a registry of {args.records:,} synthetic records ({backend}) …")
        built = build(url, work, args.records, console)

        console.print("pfif: export_pfif, streamed …")
        streamed = work / "streamed.xml"
        results.append(measure("pfif", url, streamed))
        console.print("jsonl: export_table, streamed …")
        results.append(measure("jsonl", url, work / "streamed.jsonl"))
        (work / "streamed.jsonl").unlink()

        small = min(args.records, args.baseline_records)
        console.print(f"whole-document baseline on {small:,} records …")
        document = work / "whole.xml"
        results.append(measure("whole-document", url, document, small))
        # what the streamed export holds anyway (engine, caches), plus the tree, scaled up
        fixed = min(results[0].step_mib, results[-1].step_mib)
        projected = MARGIN * (fixed + (results[-1].step_mib - fixed) * args.records / small)
        full_run = small < args.records and projected <= args.memory_budget_gib * 1024
        console.print("checking a sample …")
        sample = check_sample(streamed, document, work)
        if full_run:
            console.print(f"whole-document baseline on all {args.records:,} records …")
            whole = work / "whole-all.xml"
            results.append(measure("whole-document", url, whole, args.records))
            whole.unlink()
        moved, timings = import_and_pull(url, work, streamed, document, args, postgres, console)
        results += moved
        built.update(timings)
    finally:
        if postgres:
            postgres.drop()
        if not args.keep and args.work_dir is None:
            shutil.rmtree(work, ignore_errors=True)
    total = time.perf_counter() - begun

    out = Console(width=max(132, Console().width))
    table = Table(
        title=f"PFIF export, import and pull, {args.records:,} synthetic records, {backend} "
        f"({os.cpu_count()} CPUs, shared)"
    )
    for column in ("step", "method", "records", "seconds", "records/s", "output MiB",
                   "base MiB", "peak MiB", "step MiB"):  # fmt: skip
        table.add_column(column, justify="left" if column in ("step", "method") else "right")
    for m in results:
        table.add_row(m.step, m.method, f"{m.records:,}", f"{m.seconds:.1f}",
                      f"{m.records_per_second:,}", f"{m.output_mib:,.0f}", f"{m.base_mib:.0f}",
                      f"{m.peak_mib:,.0f}", f"{m.step_mib:,.0f}")  # fmt: skip
    out.print(table)
    out.print(
        "step MiB = peak RSS of the step's own process less its RSS after imports. Baseline: the "
        "same query, person elements and audit, built into one tree and written at the end."
    )
    if small < args.records:
        verdict = (
            "run on all records too (row above)"
            if full_run
            else f"not run on all records: projected {projected / 1024:,.1f} GiB "
            f"> budget {args.memory_budget_gib:g} GiB"
        )
        out.print(
            f"whole-document baseline on the first {small:,} records only; "
            f"projection to {args.records:,} (+15 %): {projected:,.0f} MiB — {verdict}."
        )
    valid = "valid" if sample["valid"] else f"INVALID ({sample['problems']} problems, first: "
    valid += "" if sample["valid"] else f"{sample['first_problem']})"
    same = "yes" if sample.get("same_as_baseline") else "NO"
    out.print(
        f"sample: first {sample['persons']:,} persons of the streamed export against "
        f"{sample['schema']}: {valid}; identical to the baseline's first {SAMPLE:,}: {same}"
    )
    out.print(
        f"registry: {built['synthesis_seconds']:.0f} s synthesis, {built['import_seconds']:.0f} s "
        f"import; whole run {total:.0f} s. Every record is synthetic."
    )
    pulls = {m.step: m for m in results if m.step.startswith("pull")}
    if len(pulls) == 2:
        initial, incremental = pulls["pull-initial"], pulls["pull-incremental"]
        out.print(
            f"pull: {initial.records:,} records from scratch in {initial.seconds:,.1f} s "
            f"(baseline: pulling everything again), {incremental.records:,} new ones in "
            f"{incremental.seconds:,.1f} s; publishing the {args.records:,}-record log took "
            f"{built['publish_seconds']:.1f} s. The serving node is a real `mafqud serve`."
        )
    print(json.dumps({
        "benchmark": "sync",
        "machine_cpus": os.cpu_count(),
        "database": backend,
        "records": args.records,
        "build": built,
        "results": [asdict(m) for m in results],
        "baseline": {"records": small, "projected_full_mib": round(projected, 1),
                     "budget_gib": args.memory_budget_gib, "run_on_all_records": full_run},
        "sample": sample,
        "new_records": args.new_records,
        "total_seconds": round(total, 1),
    }))  # fmt: skip


if __name__ == "__main__":
    main()
