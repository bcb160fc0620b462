"""Encodings are detected from evidence, and the evidence is recorded."""

from __future__ import annotations

from pathlib import Path

import pytest

from mafqud.errors import InvalidInput, UnreadableDocument
from mafqud.ingest.encoding import detect_encoding

TEXT = (
    "الاسم,اسم الأب,الكنية,اسم الأم,مكان الولادة\n"
    "محمد,أحمد,الحلبي,فاطمة,حلب\n"
    "خالد,عمر,الشامي,خديجة,دمشق\n"
    "عبد الرحمن,إبراهيم,المصري,مريم,حمص\n"
    "زينب,مصطفى,الخطيب,سعاد,درعا\n"
) * 5


def write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "register.csv"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("encoding", "codec", "evidence"),
    [
        ("utf-8", "utf-8", "valid UTF-8"),
        ("utf-8-sig", "utf-8-sig", "byte-order mark"),
        ("utf-16", "utf-16", "byte-order mark"),
        ("cp1256", "cp1256", "charset-normalizer"),
        ("iso8859_6", "iso8859-6", "charset-normalizer"),
        ("utf-16-le", "utf-16-le", "charset-normalizer"),
    ],
)
def test_detects_what_arabic_files_come_in(
    tmp_path: Path, encoding: str, codec: str, evidence: str
) -> None:
    path = write(tmp_path, TEXT.encode(encoding))
    detected = detect_encoding(path)
    assert detected.codec == codec
    assert detected.evidence.startswith(evidence)
    assert path.read_bytes().decode(detected.codec).lstrip("\ufeff") == TEXT


def test_declared_encoding_is_checked(tmp_path: Path) -> None:
    path = write(tmp_path, TEXT.encode("cp1256"))
    assert detect_encoding(path, "cp1256").evidence == "declared by the user"
    with pytest.raises(UnreadableDocument, match="not valid utf-8"):
        detect_encoding(path, "utf-8")
    with pytest.raises(InvalidInput, match="unknown encoding"):
        detect_encoding(path, "klingon")


def test_binary_noise_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, bytes(range(256)) * 50 + b"\x00\xff\xfe" * 100)
    with pytest.raises(UnreadableDocument):
        detect_encoding(path)


def test_utf16_arabic_without_mark_is_not_taken_for_utf8(tmp_path: Path) -> None:
    """Every byte of UTF-16LE Arabic is below 0x80, so it is valid UTF-8 byte by byte."""
    text = "محمد،أحمد،الحلبي\n" * 40
    path = write(tmp_path, text.encode("utf-16-le"))
    path.read_bytes().decode("utf-8")  # the trap: this succeeds
    detected = detect_encoding(path)
    assert detected.codec == "utf-16-le"
    assert path.read_bytes().decode(detected.codec) == text
