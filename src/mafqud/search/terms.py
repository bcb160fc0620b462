"""A record's name terms and a query's: the pure half of the index, testable without a database.

Names are compared across scripts and spellings through the cross-script key
of each name unit (محمد, Mohamed, Mhd → MHMD; see :mod:`mafqud.names.keys`),
so a unit's key is a term. Three more kinds make the index useful at scale:

* *pair* terms, the keys of two units of one name (``pHLB MHMD``): a family
  asking for محمد الحلبي should not read the hundred thousand records of
  every محمد. Pairs are unordered, so a query in any order finds them, and
  a query missing units still has the pairs of the units it has.
* *skeleton* terms, the dotless skeleton of an Arabic unit (``r`` + its
  rasm), and pairs of them (``s``): OCR and hurried typists confuse dots
  (غمر for عمر, البقاعي/اليقاعي), which change the key but not the skeleton;
  and a skeleton keeps the long vowels a key drops, so its pairs tell محمد
  from محمود (both MHMD) among the many records of a common family name.
* *mother* terms (``m`` + key): the mother's name is the field Syrian
  families use to tell namesakes apart, but it is not part of the person's
  own name chain, so it has a tag of its own.

Units are gathered from every name field a record has (given, father,
grandfather, family, and the full name parsed as a chain), whichever way the
document split them; a unit repeated across fields is one term.

A Latin query also looks up the skeletons of the Arabic names the lexicon
says it is exactly how they are said (Mahmoud → محمود, Mohamed → محمد;
:func:`mafqud.names.known_arabic`): a key cannot tell those two apart, so
without them "Muhammad Mahmud Qasim" reads the same lists as "Mahmud
Muhammad Qasim" and every محمد محمد القاسم.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations

from mafqud.errors import InvalidInput
from mafqud.names import Script, known_arabic, name_units, parse_chain, rasm, token_key

CHAIN_FIELDS = ("given_name", "father_name", "grandfather_name", "family_name", "full_name")
"""The fields whose units make up the person's own name, in chain order."""
MOTHER_FIELD = "mother_name"
PAIR_UNITS = 6
"""Pairs are made of a name's first units only: longer chains are rare, and their
15+ pairs would add postings without finding anyone the first pairs miss."""
MAX_QUERY_CHARACTERS = 300
"""A longer query is not a name; refusing it bounds the work one request can cause."""
MAX_QUERY_UNITS = 8
LATIN_READINGS = 3
"""A Latin unit said like more known Arabic names than this (rare) adds no skeletons."""
MAX_TERM = 200
"""The term column's width; a longer term (a 400-letter "unit") would find no one anyway."""

KEY, PAIR, SKELETON, SKELETON_PAIR, MOTHER = "k", "p", "r", "s", "m"


@dataclass(frozen=True)
class QueryTerms:
    """What a query looks up: its units' keys, pairs and skeletons, rarest kinds first."""

    units: tuple[str, ...]
    """The folded units, in the order the query gave them."""
    pairs: tuple[str, ...]
    skeleton_pairs: tuple[str, ...]
    keys: tuple[str, ...]
    skeletons: tuple[str, ...]
    mother: tuple[str, ...]

    def all(self) -> tuple[str, ...]:
        return (*self.pairs, *self.skeleton_pairs, *self.keys, *self.skeletons, *self.mother)


def _is_arabic(unit: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in unit)


def _unit_terms(text: str) -> tuple[list[str], list[str]]:
    """The keys and Arabic skeletons of a name's units, in order, without repeats."""
    keys: list[str] = []
    skeletons: list[str] = []
    for folded, key in name_units(text):
        if key and key not in keys:
            keys.append(key)
        if _is_arabic(folded):
            skeleton = rasm(folded)
            if skeleton not in skeletons:
                skeletons.append(skeleton)
    return keys, skeletons


def pair_terms(units: list[str], kind: str = PAIR) -> list[str]:
    """Unordered pairs of a name's first PAIR_UNITS units (keys or skeletons), as terms."""
    return sorted({kind + " ".join(sorted(pair)) for pair in combinations(units[:PAIR_UNITS], 2)})


def record_terms(fields: Mapping[str, str | None]) -> set[str]:
    """Every term a record is found by, from its name fields (other fields are ignored)."""
    keys: list[str] = []
    skeletons: list[str] = []
    for field in CHAIN_FIELDS:
        value = fields.get(field)
        if not value:
            continue
        field_keys, field_skeletons = _unit_terms(value)
        keys.extend(k for k in field_keys if k not in keys)
        skeletons.extend(s for s in field_skeletons if s not in skeletons)
    terms = {KEY + key for key in keys}
    terms.update(SKELETON + skeleton for skeleton in skeletons)
    terms.update(pair_terms(keys))
    terms.update(pair_terms(skeletons, SKELETON_PAIR))
    mother = fields.get(MOTHER_FIELD)
    if mother:
        terms.update(MOTHER + key for key in _unit_terms(mother)[0])
    return {term for term in terms if len(term) <= MAX_TERM}


def check_query(text: str) -> str:
    """The query as given, or InvalidInput saying what is wrong with it."""
    if "\x00" in text:
        raise InvalidInput("a name cannot contain a NUL character")
    if len(text) > MAX_QUERY_CHARACTERS:
        raise InvalidInput(f"a name of at most {MAX_QUERY_CHARACTERS} characters, please")
    return text


def query_terms(text: str, mother: str | None = None) -> QueryTerms:
    """The terms to look up for a free-text name (any order, any script, parts missing)."""
    check_query(text)
    if mother is not None:
        check_query(mother)
    units = name_units(text)
    if not any(key for _folded, key in units):
        raise InvalidInput("give at least one name (letters, in Arabic or Latin script)")
    if len(units) > MAX_QUERY_UNITS:
        raise InvalidInput(f"a name of at most {MAX_QUERY_UNITS} parts, please")
    keys: list[str] = []
    options: list[list[str]] = []
    for token in parse_chain(text).names:
        key = token_key(token)
        if key and key not in keys:
            keys.append(key)
        if token.script is Script.ARABIC:
            options.append([rasm(token.core)])
        elif token.script is Script.LATIN:
            known = sorted(rasm(core) for core in known_arabic(token.core))
            options.append(known if len(known) <= LATIN_READINGS else [])
    skeletons = list(dict.fromkeys(s for found in options for s in found))
    skeleton_pairs = {
        SKELETON_PAIR + " ".join(sorted((a, b)))
        for i, j in combinations(range(min(len(options), PAIR_UNITS)), 2)
        for a in options[i]
        for b in options[j]
        if a != b
    }
    mother_keys = _unit_terms(mother)[0] if mother else []
    return QueryTerms(
        units=tuple(folded for folded, _key in units),
        pairs=tuple(pair_terms(keys)),
        skeleton_pairs=tuple(sorted(skeleton_pairs)),
        keys=tuple(KEY + key for key in keys),
        skeletons=tuple(SKELETON + s for s in skeletons),
        mother=tuple(MOTHER + key for key in mother_keys),
    )
