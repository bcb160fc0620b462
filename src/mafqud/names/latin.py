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

_MARKS = str.maketrans(
    {"ʿ": None, "ʾ": None, "'": None, "’": None, "‘": None, "`": None, "´": None}
)
_SEPARATORS = re.compile(r"[^\w]+|_", re.UNICODE)


def strip_accents(text: str) -> str:
    """ḥ ā é ç → h a e c (compatibility decomposition, then no combining marks)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise_latin(text: str) -> str:
    """Lower case, no accents, no ayn/hamza apostrophes, words split at any other punctuation."""
    text = strip_accents(text.translate(_MARKS)).casefold()
    return " ".join(_SEPARATORS.sub(" ", text).split())
