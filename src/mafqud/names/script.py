"""Which script a name is written in."""

from __future__ import annotations

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


def detect_script(text: str) -> Script:
    """Arabic if every letter is Arabic, Latin if every letter is Latin, else mixed."""
    arabic = latin = 0
    for ch in text:
        if is_arabic_letter(ch):
            arabic += 1
        elif (
            (ch.isalpha() and ch.isascii())
            or "\u00c0" <= ch <= "\u024f"
            or "\u1e00" <= ch <= "\u1eff"
        ):
            latin += 1
    if arabic and latin:
        return Script.MIXED
    if arabic:
        return Script.ARABIC
    if latin:
        return Script.LATIN
    return Script.NONE
