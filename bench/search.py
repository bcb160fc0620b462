"""Benchmark: name search over a million synthetic records, with baselines in the same run.

Builds one registry per backend — SQLite and PostgreSQL — holding ``--records``
synthetic source records (default 1,000,000; :mod:`mafqud.synth.linkage`) in
six sources of three organisations at mixed disclosure levels, imported
through the real importer, then times building the search index
(:func:`mafqud.search.index_pending`) and measures its size.

Queries are drawn from the synthetic people, each with its truth (the
person): Arabic queries from a record's own name parts, with a typing or OCR
slip in one part (``ocr_misreading``: dots, hamza, a dropped letter, two
words run together) in 60 %, the father's or grandfather's name left out in
40 %, and the family name put first in 25 %; Latin queries spell the same
parts as English, French, chat-alphabet or scholarly writers do
(``latin_spelling``), with parts left out in 40 %, reordered in 15 % and a
dropped letter in 20 %. "arabic+mother" queries are Arabic queries made the same way
with the record's mother's name given as well (``mother=``), as a family that knows it asks.
A query is found at k when any record of its person
is among the first k hits; several people share the same name (namesakes,
cousins), so a perfect search does not reach 1.0.

On SQLite it also ranks each query's candidates with its person's own records
added ("truth added to candidates"): the recall candidate generation could
reach at best, the rest being lost to namesakes that rank above.

Searches are timed as the command line runs them (:class:`Operator`: every
record), and also as a staff member of one organisation and as the public
(the disclosure rule in the SQL). Baselines in the same run, over the same
records and queries: SQLite ``LIKE`` (every query word in the raw name),
SQLite FTS5 (unicode61, diacritics removed, words OR'ed, bm25), and
rapidfuzz ``process.extract`` (WRatio) over every raw full name.

    .venv/bin/python bench/search.py                      # 1M records, both backends
    .venv/bin/python bench/search.py --records 100000     # a quicker run

Registries are built afresh on every run, under --work-dir (default
/tmp/mafqud-bench-search) and, for PostgreSQL, in the schema
bench_search_<records>. Every name is synthetic. The last line printed is one JSON object
with every figure.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import random
import shutil
import sqlite3
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process
from rich.console import Console
from rich.table import Table
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from mafqud.access import Role, add_partnership, add_user, get_user, principal_for_user
from mafqud.config import normalise_database_url
from mafqud.evidence import EvidenceStore
from mafqud.ingest import IngestRequest, ingest_file
from mafqud.names import Script, detect_script
from mafqud.registry import (
    Disclosure,
    add_organisation,
    add_source,
    open_engine,
    search_docs,
    search_postings,
    slugify,
    source_records,
    transaction,
    upgrade,
)
from mafqud.search import Operator, index_pending, query_terms, search
from mafqud.search.candidates import candidates
from mafqud.search.rank import Ranker
from mafqud.synth.linkage import LINKAGE_COLUMNS, LinkageSpec, generate_linkage_records
from mafqud.synth.spellings import STYLES, latin_spelling, ocr_misreading

DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"
DEFAULT_WORK = Path("/tmp/mafqud-bench-search")
AGENT = "bench/search.py (synthetic data)"
HOME, PARTNER, OTHER = "home.bench.example", "partner.bench.example", "other.bench.example"
STAFF = "bench-staff"
FLOORS = {"arabic": 0.95, "latin": 0.90}
FLOOR_MS = 50.0
NAME_PARTS = ("given_name", "father_name", "grandfather_name", "family_name")

SOURCES: tuple[tuple[str, str, str, Disclosure], ...] = (
    ("prison_register", HOME, "Prison register (synthetic)", Disclosure.RESTRICTED),
    ("family_reports", HOME, "Family reports (synthetic)", Disclosure.RESTRICTED),
    ("death_list", PARTNER, "Death list (synthetic)", Disclosure.PARTNERS),
    ("ngo_list_a", PARTNER, "NGO list A (synthetic)", Disclosure.PUBLIC),
    ("ngo_list_b", OTHER, "NGO list B (synthetic)", Disclosure.PARTNERS),
    ("testimonies", OTHER, "Testimonies (synthetic)", Disclosure.PUBLIC),
)
CSV_COLUMNS = [c for c in LINKAGE_COLUMNS if c != "source"]


@dataclass
class Query:
    kind: str  # "arabic", "latin", or "arabic+mother" (as a family that knows her name asks)
    text: str
    person: str
    mother: str | None = None


@dataclass
class Result:
    backend: str
    method: str
    kind: str
    queries: int
    top1: float
    top10: float
    p50_ms: float
    p95_ms: float


# ---------------------------------------------------------------- data and queries


def synthesise(
    folder: Path, records: int, seed: int
) -> tuple[dict[str, str], list[dict[str, str]]]:
    """One CSV per source; (local record id → person, every record) for truth and queries."""
    folder.mkdir(parents=True, exist_ok=True)
    handles = {g: (folder / f"{g}.csv").open("w", encoding="utf-8", newline="")
               for g, *_ in SOURCES}  # fmt: skip
    writers = {g: csv.writer(h) for g, h in handles.items()}
    for writer in writers.values():
        writer.writerow(CSV_COLUMNS)
    person: dict[str, str] = {}
    kept: list[dict[str, str]] = []
    for record in generate_linkage_records(LinkageSpec(records=records, seed=seed)):
        writers[record["source"]].writerow([record[c] for c in CSV_COLUMNS])
        person[record["record_id"]] = record["person_id"]
        kept.append({k: record[k] for k in ("record_id", "person_id", "source", "full_name",
                                             *NAME_PARTS, "mother_name")})  # fmt: skip
    for handle in handles.values():
        handle.close()
    return person, kept


def make_queries(records: list[dict[str, str]], count: int, seed: int) -> list[Query]:
    """``count`` Arabic and ``count`` Latin queries from the name parts of Arabic records."""
    rng = random.Random(seed)
    named = [r for r in records if r["source"] in ("prison_register", "family_reports")
             and r["given_name"] and r["father_name"] and r["family_name"]]  # fmt: skip
    rng.shuffle(named)
    arabic: list[Query] = []
    latin: list[Query] = []
    with_mother: list[Query] = []
    for record in named:
        parts = [record[p] for p in NAME_PARTS if record[p]]
        if len(arabic) < count:
            arabic.append(Query("arabic", _arabic_variant(parts, rng), record["person_id"]))
            if record["mother_name"] and len(with_mother) < count:
                with_mother.append(Query("arabic+mother", _arabic_variant(parts, rng),
                                         record["person_id"], record["mother_name"]))  # fmt: skip
        if len(latin) < count:
            spelt = _latin_variant(parts, rng)
            if spelt:
                latin.append(Query("latin", spelt, record["person_id"]))
        if len(arabic) >= count and len(latin) >= count:
            break
    return arabic + latin + with_mother


def _drop_middle(parts: list[str], rng: random.Random) -> list[str]:
    """Leave out the father's or the grandfather's name (never the given or family name)."""
    middle = list(range(1, len(parts) - 1))
    if middle:
        parts = parts[:]
        del parts[rng.choice(middle)]
    return parts


def _arabic_variant(parts: list[str], rng: random.Random) -> str:
    if rng.random() < 0.4:
        parts = _drop_middle(parts, rng)
    if rng.random() < 0.6:
        k = rng.randrange(len(parts))
        parts = [*parts[:k], ocr_misreading(parts[k], rng), *parts[k + 1 :]]
    if rng.random() < 0.25:
        parts = [parts[-1], *parts[:-1]]
    return " ".join(parts)


def _latin_variant(parts: list[str], rng: random.Random) -> str | None:
    style = rng.choice(STYLES)
    spelt = []
    for part in parts:
        words = [latin_spelling(part, rng, style)]
        if words[0] == part:  # not a vocabulary name as a whole: word by word
            words = [latin_spelling(word, rng, style) for word in part.split()]
        if any(detect_script(word) is not Script.LATIN for word in words):
            return None  # a spelling the vocabulary does not know (a typist's slip)
        spelt.append(" ".join(words))
    if rng.random() < 0.4:
        spelt = _drop_middle(spelt, rng)
    if rng.random() < 0.2:
        k = rng.randrange(len(spelt))
        word = spelt[k]
        if len(word) > 4:
            drop = rng.randrange(1, len(word) - 1)
            spelt[k] = word[:drop] + word[drop + 1 :]
    if rng.random() < 0.15:
        spelt = [spelt[-1], *spelt[:-1]]
    return " ".join(spelt)


# ---------------------------------------------------------------- registries


def registry_url(backend: str, work: Path, records: int, server: str) -> tuple[str, str | None]:
    if backend == "sqlite":
        return f"sqlite:///{work / f'sqlite-{records}' / 'registry.sqlite'}", None
    schema = f"bench_search_{records}"
    url = make_url(normalise_database_url(server)).update_query_dict(
        {"options": f"-csearch_path={schema}"}
    )
    return url.render_as_string(hide_password=False), schema


def build(backend: str, url: str, schema: str | None, work: Path, csvs: Path, server: str,
          console: Console) -> dict[str, float]:  # fmt: skip
    """Import every source through the real importer, then build the search index."""
    folder = work / f"{backend}-{csvs.name}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    if backend == "sqlite":
        path = Path(make_url(url).database or "")
        shutil.rmtree(path.parent, ignore_errors=True)
        path.parent.mkdir(parents=True)
    if schema:
        admin = create_engine(normalise_database_url(server))
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
            connection.execute(text(f"CREATE SCHEMA {schema}"))
        admin.dispose()
    engine = open_engine(url)
    upgrade(engine)
    with transaction(engine) as session:
        for domain in (HOME, PARTNER, OTHER):
            add_organisation(session, domain, f"{domain} (synthetic)")
        add_partnership(session, PARTNER, HOME)
        for _g, organisation, name, level in SOURCES:
            add_source(session, name, organisation, level, "synthetic benchmark source")
        add_user(session, STAFF, HOME, Role.REVIEWER, "synthetic-password-1", language="en")
    store = EvidenceStore(folder / "evidence")
    started = time.perf_counter()
    for generator, _o, name, _l in SOURCES:
        ingest_file(engine, store, IngestRequest(csvs / f"{generator}.csv", name, AGENT))
    seconds = {"import": time.perf_counter() - started}
    console.print(f"  {backend}: imported in {seconds['import']:.0f} s; indexing …")
    before = database_mib(url, schema)
    started = time.perf_counter()
    with transaction(engine) as session:
        indexed = index_pending(session)
    seconds["index"] = time.perf_counter() - started
    with transaction(engine) as session:
        postings = session.scalar(select(func.count()).select_from(search_postings)) or 0
    engine.dispose()
    if schema:  # as autovacuum soon would: index-only scans need the visibility map
        admin = create_engine(normalise_database_url(server), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f"VACUUM (ANALYZE) {schema}.search_postings"))
        admin.dispose()
    return {**seconds, "indexed": indexed, "postings": postings,
            "index_mib": database_mib(url, schema) - before}  # fmt: skip


def database_mib(url: str, schema: str | None) -> float:
    engine = open_engine(url)
    with engine.connect() as connection:
        if schema is None:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            path = Path(make_url(url).database or "")
            size = path.stat().st_size
        else:
            size = connection.execute(
                text("SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c "
                     "JOIN pg_namespace n ON n.oid = c.relnamespace "
                     "WHERE n.nspname = :schema AND c.relkind = 'r'"),
                {"schema": schema},
            ).scalar() or 0  # fmt: skip
    engine.dispose()
    return float(size) / 2**20


# ---------------------------------------------------------------- measuring


def percentile(times: list[float], share: float) -> float:
    ms = sorted(t * 1000 for t in times)
    return ms[min(len(ms) - 1, math.ceil(share * len(ms)) - 1)]


def measure(backend: str, method: str, queries: list[Query], run: Callable[[Query], list[str]],
            person: dict[str, str]) -> list[Result]:  # fmt: skip
    """Recall at 1 and 10 and latency, per query kind, of ``run`` (query → local ids)."""
    by_kind: dict[str, list[tuple[bool, bool, float]]] = defaultdict(list)
    for query in queries:
        started = time.perf_counter()
        found = run(query)
        elapsed = time.perf_counter() - started
        persons = [person.get(local) for local in found]
        by_kind[query.kind].append(
            (persons[:1] == [query.person], query.person in persons[:10], elapsed)
        )
    return [
        Result(backend, method, kind, len(rows),
               round(sum(r[0] for r in rows) / len(rows), 3),
               round(sum(r[1] for r in rows) / len(rows), 3),
               round(statistics.median(r[2] for r in rows) * 1000, 1),
               round(percentile([r[2] for r in rows], 0.95), 1))
        for kind, rows in by_kind.items()
    ]  # fmt: skip


def _quarter(queries: list[Query]) -> list[Query]:
    """A quarter of each kind of query (at least 50 of each)."""
    chosen: list[Query] = []
    for kind in sorted({q.kind for q in queries}):
        chosen += [q for q in queries if q.kind == kind][: max(50, len(queries) // 8)]
    return chosen


def local(record_id: str) -> str:
    """The synthetic generator's id (src1-000001) inside a registry id."""
    return record_id.rsplit("/", 1)[-1].split(".", 1)[-1]


def measure_mafqud(backend: str, url: str, queries: list[Query], person: dict[str, str],
                   warmup: int) -> list[Result]:  # fmt: skip
    engine = open_engine(url)
    results: list[Result] = []
    with transaction(engine) as session:
        staff = principal_for_user(session, get_user(session, STAFF))
    readers: dict[str, Any] = {"mafqud": Operator(AGENT), "mafqud as staff": staff,
                               "mafqud as public": None}  # fmt: skip
    for method, reader in readers.items():
        with transaction(engine) as session:
            for query in queries[:warmup]:
                search(session, reader, query.text, mother=query.mother)

        def run(query: Query, reader: Any = reader) -> list[str]:
            with transaction(engine) as session:
                hits = search(session, reader, query.text, mother=query.mother)
                return [local(h.record_id) for h in hits]

        chosen = queries if method == "mafqud" else _quarter(queries)
        results += measure(backend, method, chosen, run, person)
    engine.dispose()
    return results


def measure_ceiling(url: str, queries: list[Query], records: list[dict[str, str]],
                    person: dict[str, str]) -> list[Result]:  # fmt: skip
    """Recall had candidate generation never missed: the person's own records are added to the
    candidates before ranking. What is still missed then is lost to namesakes ranked above."""
    where = {generator: f"{organisation}/{slugify(name)}." for generator, organisation, name, _l
             in SOURCES}  # fmt: skip
    of_person: dict[str, list[str]] = defaultdict(list)
    for record in records:
        of_person[record["person_id"]].append(where[record["source"]] + record["record_id"])
    engine = open_engine(url)
    columns = [source_records.c.id, *(source_records.c[n] for n in (*NAME_PARTS, "full_name",
                                                                      "mother_name"))]  # fmt: skip

    def run(text_: str, truth: list[str]) -> list[str]:
        with transaction(engine) as session:
            docs = candidates(session, Operator(AGENT), query_terms(text_))
            rows = session.execute(
                select(*columns).where(
                    source_records.c.id.in_(
                        select(search_docs.c.record_id).where(search_docs.c.doc.in_(docs))
                    )
                    | source_records.c.id.in_(truth)
                )
            ).all()
        ranker = Ranker(text_)
        scored = sorted(((ranker.score(row._mapping), row.id) for row in rows),
                        key=lambda hit: (-hit[0], hit[1]))  # fmt: skip
        return [local(rid) for _score, rid in scored[:10]]

    names_only = [q for q in queries if q.mother is None]  # the ceiling of name-only queries
    results = measure("sqlite", "mafqud, truth added to candidates", names_only,
                      lambda q: run(q.text, of_person[q.person]), person)  # fmt: skip
    engine.dispose()
    return results


def baselines(records: list[dict[str, str]], queries: list[Query], person: dict[str, str],
              work: Path, fuzzy_queries: int, console: Console) -> list[Result]:  # fmt: skip
    """SQLite LIKE and FTS5 on the raw names, and rapidfuzz over every raw full name."""
    names = [(r["record_id"], r["full_name"] or " ".join(r[p] for p in NAME_PARTS if r[p]))
             for r in records]  # fmt: skip
    path = work / "baseline.sqlite"
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE raw (id TEXT, name TEXT)")
    db.execute("CREATE VIRTUAL TABLE raw_fts USING fts5(name, id UNINDEXED, "
               "tokenize = 'unicode61 remove_diacritics 2')")  # fmt: skip
    db.executemany("INSERT INTO raw VALUES (?, ?)", names)
    db.executemany("INSERT INTO raw_fts (name, id) VALUES (?, ?)", [(n, i) for i, n in names])
    db.commit()
    results: list[Result] = []
    queries = [q for q in queries if q.mother is None]  # raw-name baselines know no mother

    def like(query: Query) -> list[str]:
        words = query.text.split()
        where = " AND ".join("name LIKE ?" for _ in words)
        return [row[0] for row in db.execute(f"SELECT id FROM raw WHERE {where} LIMIT 10",
                                             [f"%{w}%" for w in words])]  # fmt: skip

    def fts(query: Query) -> list[str]:
        words = ['"' + w.replace('"', "") + '"' for w in query.text.split() if w.replace('"', "")]
        return [row[0] for row in db.execute(
            "SELECT id FROM raw_fts WHERE raw_fts MATCH ? ORDER BY rank LIMIT 10",
            [" OR ".join(words)])]  # fmt: skip

    texts = [n for _i, n in names]
    ids = [i for i, _n in names]

    def fuzzy(query: Query) -> list[str]:
        found = process.extract(query.text, texts, scorer=fuzz.WRatio, limit=10)
        return [ids[index] for _text, _score, index in found]

    some = [q for q in queries if q.kind == "arabic"][: max(20, len(queries) // 8)] + [
        q for q in queries if q.kind == "latin"][: max(20, len(queries) // 8)]  # fmt: skip
    console.print(f"  baselines: LIKE and FTS5 on {len(some)} queries …")
    results += measure("sqlite", "LIKE (raw names)", some, like, person)
    results += measure("sqlite", "FTS5 (raw names)", queries, fts, person)
    fuzzy_set = [q for q in queries if q.kind == "arabic"][:fuzzy_queries] + [
        q for q in queries if q.kind == "latin"][:fuzzy_queries]  # fmt: skip
    console.print(f"  baselines: rapidfuzz WRatio on {len(fuzzy_set)} queries …")
    results += measure("python", "rapidfuzz WRatio (all names)", fuzzy_set, fuzzy, person)
    db.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=400, help="Of each kind (Arabic, Latin).")
    parser.add_argument("--fuzzy-queries", type=int, default=25,
                        help="Of each kind for rapidfuzz (a full scan per query).")  # fmt: skip
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work-dir", type=Path, default=DEFAULT_WORK)
    parser.add_argument(
        "--postgres", default=os.environ.get("MAFQUD_TEST_POSTGRES", DEFAULT_POSTGRES)
    )
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args()

    console = Console(stderr=True)
    args.work_dir.mkdir(parents=True, exist_ok=True)
    csvs = args.work_dir / f"csv-{args.records}-{args.seed}"
    started = time.perf_counter()
    person, records = synthesise(csvs, args.records, args.seed)
    synth_seconds = time.perf_counter() - started
    queries = make_queries(records, args.queries, args.seed)
    console.print(f"{len(records):,} synthetic records in {synth_seconds:.0f} s; "
                  f"{len(queries)} queries")  # fmt: skip
    results: list[Result] = []
    builds: list[dict[str, Any]] = []
    for backend in args.backends.split(","):
        url, schema = registry_url(backend, args.work_dir, args.records, args.postgres)
        console.print(f"building the {backend} registry …")
        built = build(backend, url, schema, args.work_dir, csvs, args.postgres, console)
        builds.append({"backend": backend, **{k: round(v, 1) for k, v in built.items()}})
        console.print(f"  {backend}: {built}; searching …")
        results += measure_mafqud(backend, url, queries, person, args.warmup)
        if backend == "sqlite":
            results += measure_ceiling(url, queries, records, person)
    results += baselines(records, queries, person, args.work_dir, args.fuzzy_queries, console)

    out = Console(width=max(132, Console().width))
    table = Table(title=f"name search, {args.records:,} synthetic records "
                        f"({os.cpu_count()} CPUs, shared)")  # fmt: skip
    for column in ("backend", "method", "queries", "n", "top-1", "top-10", "p50 ms", "p95 ms"):
        table.add_column(column, justify="left" if column in ("backend", "method", "queries")
                         else "right")  # fmt: skip
    for r in results:
        table.add_row(r.backend, r.method, r.kind, str(r.queries), f"{r.top1:.3f}",
                      f"{r.top10:.3f}", f"{r.p50_ms:.1f}", f"{r.p95_ms:.1f}")  # fmt: skip
    out.print(table)
    index = Table(title="index build (after import)")
    for column in ("backend", "records", "postings", "import s", "index s", "index MiB"):
        index.add_column(column, justify="left" if column == "backend" else "right")
    for b in builds:
        index.add_row(
            b["backend"],
            f"{int(b['indexed']):,}",
            f"{int(b['postings']):,}",
            f"{b['import']:.0f}",
            f"{b['index']:.1f}",
            f"{b['index_mib']:,.0f}",
        )
    out.print(index)
    out.print(f"floors: top-10 ≥ {FLOORS['arabic']} (Arabic), ≥ {FLOORS['latin']} (Latin), "
              f"p95 ≤ {FLOOR_MS:.0f} ms. Staff and public rows time a quarter of the queries; "
              "their recall counts only what they may see. Every name is synthetic.")  # fmt: skip
    print(json.dumps({
        "benchmark": "search",
        "machine_cpus": os.cpu_count(),
        "records": args.records,
        "queries_per_kind": args.queries,
        "synthesis_seconds": round(synth_seconds, 1),
        "floors": {**FLOORS, "p95_ms": FLOOR_MS},
        "builds": builds,
        "results": [asdict(r) for r in results],
    }))  # fmt: skip


if __name__ == "__main__":
    main()
