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
by a long-vowel letter (حسن/حسين), or by the ة of the feminine (سمير/سميرة),
lose a quarter per letter; compounds (عبد الكريم/عبد الرحيم) are also compared
by the part that tells them apart. Latin spellings are compared after folding
their spelling habits (see ``latin_sound``), and through the lexicon when it
knows them (Youssef and Yusuf are both يوسف; Khaled and Khalil are two names).
A whole name is no more like another than its given name is when both have
as many units: brothers share the rest.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz.distance import Indel, JaroWinkler, Levenshtein
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


_NOT_LONG_VOWEL = re.compile("[^اوي]")
_LONG_VOWEL = re.compile("[اوي]")
_DOUBLED_VOWEL_LETTER = re.compile(r"([وي])\1")


def long_vowel_edits(a: str, b: str) -> int:
    """Long-vowel letters (ا و ي) added or dropped when all else is equal: حسن/حسين, علي/عليا.

    Such a pair is two different names far more often than a slip of the pen
    (OCR confuses dotted letters; it does not invent a و), so it is penalised.
    Counted between the same letters on both sides, so that the count is the
    same whichever name comes first (احمد/حامد: 2). A و or ي written once for
    two (داود/داوود, محي/محيي) is one name, and so is a final ي, which may be
    ى folded by normalisation, against ا (موسى/موسا).
    """
    if a == b or _LONG_VOWEL.sub("", a) != _LONG_VOWEL.sub("", b):
        return 0
    gaps_a, gaps_b = _NOT_LONG_VOWEL.split(a), _NOT_LONG_VOWEL.split(b)
    if {gaps_a[-1], gaps_b[-1]} == {"ي", "ا"}:
        gaps_a[-1] = gaps_b[-1]
    return sum(
        Indel.distance(_DOUBLED_VOWEL_LETTER.sub(r"\1", x), _DOUBLED_VOWEL_LETTER.sub(r"\1", y))
        for x, y in zip(gaps_a, gaps_b, strict=True)
    )


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


_SOUND_LETTERS = str.maketrans(
    {"ث": "ت", "ط": "ت", "ض": "د", "ذ": "ز", "ظ": "ز", "ص": "س", "ق": "ك", "ه": "ح"}
)
_MEDIAL_HAMZA = re.compile(r"ء(?=.)")


@lru_cache(maxsize=1 << 16)
def sound_spelling(core: str) -> str:
    """An Arabic unit with letters of one sound made one (ص/س, ط/ت, ذ/ز), its vowels kept.

    Unlike the consonant key, the long vowels ا و ي and ع, ء stay: they are
    heard, and they tell حامد from حميد and علي from علاء. A final ة (ه) is
    said as ا (نورة/نورا, رانية/رانيا), a و or ي written twice may be
    written once (داوود/داود, محيي/محي), and a hamza on the line inside a
    word is the hamza of a seat that normalisation kept (رءوف/رؤوف).
    """
    if len(core) > 2 and core.endswith("ه"):
        core = core[:-1] + "ا"
    core = _MEDIAL_HAMZA.sub("", core)
    return _DOUBLED_VOWEL_LETTER.sub(r"\1", core).translate(_SOUND_LETTERS)


def feminine_pair(a: str, b: str) -> bool:
    """One unit is the other with ة added: a man's name and a woman's (سمير/سميرة)."""
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return len(short) >= 3 and long == short + "ه"


_COMPOUND_PREFIXES = ("عبد", "ابو")
_COMPOUND_SUFFIX = "الدين"


def compound_rests(a: str, b: str) -> tuple[str, str] | None:
    """What tells two Arabic compounds of one kind apart: عبدالكريم/عبدالرحيم → الكريم/الرحيم.

    عبد, أبو and الدين are shared by hundreds of names and say nothing of
    which one a unit is; None unless both units are compounds of the same kind.
    """
    for prefix in _COMPOUND_PREFIXES:
        if a.startswith(prefix) and b.startswith(prefix):
            rest_a, rest_b = a[len(prefix) :], b[len(prefix) :]
            return (rest_a, rest_b) if rest_a and rest_b else None
    if a.endswith(_COMPOUND_SUFFIX) and b.endswith(_COMPOUND_SUFFIX):
        rest_a, rest_b = a[: -len(_COMPOUND_SUFFIX)], b[: -len(_COMPOUND_SUFFIX)]
        return (rest_a, rest_b) if rest_a and rest_b else None
    return None


def arabic_similarity(a: str, b: str) -> float:
    """Two normalised Arabic unit cores: as written, without dots, as said; then the rules.

    Compounds of one kind count their distinguishing parts, compared as names
    in their own right, for half; a name and its feminine, and short names a
    long vowel apart, are other names.
    """
    score = max(
        _spelling(a, b),
        DOTS * _spelling(rasm(a), rasm(b)),
        SOUND * _spelling(sound_spelling(a), sound_spelling(b)),
    )
    rests = compound_rests(a, b)
    if rests is not None:
        score = (score + arabic_similarity(*rests)) / 2
    if feminine_pair(a, b):
        score *= 1 - VOWEL_PENALTY
    if min(len(a), len(b)) > SHORT_NAME:  # عبدالرحمن/عبدالرحمان: a variant
        return score
    return score * max(0.0, 1 - VOWEL_PENALTY * long_vowel_edits(a, b))


@lru_cache(maxsize=1 << 16)
def unit_similarity(a: NameToken, b: NameToken) -> float:
    """Similarity of two name units, 0–1, whatever their scripts.

    Cached: a search ranks hundreds of records that share a handful of names
    (محمد, أحمد, a family name), so most comparisons are repeats.
    """
    if a.script is b.script is Script.ARABIC:
        return arabic_similarity(a.core, b.core)
    if a.script is b.script is Script.LATIN:
        return _latin_similarity(a.core, b.core)
    arabic, latin = (a, b) if a.script is Script.ARABIC else (b, a)
    if arabic.script is not Script.ARABIC or latin.script is not Script.LATIN:
        return 0.0
    sounds = latin_readings(latin.core)
    known = sounds_by_core(arabic.core)
    if known:
        score = _best(known, sounds)
        if score < EXACT and any(cores_by_sound(sound) for sound in sounds):
            score *= ANOTHER_NAME  # Khalil is how خليل is said, not a way to write خالد
        elif score < EXACT and _latin_feminine(known, sounds):
            score *= 1 - VOWEL_PENALTY  # Nabila is not how نبيل is said
        return score
    score = _by_key(arabic, latin)
    misread = sounds_by_rasm(rasm(arabic.core))
    if misread:
        score = max(score, DOTS * _best(misread, sounds))
    return score


def _latin_similarity(a: str, b: str) -> float:
    """Two Latin units: their readings compared, then what the lexicon knows of them.

    Two spellings that are each exactly how one known name is said are that
    name (Youssef and Yusuf are both يوسف); two that are each exactly how a
    different known name is said are different names, however alike they
    look (Khaled is خالد, Khalil خليل); and one that is the other with a final
    -a is its feminine (Nabil/Nabila).
    """
    left, right = latin_readings(a), latin_readings(b)
    score = _best(left, right)
    if score >= EXACT:
        return score
    known_left, known_right = _known_cores(a), _known_cores(b)
    if known_left & known_right:
        return EXACT
    if known_left and known_right:
        return score * ANOTHER_NAME
    if _latin_feminine(left, right):
        return score * (1 - VOWEL_PENALTY)
    return score


def known_arabic(latin_core: str) -> frozenset[str]:
    """The known Arabic names (normalised cores) a Latin unit is exactly how they are said:
    Mahmoud → محمود, Mohamed → محمد, Halabi → حلبي; empty for a name the lexicon does not know.

    Search uses it to look a Latin query up by the Arabic spelling, which tells apart names
    whose consonant keys are one (محمد, محمود).
    """
    return _known_cores(latin_core)


@lru_cache(maxsize=1 << 16)
def _known_cores(latin_core: str) -> frozenset[str]:
    """The known Arabic names some reading of a Latin unit is exactly how they are said."""
    found: frozenset[str] = frozenset()
    for reading in latin_readings(latin_core):
        found |= cores_by_sound(reading)
    return found


def _latin_feminine(left: tuple[str, ...], right: tuple[str, ...]) -> bool:
    """Some reading of one side is a reading of the other with -a added (Samir/Samira)."""
    return any(
        len(short) >= 3 and short[-1] not in "aeiou" and long == short + "a"
        for x in left
        for y in right
        for short, long in ((x, y), (y, x))
    )


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

    Brothers share every unit but the given name, so when both chains have
    as many units, the score is at most the given names' similarity: حسن علي
    الكردي and حسين علي الكردي are two people, however alike the rest.
    """
    left = (parse_chain(a) if isinstance(a, str) else a).names
    right = (parse_chain(b) if isinstance(b, str) else b).names
    if not left or not right:
        return 0.0
    if len(left) > len(right):
        left, right = right, left
    given = unit_similarity(left[0], right[0])
    aligned = _aligned_total(left, right, given) / len(left)
    if len(left) == len(right):
        return min(aligned, given)
    score = aligned * max(0.0, 1 - MISSING_UNIT * (len(right) - len(left)))
    if left[0].script is right[0].script is Script.ARABIC:
        joined = _spelling("".join(u.core for u in left), "".join(u.core for u in right))
        score = max(score, joined * RUN_TOGETHER)
    return score


def _aligned_total(left: Sequence[NameToken], right: Sequence[NameToken], first: float) -> float:
    """Highest total similarity of an order-keeping alignment of ``left`` into ``right``.

    ``first`` is the similarity of the first units, already known.
    """
    previous = [0.0] * (len(right) + 1)
    for i, unit in enumerate(left):
        current = [0.0] * (len(right) + 1)
        for j, other in enumerate(right, start=1):
            similarity = first if i == 0 and j == 1 else unit_similarity(unit, other)
            current[j] = max(current[j - 1], previous[j], previous[j - 1] + similarity)
        previous = current
    return previous[-1]
