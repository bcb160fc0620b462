"""What the linkage engine compares: each record turned into comparable columns.

Splink compares columns with SQL, so everything the names package knows is
computed here once per record, in Python, and handed over as plain columns:

* ``{part}_key`` — the cross-script consonant key of each part of the chain
  (given, father, grandfather, family, mother): محمد, Mohammad and Mhd all
  give ``MHMD``. Compared exactly and with Jaro–Winkler, which DuckDB 2.0.1
  computes on characters.
* ``{part}_canon`` — the part in Arabic script when it can be known: the
  normalised Arabic core (الحلبي → حلبي), or for a Latin spelling the one
  known Arabic name it stands for (Mahmoud → محمود). Exact agreement here is
  stronger evidence than agreement of keys (حسن and حسين share a key), and it
  carries the term-frequency adjustment: agreeing on محمد is worth less than
  agreeing on البقاعي.
* ``chain_joined`` — the chain's keys run together, for a chain of three
  units or more: OCR and typists run words together (إبراهيمإبراهيم العلي), which
  changes the units but not the letters.
* ``{part}_coarse`` — the key with ذ ض ظ د ز ت (th, dh, d, z) as one letter and ق
  left out (Qasem, 2asem, Asem): what transliterations disagree on most, for
  finding candidates (:func:`~mafqud.names.coarse_key`).
* ``{part}_rasm`` — an Arabic part's dotless skeleton: a scanned register's
  مبصور and a typed منصور differ only in dots, which OCR loses and invents.
* dates at the precision the record gives (``birth_year``, ``birth_ym``,
  ``birth_date`` only when the day is known), national id digits, places
  folded to keys (a governorate by its Arabic name whatever the spelling: Aleppo, حلب).

A record with only ``full_name`` has it split into parts by
:func:`~mafqud.names.split_chain`; labelled parts always win. A Latin full
name that could be written either way round ("Salama Qasim Mustafa": no
article, no comma says which unit is the family name) is also read with the
family name first, as a second row of the same record (:func:`readings`):
lists kept in the West often write names that way, and the two readings of
one record never meet each other.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

from mafqud.ingest.dates import parse_date
from mafqud.ingest.digits import ascii_digits
from mafqud.names import Script, coarse_key, name_key, parse_chain, rasm, split_chain
from mafqud.names.chain import NameToken, TokenKind
from mafqud.names.latin import latin_readings
from mafqud.names.lexicon import cores_by_sound
from mafqud.names.places import governorate_of

INPUT_COLUMNS: tuple[str, ...] = (
    "record_id", "source", "full_name", "given_name", "father_name", "grandfather_name",
    "family_name", "mother_name", "sex", "birth_date", "birth_place", "governorate",
    "national_id", "event_date", "event_place", "facility", "death_date",
)  # fmt: skip
"""The canonical columns of a record to link (any may be empty; extra columns are ignored)."""

NAME_PARTS: tuple[str, ...] = ("given", "father", "grandfather", "family", "mother")
CANON_PARTS: tuple[str, ...] = ("given", "father", "family", "mother")

FEATURE_COLUMNS: tuple[str, ...] = (
    "unique_id", "record_id", "reading", "source_dataset",
    *(f"{part}_key" for part in NAME_PARTS),
    *(f"{part}_canon" for part in CANON_PARTS),
    *(f"{part}_rasm" for part in CANON_PARTS),
    *(f"{part}_coarse" for part in CANON_PARTS),
    "chain_joined", "sex",
    "birth_year", "birth_ym", "birth_date", "birth_md", "birth_dm",
    "birth_place_key", "governorate_key", "national_id",
    "event_year", "event_ym", "event_place_key", "facility_key",
    "death_year", "death_date",
)  # fmt: skip


@dataclass(frozen=True)
class _Date:
    year: str | None
    ym: str | None
    day: str | None
    md: str | None
    dm: str | None


_NO_DATE = _Date(None, None, None, None, None)

FAMILY_FIRST = "family name first"
"""The ``reading`` of a record's second row: its Latin full name read family name first."""

FAMILY_FIRST_MARK = "~family-first"
"""Added to a record's id to name its family-name-first reading (``unique_id``)."""


def readings(record: Mapping[str, str | None]) -> list[dict[str, object]]:
    """A record's comparable columns as written, and read family name first when its Latin
    full name could be either ("Salama Qasim Mustafa"): nothing in such a name says which
    unit is the family name, and lists kept in the West often put it first."""
    features = record_features(record)
    rotated = _family_first_text(record)
    if rotated is None:
        return [features]
    other = record_features({**record, "full_name": rotated})
    other["unique_id"] = f"{features['unique_id']}{FAMILY_FIRST_MARK}"
    other["record_id"] = features["record_id"]
    other["reading"] = FAMILY_FIRST
    return [features, other]


def record_features(record: Mapping[str, str | None]) -> dict[str, object]:
    """One record's comparable columns (None where the record says nothing)."""
    parts = _name_parts(record)
    birth = _date(record.get("birth_date"))
    event = _date(record.get("event_date"))
    death = _date(record.get("death_date"))
    record_id = _text(record.get("record_id"))
    features: dict[str, object] = {
        "unique_id": record_id,
        "record_id": record_id,
        "reading": None,
        "source_dataset": _text(record.get("source")) or "unknown",
    }
    for part in NAME_PARTS:
        features[f"{part}_key"] = _key(parts[part])
    for part in CANON_PARTS:
        features[f"{part}_canon"] = _canon(parts[part])
        features[f"{part}_rasm"] = _skeleton(parts[part])
        features[f"{part}_coarse"] = _coarse(features[f"{part}_key"])
    chain_keys = _chain_keys(record, parts)
    features["chain_joined"] = "".join(chain_keys) if len(chain_keys) >= 3 else None
    features["sex"] = _sex(record.get("sex"))
    features.update(
        birth_year=birth.year, birth_ym=birth.ym, birth_date=birth.day,
        birth_md=birth.md, birth_dm=birth.dm,
        birth_place_key=_key(record.get("birth_place")),
        governorate_key=_governorate(record.get("governorate")),
        national_id=_national_id(record.get("national_id")),
        event_year=event.year, event_ym=event.ym,
        event_place_key=_key(record.get("event_place")),
        facility_key=_key(record.get("facility")),
        death_year=death.year, death_date=death.day,
    )  # fmt: skip
    return features


def features_of(records: Iterable[Mapping[str, str | None]]) -> Iterator[dict[str, object]]:
    """Every reading of every record (:func:`readings`)."""
    for record in records:
        yield from readings(record)


def _family_first_text(record: Mapping[str, str | None]) -> str | None:
    """The record's full name with its first unit moved last, when its order is a guess."""
    if any(_text(record.get(f"{part}_name")) for part in NAME_PARTS[:4]):
        return None
    full = _text(record.get("full_name"))
    return _rotated(full) if full else None


@lru_cache(maxsize=1 << 18)
def _rotated(full: str) -> str | None:
    """A Latin name of two units or more with nothing that says its order (an article, a
    comma, bin), its first unit moved last; None otherwise."""
    chain = parse_chain(full)
    units = chain.names
    if chain.script is not Script.LATIN or len(units) < 2 or "," in full:
        return None
    if any(token.kind is TokenKind.PARTICLE for token in chain.tokens):
        return None
    if any(unit.text != unit.core for unit in units):  # an article marks the family name
        return None
    return " ".join(unit.text for unit in [*units[1:], units[0]])


def _text(value: str | None) -> str | None:
    if value is None:
        return None
    stripped = str(value).strip()
    return stripped or None


def _name_parts(record: Mapping[str, str | None]) -> dict[str, str | None]:
    """Labelled parts as given; parts left empty are taken from the split full name."""
    parts = {part: _text(record.get(f"{part}_name")) for part in NAME_PARTS}
    parts["mother"] = _first_unit(parts["mother"])
    full = _text(record.get("full_name"))
    if full and not all(parts[part] for part in ("given", "father", "family")):
        split = _split(full)
        for part in ("given", "father", "grandfather", "family"):
            parts[part] = parts[part] or split.get(part)
    return parts


@lru_cache(maxsize=1 << 16)
def _first_unit(name: str | None) -> str | None:
    """A mother's given name: lists add her family name (فاطمة المحمد) or leave it off."""
    if not name:
        return None
    units = parse_chain(name).names
    return units[0].text if units else name


@lru_cache(maxsize=1 << 18)
def _split(full: str) -> dict[str, str | None]:
    chain = split_chain(parse_chain(full))
    return {
        "given": chain.given,
        "father": chain.father,
        "grandfather": chain.grandfather,
        "family": chain.family,
    }


@lru_cache(maxsize=1 << 18)
def _key(value: str | None) -> str | None:
    if not value:
        return None
    return name_key(value) or None


def _coarse(key: object) -> str | None:
    return coarse_key(key) or None if isinstance(key, str) else None


def _governorate(value: str | None) -> str | None:
    """Aleppo and حلب alike: an English list's governorate otherwise disagrees with the
    register's, and the disagreement counts against the pair."""
    return _key(governorate_of(value) or value)


@lru_cache(maxsize=1 << 18)
def _canon(value: str | None) -> str | None:
    """The part in Arabic script: its normalised core, or the one known name a Latin spelling
    stands for; None when it cannot be known (an unknown Latin name, mixed scripts)."""
    if not value:
        return None
    units = [_arabic_unit(token) for token in parse_chain(value).names]
    if not units or any(unit is None for unit in units):
        return None
    return " ".join(unit for unit in units if unit)


@lru_cache(maxsize=1 << 18)
def _skeleton(value: str | None) -> str | None:
    """An Arabic part without its dots (منصور and مبصور alike): what OCR misreads."""
    if not value:
        return None
    chain = parse_chain(value)
    if chain.script is not Script.ARABIC:
        return None
    return " ".join(rasm(token.core) for token in chain.names) or None


def _arabic_unit(token: NameToken) -> str | None:
    if token.script is Script.ARABIC:
        return token.core
    if token.script is not Script.LATIN:
        return None
    found: set[str] = set()
    for reading in latin_readings(token.core):
        found |= cores_by_sound(reading)
    return next(iter(found)) if len(found) == 1 else None


def _chain_keys(record: Mapping[str, str | None], parts: dict[str, str | None]) -> list[str]:
    full = _text(record.get("full_name"))
    if full:
        return _full_chain_keys(full)
    keys: list[str] = []
    for part in ("given", "father", "grandfather", "family"):
        key = _key(parts[part])
        if key:
            keys.extend(key.split())
    return keys


def _full_chain_keys(full: str) -> list[str]:
    return (_key(full) or "").split()


def _sex(value: str | None) -> str | None:
    text = (_text(value) or "").casefold()
    if text in {"m", "male", "ذكر", "ذ", "h", "homme"}:
        return "M"
    if text in {"f", "female", "انثى", "أنثى", "ا", "أ", "femme", "w"}:
        return "F"
    return None


def _national_id(value: str | None) -> str | None:
    digits = "".join(ch for ch in ascii_digits(value or "") if ch.isdigit())
    return digits or None


@lru_cache(maxsize=1 << 16)
def _date(value: str | None) -> _Date:
    """A date's comparable forms at the precision the record gives; day and month both
    ways round, because lists swap them."""
    text = _text(value)
    if not text:
        return _NO_DATE
    parsed = parse_date(text).value
    if parsed is None:
        return _NO_DATE
    year = f"{parsed.year:04d}"
    if parsed.month is None:
        return _Date(year, None, None, None, None)
    ym = f"{year}-{parsed.month:02d}"
    if parsed.day is None:
        return _Date(year, ym, None, None, None)
    day = f"{ym}-{parsed.day:02d}"
    month, day_of_month = f"{parsed.month:02d}", f"{parsed.day:02d}"
    return _Date(year, ym, day, month + day_of_month, day_of_month + month)
