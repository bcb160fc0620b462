"""Telling a text file's encoding from its bytes.

Arabic spreadsheets arrive as UTF-8 (with or without a byte-order mark),
UTF-16 (Excel's "Unicode text") and Windows-1256 or ISO-8859-6 from older
systems. We decide from evidence, in this order, and record which evidence:

1. a byte-order mark is conclusive;
2. a sample that decodes as strict UTF-8 and has almost no control bytes is
   UTF-8 (single-byte Arabic text practically never forms valid UTF-8, and
   UTF-16 Arabic, which does, is full of control bytes);
3. otherwise charset-normalizer chooses among the encodings Arabic documents
   actually use, by which decoding reads as coherent text.

The whole file is later decoded strictly with the chosen codec, so a file
that is not consistently in one encoding fails loudly instead of importing
mojibake.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

from mafqud.errors import InvalidInput, UnreadableDocument

SAMPLE_BYTES = 1 << 20
_CONTROLS = bytes([*range(0x00, 0x09), *range(0x0E, 0x20)])

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

CANDIDATES = (
    "cp1256",  # Windows-1256: Excel and Access on Arabic Windows
    "iso8859_6",  # ISO-8859-6: older Unix systems and e-mail
    "cp720",  # DOS Arabic
    "cp864",  # DOS Arabic, older
    "mac_arabic",
    "utf_16_le",  # UTF-16 without a byte-order mark
    "utf_16_be",
    "cp1252",  # Latin-script lists (transliterated names)
    "latin_1",
)


@dataclass(frozen=True)
class DetectedEncoding:
    """The codec to read a file with and why we believe it."""

    codec: str
    evidence: str


def detect_encoding(
    path: Path, declared: str | None = None, name: str | None = None
) -> DetectedEncoding:
    """How to decode ``path``; an encoding ``declared`` by the user is checked, not trusted."""
    with path.open("rb") as handle:
        sample = handle.read(SAMPLE_BYTES)
    if declared:
        return _check_declared(sample, declared)
    for bom, codec in _BOMS:
        if sample.startswith(bom):
            return DetectedEncoding(codec, "byte-order mark")
    if _few_controls(sample) and _is_utf8(sample):
        return DetectedEncoding("utf-8", "valid UTF-8")
    best = charset_normalizer.from_bytes(sample, cp_isolation=list(CANDIDATES)).best()
    if best is None:
        raise UnreadableDocument(
            f"{name or path.name}: cannot tell its text encoding (not UTF-8, UTF-16 or an Arabic "
            "code page); if you know it, pass --encoding"
        )
    codec = codecs.lookup(best.encoding).name
    return DetectedEncoding(codec, f"charset-normalizer ({best.language or 'unknown language'})")


def _few_controls(sample: bytes) -> bool:
    """Whether control bytes are rare, as in text, and not half the bytes, as in UTF-16.

    UTF-16 Arabic without a byte-order mark is valid UTF-8 byte by byte (every
    letter is 0x06 and an ASCII byte), so validity alone would misread it; a UTF-8
    export may still carry a few stray NULs or bells from the system that wrote it.
    """
    controls = len(sample) - len(sample.translate(None, _CONTROLS))
    return controls <= max(4, len(sample) // 1000)


def _is_utf8(sample: bytes) -> bool:
    """Strict UTF-8, allowing the sample to end inside a multi-byte character."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
    try:
        decoder.decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _check_declared(sample: bytes, declared: str) -> DetectedEncoding:
    try:
        codec = codecs.lookup(declared).name
    except LookupError as error:
        raise InvalidInput(f"unknown encoding {declared!r}") from error
    try:
        codecs.getincrementaldecoder(codec)(errors="strict").decode(sample, final=False)
    except UnicodeDecodeError as error:
        raise UnreadableDocument(
            f"the file is not valid {codec} (byte {error.start} of the first megabyte)"
        ) from error
    return DetectedEncoding(codec, "declared by the user")
