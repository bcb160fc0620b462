"""Candidate generation: which visible records are worth ranking, read from the postings.

Every read goes through the disclosure rule, in SQL, before any limit: a
record the rule hides never takes the place of a visible one, never counts
towards a list's length, and never changes a weight. Nothing here depends on
what the principal cannot see, except how long the database takes to skip it.

Pairs first: the query's pair terms are read whole and summed per record in
SQL (fixed weights), and the PAIRED visible records sharing the most pairs
are kept (the operator, who may see everything, probes its longest pair
lists instead: PAIR_BUDGET). Then units: each unit term's first ``cap``
visible postings in doc order. A unit list shorter than its cap is
complete: the unit is rare (a family name few share), so it is weighted by
how rare (``log(1 + SCALE / length)``) and its records become candidates
too. A list that reaches its cap is a common unit (a lone محمد): the best
candidates are probed for membership in it instead, so that matching it
still counts.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    bindparam,
    case,
    func,
    literal,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.orm import Session

from mafqud.access import Principal, records_from, visible_clause
from mafqud.registry import (
    Disclosure,
    DisclosureOverride,
    Source,
    search_docs,
    search_postings,
    source_records,
)
from mafqud.search.terms import KEY, MOTHER, PAIR, SKELETON, SKELETON_PAIR, QueryTerms

CAPS = {KEY: 100, SKELETON: 100, MOTHER: 100, PAIR: 100, SKELETON_PAIR: 100}
"""Postings read per unit term: a unit's list matters only when the unit is rare, and then
it is short; a common unit (محمد) counts through the pairs and the probes. (The operator
reads pair lists this way when every one of a query's is over PAIR_BUDGET.)"""
KIND_WEIGHTS = {KEY: 1.0, SKELETON: 0.5, MOTHER: 1.0}
"""Skeletons add what keys miss (dots, long vowels), so they count less: they mostly agree
with the keys."""
SCALE = 100_000.0
PROBED = 300
"""Candidates probed for membership in the common terms' lists."""
POOL = 150
"""Candidates passed on to ranking, which costs about 100 µs each (at a million records,
100 → 200 raised top-10 recall from 0.74 to 0.765 for 10 ms more)."""
PAIRED = 300
"""Records taken from the whole pair lists, before the units add their weight."""
PAIR_WEIGHTS = {PAIR: 10.0, SKELETON_PAIR: 8.0}
"""A shared pair outweighs any one unit (a unit's weight is at most about 11)."""
PAIR_BUDGET = 15_000
"""Postings of pair lists the operator reads whole per search, shortest lists first; longer
lists (محمد أحمد: 46,000 records at a million) are probed instead. At a million records this
cut the p95 of reading pairs from 49 to about 20 ms and top-10 recall by at most 0.005
(20,000 and 10,000 were also tried). Staff and the public read every list whole: how long a
list is counts records they may not see."""


@dataclass(frozen=True)
class Operator:
    """Whoever holds the database itself (the command line): reads every record.

    Not a principal of the disclosure rule: a person at the console can open
    the database file anyway. Restricted records it reads are still audited,
    under ``actor``.
    """

    actor: str


Reader = Principal | Operator | None


def visibility(reader: Reader) -> ColumnElement[bool]:
    """The disclosure rule for ``reader``, as SQL over ``access.records_from()``."""
    if isinstance(reader, Operator):
        return true()
    return visible_clause(reader)


def candidates(session: Session, reader: Reader, terms: QueryTerms) -> list[int]:
    """The docs of up to POOL visible records, best first by the terms they share.

    Ties go to the lower doc: docs are numbered in import order, so the order
    of two visible records does not depend on any hidden one.
    """
    score: dict[int, float] = defaultdict(float)
    public: dict[int, bool] = {}
    for doc, imported_public, matched in _pair_matches(session, reader, terms):
        score[doc] += matched
        public[doc] = imported_public
    units = (*terms.keys, *terms.skeletons, *terms.mother)
    if not units:
        return sorted(score, key=lambda d: (-score[d], d))[:POOL]
    lists, listed_public = _posting_lists(session, reader, units)
    public.update(listed_public)
    weights: dict[str, float] = {}
    complete: dict[str, bool] = {}
    for term in units:
        found = lists.get(term, [])
        complete[term] = len(found) < CAPS[term[0]]
        weights[term] = KIND_WEIGHTS[term[0]] * math.log1p(SCALE / max(1, len(found)))
    for term, found in lists.items():
        for doc in found:
            score[doc] += weights[term] if complete[term] else 0.0
    common = [term for term in units if not complete[term]]
    if common:
        ranked = sorted(score, key=lambda d: (-score[d], d))[:PROBED]
        for term, doc in _memberships(session, common, {doc: public[doc] for doc in ranked}):
            score[doc] += weights[term]
    return sorted(score, key=lambda d: (-score[d], d))[:POOL]


def _pair_matches(
    session: Session, reader: Reader, terms: QueryTerms
) -> list[tuple[int, bool, float]]:
    """(doc, imported public, weight of pairs matched) of the visible records that share the
    most of the query's pairs: PAIRED of them, best first, ties to the lower doc.

    Pair lists are read whole, not capped: a common pair (محمد … الحلبي) has thousands of
    records at a million, and only those that also share the query's other pairs are
    worth ranking, which no prefix of one list can tell. The operator's longest lists
    (past PAIR_BUDGET) are the exception: a record worth ranking that shares such a pair
    (محمد أحمد) mostly shares a third unit too, so a shorter list holds it, and the long
    lists are probed for the records found. What is lost: records sharing only long
    pairs, which are ties in doc order anyway. A query whose every list is that long
    takes each list's first docs.
    """
    pairs = (*terms.pairs, *terms.skeleton_pairs)
    if not pairs:
        return []
    if isinstance(reader, Operator):
        whole, common = _split_pairs(session, pairs)
    else:
        whole, common = list(pairs), []
    if not common:
        return _whole_pair_matches(session, reader, whole)
    if whole:
        found = _whole_pair_matches(session, reader, whole)
    else:
        lists, listed_public = _posting_lists(session, reader, tuple(common))
        found = [(doc, listed_public[doc], 0.0) for doc in {d for ds in lists.values() for d in ds}]
    score = {doc: matched for doc, _public, matched in found}
    public = {doc: imported_public for doc, imported_public, _matched in found}
    for term, doc in _memberships(session, common, public):
        score[doc] += PAIR_WEIGHTS[term[0]]
    best = sorted(score, key=lambda d: (-score[d], d))[:PAIRED]
    return [(doc, public[doc], score[doc]) for doc in best]


def _split_pairs(session: Session, pairs: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """(read whole, probed): the shortest lists are read whole while their postings add up to
    no more than PAIR_BUDGET, and the rest are probed."""
    lengths = _pair_lengths(session, pairs)
    whole: list[str] = []
    total = 0
    for pair in sorted(pairs, key=lambda pair: (lengths[pair], pair)):
        if total + lengths[pair] > PAIR_BUDGET:
            break
        whole.append(pair)
        total += lengths[pair]
    return whole, [pair for pair in pairs if pair not in whole]


def _pair_lengths(session: Session, pairs: tuple[str, ...]) -> dict[str, int]:
    """Each pair's postings, counted no further than PAIR_BUDGET + 1."""
    counts = [
        select(
            literal(number).label("n"),
            select(func.count())
            .select_from(
                select(search_postings.c.doc)
                .where(search_postings.c.term == pair)
                .limit(PAIR_BUDGET + 1)
                .subquery()
            )
            .scalar_subquery()
            .label("postings"),
        )
        for number, pair in enumerate(pairs)
    ]
    return {pairs[number]: postings for number, postings in session.execute(union_all(*counts))}


def _whole_pair_matches(
    session: Session, reader: Reader, pairs: list[str]
) -> list[tuple[int, bool, float]]:
    """The best PAIRED visible records by the weight of ``pairs`` they share, every list read
    whole. Weights are fixed per kind, not by how common a pair is, because a list's
    length counts hidden records; and the rule is checked in score order until PAIRED
    visible records are found, so hidden ones never take a place.

    For a reader, the best 2 × PAIRED records of all are taken (the databases keep only
    those while sorting) and the rule is checked on each, as a per-row subquery (see
    :func:`_visible`); if fewer than PAIRED are visible, four times as many are taken,
    and so on. The visible ones come out in the same order whatever the rounds, so
    hidden records change only how long it takes. Sorting every matched record first,
    to check the rule in order, took 0.5 s at the 95th percentile of staff searches on
    SQLite at a million records.
    """
    weight = case(
        (func.substr(search_postings.c.term, 1, 1) == PAIR, PAIR_WEIGHTS[PAIR]),
        else_=PAIR_WEIGHTS[SKELETON_PAIR],
    )
    matched = (
        select(
            search_postings.c.doc,
            search_postings.c.public,
            func.sum(weight).label("matched"),
        )
        .where(search_postings.c.term.in_(pairs), *_public_only(reader))
        .group_by(search_postings.c.doc, search_postings.c.public)
        .order_by(func.sum(weight).desc(), search_postings.c.doc)
    )
    if isinstance(reader, Operator):
        ranked = session.execute(matched.limit(PAIRED)).all()
        return [(doc, bool(public), float(m)) for doc, public, m in ranked]
    taken = 2 * PAIRED
    while True:
        best = matched.limit(taken).subquery()
        seen = _visible(reader, best.c.doc).label("seen")
        ranked = session.execute(
            select(best.c.doc, best.c.public, best.c.matched, seen)
            .order_by(best.c.matched.desc(), best.c.doc)
        ).all()  # fmt: skip
        found = [(row.doc, bool(row.public), float(row.matched)) for row in ranked if row.seen]
        if len(found) >= PAIRED or len(ranked) < taken:
            return found[:PAIRED]
        taken *= 4


def _posting_lists(
    session: Session, reader: Reader, terms: tuple[str, ...]
) -> tuple[dict[str, list[int]], dict[int, bool]]:
    """Each term's first visible docs, in one round trip; and whether each was imported public.

    A term's postings are two runs in doc order: records imported public, and
    the others. Each run is read through the rule up to the cap, and the two
    are merged, which gives exactly the first visible docs of the term. The
    public does not read the second run (the restricted majority): only the
    records in it that an override made public, found from the overrides.
    """
    parts = []
    for number, term in enumerate(terms):
        for public in (True, False):
            where = [search_postings.c.term == term, search_postings.c.public == public]
            if reader is None and not public:
                where.append(search_postings.c.doc.in_(_made_public()))
            if not isinstance(reader, Operator):
                where.append(_visible(reader))
            run = (
                select(
                    literal(number).label("n"),
                    literal(public).label("public"),
                    search_postings.c.doc,
                )
                .where(*where)
                .order_by(search_postings.c.doc)
                .limit(CAPS[term[0]])
            )
            parts.append(select(run.subquery()))
    found: dict[str, list[int]] = {}
    imported_public: dict[int, bool] = {}
    for number, public, doc in session.execute(union_all(*parts)).all():
        found.setdefault(terms[number], []).append(doc)
        imported_public[doc] = bool(public)
    lists = {term: sorted(docs)[: CAPS[term[0]]] for term, docs in found.items()}
    return lists, imported_public


def _memberships(
    session: Session, terms: list[str], docs: dict[int, bool]
) -> list[tuple[str, int]]:
    """(term, doc) for each of ``docs`` (doc → imported public) found in each of ``terms``.

    ``docs`` are visible records already, so no rule is checked: the probe only asks
    whether each is in a list. The docs are bound as one expanding parameter, not as a
    list of literals, which SQLAlchemy would coerce one by one (3 ms a search).
    """
    probes = [
        select(search_postings.c.term, search_postings.c.doc).where(
            search_postings.c.term.in_(terms),
            search_postings.c.public == flag,  # known, so all three index columns serve
            search_postings.c.doc.in_(bindparam(f"docs_{flag}", expanding=True)),
        )
        for flag in (True, False)
    ]
    by_flag = {f"docs_{flag}": [doc for doc, public in docs.items() if public is flag]
               for flag in (True, False)}  # fmt: skip
    return [(term, doc) for term, doc in session.execute(union_all(*probes), by_flag)]


def _visible(reader: Principal | None, doc: Any = search_postings.c.doc) -> ColumnElement[bool]:
    """The rule for the posting's record, as a correlated scalar subquery.

    Not a join nor EXISTS: PostgreSQL turns those into joins and, misjudging
    how many rows the rule keeps, reads a common term's every posting and
    sorts them (a second instead of milliseconds). A scalar subquery stays a
    per-row check, so the postings are read in doc order and the read stops
    at the cap; SQLite does the same either way.
    """
    return (
        select(literal(1))
        .select_from(
            records_from().join(search_docs, search_docs.c.record_id == source_records.c.id)
        )
        .where(search_docs.c.doc == doc, visible_clause(reader))
        .correlate_except(search_docs, source_records, Source, DisclosureOverride)
        .scalar_subquery()
        .is_not(None)
    )


def _public_only(reader: Reader) -> list[ColumnElement[bool]]:
    """For the public, only postings of records imported public or made public by an
    override: the others are hidden from it, and skipping them spares checking each."""
    if reader is not None:
        return []
    return [or_(search_postings.c.public == true(), search_postings.c.doc.in_(_made_public()))]


def _made_public() -> Select[tuple[int]]:
    """Docs of records an override made public: few, so the public reads them by doc."""
    return (
        select(search_docs.c.doc)
        .select_from(
            DisclosureOverride.__table__.join(
                search_docs, search_docs.c.record_id == DisclosureOverride.record_id
            )
        )
        .where(DisclosureOverride.level == Disclosure.PUBLIC.value)
    )
