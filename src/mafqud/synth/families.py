"""Invented family names, a long tail of them: SYNTHETIC, made from letters, not taken from people.

Syrian family names are many: nisbas of towns and villages, trades, tribes,
forebears' names, nicknames, each village with its own. A vocabulary of a few
hundred names (:mod:`mafqud.synth.vocabulary`) makes a million records far
more crowded with unrelated namesakes than real registers are, so linkage and
search would be judged on collisions no real list has. This module makes
family names the way Arabic makes words: three root letters poured into a
pattern (فعّال, فاعل, فعيل, فعلان, فعلاوي, فعلي, فعلة), most with the article.
Each name comes with how it is said, in the romanisation of
:data:`mafqud.synth.spellings.SPOKEN`, so the Latin lists can spell it in
every style. Some invented names are real Arabic words; no name is taken from
a list of people.

Names are ranked and drawn with Zipf–Mandelbrot weights ``1 / (rank + 20)``,
a shape surname counts follow in many countries: a few hundred names are
common, most are rare.
"""

from __future__ import annotations

import random
from functools import cache

_CONSONANTS: tuple[tuple[str, str], ...] = (
    ("ب", "b"), ("ت", "t"), ("ث", "th"), ("ج", "j"), ("ح", "H"), ("خ", "kh"), ("د", "d"),
    ("ذ", "dh"), ("ر", "r"), ("ز", "z"), ("س", "s"), ("ش", "sh"), ("ص", "S"), ("ض", "D"),
    ("ط", "T"), ("ع", "3"), ("غ", "gh"), ("ف", "f"), ("ق", "q"), ("ك", "k"), ("ل", "l"),
    ("م", "m"), ("ن", "n"), ("ه", "h"),
)  # fmt: skip
"""Root letters with their spoken form; و, ي and hamza are left out (weak roots change shape)."""

_PATTERNS: tuple[tuple[str, str], ...] = (
    ("12ا3", "1a22aa3"),  # فعّال: a trade, النجار
    ("1ا23", "1aa2i3"),  # فاعل: الخالد
    ("12ي3", "1a2ii3"),  # فعيل: الحكيم
    ("123ان", "1a23aan"),  # فعلان: الحمدان
    ("123اوي", "1a23aawii"),  # فعلاوي: a nisba, الحمداوي
    ("123ي", "1a23ii"),  # فعلي: a nisba, الحسني
    ("123ة", "1a23a"),  # فعلة: حمادة
)
_ARTICLE = 0.7
"""Share of invented names written with the article (الحمدان rather than حمدان)."""

_SIZE = 20_000
_OFFSET = 20
_SEED = 1948  # fixed: the vocabulary is the same for every spec seed


@cache
def invented_families() -> tuple[tuple[str, ...], tuple[str, ...], tuple[float, ...]]:
    """Arabic names, their spoken forms and their weights, most common first."""
    rng = random.Random(_SEED)
    arabic: list[str] = []
    spoken: list[str] = []
    seen: set[str] = set()
    while len(arabic) < _SIZE:
        name, said = _invent(rng)
        if name not in seen:
            seen.add(name)
            arabic.append(name)
            spoken.append(said)
    weights = tuple(1 / (rank + _OFFSET) for rank in range(_SIZE))
    return tuple(arabic), tuple(spoken), weights


def _invent(rng: random.Random) -> tuple[str, str]:
    root = rng.sample(_CONSONANTS, 3)
    pattern, said = rng.choice(_PATTERNS)
    for slot, (letter, sound) in zip("123", root, strict=True):
        pattern = pattern.replace(slot, letter)
        said = said.replace(slot, sound)
    if rng.random() < _ARTICLE:
        return "ال" + pattern, "al-" + said
    return pattern, said
