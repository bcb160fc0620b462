"""The evidence store keeps bytes unaltered, once, read-only."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from mafqud.errors import NotFound
from mafqud.evidence import EvidenceStore


def test_files_are_stored_once_under_their_sha256_and_read_only(tmp_path: Path) -> None:
    store = EvidenceStore(tmp_path / "evidence")
    original = tmp_path / "list.csv"
    original.write_bytes("الاسم\nمحمد\n".encode())
    first = store.put(original)
    second = store.put(original)
    assert first.sha256 == hashlib.sha256(original.read_bytes()).hexdigest()
    assert first.added and not second.added
    assert first.path == second.path
    assert first.path.read_bytes() == original.read_bytes()
    assert store.is_read_only(first.sha256)
    assert list(store.stored()) == [first.sha256]
    assert not any(p.name.startswith(".incoming-") for p in store.objects.iterdir())


def test_rehash_tells_altered_and_missing_objects(tmp_path: Path) -> None:
    store = EvidenceStore(tmp_path / "evidence")
    original = tmp_path / "list.csv"
    original.write_bytes(b"some bytes")
    stored = store.put(original)
    assert store.rehash(stored.sha256) == stored.sha256
    os.chmod(stored.path, 0o644)
    stored.path.write_bytes(b"other bytes")
    assert store.rehash(stored.sha256) == hashlib.sha256(b"other bytes").hexdigest()
    stored.path.unlink()
    assert store.rehash(stored.sha256) is None
    with pytest.raises(NotFound):
        store.open(stored.sha256)


def test_a_missing_file_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(NotFound):
        EvidenceStore(tmp_path).put(tmp_path / "nope.csv")
