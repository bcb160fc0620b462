"""Vowels: what the consonant key throws away, checked where the scripts can agree.

Arabic writes only long vowels (ا و ي); Latin writes every vowel, long or
short, in many spellings. So an Arabic long vowel must be matched by a Latin
vowel of its kind in the same place (محمود needs an o/u after the second m:
Mahmoud, not Mohammad), and a Latin spelling that marks a vowel as long (ou,
oo, ee, ei, aa…) must find a long vowel in the Arabic (Hussein is حسين, not
حسن). Single Latin vowels may be short and need no Arabic letter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from mafqud.names.chain import NameToken
from mafqud.names.keys import arabic_key, latin_key
from mafqud.names.script import Script

_ARABIC_VOWELS = {"ا": "A", "و": "U", "ي": "I", "ى": "A", "آ": "A", "ع": "*"}
"""ع carries whatever vowel the Latin writes (Saad, Omar, Ali): it is a wildcard, "*"."""
_ARABIC_SILENT = frozenset("ءأإؤئة")
_LONG_LATIN = frozenset(
    {"aa", "ou", "oo", "uu", "ee", "ii", "ei", "ey", "ie", "ai", "ay", "ue", "ua"}
)


@dataclass(frozen=True)
class Slot:
    """The vowels between two consonants (or before the first, or after the last)."""

    kinds: frozenset[str]
    """A, U, I: the vowel qualities present."""
    long: bool


_LATIN_PIECES = re.compile(r"tsch|dsch|sch|kh|gh|sh|ch|th|dh|dj|ph|ck|[aeiouy]+|.")


def arabic_slots(core: str) -> list[Slot]:
    """Vowel slots of an Arabic unit, aligned with the consonants of its key.

    An initial alef only carries the hamza and whatever vowel follows it (أسامة:
    Osama, Usama), so it is a wildcard too.
    """
    pieces: list[tuple[str, str]] = []
    for position, ch in enumerate(core):
        if position == 0 and ch == "ا":
            pieces.append(("V", "*"))
        elif ch in _ARABIC_VOWELS:
            pieces.append(("V", _ARABIC_VOWELS[ch]))
        elif ch not in _ARABIC_SILENT and (cls := arabic_key(ch)):
            pieces.append(("C", cls))
    return _slots(pieces, arabic=True)


def latin_slots(core: str) -> list[Slot]:
    """Vowel slots of a Latin unit, aligned with the consonants of its key."""
    pieces: list[tuple[str, str]] = []
    for piece in _LATIN_PIECES.findall(core):
        if piece[0] in "aeiouy":
            pieces.append(("V", piece))
        elif cls := latin_key(piece):
            pieces.append(("C", cls))
    return _slots(pieces, arabic=False)


def _slots(pieces: list[tuple[str, str]], arabic: bool) -> list[Slot]:
    """Collapse as the key does (doubled classes, final H), then gather vowels per gap."""
    consonants = [index for index, (kind, _) in enumerate(pieces) if kind == "C"]
    kept: list[int] = []
    for index in consonants:
        if kept and pieces[kept[-1]][1] == pieces[index][1]:
            continue
        kept.append(index)
    if len(kept) > 1 and pieces[kept[-1]][1] == "H":
        kept.pop()
    bounds = [-1, *kept, len(pieces)]
    slots: list[Slot] = []
    for start, stop in pairwise(bounds):
        vowels = [value for kind, value in pieces[start + 1 : stop] if kind == "V"]
        slots.append(_arabic_slot(vowels) if arabic else _latin_slot("".join(vowels)))
    return slots


def _arabic_slot(vowels: list[str]) -> Slot:
    return Slot(frozenset(vowels), bool(vowels))


def _latin_slot(run: str) -> Slot:
    kinds: set[str] = set()
    if "a" in run:
        kinds.add("A")
    if "o" in run or "u" in run:
        kinds.add("U")
    if "i" in run or "e" in run or "y" in run:
        kinds.add("I")
    return Slot(frozenset(kinds), run in _LONG_LATIN or len(run) > 2)


_COMPATIBLE = {"A": {"A", "I"}, "U": {"U"}, "I": {"I"}, "*": {"A", "I", "U"}}
"""An Arabic long vowel and the Latin vowels that can write it (ا is often 'e': Hamed)."""
_FINAL_COMPATIBLE = {**_COMPATIBLE, "I": {"I", "A"}}
"""At the end, ي may be ى folded by normalisation, read 'a' (مصطفى, Mustafa)."""


def vowel_agreement(arabic: NameToken, latin: NameToken) -> float | None:
    """Share of vowel slots where the two spellings agree; None if their consonants differ."""
    if arabic.script is not Script.ARABIC or latin.script is not Script.LATIN:
        return None
    left, right = arabic_slots(arabic.core), latin_slots(latin.core)
    if len(left) != len(right):
        return None
    agree = 0
    for index, (a, b) in enumerate(zip(left, right, strict=True)):
        final = index == len(left) - 1
        if "*" in a.kinds:  # ع: any vowel, but a long i or u needs its own letter (Saeed)
            ok = not (b.long and b.kinds - {"A"} and not a.kinds - {"*"})
        elif a.long:
            table = _FINAL_COMPATIBLE if final else _COMPATIBLE
            ok = any(b.kinds & table[kind] for kind in a.kinds)
        else:  # no long vowel in Arabic: Latin may write a short one, not a long one
            ok = not b.long or final  # a final long-looking ending can be ة (-ah, -eh)
        agree += ok
    return agree / len(left)


def vowel_mismatches(arabic: NameToken, latin: NameToken) -> int | None:
    """How many slots disagree (see :func:`vowel_agreement`); None if consonants differ."""
    share = vowel_agreement(arabic, latin)
    if share is None:
        return None
    return round((1 - share) * len(arabic_slots(arabic.core)))
