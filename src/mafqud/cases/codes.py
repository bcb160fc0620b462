"""Case codes and access codes: what a family writes down, and how we check it.

A case code names a case; the access code proves the holder filed it. Both
are random (never sequential, so one family's code says nothing about
another's) in Crockford's base 32: no I, L, O or U, so a code read aloud or
copied by hand survives, and the letters people confuse are read as the
digits they look like. Only the access code's Argon2id hash is stored.
"""

from __future__ import annotations

import secrets

from mafqud.ingest import ascii_digits

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CASE_CODE_LENGTH = 12
"""60 random bits: guessing one case among a million takes ~10^12 tries."""
ACCESS_CODE_LENGTH = 10
_CONFUSED = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def new_code(length: int) -> str:
    """A random code in groups of four (``K7QX-3M9P-2D4A``), easy to read over the phone."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(length))
    return "-".join(raw[i : i + 4] for i in range(0, length, 4))


def normalise_code(text: str) -> str:
    """A code as typed (any case, spaces or dashes, Eastern Arabic digits) in its stored form.

    Returns "" for text that cannot be a code, so callers treat it as a wrong code
    without saying why.
    """
    compact = ascii_digits(text).upper().translate(_CONFUSED)
    compact = "".join(ch for ch in compact if ch not in " -_.\u200f\u200e")
    if not compact or len(compact) > 32 or any(ch not in ALPHABET for ch in compact):
        return ""
    return "-".join(compact[i : i + 4] for i in range(0, len(compact), 4))
