"""Names: Arabic and Latin normalisation, name chains, transliteration, keys, similarity.

A pure package: it depends on nothing else in mafqud, so it can be used,
tested and published on its own.
"""

from mafqud.names.arabic import normalise_arabic, normalise_arabic_steps, rasm
from mafqud.names.chain import ChainParts, NameChain, NameToken, TokenKind, parse_chain, split_chain
from mafqud.names.explain import explain
from mafqud.names.frequency import NameFrequencies, UnitFrequency
from mafqud.names.keys import (
    arabic_key,
    chain_key,
    coarse_key,
    latin_key,
    name_key,
    name_units,
    token_key,
)
from mafqud.names.latin import normalise_latin
from mafqud.names.script import Script, detect_script
from mafqud.names.similarity import (
    chain_similarity,
    jaro_winkler,
    known_arabic,
    levenshtein,
    token_set,
    unit_similarity,
)
from mafqud.names.transliterate import (
    arabic_candidates,
    from_buckwalter,
    index_by_key,
    romanise,
    to_buckwalter,
)

__all__ = [
    "ChainParts",
    "NameChain",
    "NameFrequencies",
    "NameToken",
    "Script",
    "TokenKind",
    "UnitFrequency",
    "arabic_candidates",
    "arabic_key",
    "chain_key",
    "chain_similarity",
    "coarse_key",
    "detect_script",
    "explain",
    "from_buckwalter",
    "index_by_key",
    "jaro_winkler",
    "known_arabic",
    "latin_key",
    "levenshtein",
    "name_key",
    "name_units",
    "normalise_arabic",
    "normalise_arabic_steps",
    "normalise_latin",
    "parse_chain",
    "rasm",
    "romanise",
    "split_chain",
    "to_buckwalter",
    "token_key",
    "token_set",
    "unit_similarity",
]
