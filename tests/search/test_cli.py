"""`mafqud search` and `mafqud search-index` end to end: the wiring, not the ranking."""

from __future__ import annotations

from pathlib import Path

from tests.test_cli import Cli, cli  # noqa: F401  (the fixture)

CSV = "record_id,given_name,father_name,family_name\nr1,سامر,نزار,الدمشقي\nr2,ليلى,وائل,القاسم\n"


def test_an_import_is_searchable_at_once_as_the_operator_and_as_staff(cli: Cli, tmp_path: Path):  # noqa: F811
    cli("init")
    cli("org", "add", "cli.mafqud.example", "--name", "CLI test (synthetic)")
    cli("source", "add", "Register", "--org", "cli.mafqud.example", "--disclosure", "restricted")
    cli("org", "add", "other.mafqud.example", "--name", "Another (synthetic)")
    cli("user", "add", "other-viewer", "--org", "other.mafqud.example", "--role", "viewer",
        "--password-stdin", stdin="synthetic-password-1\n")  # fmt: skip
    document = tmp_path / "register.csv"
    document.write_text(CSV, encoding="utf-8")
    imported = cli.json("ingest", str(document), "--source", "Register")
    assert imported["search_indexed"] == 2
    hits = cli.json("search", "Samer al-Dimashqi")
    assert hits[0]["record_id"].endswith(".r1")
    assert hits[0]["matched"] == {"given_name": "سامر", "family_name": "الدمشقي"}
    assert cli.json("search", "Samer al-Dimashqi", "--user", "other-viewer") == []
    assert "سامر" in cli("search", "الدمشقي سامر", "--top", "1")
    assert cli.json("search-index") == {"indexed": 0, "rebuilt": False}
    assert cli.json("search-index", "--rebuild") == {"indexed": 2, "rebuilt": True}
    assert "give at least one name" in cli("search", "؟!", code=2)
