"""Similarity of names, counting characters (not bytes), within and across scripts.

Within one script the normalised units are compared directly (Jaro–Winkler,
from rapidfuzz, which works on code points). Across scripts the units are
compared by how the name is said where the lexicon knows it (محمد is said
Muhammad, so Mohamed matches it and Mahmoud does not; see
:mod:`mafqud.names.lexicon`), and by key otherwise (see
:mod:`mafqud.names.keys`): where the consonants agree, each vowel slot where
the spellings disagree takes a quarter off. An Arabic spelling the lexicon
does not know but whose dotless skeleton is a known name's (غمر, OCR for عمر)
is compared as that name, at most DOTS. Two Arabic spellings that differ only
by a long-vowel letter (حسن/حسين) lose a quarter per letter. Latin spellings
are compared after folding their spelling habits (see ``latin_sound``).
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz.distance import JaroWinkler, Levenshtein
from rapidfuzz.fuzz import token_set_ratio

from mafqud.names.arabic import rasm
from mafqud.names.chain import NameChain, NameToken, parse_chain
from mafqud.names.keys import token_key
from mafqud.names.latin import latin_readings
from mafqud.names.lexicon import cores_by_sound, sounds_by_core, sounds_by_rasm
from mafqud.names.script import Script
from mafqud.names.vowels import vowel_mismatches

VOWEL_PENALTY = 0.25
DOTS = 0.95
"""Two Arabic spellings whose only difference is dots (OCR) score at most this."""
SHORT_NAME = 5
"""Up to this many letters a long vowel makes another name (حسن/حسين); beyond, a variant."""
SOUND = 0.95
"""…and two that only differ in letters of one sound (ص/س, ط/ت, ذ/ز: typing by ear)."""
EXACT = 0.97
ANOTHER_NAME = 0.9
"""A Latin spelling that is exactly how another known name is said scores this much less."""
MISSING_UNIT = 0.05
"""What each unit only one of two names has costs (a father's name left out)."""
RUN_TOGETHER = 0.95
"""Names that only match with their words run together score at most this."""


def jaro_winkler(a: str, b: str) -> float:
    """Jaro–Winkler similarity, 0–1, on characters."""
    return float(JaroWinkler.normalized_similarity(a, b))


def levenshtein(a: str, b: str) -> int:
    """Edit distance in characters."""
    return int(Levenshtein.distance(a, b))


def token_set(a: str, b: str) -> float:
    """Token-set similarity, 0–1: word order and repeated words do not matter."""
    return float(token_set_ratio(a, b)) / 100


_LONG_VOWEL_LETTERS = frozenset("اوي")


def long_vowel_edits(a: str, b: str) -> int:
    """Edits that only add or drop ا, و or ي: حسن/حسين, محمد/محمود, علي/عليا.

    Such a pair is two different names far more often than a slip of the pen
    (OCR confuses dotted letters; it does not invent a و), so it is penalised.
    """
    ops = Levenshtein.editops(a, b)
    if not ops:
        return 0
    for op in ops:
        letter = (
            a[op.src_pos] if op.tag == "delete" else b[op.dest_pos] if op.tag == "insert" else ""
        )
        if letter not in _LONG_VOWEL_LETTERS:
            return 0
    return len(ops)


def _spelling(a: str, b: str) -> float:
    """Jaro–Winkler tempered by edit distance: one letter in four (سامر/سامي) is a lot.

    Jaro–Winkler alone rewards a shared beginning so much that short names one
    letter apart score near 0.9; averaging with the share of letters kept
    separates them while long names with one slip still score high.
    """
    if not a or not b:
        return 0.0
    kept = 1 - levenshtein(a, b) / max(len(a), len(b))
    return (jaro_winkler(a, b) + kept) / 2


def unit_similarity(a: NameToken, b: NameToken) -> float:
    """Similarity of two name units, 0–1, whatever their scripts."""
    if a.script is b.script is Script.ARABIC:
        score = max(
            _spelling(a.core, b.core),
            DOTS * _spelling(rasm(a.core), rasm(b.core)),
            SOUND * _spelling(token_key(a), token_key(b)),
        )
        if min(len(a.core), len(b.core)) > SHORT_NAME:  # عبدالرحمن/عبدالرحمان: a variant
            return score
        return score * max(0.0, 1 - VOWEL_PENALTY * long_vowel_edits(a.core, b.core))
    if a.script is b.script is Script.LATIN:
        return _best(latin_readings(a.core), latin_readings(b.core))
    arabic, latin = (a, b) if a.script is Script.ARABIC else (b, a)
    if arabic.script is not Script.ARABIC or latin.script is not Script.LATIN:
        return 0.0
    sounds = latin_readings(latin.core)
    known = sounds_by_core(arabic.core)
    if known:
        score = _best(known, sounds)
        if score < EXACT and any(cores_by_sound(sound) for sound in sounds):
            score *= ANOTHER_NAME  # Khalil is how خليل is said, not a way to write خالد
        return score
    score = _by_key(arabic, latin)
    misread = sounds_by_rasm(rasm(arabic.core))
    if misread:
        score = max(score, DOTS * _best(misread, sounds))
    return score


def _best(left: tuple[str, ...], right: tuple[str, ...]) -> float:
    return max(_spelling(a, b) for a in left for b in right)


def _by_key(arabic: NameToken, latin: NameToken) -> float:
    """An Arabic name the lexicon does not know against a Latin one: consonants, then vowels."""
    key_a, key_b = token_key(arabic), token_key(latin)
    if not key_a or not key_b:
        return 0.0
    score = jaro_winkler(key_a, key_b)
    mismatches = vowel_mismatches(arabic, latin)
    if mismatches:
        score *= max(0.0, 1 - VOWEL_PENALTY * mismatches)
    return score


def chain_similarity(a: NameChain | str, b: NameChain | str) -> float:
    """Similarity of two whole names: units aligned in order, missing units cost little.

    The units of the shorter chain are aligned, in order, with units of the
    longer one so that the total similarity is highest; the score is the mean
    over the shorter chain, less MISSING_UNIT for each unit the longer chain
    has in addition, so "محمد الحلبي" and "محمد أحمد الحلبي" (a father's name left
    out) still compare well. When the chains differ in length and share a
    script, the names are also compared with their units run together, as
    OCR and typists sometimes write them (عمرهيثم).
    """
    left = (parse_chain(a) if isinstance(a, str) else a).names
    right = (parse_chain(b) if isinstance(b, str) else b).names
    if not left or not right:
        return 0.0
    if len(left) > len(right):
        left, right = right, left
    aligned = _aligned_total(left, right) / len(left)
    score = aligned * max(0.0, 1 - MISSING_UNIT * (len(right) - len(left)))
    if len(left) != len(right) and left[0].script is right[0].script is Script.ARABIC:
        joined = _spelling("".join(u.core for u in left), "".join(u.core for u in right))
        score = max(score, joined * RUN_TOGETHER)
    return score


def _aligned_total(left: Sequence[NameToken], right: Sequence[NameToken]) -> float:
    """Highest total similarity of an order-keeping alignment of ``left`` into ``right``."""
    previous = [0.0] * (len(right) + 1)
    for unit in left:
        current = [0.0] * (len(right) + 1)
        for j, other in enumerate(right, start=1):
            current[j] = max(
                current[j - 1], previous[j], previous[j - 1] + unit_similarity(unit, other)
            )
        previous = current
    return previous[-1]
