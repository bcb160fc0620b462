"""Content-addressed storage of received files.

Each file is stored once, under its SHA-256, in ``objects/ab/cd/<sha256>``,
and made read-only. The store never modifies an object, and deletes one only
when a redaction replaces it (:mod:`mafqud.evidence.redaction`); the same
bytes received twice are stored once. Writing goes through a temporary file
in the same folder and an atomic rename, so a crash never leaves a partial
object under a real name.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mafqud.errors import NotFound

CHUNK = 1 << 20


@dataclass(frozen=True)
class StoredObject:
    """A file in the store: its hash, size, path and whether this call added it."""

    sha256: str
    size: int
    path: Path
    added: bool


class EvidenceStore:
    """The folder that holds every received file, addressed by SHA-256."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.objects = root / "objects"

    def path_for(self, sha256: str) -> Path:
        return self.objects / sha256[:2] / sha256[2:4] / sha256

    def put(self, source: Path) -> StoredObject:
        """Copy ``source`` into the store while hashing it; idempotent by content."""
        if not source.is_file():
            raise NotFound(f"{source} is not a file")
        self.objects.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        descriptor, temporary = tempfile.mkstemp(dir=self.objects, prefix=".incoming-")
        try:
            with source.open("rb") as reader, os.fdopen(descriptor, "wb") as writer:
                while chunk := reader.read(CHUNK):
                    digest.update(chunk)
                    writer.write(chunk)
                    size += len(chunk)
                writer.flush()
                os.fsync(writer.fileno())
            sha256 = digest.hexdigest()
            target = self.path_for(sha256)
            if target.exists():
                return StoredObject(sha256, size, target, added=False)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.chmod(temporary, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
            os.replace(temporary, target)
            return StoredObject(sha256, size, target, added=True)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)

    def put_bytes(self, data: bytes) -> StoredObject:
        """Store bytes made here (a page image, a reading), as :meth:`put` stores a file."""
        self.objects.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=self.objects, prefix=".made-")
        try:
            with os.fdopen(descriptor, "wb") as writer:
                writer.write(data)
            return self.put(Path(temporary))
        finally:
            os.unlink(temporary)

    def open(self, sha256: str) -> Path:
        """The stored file's path, for reading; NotFound if it is missing."""
        path = self.path_for(sha256)
        if not path.is_file():
            raise NotFound(f"evidence object {sha256} is missing from {self.objects}")
        return path

    def remove(self, sha256: str) -> None:
        """Delete an object a redaction replaced (read-only files are unlinked all the same)."""
        self.path_for(sha256).unlink(missing_ok=True)

    def rehash(self, sha256: str) -> str | None:
        """The SHA-256 of what is stored under ``sha256`` now, or None if it is gone."""
        path = self.path_for(sha256)
        if not path.is_file():
            return None
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()

    def is_read_only(self, sha256: str) -> bool:
        mode = self.path_for(sha256).stat().st_mode
        return not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)

    def stored(self) -> Iterator[str]:
        """Every object name in the store, to find files no accession accounts for."""
        if not self.objects.is_dir():
            return
        for path in self.objects.glob("??/??/*"):
            if path.is_file():
                yield path.name
