"""Candidate generation: which visible records are worth ranking, read from the postings.

Every posting list is read through the disclosure rule, in SQL: a term's
list is the first ``cap`` postings *the principal may see*, in doc order, so
a record the rule hides never takes the place of a visible one, never counts
towards a list's length, and never changes a weight. Nothing here depends on
what the principal cannot see, except how long the database takes to skip it.

Lists shorter than their cap are complete: their terms are rare, so they are
weighted by how rare (``log(1 + SCALE / length)``) and their records are the
candidates. A list that reaches its cap is a common term (a lone محمد); its
records come in only as filler, but every candidate is then probed for
membership in it, so that matching a common name still counts.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import ColumnElement, literal, select, true, union_all
from sqlalchemy.orm import Session

from mafqud.access import Principal, records_from, visible_clause
from mafqud.registry import search_docs, search_postings, source_records
from mafqud.search.terms import KEY, MOTHER, PAIR, SKELETON, QueryTerms

CAPS = {PAIR: 400, KEY: 200, SKELETON: 200, MOTHER: 200}
"""Postings read per term: pairs are the terms expected to be rare, so they get more."""
KIND_WEIGHTS = {PAIR: 1.5, KEY: 1.0, SKELETON: 0.5, MOTHER: 1.0}
"""A pair says more than a unit; a skeleton is a weaker unit (dots are letters too)."""
SCALE = 100_000.0
PROBED = 600
"""Candidates probed for membership in the common terms' lists."""
POOL = 150
"""Candidates passed on to ranking, which costs about 50 µs each."""


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


def candidates(session: Session, reader: Reader, terms: QueryTerms) -> list[tuple[str, float]]:
    """(record id, preliminary score) of up to POOL visible records, best first."""
    wanted = terms.all()
    if not wanted:
        return []
    lists = _posting_lists(session, reader, wanted)
    weights: dict[str, float] = {}
    complete: dict[str, bool] = {}
    for term in wanted:
        found = lists.get(term, [])
        complete[term] = len(found) < CAPS[term[0]]
        weights[term] = KIND_WEIGHTS[term[0]] * math.log1p(SCALE / max(1, len(found)))
    score: dict[int, float] = defaultdict(float)
    record: dict[int, str] = {}
    for term, found in lists.items():
        for doc, record_id in found:
            record[doc] = record_id
            if complete[term]:
                score[doc] += weights[term]
    common = [term for term in wanted if not complete[term]]
    if common:
        ranked = sorted(record, key=lambda d: (-score[d], record[d]))[:PROBED]
        for term, doc in session.execute(
            select(search_postings.c.term, search_postings.c.doc).where(
                search_postings.c.term.in_(common), search_postings.c.doc.in_(ranked)
            )
        ):
            score[doc] += weights[term]
    best = sorted(record, key=lambda d: (-score[d], record[d]))[:POOL]
    return [(record[doc], score[doc]) for doc in best]


def _posting_lists(
    session: Session, reader: Reader, terms: tuple[str, ...]
) -> dict[str, list[tuple[int, str]]]:
    """Each term's first visible postings (doc, record id), in one round trip."""
    rule = visibility(reader)
    parts = []
    for number, term in enumerate(terms):
        part = (
            select(
                literal(number).label("n"),
                search_postings.c.doc,
                source_records.c.id,
            )
            .select_from(
                search_postings.join(search_docs, search_docs.c.doc == search_postings.c.doc).join(
                    records_from(), source_records.c.id == search_docs.c.record_id
                )
            )
            .where(search_postings.c.term == term, rule)
            .order_by(search_postings.c.doc)
            .limit(CAPS[term[0]])
            .subquery()
        )
        parts.append(select(part))
    lists: dict[str, list[tuple[int, str]]] = {}
    for number, doc, record_id in session.execute(union_all(*parts)):
        lists.setdefault(terms[number], []).append((doc, record_id))
    return lists
