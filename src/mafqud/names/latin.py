"""Latin-script normalisation of transliterated Arabic names.

Lists kept abroad and by NGOs spell names in Latin letters with every habit
of French, English and German: accents and scholarly marks (ʿ ʾ ḥ ā), hyphens
(Al-Halabi), apostrophes for ayn and hamza (Sa'id), capitals. The normal form
is lower case, without accents or ayn/hamza marks, words split at hyphens.
Chat-style digits (Mo7amad) are kept: they are letters, and the keys read them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_MARKS = str.maketrans(
    {"ʿ": None, "ʾ": None, "'": None, "’": None, "‘": None, "`": None, "´": None}
)
_SEPARATORS = re.compile(r"[^\w]+|_", re.UNICODE)


def strip_accents(text: str) -> str:
    """ḥ ā é ç → h a e c (compatibility decomposition, then no combining marks)."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise_latin(text: str) -> str:
    """Lower case, no accents, no ayn/hamza apostrophes, words split at any other punctuation."""
    text = strip_accents(text.translate(_MARKS)).casefold()
    return " ".join(_SEPARATORS.sub(" ", text).split())


_SOUND_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"[3']", ""),  # ayn and hamza marks; 2 is read both ways, see readings()
        (r"7", "h"), (r"5", "kh"), (r"6", "t"), (r"9", "s"), (r"8", "gh"),
        (r"dsch|dj", "j"), (r"t?sch|ch", "sh"), (r"ph", "f"), (r"ck|q|c(?!h)", "k"),
        (r"dh", "z"),
        (r"aou|aw|au|ow", "au"), (r"(?:ay|ai|ei|ey)(?![aeiou]|y[aeiou])", "ai"),
        (r"ou|oo|o", "u"), (r"ee|ie", "i"), (r"y$", "i"),
        (r"(sh|kh|gh|th)\1", r"\1"),  # shadda on a letter written with two: Bashshar
        (r"(.)\1+", r"\1"),  # doubled letters and long vowels written twice
    )
)  # fmt: skip
_GLIDE = re.compile(r"iy(?=[aeiou])|(?<=[^aeiou])y(?=[aeiou])")
"""A y after i or a consonant, before a vowel: left out or written i (Ziyad/Ziad, Maryam/Mariam)."""
_TA_MARBUTA = re.compile(r"(?<=[a-z]{3})(?:ah|eh|at|e)$")
"""A final -ah, -eh, -at, -e is most often ة, said a: Fatima, Fatmah, Fatmeh, Fatme."""
_TWO_WAYS = ((re.compile(r"(?<!s)ch"), "kh"), (re.compile(r"dh"), "d"))
"""Spellings the fold reads one way that also stand for another letter: a ch not in
sch is ش in French (Chadi) but خ in German (Chalid); dh is ذ (Muadh) but also ض
(Riyadh, Ramadhan)."""


def latin_sound(core: str) -> str:
    """A Latin name unit with the spelling habits of English, French and chat folded away.

    Muhammad and Mouhammad become "muhamad", Mohamed "muhamed"; Mahmoud
    becomes "mahmud". Spellings that stand for more than one sound are left
    for :func:`readings`: "e" (a in Mohamed, i in Khaled), "th" (ث in
    Haitham, ذ in Muath) and the chat "2" (hamza in Wa2el, a Damascene ق in
    2asim); :func:`latin_readings` also reads a final -ah, -eh, -at as written,
    a ch as German kh and a dh as ض.
    """
    return _TA_MARBUTA.sub("a", _folded(core))


def _folded(core: str) -> str:
    text = core.lower()
    for pattern, replacement in _SOUND_REWRITES:
        text = pattern.sub(replacement, text)
    return _GLIDE.sub("i", text)


_AMBIGUOUS = (("e", ("a", "i")), ("th", ("t", "z")), ("2", ("", "k")))


def readings(sound: str) -> tuple[str, ...]:
    """A folded unit with each ambiguous spelling read every way it is used (at most 8)."""
    found = [(spelling, choices) for spelling, choices in _AMBIGUOUS if spelling in sound]
    read = [sound]
    for spelling, choices in found:
        read = [text.replace(spelling, choice) for text in read for choice in choices]
    return tuple(dict.fromkeys(_GLIDE.sub("i", text) for text in read))


@lru_cache(maxsize=1 << 16)
def latin_readings(core: str) -> tuple[str, ...]:
    """``readings(latin_sound(core))``, and the readings of what the fold takes one way only.

    A final -ah, -eh or -at is ة (Fatmeh) but also a letter of the name
    (Saleh is صالح, Khayyat خياط), so it is read both ways; so are the
    spellings in ``_TWO_WAYS`` (Chalid, Riyadh). Remembered: a unit is
    compared with many others.
    """
    spellings = [core]
    for pattern, replacement in _TWO_WAYS:
        spellings += [pattern.sub(replacement, text) for text in spellings if pattern.search(text)]
    found: list[str] = []
    for spelling in spellings:
        folded = _folded(spelling)
        found += readings(_TA_MARBUTA.sub("a", folded))
        if _TA_MARBUTA.search(folded) and folded[-1] in "ht":
            found += readings(folded)
    return tuple(dict.fromkeys(found))


def spoken_as_latin(spoken: str) -> str:
    """A lexicon pronunciation (3abd al-raHmaan) as a plain Latin unit (abdalrahmaan).

    The lexicon writes ث as th and ذ as dh; here they become the t and z that
    Latin readings compare with.
    """
    plain = "".join(ch for ch in spoken.lower() if ch.isalnum() and ch not in "3")
    return plain.replace("th", "t").replace("dh", "z")
