"""Digits and invisible characters as Syrian documents write them.

Registers mix Western (0-9), Eastern Arabic (٠-٩) and Persian (۰-۹) digits,
sometimes in one cell, and spreadsheets exported from old systems carry
direction marks and zero-width characters that make equal strings look
different. Canonical fields get ASCII digits and none of those marks; the
original row keeps what the document said.
"""

from __future__ import annotations

import unicodedata

from mafqud.names.arabic import EASTERN_DIGITS

_DIGITS: dict[int, str | int | None] = {
    **EASTERN_DIGITS,
    0x066B: ".",  # Arabic decimal separator ٫
    0x066C: ",",  # Arabic thousands separator ٬
}

_INVISIBLE: dict[int, str | int | None] = {
    0x200B: None,  # zero width space
    0x200E: None,  # left-to-right mark
    0x200F: None,  # right-to-left mark
    0x202A: None,  # left-to-right embedding
    0x202B: None,  # right-to-left embedding
    0x202C: None,  # pop directional formatting
    0x202D: None,  # left-to-right override
    0x202E: None,  # right-to-left override
    0x2066: None,  # left-to-right isolate
    0x2067: None,  # right-to-left isolate
    0x2068: None,  # first strong isolate
    0x2069: None,  # pop directional isolate
    0xFEFF: None,  # byte order mark / zero width no-break space
    0x00A0: " ",  # no-break space
    **{code: " " for code in range(0x20) if chr(code) not in "\t\n\r"},  # NUL and other C0
    0x7F: " ",  # DEL
}

_TABLE = str.maketrans({**_DIGITS, **_INVISIBLE})


def ascii_digits(text: str) -> str:
    """Replace Eastern Arabic and Persian digits (and their separators) by ASCII ones."""
    return text.translate(_DIGITS)


def clean_text(text: str) -> str:
    """NFC, ASCII digits, no direction marks, zero-width or control characters, single spaces.

    Control characters (NUL among them, which PostgreSQL cannot store in text)
    become spaces; the original cells keep them.

    Zero-width non-joiner (U+200C) is kept: in Persian and Kurdish names it is
    part of the spelling.
    """
    if not text.isascii() or not text.isprintable():
        text = unicodedata.normalize("NFC", text.translate(_TABLE))
    return " ".join(text.split())
