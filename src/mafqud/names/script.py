"""Which script a name is written in."""

from __future__ import annotations

import re
from enum import StrEnum


class Script(StrEnum):
    ARABIC = "arabic"
    LATIN = "latin"
    MIXED = "mixed"
    NONE = "none"
    """No letters at all (empty, digits, symbols)."""


def is_arabic_letter(ch: str) -> bool:
    code = ord(ch)
    return (
        0x0620 <= code <= 0x064A
        or 0x066E <= code <= 0x06D3
        or 0x06FA <= code <= 0x06FF
        or 0xFB50 <= code <= 0xFDFF
        or 0xFE70 <= code <= 0xFEFC
    )


_ARABIC = re.compile("[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\ufb50-\ufdff\ufe70-\ufefc]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")


def detect_script(text: str) -> Script:
    """Arabic if every letter is Arabic, Latin if every letter is Latin, else mixed."""
    arabic = _ARABIC.search(text) is not None
    latin = _LATIN.search(text) is not None
    if arabic and latin:
        return Script.MIXED
    if arabic:
        return Script.ARABIC
    if latin:
        return Script.LATIN
    return Script.NONE
