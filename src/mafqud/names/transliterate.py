"""Transliteration between Arabic script and Latin letters.

Two directions, for two uses:

- Arabic → Latin, in a simple common romanisation of the kind lists use
  (Mohammad, Abd al-Rahman, al-Halabi: consonants as English readers expect,
  long vowels written, short vowels, which Arabic does not write, guessed only
  where the name is known) and in a one-letter-per-character Buckwalter form
  that loses nothing and can be turned back.
- Latin → Arabic: the Arabic-script candidates a Latin spelling can stand for,
  built from the consonant key (Mohamed, Muhammad and Mhd all give محمد).
"""

from __future__ import annotations

from mafqud.names.chain import parse_chain
from mafqud.names.keys import latin_key
from mafqud.names.script import Script
from mafqud.names.similarity import unit_similarity

BUCKWALTER = {
    "ء": "'", "آ": "|", "أ": ">", "ؤ": "&", "إ": "<", "ئ": "}", "ا": "A", "ب": "b", "ة": "p",
    "ت": "t", "ث": "v", "ج": "j", "ح": "H", "خ": "x", "د": "d", "ذ": "*", "ر": "r", "ز": "z",
    "س": "s", "ش": "$", "ص": "S", "ض": "D", "ط": "T", "ظ": "Z", "ع": "E", "غ": "g", "ـ": "_",
    "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "w", "ى": "Y",
    "ي": "y", "ً": "F", "ٌ": "N", "ٍ": "K", "َ": "a", "ُ": "u", "ِ": "i", "ّ": "~", "ْ": "o",
    "ٰ": "`", "ٱ": "{",
}  # fmt: skip
_FROM_BUCKWALTER = {latin: arabic for arabic, latin in BUCKWALTER.items()}

_SIMPLE = {
    "ا": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "'",
    "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "w",
    "ي": "y", "ى": "a", "ة": "a", "ء": "'",
}  # fmt: skip
_KNOWN = {
    "محمد": "Mohammad", "احمد": "Ahmad", "محمود": "Mahmoud", "علي": "Ali", "عمر": "Omar",
    "حسن": "Hasan", "حسين": "Hussein", "خالد": "Khaled", "مصطفي": "Mustafa", "يوسف": "Youssef",
    "ابراهيم": "Ibrahim", "عبدالله": "Abdullah", "عبدالرحمن": "Abd al-Rahman", "فاطمه": "Fatima",
    "خديجه": "Khadija", "مريم": "Maryam", "عائشه": "Aisha", "زينب": "Zeinab", "سعيد": "Said",
    "اسامه": "Osama", "حمزه": "Hamza", "بلال": "Bilal", "عمار": "Ammar", "ياسر": "Yasser",
}  # fmt: skip
"""Names too common to leave to letter-by-letter rules; everything else is romanised by rule."""


def to_buckwalter(text: str) -> str:
    """One Latin character per Arabic character (reversible; other characters pass through)."""
    return "".join(BUCKWALTER.get(ch, ch) for ch in text)


def from_buckwalter(text: str) -> str:
    return "".join(_FROM_BUCKWALTER.get(ch, ch) for ch in text)


def romanise(text: str) -> str:
    """A simple common romanisation of an Arabic name (Latin text passes through normalised)."""
    chain = parse_chain(text)
    words: list[str] = []
    for token in chain.names:
        if token.script is not Script.ARABIC:
            words.append(token.text)
            continue
        words.append(_romanise_unit(token.text))
    return " ".join(words)


def _romanise_unit(unit: str) -> str:
    if unit in _KNOWN:
        return _KNOWN[unit]
    article = unit.startswith("ال") and len(unit) > 3
    core = unit[2:] if article else unit
    if core.startswith("عبد") and len(core) > 3:
        rest = core[3:]
        rest = rest[2:] if rest.startswith("ال") else rest
        return "Abd al-" + _romanise_unit(rest).lower().capitalize()
    if core.endswith("الدين") and len(core) > 5:
        return _romanise_unit(core[:-5]) + " al-Din"
    letters = []
    for position, ch in enumerate(core):
        latin = _SIMPLE.get(ch, ch)
        following = core[position + 1] if position + 1 < len(core) else ""
        if position > 0 and ch in "وي" and following not in ("ا", "و", "ي"):
            latin = {"و": "ou", "ي": "i" if not following else "ee"}[ch]
        letters.append(latin)
    word = "".join(letters).replace("''", "'").strip("'")
    word = word[:1].upper() + word[1:]
    return f"al-{word}" if article else word


def arabic_candidates(latin: str, known: dict[str, list[str]]) -> list[str]:
    """Arabic spellings a Latin name can stand for, among ``known`` (key → Arabic names).

    ``known`` comes from :func:`index_by_key` over names seen in a registry,
    so "Mhd" finds محمد when the registry holds it.
    """
    chain = parse_chain(latin)
    found: list[str] = []
    for token in chain.names:
        if token.script is Script.LATIN:
            candidates = known.get(latin_key(token.core), [])
            # best first: Mohamed → محمد before محمود (the vowels decide)
            ranked = sorted(
                candidates, key=lambda arabic: -unit_similarity(parse_chain(arabic).names[0], token)
            )
            found += ranked
    return found


def index_by_key(arabic_names: list[str]) -> dict[str, list[str]]:
    """Arabic name units grouped by their cross-script key, for :func:`arabic_candidates`."""
    from mafqud.names.keys import arabic_key

    index: dict[str, list[str]] = {}
    for name in arabic_names:
        for token in parse_chain(name).names:
            if token.script is Script.ARABIC:
                bucket = index.setdefault(arabic_key(token.core), [])
                if token.text not in bucket:
                    bucket.append(token.text)
    return index
