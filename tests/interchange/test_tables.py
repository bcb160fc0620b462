"""CSV and JSON exports for analysts: the same disclosure rule as PFIF and the pages."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mafqud.access import get_user, principal_for_user
from mafqud.cli import app
from mafqud.errors import InvalidInput
from mafqud.interchange.tables import PROVENANCE, export_table
from mafqud.registry import transaction
from mafqud.registry.fields import LISTED_FIELDS
from tests.web.world import World, can_read


def _table(world: World, username: str | None, fmt: str) -> bytes:
    out = io.BytesIO()
    with transaction(world.engine) as session:
        reader = principal_for_user(session, get_user(session, username)) if username else None
        export_table(session, reader, out, fmt)
    return out.getvalue()


def _ids(world: World, username: str | None) -> set[str]:
    return {r for s in world.sources for r in s.ids if can_read(world, username, r)}


@pytest.mark.parametrize("username", [None, "home-reviewer", "partner-reviewer"])
def test_csv_holds_what_the_reader_may_read(world: World, username: str | None) -> None:
    data = _table(world, username, "csv")
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 Arabic only with the mark
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert {row["record_id"] for row in rows} == _ids(world, username)
    if username is None:
        assert set(rows[0]) == {*PROVENANCE, *LISTED_FIELDS}


def test_json_and_json_lines_agree(world: World) -> None:
    array = json.loads(_table(world, "home-reviewer", "json"))
    lines = [json.loads(line) for line in _table(world, "home-reviewer", "jsonl").splitlines()]
    assert array == lines
    assert {row["record_id"] for row in array} == _ids(world, "home-reviewer")
    assert all(row["row_number"] >= 1 and row["accession_id"] for row in array)


def test_unknown_format(world: World) -> None:
    with transaction(world.engine) as session, pytest.raises(InvalidInput):
        export_table(session, None, io.BytesIO(), "xml")


def test_cli_export_writes_the_file_whole(world: World, tmp_path: Path) -> None:
    out = tmp_path / "records.jsonl"
    url = world.settings.database_url
    result = CliRunner().invoke(
        app, ["--database-url", url, "export", str(out), "--user", "outsider-reviewer", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["records"] == len(_ids(world, "outsider-reviewer"))
    assert not (tmp_path / "records.jsonl.partial").exists()
    refused = CliRunner().invoke(app, ["--database-url", url, "export", str(tmp_path / "x.xml")])
    assert refused.exit_code == 2
