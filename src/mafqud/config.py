"""Settings: where data lives and which database holds the registry.

Only two things are configurable today and both come from the environment or
the command line, never from a file inside the data directory: a setting that
lived next to the data could be changed by whoever can change the data.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DATA_DIR_ENV = "MAFQUD_DATA_DIR"
DATABASE_URL_ENV = "MAFQUD_DATABASE_URL"
DEFAULT_DATA_DIR = "mafqud-data"
REGISTRY_FILENAME = "registry.sqlite"


@dataclass(frozen=True)
class Settings:
    """Resolved settings for one process."""

    data_dir: Path
    database_url: str

    @property
    def evidence_dir(self) -> Path:
        """Content-addressed store of received files (see mafqud.evidence)."""
        return self.data_dir / "evidence"


def load_settings(data_dir: str | Path | None = None, database_url: str | None = None) -> Settings:
    """Resolve settings: explicit arguments win, then the environment, then defaults.

    The default database is a SQLite file inside the data directory, so that a
    single folder holds a complete, portable registry.
    """
    resolved_dir = Path(data_dir or os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR)
    resolved_dir = resolved_dir.expanduser().resolve()
    url = database_url or os.environ.get(DATABASE_URL_ENV)
    if not url:
        url = f"sqlite:///{resolved_dir / REGISTRY_FILENAME}"
    return Settings(data_dir=resolved_dir, database_url=normalise_database_url(url))


def normalise_database_url(url: str) -> str:
    """Accept the plain ``postgresql://`` form operators write and pick the psycopg 3 driver."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url
