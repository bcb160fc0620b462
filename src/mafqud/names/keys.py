"""Cross-script keys: Arabic and Latin spellings of a name in one shared alphabet.

Short vowels are not written in Arabic and are written every which way in
Latin (Mohammad, Muhammad, Mouhamad), so the key keeps consonants only, each
mapped to a class that absorbs the usual transliteration confusions:

=====  ==================  =============================================
class  Arabic              Latin (and chat-alphabet digits)
=====  ==================  =============================================
B      ب پ                 b, p
T      ت ط ث               t, th, 6
J      ج چ                 j, g, dj, dsch
H      ح ه                 h, 7
X      خ                   kh, x, 5
D      د ض                 d
Z      ذ ز ظ ژ             z, dh
R      ر                   r
S      س ص                 s, 9 is not used (ambiguous)
C      ش                   sh, ch, sch, tsch
G      غ                   gh, 8
F      ف ڤ                 f, v, ph
K      ق ك گ               q, k, c, ck, 9
L M N  ل م ن               l m n
(none) ا و ي ى ء ع ة       a e i o u y w, 2 3, apostrophes
=====  ==================  =============================================

Doubled classes collapse (shadda; Mohammad), and a final H is dropped (ة /
ه at the end of فاطمة, Fatima / Fatmeh; طه / Taha), so that the key is the
same whichever way the end of a name was written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

from mafqud.names.arabic import normalised_arabic_words
from mafqud.names.chain import (
    NameChain,
    NameToken,
    TokenKind,
    arabic_core,
    arabic_unit_words,
    latin_words,
    parse_chain,
    plain_latin_cores,
)
from mafqud.names.latin import latin_sound
from mafqud.names.script import Script, detect_script

T = TypeVar("T")

_ARABIC_CLASSES = str.maketrans(
    {
        "ب": "B", "پ": "B", "ت": "T", "ط": "T", "ث": "T", "ج": "J", "چ": "J", "ح": "H", "ه": "H",
        "خ": "X", "د": "D", "ض": "D", "ذ": "Z", "ز": "Z", "ظ": "Z", "ژ": "Z", "ر": "R", "س": "S",
        "ص": "S", "ش": "C", "غ": "G", "ف": "F", "ڤ": "F", "ق": "K", "ك": "K", "گ": "K", "ل": "L",
        "م": "M", "ن": "N", "ا": None, "و": None, "ي": None, "ى": None, "ء": None, "ع": None,
        "ة": None, "أ": None, "إ": None, "آ": None, "ؤ": None, "ئ": None,
    }
)  # fmt: skip

_LATIN_DIGRAPHS = re.compile(r"tsch|dsch|sch|kh|gh|sh|ch|th|dh|dj|ph|ck")
_LATIN_DIGRAPH_CLASSES = {
    "tsch": "C", "dsch": "J", "sch": "C", "kh": "X", "gh": "G", "sh": "C", "ch": "C", "th": "T",
    "dh": "Z", "dj": "J", "ph": "F", "ck": "K",
}  # fmt: skip
_LATIN_CLASSES = str.maketrans(
    {
        "b": "B", "p": "B", "t": "T", "j": "J", "g": "J", "h": "H", "x": "X", "d": "D", "z": "Z",
        "r": "R", "s": "S", "f": "F", "v": "F", "q": "K", "k": "K", "c": "K", "l": "L", "m": "M",
        "n": "N", "a": None, "e": None, "i": None, "o": None, "u": None, "y": None, "w": None,
        "2": None, "3": None, "5": "X", "6": "T", "7": "H", "8": "G", "9": "K",
    }
)  # fmt: skip
_CLASSES = frozenset("BTJHXDZRSCGFKLMN")


def _collapse(key: str) -> str:
    """Doubled classes become one (Mohammad, محمّد); a final H goes (ة, Fatmeh, Taha)."""
    out: list[str] = []
    for ch in key:
        if ch in _CLASSES and (not out or out[-1] != ch):
            out.append(ch)
    if len(out) > 1 and out[-1] == "H":
        out.pop()
    return "".join(out)


@lru_cache(maxsize=1 << 16)
def arabic_key(core: str) -> str:
    """The key of one normalised Arabic unit."""
    return _collapse(core.translate(_ARABIC_CLASSES))


@lru_cache(maxsize=1 << 16)
def latin_key(core: str) -> str:
    """The key of one normalised Latin unit."""
    text = _LATIN_DIGRAPHS.sub(lambda m: _LATIN_DIGRAPH_CLASSES[m.group(0)], core)
    return _collapse(text.translate(_LATIN_CLASSES))


_COARSE = str.maketrans({"D": "T", "Z": "T", "K": None})


@lru_cache(maxsize=1 << 16)
def coarse_key(key: str) -> str:
    """A key with the letters transliterations disagree on most folded together, for finding
    candidates rather than judging them: ذ ض ظ are written th, dh, d or z (Moaath, Mouaz,
    معاذ), and ق is written q, k, g, 2 or left out in speech (Qasem, 2asem, Asem)."""
    return " ".join(filter(None, (_collapse(unit.translate(_COARSE)) for unit in key.split())))


def token_key(token: NameToken) -> str:
    """The key of a unit in either script ("" for a unit with no letters we know)."""
    if token.script is Script.ARABIC:
        return arabic_key(token.core)
    if token.script is Script.LATIN:
        return latin_key(token.core)
    return ""


def chain_key(chain: NameChain) -> str:
    """Keys of a chain's name units, space-separated, in order."""
    return " ".join(key for key in map(token_key, chain.names) if key)


def name_key(text: str) -> str:
    """The cross-script key of a free-text name: its units' keys, in order."""
    return " ".join(key for key in _units(text, _arabic_unit_key, latin_key) if key)


def name_units(text: str) -> list[tuple[str, str]]:
    """(folded unit, cross-script key) for each name unit of a free-text name, in order.

    The folded unit is the normalised Arabic core (حلبي for الحلبي) or the
    folded Latin sound (muhamad for Mohammad).
    """
    return _units(text, _arabic_unit, _latin_unit)


def _units(text: str, arabic: Callable[[str], T], latin: Callable[[str], T]) -> list[T]:
    """``arabic`` of each Arabic unit (with its article) and ``latin`` of each Latin core.

    Names a registry holds by the million take a flat path (normalise, group
    units, look each unit up in a cache) that gives what ``parse_chain``
    would, without building tokens: every Arabic name, and Latin names
    without compounds.
    """
    script = detect_script(text)
    if script is Script.ARABIC:
        units = arabic_unit_words(normalised_arabic_words(text))
        return [arabic(unit) for unit, kind in units if kind is TokenKind.NAME]
    if script is Script.LATIN:
        cores = plain_latin_cores(latin_words(text))
        if cores is not None:
            return [latin(core) for core in cores]
    found: list[T] = []
    for token in parse_chain(text).names:
        if token.script is Script.ARABIC:
            found.append(arabic(token.text))
        elif token.script is Script.LATIN:
            found.append(latin(token.core))
    return found


@lru_cache(maxsize=1 << 16)
def _arabic_unit_key(unit: str) -> str:
    return arabic_key(arabic_core(unit))


@lru_cache(maxsize=1 << 16)
def _arabic_unit(unit: str) -> tuple[str, str]:
    return arabic_core(unit), _arabic_unit_key(unit)


@lru_cache(maxsize=1 << 16)
def _latin_unit(core: str) -> tuple[str, str]:
    return latin_sound(core), latin_key(core)
