"""Name search: one search for staff, families and the public, across scripts and spellings.

An inverted index of name terms in plain tables (:mod:`.terms`, :mod:`.index`),
candidates read through the disclosure rule in SQL (:mod:`.candidates`),
ranked by :mod:`mafqud.names` similarity in any order (:mod:`.rank`).
See docs/search.md.
"""

from mafqud.search.candidates import Operator, Reader
from mafqud.search.index import (
    INDEX_ON_SEARCH,
    index_pending,
    index_records,
    pending_records,
    rebuild_index,
)
from mafqud.search.query import search
from mafqud.search.rank import SearchHit
from mafqud.search.terms import QueryTerms, query_terms, record_terms

__all__ = [
    "INDEX_ON_SEARCH",
    "Operator",
    "QueryTerms",
    "Reader",
    "SearchHit",
    "index_pending",
    "index_records",
    "pending_records",
    "query_terms",
    "rebuild_index",
    "record_terms",
    "search",
]
