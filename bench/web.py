"""Benchmark: latency of the staff web app on a registry of a million records.

Builds (or reuses) one registry per backend — SQLite and PostgreSQL — holding
``--records`` synthetic source records (default 1,000,000) in six sources of
three organisations at mixed disclosure levels, imported through the real
importer from CSVs written by :mod:`mafqud.synth.linkage`, then one linking
stored with :func:`mafqud.registry.store_linkage`: ``--proposals`` proposals
(default 100,000; most between records of one synthetic person, the rest
between namesakes of different people, with an explanation waterfall each),
every record's person (clusters of 1-5 records), and a few review decisions.

It then starts the app for real (uvicorn, one worker, in a child process on
127.0.0.1) and, after a warm-up, times sequential requests of a reviewer
(bearer token) with httpx: the review queue page (the first page, and deep
pages: random positions over the whole queue, reached by the cursor the page
before links to), the pair page, the person page, and the API queue and
person. Baselines measured in the same run: GET /static/style.css (the
server's floor: HTTP, middleware, no database) and the bare SQL of the queue
query (the statement ``review_queue`` sends, on a raw connection: no HTTP, no
ORM, no template).

    .venv/bin/python bench/web.py                                   # 1M records, 100k proposals
    .venv/bin/python bench/web.py --records 20000 --proposals 2000  # a quick run

On PostgreSQL the build ANALYZEs its tables before the review decisions, as
autovacuum would a minute or so after a big load: without statistics the
planner picks a quadratic plan for the queue (291 s for one page at 20,000
records).

Registries are kept, keyed by size and by the migrations' content, under
--work-dir (default /tmp/mafqud-bench-web) and, for PostgreSQL, in a schema
named after the size (bench_web_<records>_<proposals>); --rebuild builds them
again, --drop drops the PostgreSQL schema at the end. PostgreSQL is taken
from MAFQUD_TEST_POSTGRES or --postgres (default: the local server). Every
name is synthetic. The last line printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
from rich.console import Console
from rich.table import Table
from sqlalchemy import Engine, create_engine, event, select, text
from sqlalchemy.engine import make_url

import mafqud.registry as registry_package
from mafqud.access import (
    ROLE_PERMISSIONS,
    Role,
    add_partnership,
    add_user,
    create_token,
    get_user,
    principal_for_user,
)
from mafqud.config import Settings, normalise_database_url
from mafqud.evidence import EvidenceStore
from mafqud.ingest import IngestRequest, ingest_file
from mafqud.linkage.persons import assign_person_ids
from mafqud.registry import (
    FAMILY_REPORTS,
    Disclosure,
    EventRow,
    LinkageRun,
    ProposalRow,
    Source,
    add_organisation,
    add_source,
    open_engine,
    person_id_minter,
    source_records,
    store_linkage,
    transaction,
    upgrade,
    utc_now,
)
from mafqud.review import Decision, decide, review_queue
from mafqud.synth.linkage import LINKAGE_COLUMNS, LinkageSpec, generate_linkage_records

DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"
DEFAULT_WORK = Path("/tmp/mafqud-bench-web")
AGENT = "bench/web.py (synthetic data)"
HOME, PARTNER, OTHER = "home.bench.example", "partner.bench.example", "other.bench.example"
REVIEWER, PASSWORD = "bench-reviewer", "synthetic-password-1"
FLOOR_MS = 200.0
PAGE = 50

SOURCES: tuple[tuple[str, str, str, Disclosure, str], ...] = (
    # (generator source, organisation, registry source, level, kind)
    ("prison_register", HOME, "Prison register (synthetic)", Disclosure.RESTRICTED, "list"),
    ("family_reports", HOME, "Family reports (synthetic)", Disclosure.RESTRICTED, FAMILY_REPORTS),
    ("death_list", PARTNER, "Death list (synthetic)", Disclosure.PARTNERS, "list"),
    ("ngo_list_a", PARTNER, "NGO list A (synthetic)", Disclosure.PUBLIC, "list"),
    ("ngo_list_b", OTHER, "NGO list B (synthetic)", Disclosure.PARTNERS, "list"),
    ("testimonies", OTHER, "Testimonies (synthetic)", Disclosure.PUBLIC, "list"),
)
"""The partner shares with home, the other organisation with no one: home's reviewer reads
every source but NGO list B, so the queue must skip the pairs that touch it."""
CSV_COLUMNS = [c for c in LINKAGE_COLUMNS if c != "source"]
COMPARISONS = ("given_name", "father_name", "family_name", "mother_name", "birth_date",
               "governorate", "national_id", "event_date", "facility")  # fmt: skip
LEVELS = ("exact", "jaro_winkler_0.92", "cross_script", "year", "else")
PRIOR = -8.1


def schema_digest() -> str:
    """The migrations' content: a registry built under other migrations is built again
    (a migration edited in place, such as a changed index, changes no revision id)."""
    folder = Path(registry_package.__file__).parent / "migrations"
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def visible_to_home(organisation: str, level: Disclosure) -> bool:
    if level is Disclosure.PUBLIC or organisation == HOME:
        return True
    return organisation == PARTNER and level is Disclosure.PARTNERS


# ---------------------------------------------------------------- synthetic files


def synthesise(folder: Path, records: int, seed: int) -> float:
    """One CSV per generator source, plus truth.csv (record, person, name key); seconds."""
    if (folder / "done").exists():
        return 0.0
    started = time.perf_counter()
    folder.mkdir(parents=True, exist_ok=True)
    handles = {g: (folder / f"{g}.csv").open("w", encoding="utf-8", newline="")
               for g, *_ in SOURCES}  # fmt: skip
    writers = {g: csv.writer(h) for g, h in handles.items()}
    for writer in writers.values():
        writer.writerow(CSV_COLUMNS)
    with (folder / "truth.csv").open("w", encoding="utf-8", newline="") as truth_handle:
        truth = csv.writer(truth_handle)
        for record in generate_linkage_records(LinkageSpec(records=records, seed=seed)):
            writers[record["source"]].writerow([record[c] for c in CSV_COLUMNS])
            truth.writerow([record["record_id"], record["person_id"], _name_key(record)])
    for handle in handles.values():
        handle.close()
    (folder / "done").write_text("ok\n")
    return time.perf_counter() - started


def _name_key(record: dict[str, str]) -> str:
    """Given and family name, for pairing namesakes (plausible false matches)."""
    words = record["full_name"].split()
    given = record["given_name"] or (words[0] if words else "")
    family = record["family_name"] or (words[-1] if len(words) > 1 else "")
    return f"{given}|{family}".casefold() if given and family else ""


# ---------------------------------------------------------------- the registry


@dataclass
class Registry:
    backend: str
    url: str
    data_dir: Path
    schema: str | None = None
    build: dict[str, Any] = field(default_factory=dict)

    @property
    def marker(self) -> Path:
        return self.data_dir / "built.json"

    def settings(self) -> Settings:
        return Settings(data_dir=self.data_dir, database_url=self.url)


def registry_for(backend: str, work: Path, records: int, proposals: int, server: str) -> Registry:
    data_dir = work / f"{backend}-{records}-{proposals}"
    if backend == "sqlite":
        return Registry(backend, f"sqlite:///{data_dir / 'registry.sqlite'}", data_dir)
    schema = f"bench_web_{records}_{proposals}"
    url = make_url(normalise_database_url(server)).update_query_dict(
        {"options": f"-csearch_path={schema}"}
    )
    return Registry(backend, url.render_as_string(hide_password=False), data_dir, schema)


def _admin(registry: Registry, server: str, sql: str) -> None:
    engine = create_engine(normalise_database_url(server))
    with engine.begin() as connection:
        connection.execute(text(sql))
    engine.dispose()


def build(registry: Registry, csvs: Path, proposals: int, seed: int, server: str,
          console: Console) -> None:  # fmt: skip
    """Create the registry from the CSVs: sources, import, one linking, decisions."""
    if registry.data_dir.exists():
        shutil.rmtree(registry.data_dir)
    registry.data_dir.mkdir(parents=True)
    if registry.schema:
        _admin(registry, server, f"DROP SCHEMA IF EXISTS {registry.schema} CASCADE")
        _admin(registry, server, f"CREATE SCHEMA {registry.schema}")
    seconds: dict[str, float] = {}
    engine = open_engine(registry.url)
    upgrade(engine)
    with transaction(engine) as session:
        for domain in (HOME, PARTNER, OTHER):
            add_organisation(session, domain, f"{domain} (synthetic)")
        add_partnership(session, PARTNER, HOME)
        for _g, organisation, name, level, kind in SOURCES:
            add_source(session, name, organisation, level, "synthetic benchmark source", kind)
        add_user(session, REVIEWER, HOME, Role.REVIEWER, PASSWORD, language="en")
    store = EvidenceStore(registry.settings().evidence_dir)
    started = time.perf_counter()
    for generator, _o, name, _l, _k in SOURCES:
        clock = time.perf_counter()
        report = ingest_file(engine, store, IngestRequest(csvs / f"{generator}.csv", name, AGENT))
        console.print(f"  {registry.backend}: imported {report.records_created:,} records "
                      f"into {name} in {time.perf_counter() - clock:.1f} s")  # fmt: skip
    seconds["import"] = time.perf_counter() - started

    clock = time.perf_counter()
    rows, clusters = plan_linking(engine, csvs / "truth.csv", proposals, seed)
    seconds["plan_linking"] = time.perf_counter() - clock
    clock = time.perf_counter()
    with transaction(engine) as session:
        minter = person_id_minter(session)
        assigned, events = assign_person_ids(clusters, {}, lambda: next(minter))
        run = LinkageRun(started_at=utc_now(), finished_at=utc_now(), agent=AGENT,
                         records=len(clusters), proposals=len(rows),
                         persons=len(set(assigned.values())), threshold=0.3,
                         model_sha256="0" * 64, model="{}", trained=False,
                         report='{"synthetic": true}')  # fmt: skip
        changes = [EventRow(e.kind, e.person, e.related, e.records) for e in events]
        store_linkage(session, run, rows, assigned, changes)
    seconds["store_linkage"] = time.perf_counter() - clock
    if registry.backend == "postgresql":
        # What autovacuum does within a minute or so of a big load (see the docstring).
        clock = time.perf_counter()
        with engine.begin() as connection:
            tables = connection.execute(
                text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
            ).scalars()
            connection.execute(text("ANALYZE " + ", ".join(sorted(tables))))
        seconds["analyze"] = time.perf_counter() - clock
    clock = time.perf_counter()
    decisions = _decide_some(engine, seed)
    seconds["decisions"] = time.perf_counter() - clock
    engine.dispose()
    registry.build = {
        "records": len(clusters),
        "proposals": len(rows),
        "persons": len(set(assigned.values())),
        "decisions": decisions,
        "schema": schema_digest(),
        "seconds": {k: round(v, 1) for k, v in seconds.items()},
        "built_at": utc_now().isoformat(),
    }
    registry.marker.write_text(json.dumps(registry.build, indent=1))


def plan_linking(
    engine: Engine, truth_path: Path, wanted: int, seed: int
) -> tuple[list[ProposalRow], dict[str, str]]:
    """Proposals (85 % within a synthetic person, 15 % between namesakes) and persons."""
    rng = random.Random(seed)
    with transaction(engine) as session:
        family = set(session.scalars(select(Source.id).where(Source.kind == FAMILY_REPORTS)))
        ids = {
            local: (rid, source in family)
            for rid, local, source in session.execute(
                select(source_records.c.id, source_records.c.local_id, source_records.c.source_id)
            )
        }
    people: dict[str, list[str]] = defaultdict(list)
    namesakes: dict[str, list[tuple[str, str]]] = defaultdict(list)
    with truth_path.open(encoding="utf-8", newline="") as handle:
        for local, person, key in csv.reader(handle):
            if local not in ids:
                continue  # quarantined by the importer
            people[person].append(ids[local][0])
            if key:
                namesakes[key].append((ids[local][0], person))
    clusters: dict[str, str] = {}
    for person, members in people.items():
        for start in range(0, len(members), 5):  # persons of 1-5 records
            for rid in members[start : start + 5]:
                clusters[rid] = f"{person}#{start}"
    pairs: dict[tuple[str, str], bool] = {}  # pair → same synthetic person
    groups = [sorted(m) for m in people.values() if len(m) > 1]
    rng.shuffle(groups)
    within = round(wanted * 0.85)
    for members in groups:
        if len(pairs) >= within:
            break
        for a, b in combinations(members, 2):
            pairs[(a, b)] = True
    keys = [k for k, v in namesakes.items() if len({p for _r, p in v}) > 1]
    rng.shuffle(keys)
    for key in keys:
        if len(pairs) >= wanted:
            break
        found = namesakes[key]
        for _ in range(min(3, len(found))):
            (a, pa), (b, pb) = rng.sample(found, 2)
            if pa != pb:
                pairs.setdefault((min(a, b), max(a, b)), False)
    family_record = {rid for rid, is_family in ids.values() if is_family}
    rows = []
    for (a, b), same in list(pairs.items())[:wanted]:
        p = min(0.999, max(0.01, rng.betavariate(4, 1.3) if same else rng.betavariate(1.3, 3)))
        weight = math.log2(p / (1 - p))
        rank = (0.0 if a in family_record or b in family_record else 1.0) + abs(p - 0.5)
        rows.append(ProposalRow(a, b, p, weight, _explanation(rng, weight), rank))
    return rows, clusters


def _explanation(rng: random.Random, weight: float) -> list[tuple[str, str, float]]:
    """A waterfall like the linker's: the prior, then each comparison's weight."""
    chosen = rng.sample(COMPARISONS, rng.randint(5, len(COMPARISONS)))
    raw = [rng.uniform(-1.0, 4.0) for _ in chosen]
    scale = (weight - PRIOR) / (sum(raw) or 1.0)
    return [("prior", "", PRIOR)] + [
        (name, rng.choice(LEVELS), round(w * scale, 2)) for name, w in zip(chosen, raw, strict=True)
    ]


def _decide_some(engine: Engine, seed: int) -> int:
    """A few decisions: on the head of the queue, deeper in it, and one reversed."""
    rng = random.Random(seed)
    with transaction(engine) as session:
        principal = principal_for_user(session, get_user(session, REVIEWER))
        head = review_queue(session, principal, 500)
        chosen = head[:12] + rng.sample(head[12:], min(12, len(head) - 12))
        verdicts = (Decision.SAME, Decision.DIFFERENT, Decision.UNSURE)
        for n, item in enumerate(chosen):
            decide(session, principal, item.record_l, item.record_r, verdicts[n % 3],
                   "benchmark decision (synthetic)")  # fmt: skip
        if chosen:
            decide(session, principal, chosen[0].record_l, chosen[0].record_r,
                   Decision.UNSURE, "benchmark: decided again (synthetic)")  # fmt: skip
        return len(chosen) + (1 if chosen else 0)


def ready(registry: Registry) -> bool:
    if not registry.marker.exists():
        return False
    registry.build = json.loads(registry.marker.read_text())
    if registry.build.get("schema") != schema_digest():
        return False
    if registry.schema is None:
        return Path(make_url(registry.url).database or "").exists()
    try:
        engine = open_engine(registry.url)
        with engine.connect() as connection:
            runs = connection.execute(text("SELECT count(*) FROM linkage_runs")).scalar()
        engine.dispose()
        return bool(runs)
    except Exception:  # no schema yet: build it
        return False


def database_mib(registry: Registry) -> float:
    if registry.schema is None:
        path = Path(make_url(registry.url).database or "")
        files = [path, Path(f"{path}-wal")]
        return sum(f.stat().st_size for f in files if f.exists()) / 2**20
    engine = open_engine(registry.url)
    with engine.connect() as connection:
        size = connection.execute(
            text("SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c "
                 "JOIN pg_namespace n ON n.oid = c.relnamespace "
                 "WHERE n.nspname = :schema AND c.relkind = 'r'"),
            {"schema": registry.schema},
        ).scalar()  # fmt: skip
    engine.dispose()
    return float(size or 0) / 2**20


# ---------------------------------------------------------------- what to ask for


@dataclass
class Samples:
    token: str
    queue_length: int
    """Proposals the reviewer sees in the queue (both records visible)."""
    persons: list[str]
    pairs: list[tuple[str, str]]
    cursors: list[tuple[float, str, str]]
    """Where random deep pages start: the (queue_rank, record_l, record_r) before them."""


def samples(registry: Registry, count: int, seed: int) -> Samples:
    """A fresh token, and random persons, pairs and queue positions the reviewer may read."""
    engine = open_engine(registry.url)
    names = [name for _g, org, name, level, _k in SOURCES if visible_to_home(org, level)]
    with transaction(engine) as session:
        _token, secret = create_token(session, get_user(session, REVIEWER), "bench",
                                      frozenset(ROLE_PERMISSIONS[Role.REVIEWER]))  # fmt: skip
        visible = sorted(session.scalars(select(Source.id).where(Source.name.in_(names))))
        inside = ", ".join(str(v) for v in visible)
        shown = (
            "FROM match_proposals m JOIN source_records l ON l.id = m.record_l "
            f"JOIN source_records r ON r.id = m.record_r WHERE l.source_id IN ({inside}) "
            f"AND r.source_id IN ({inside})"
        )
        order = session.execute(
            text(f"SELECT m.queue_rank, m.record_l, m.record_r {shown} "
                 "ORDER BY m.queue_rank, m.record_l, m.record_r")
        ).all()  # fmt: skip
        pairs = session.execute(
            text(f"SELECT m.record_l, m.record_r {shown} ORDER BY random() LIMIT :n"), {"n": count}
        ).all()
        persons = session.scalars(
            text(
                "SELECT p.person_id FROM person_records p JOIN source_records s "
                f"ON s.id = p.record_id WHERE s.source_id IN ({inside}) "
                "ORDER BY random() LIMIT :n"
            ),
            {"n": count},
        ).all()
    engine.dispose()
    rng = random.Random(seed)
    rng.shuffle(persons)
    deep = [order[rng.randrange(PAGE, max(PAGE + 1, len(order) - PAGE))] for _ in range(count)]
    return Samples(secret, len(order), list(persons), [(a, b) for a, b in pairs],
                   [(float(rank), left, right) for rank, left, right in deep])  # fmt: skip


# ---------------------------------------------------------------- measuring


@dataclass
class Figure:
    backend: str
    page: str
    requests: int
    p50_ms: float
    p95_ms: float
    max_ms: float
    errors: int = 0


def figure(backend: str, page: str, times: list[float], errors: int = 0) -> Figure:
    ms = sorted(t * 1000 for t in times)
    p95 = ms[min(len(ms) - 1, math.ceil(0.95 * len(ms)) - 1)]
    return Figure(backend, page, len(ms), round(statistics.median(ms), 1), round(p95, 1),
                  round(ms[-1], 1), errors)  # fmt: skip


SERVER = """
from pathlib import Path
import uvicorn
from mafqud.config import Settings
from mafqud.web import create_app
app = create_app(Settings(data_dir=Path({data!r}), database_url={url!r}))
uvicorn.run(app, host="127.0.0.1", port={port}, workers=1, log_level="warning", access_log=False)
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """uvicorn with one worker in a child process; its stderr goes to a log in the data dir."""

    def __init__(self, registry: Registry) -> None:
        self.port = free_port()
        self.log = (registry.data_dir / "server.log").open("w")
        code = SERVER.format(data=str(registry.data_dir), url=registry.url, port=self.port)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
        self.process = subprocess.Popen([sys.executable, "-c", code], env=env,
                                        stdout=self.log, stderr=self.log)  # fmt: skip
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(self.base + "/static/style.css").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the server did not start: see {self.log.name}")
            time.sleep(0.2)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def page_plan(s: Samples, requests: int) -> dict[str, list[str]]:
    """Each page's URLs; deep queue pages start at random positions over the whole queue,
    with the cursor the page before would link to (queue_rank, record_l, record_r)."""

    def pick(items: list[Any], n: int) -> Iterator[Any]:
        for i in range(n):
            yield items[i % len(items)]

    deep = [
        urlencode({"after_rank": repr(rank), "after_l": left, "after_r": right})
        for rank, left, right in pick(s.cursors, requests)
    ]
    return {
        "static /static/style.css": ["/static/style.css"] * requests,
        "queue page, first": ["/review"] * requests,
        "queue page, deep": [f"/review?{cursor}" for cursor in deep],
        "pair page": [f"/review/pair?{urlencode({'a': a, 'b': b})}"
                      for a, b in pick(s.pairs, requests)],
        "person page": [f"/persons/{p}" for p in pick(s.persons, requests)],
        "API queue, first": ["/api/review/queue?limit=50"] * requests,
        "API queue, deep": [f"/api/review/queue?limit=50&{cursor}" for cursor in deep[::-1]],
        "API person": [f"/api/persons/{p}" for p in pick(s.persons[::-1], requests)],
    }  # fmt: skip


def measure_http(registry: Registry, s: Samples, requests: int, warmup: int, budget: float,
                 seed: int, console: Console) -> list[Figure]:  # fmt: skip
    """Sequential requests in a shuffled order; a page stops being asked for once it has
    taken ``budget`` seconds (so one very slow page cannot hold the run for hours)."""
    rng = random.Random(seed)
    plan = page_plan(s, requests)
    server = Server(registry)
    times: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    try:
        headers = {"Authorization": f"Bearer {s.token}"}
        with httpx.Client(base_url=server.base, headers=headers, timeout=600) as client:
            for urls in plan.values():  # warm-up: templates, caches, connection pool
                for url in urls[:warmup]:
                    client.get(url).raise_for_status()
            order = [(page, url) for page, urls in plan.items() for url in urls]
            rng.shuffle(order)  # interleaved, as a reviewer's clicks are
            started = time.perf_counter()
            for n, (page, url) in enumerate(order, 1):
                if sum(times[page]) > budget:
                    continue
                clock = time.perf_counter()
                try:
                    response = client.get(url)
                    ok = response.status_code == 200 and bool(response.content)
                except httpx.TransportError:
                    if server.process.poll() is not None:
                        raise
                    ok = False
                times[page].append(time.perf_counter() - clock)
                errors[page] += not ok
                if n % 500 == 0:
                    console.print(f"  {registry.backend}: {n:,}/{len(order):,} requests "
                                  f"({time.perf_counter() - started:.0f} s)")  # fmt: skip
    finally:
        server.stop()
    return [figure(registry.backend, page, times[page], errors[page]) for page in plan]


def queue_statement(
    engine: Engine, principal: Any, after: tuple[float, str, str] | None
) -> tuple[str, Any, list[Any]]:
    """The queue's SQL as review_queue sends it, its parameters, and (with a cursor) the keys
    of the cursor's three parameters."""
    captured: list[tuple[str, Any]] = []

    def grab(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        if "ORDER BY match_proposals.queue_rank" in statement:
            captured.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", grab)
    try:
        with transaction(engine) as session:
            review_queue(session, principal, PAGE + 1, after)
    finally:
        event.remove(engine, "before_cursor_execute", grab)
    [(statement, parameters)] = captured
    keys = []
    if after is not None:
        names = list(parameters) if isinstance(parameters, dict) else range(len(parameters))
        keys = [next(k for k in names if parameters[k] == value) for value in after]
    return statement, parameters, keys


def measure_sql(registry: Registry, s: Samples, requests: int, budget: float) -> list[Figure]:
    """The queue's own statement, as review_queue sends it, on a raw connection.

    On PostgreSQL also unprepared: psycopg prepares a statement on its fifth run on a
    connection and the server may then keep a generic plan, so a fresh connection, or any
    connection behind a transaction-pooling PgBouncer (which needs prepare_threshold=None),
    plans every page for its own cursor; the warm figures alone would hide that.
    """
    engine = open_engine(registry.url)
    unprepared = (
        open_engine(registry.url, connect_args={"prepare_threshold": None})
        if registry.backend == "postgresql"
        else None
    )
    with transaction(engine) as session:
        principal = principal_for_user(session, get_user(session, REVIEWER))
    first, first_parameters, _ = queue_statement(engine, principal, None)
    deep, deep_parameters, keys = queue_statement(engine, principal, s.cursors[0])

    def at(cursor: tuple[float, str, str]) -> Any:
        if isinstance(deep_parameters, dict):
            return {**deep_parameters, **dict(zip(keys, cursor, strict=True))}
        values = list(deep_parameters)
        for key, value in zip(keys, cursor, strict=True):
            values[key] = value
        return tuple(values)

    results = []
    plans = [
        ("bare SQL of the queue, first", engine, [(first, first_parameters)] * requests),
        ("bare SQL of the queue, deep", engine, [(deep, at(c)) for c in s.cursors[:requests]]),
    ]
    if unprepared is not None:
        plans += [(label + ", unprepared", unprepared, runs) for label, _e, runs in plans]
    for label, on, runs in plans:
        times: list[float] = []
        with on.connect() as connection:
            for statement, parameters in runs[:3]:  # warm-up
                connection.exec_driver_sql(statement, parameters).fetchall()
            for statement, parameters in runs:
                if sum(times) > budget:
                    break
                clock = time.perf_counter()
                connection.exec_driver_sql(statement, parameters).fetchall()
                times.append(time.perf_counter() - clock)
        results.append(figure(registry.backend, label, times))
    engine.dispose()
    if unprepared is not None:
        unprepared.dispose()
    return results


# ---------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--proposals", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200, help="Timed requests per page.")
    parser.add_argument("--warmup", type=int, default=10, help="Untimed requests per page first.")
    parser.add_argument(
        "--budget", type=float, default=600.0, help="Stop timing a page after this many seconds."
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work-dir", type=Path, default=DEFAULT_WORK)
    parser.add_argument(
        "--postgres", default=os.environ.get("MAFQUD_TEST_POSTGRES", DEFAULT_POSTGRES)
    )
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--rebuild", action="store_true", help="Build the registries again.")
    parser.add_argument("--drop", action="store_true", help="Drop the PostgreSQL schema after.")
    args = parser.parse_args()

    console = Console(stderr=True)
    args.work_dir.mkdir(parents=True, exist_ok=True)
    csvs = args.work_dir / f"csv-{args.records}-{args.seed}"
    console.print(f"synthetic records: {csvs} …")
    synth_seconds = synthesise(csvs, args.records, args.seed)
    figures: list[Figure] = []
    builds: list[dict[str, Any]] = []
    for backend in args.backends.split(","):
        registry = registry_for(backend, args.work_dir, args.records, args.proposals,
                                args.postgres)  # fmt: skip
        reused = not args.rebuild and ready(registry)
        if not reused:
            console.print(f"building the {backend} registry in {registry.data_dir} …")
            build(registry, csvs, args.proposals, args.seed, args.postgres, console)
        s = samples(registry, args.requests, args.seed)
        builds.append({"backend": backend, "reused": reused, **registry.build,
                       "database_mib": round(database_mib(registry), 1),
                       "visible_queue": s.queue_length})  # fmt: skip
        console.print(f"{backend}: {args.requests} requests per page …")
        sql = measure_sql(registry, s, args.requests, args.budget)
        http = measure_http(registry, s, args.requests, args.warmup, args.budget, args.seed,
                            console)  # fmt: skip
        figures += http + sql
        for f in http + sql:
            console.print(f"  {backend}: {f.page}: n {f.requests}, p50 {f.p50_ms} ms, "
                          f"p95 {f.p95_ms} ms, max {f.max_ms} ms")  # fmt: skip
        kept = registry.data_dir / "results.json"  # in case a later backend fails
        kept.write_text(json.dumps([asdict(f) for f in http + sql], indent=1))
        if args.drop and registry.schema:
            _admin(registry, args.postgres, f"DROP SCHEMA {registry.schema} CASCADE")
            registry.marker.unlink()

    out = Console(width=max(132, Console().width))
    table = Table(title=f"staff web app, {args.records:,} records, {args.proposals:,} proposals "
                        f"(sequential requests, one uvicorn worker)")  # fmt: skip
    for column in ("backend", "page", "n", "p50 ms", "p95 ms", "max ms", f"p95 ≤ {FLOOR_MS:.0f}"):
        table.add_column(column, justify="left" if column in ("backend", "page") else "right")
    for f in figures:
        verdict = "yes" if f.p95_ms <= FLOOR_MS else "[bold red]NO[/]"
        if f.errors:
            verdict += f" ({f.errors} errors)"
        table.add_row(f.backend, f.page, str(f.requests), f"{f.p50_ms:.1f}", f"{f.p95_ms:.1f}",
                      f"{f.max_ms:.1f}", verdict)  # fmt: skip
    out.print(table)
    built = Table(title="registries (build seconds; a reused one's as first built)")
    for column in ("backend", "records", "proposals", "persons", "queue", "import s",
                   "link s", "analyze s", "decide s", "total s", "DB MiB"):  # fmt: skip
        built.add_column(column, justify="left" if column == "backend" else "right")
    for b in builds:
        sec = b["seconds"]
        linking = sec.get("plan_linking", 0) + sec.get("store_linkage", 0)
        built.add_row(b["backend"] + (" (reused)" if b["reused"] else ""), f"{b['records']:,}",
                      f"{b['proposals']:,}", f"{b['persons']:,}", f"{b['visible_queue']:,}",
                      f"{sec.get('import', 0):.1f}", f"{linking:.1f}",
                      f"{sec.get('analyze', 0):.1f}", f"{sec.get('decisions', 0):.1f}",
                      f"{sum(sec.values()):.1f}", f"{b['database_mib']:,.0f}")  # fmt: skip
    out.print(built)
    out.print(
        f"synthetic CSVs: {synth_seconds:.0f} s"
        + (" (reused)" if not synth_seconds else "")
        + ". queue: proposals whose two records the reviewer may read. Baselines:"
        " /static/style.css is the server's floor (HTTP and middleware, no database); bare SQL"
        " is the queue's statement on a raw connection (no HTTP, ORM or template), on"
        " PostgreSQL also unprepared (every run planned for its own cursor, as on a fresh"
        " connection or behind PgBouncer). Every name is synthetic."
    )
    print(json.dumps({
        "benchmark": "web",
        "machine_cpus": os.cpu_count(),
        "records": args.records,
        "proposals": args.proposals,
        "floor_ms": FLOOR_MS,
        "synthesis_seconds": round(synth_seconds, 1),
        "registries": builds,
        "results": [asdict(f) for f in figures],
    }))  # fmt: skip


if __name__ == "__main__":
    main()
