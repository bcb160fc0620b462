"""Similarity of names, counting characters (not bytes), within and across scripts.

Within one script the normalised units are compared directly (Jaro–Winkler,
from rapidfuzz, which works on code points). Across scripts the units are
compared by key (see :mod:`mafqud.names.keys`), and where the consonants
agree, each vowel slot where the spellings disagree (Mahmoud is not محمد,
Hussein is not حسن) takes a quarter off. Two Arabic spellings that differ only
by a long-vowel letter (حسن/حسين) lose a quarter per letter for the same reason.
"""

from __future__ import annotations

from rapidfuzz.distance import JaroWinkler, Levenshtein
from rapidfuzz.fuzz import token_set_ratio

from mafqud.names.arabic import rasm
from mafqud.names.chain import NameChain, NameToken, parse_chain
from mafqud.names.keys import token_key
from mafqud.names.script import Script
from mafqud.names.vowels import vowel_mismatches

VOWEL_PENALTY = 0.25
DOTS = 0.95
"""Two Arabic spellings whose only difference is dots (OCR) score at most this."""
SHORT_NAME = 5
"""Up to this many letters a long vowel makes another name (حسن/حسين); beyond, a variant."""
SOUND = 0.95
"""…and two that only differ in letters of one sound (ص/س, ط/ت, ذ/ز: typing by ear)."""


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
        return jaro_winkler(a.core, b.core)
    key_a, key_b = token_key(a), token_key(b)
    if not key_a or not key_b:
        return 0.0
    score = jaro_winkler(key_a, key_b)
    arabic, latin = (a, b) if a.script is Script.ARABIC else (b, a)
    mismatches = vowel_mismatches(arabic, latin)
    if mismatches:
        score *= max(0.0, 1 - VOWEL_PENALTY * mismatches)
    return score


def chain_similarity(a: NameChain | str, b: NameChain | str) -> float:
    """Similarity of two whole names: units aligned in order, missing units cost little.

    Each unit of the shorter chain is matched to the best unit of the other
    not yet used, keeping order; the score is the mean over the shorter chain,
    so "محمد الحلبي" and "محمد أحمد الحلبي" (a father's name left out) still compare
    well.
    """
    left = (parse_chain(a) if isinstance(a, str) else a).names
    right = (parse_chain(b) if isinstance(b, str) else b).names
    if not left or not right:
        return 0.0
    if len(left) > len(right):
        left, right = right, left
    total, start = 0.0, 0
    for unit in left:
        best, best_at = 0.0, start
        for position in range(start, len(right)):
            score = unit_similarity(unit, right[position])
            if score > best:
                best, best_at = score, position
        total += best
        start = best_at + 1 if best > 0 else start
        if start >= len(right):
            break
    return total / len(left)
