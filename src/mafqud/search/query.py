"""The one name search: staff, families and the public ask the same function.

What comes back depends on who asks (``reader``): the disclosure rule is in
the SQL that reads the postings (see :mod:`mafqud.search.candidates`), and the
names used for ranking are read only for records the rule lets through, so a
hidden record changes neither the hits, nor their number, nor their scores.

Staff reading a restricted record's name is a read of restricted data: each
search that *returns* restricted records writes one audit entry listing
them (never the query, which may itself be a name). The names of restricted
candidates that were ranked but not returned are not listed: they were
compared, not shown, and listing them would write a hundred ids per search.
"""

from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from mafqud.access import audit, effective_level, records_from
from mafqud.errors import InvalidInput
from mafqud.registry import Disclosure, search_docs, source_records
from mafqud.search.candidates import Operator, Reader, candidates, visibility
from mafqud.search.index import INDEX_ON_SEARCH, index_pending, pending_records
from mafqud.search.rank import Ranker, SearchHit
from mafqud.search.terms import CHAIN_FIELDS, MOTHER_FIELD, query_terms

MAX_TOP = 100
SEARCH_AUDIT = "search-restricted"
NAME_COLUMNS = (*CHAIN_FIELDS, MOTHER_FIELD)


def search(
    session: Session,
    principal: Reader,
    query: str,
    top: int = 10,
    *,
    mother: str | None = None,
) -> list[SearchHit]:
    """The ``top`` records whose names best match ``query``, best first, that ``principal``
    (None for the public) may see; ``mother`` optionally adds the mother's name.

    Raises InvalidInput for a query that is not a name (empty, punctuation,
    too long, a NUL). Indexes pending imports first when they are small (see
    :data:`mafqud.search.index.INDEX_ON_SEARCH`).
    """
    if not 1 <= top <= MAX_TOP:
        raise InvalidInput(f"ask for 1 to {MAX_TOP} results")
    terms = query_terms(query, mother)
    if 0 < pending_records(session) <= INDEX_ON_SEARCH:
        index_pending(session)
    docs = candidates(session, principal, terms)
    if not docs:
        return []
    rows = session.execute(
        select(
            source_records.c.id,
            effective_level.label("level"),
            *(source_records.c[name] for name in NAME_COLUMNS),
        )
        .select_from(
            records_from().join(search_docs, search_docs.c.record_id == source_records.c.id)
        )
        .where(search_docs.c.doc.in_(bindparam("docs", expanding=True)), visibility(principal)),
        {"docs": docs},
    ).all()
    ranker = Ranker(query, mother)
    names = {row.id: {name: row._mapping[name] for name in NAME_COLUMNS} for row in rows}
    scored = sorted(((ranker.score(names[row.id]), row.id) for row in rows),
                    key=lambda hit: (-hit[0], hit[1]))[:top]  # fmt: skip
    hits = [SearchHit(rid, score, ranker.matched(names[rid])) for score, rid in scored]
    levels = {row.id: row.level for row in rows}
    restricted = [rid for _score, rid in scored if levels[rid] == Disclosure.RESTRICTED.value]
    if restricted and principal is not None:
        who = principal.actor if isinstance(principal, Operator) else principal
        audit(session, who, SEARCH_AUDIT, "search", {"records": restricted})
    return hits
