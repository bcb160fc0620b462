"""The command line end to end: the wiring, exit codes, JSON output, and its documentation."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from mafqud.cli import app

DOCS = Path(__file__).resolve().parents[1] / "docs"


class Cli:
    """Runs `mafqud` in-process against one data folder and database."""

    def __init__(self, data_dir: Path, database_url: str) -> None:
        self.runner = CliRunner()
        self.env = {
            "MAFQUD_DATA_DIR": str(data_dir),
            "MAFQUD_DATABASE_URL": database_url,
            "MAFQUD_AGENT": "pytest (synthetic data)",
        }

    def __call__(self, *args: str, code: int = 0, stdin: str | None = None) -> str:
        result = self.runner.invoke(app, list(args), env=self.env, input=stdin)
        assert result.exit_code == code, (args, result.output, result.exception)
        return result.output

    def json(self, *args: str, code: int = 0, stdin: str | None = None) -> Any:
        return json.loads(self(*args, "--json", code=code, stdin=stdin))


@pytest.fixture
def cli(tmp_path: Path, database_url: str) -> Cli:
    return Cli(tmp_path / "data", database_url)


def setup(cli: Cli) -> None:
    cli("init")
    cli("org", "add", "cli.mafqud.example", "--name", "CLI test (synthetic)")
    cli("source", "add", "Register", "--org", "cli.mafqud.example", "--disclosure", "partners")


def test_commands_refuse_an_uninitialised_registry(cli: Cli) -> None:
    output = cli("stats", code=3)
    assert "mafqud init" in output


def test_init_twice_is_harmless(cli: Cli) -> None:
    first = cli.json("init")
    second = cli.json("init")
    assert first["revision_before"] is None
    assert second["revision_before"] == second["revision"] == first["revision"]


def test_from_spreadsheet_to_stats_and_verify(cli: Cli, tmp_path: Path) -> None:
    setup(cli)
    sample = tmp_path / "register.xlsx"
    made = cli.json(
        "synth", "register", str(sample), "--rows", "300", "--malformed", "0.05", "--sheets", "2"
    )
    report = cli.json(
        "ingest", str(sample), "--source", "Register", "--from", "Synthetic NGO", "--via", "usb"
    )
    assert report["records_created"] == made["expected_records"]
    assert report["rows_quarantined"] == made["malformed"]
    assert report["feed_entries"] == made["expected_records"]  # published for the PFIF feeds
    again = cli.json("ingest", str(sample), "--source", "Register")
    assert again["already_imported"] is True
    assert again["feed_entries"] == 0
    stats = cli.json("stats")
    assert stats["records"] == made["expected_records"]
    assert stats["sources"][0]["disclosure"] == "partners"
    assert stats["quarantine_reasons"] == {"no-name": made["malformed"]}
    held = cli.json("quarantine", "--source", "Register", "--limit", "3")
    assert len(held) == min(3, made["malformed"]) and all(
        row["reason_code"] == "no-name" for row in held
    )
    listed = cli.json("evidence", "list")
    assert [a["received_via"] for a in listed] == ["usb"]
    shown = cli.json("evidence", "show", listed[0]["id"])
    assert [event["action"] for event in shown["custody"]] == ["accessioned", "ingested"]
    verified = cli.json("verify")
    assert verified["ok"] and verified["rows"] == 300
    assert "all verified" in cli("verify")


def test_verify_fails_with_exit_7_and_names_the_file(cli: Cli, tmp_path: Path) -> None:
    setup(cli)
    document = tmp_path / "list.csv"
    document.write_text("الاسم,الكنية\nمحمد,الحلبي\n", encoding="utf-8")
    accession = cli.json(
        "evidence", "add", str(document), "--from", "Synthetic NGO", "--restriction", "public"
    )
    stored = next((tmp_path / "data" / "evidence" / "objects").glob(f"*/*/{accession['sha256']}"))
    os.chmod(stored, 0o644)
    stored.write_bytes(b"forged")
    report = cli.json("verify", code=7)
    assert not report["ok"]
    assert any(p["subject"].startswith(accession["id"]) for p in report["problems"])
    assert "list.csv" in cli("verify", code=7)


def test_errors_are_one_line_with_their_exit_code(cli: Cli, tmp_path: Path) -> None:
    setup(cli)
    document = tmp_path / "list.csv"
    document.write_text("التاريخ\n2013\n", encoding="utf-8")
    assert "no source 'Nope'" in cli("ingest", str(document), "--source", "Nope", code=4)
    assert "no header row with a name column" in cli(
        "ingest", str(document), "--source", "Register", code=6
    )
    assert "exists already" in cli("org", "add", "cli.mafqud.example", "--name", "Other", code=5)
    mapping = tmp_path / "mapping.toml"
    mapping.write_text('[columns]\n"التاريخ" = "shoe_size"\n', encoding="utf-8")
    assert "shoe_size" in cli(
        "ingest", str(document), "--source", "Register", "--mapping", str(mapping), code=2
    )


def test_mapping_file_and_options_reach_the_import(cli: Cli, tmp_path: Path) -> None:
    setup(cli)
    document = tmp_path / "list.csv"
    document.write_text(
        "قائمة (بيانات اصطناعية)\nرقم القيد,اسم السجين,تاريخ\nA-1,محمد الحلبي,3/12/2013\n",
        encoding="cp1256",
    )
    mapping = tmp_path / "mapping.toml"
    mapping.write_text(
        'id_column = "رقم القيد"\n[columns]\n"اسم السجين" = "full_name"\n"تاريخ" = "event_date"\n',
        encoding="utf-8",
    )
    report = cli.json(
        "ingest",
        str(document),
        "--source",
        "Register",
        "--mapping",
        str(mapping),
        "--date-order",
        "mdy",
    )
    assert report["encoding"] == "cp1256"
    assert report["sheets"][0]["header_row"] == 2
    assert report["records_created"] == 1


def every_command() -> list[str]:
    """Every leaf command as typed, e.g. "mafqud evidence add"."""
    found: list[str] = []

    def walk(command: Any, prefix: str) -> None:
        subcommands = getattr(command, "commands", None)
        if not subcommands:
            found.append(prefix)
            return
        for name, sub in subcommands.items():
            walk(sub, f"{prefix} {name}")

    walk(get_command(app), "mafqud")
    return found


def test_every_command_is_documented() -> None:
    documented = (DOCS / "cli.md").read_text(encoding="utf-8")
    commands = every_command()
    assert len(commands) >= 12
    missing = [command for command in commands if f"`{command}" not in documented]
    assert missing == []


def test_every_setting_is_documented() -> None:
    documented = (DOCS / "configuration.md").read_text(encoding="utf-8")
    source = (Path(__file__).resolve().parents[1] / "src" / "mafqud").rglob("*.py")
    settings = {
        name for path in source for name in re.findall(r'"(MAFQUD_[A-Z_]+)"', path.read_text())
    }
    assert {"MAFQUD_DATA_DIR", "MAFQUD_DATABASE_URL", "MAFQUD_AGENT"} <= settings
    assert [name for name in sorted(settings) if name not in documented] == []


def test_names_explain(tmp_path: Path) -> None:
    cli = Cli(tmp_path, f"sqlite:///{tmp_path / 'unused.sqlite'}")
    shown = cli.json("names", "explain", "محمد عبد الرحمن الحلبي")
    assert [unit["text"] for unit in shown["units"]] == ["محمد", "عبدالرحمن", "الحلبي"]
    assert shown["parts"]["family"] == "الحلبي"
    assert "MHMD" in cli("names", "explain", "Mohammad")


def test_name_frequencies_from_imported_records(cli: Cli, tmp_path: Path) -> None:
    setup(cli)
    sample = tmp_path / "register.csv"
    made = cli.json("synth", "register", str(sample), "--rows", "200")
    cli.json("ingest", str(sample), "--source", "Register")
    summary = cli.json("names", "frequencies", "compute")
    assert summary["records"] == made["expected_records"]
    assert summary["units"]["given_name"] >= made["expected_records"]
    shown = cli.json("names", "frequencies", "show", "--field", "given_name", "--top", "5")
    counts = [row["count"] for row in shown["commonest"]]
    assert len(counts) == 5 and counts == sorted(counts, reverse=True)
    commonest = shown["commonest"][0]["unit"]
    looked_up = cli.json("names", "frequencies", "show", "--field", "given_name", "--name",
                         f"{commonest} Zzyzx")  # fmt: skip
    common, unseen = looked_up["units"]
    assert common["count"] == counts[0] and unseen["count"] == 0.5
    assert unseen["bits"] > common["bits"]
    assert "units counted" in cli("names", "frequencies", "show")
    cli("names", "frequencies", "show", "--field", "birth_date", code=2)


def test_link_csv_writes_one_cluster_per_record(tmp_path: Path) -> None:
    from mafqud.synth.linkage import LinkageSpec, write_linkage_csv

    cli = Cli(tmp_path, f"sqlite:///{tmp_path / 'unused.sqlite'}")
    info = write_linkage_csv(tmp_path / "records.csv", LinkageSpec(records=400, seed=4))
    out, model = tmp_path / "clusters.csv", tmp_path / "model.json"
    report = cli.json("link-csv", str(info.path), "--out", str(out), "--save-model", str(model))
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "record_id,cluster_id" and len(lines) == info.records + 1
    assert report["records"] == info.records and report["clusters"] < info.records
    again = cli.json("link-csv", str(info.path), "--out", str(out), "--model", str(model))
    assert again["trained"] is False
    bad = tmp_path / "bad.csv"
    bad.write_bytes("record_id,given_name\n1,محمد\n".encode("cp1256"))
    cli("link-csv", str(bad), "--out", str(out), code=6)  # UnreadableDocument


def test_link_the_registry(cli: Cli, tmp_path: Path) -> None:
    from mafqud.synth.linkage import LinkageSpec, write_linkage_csv

    setup(cli)
    info = write_linkage_csv(tmp_path / "records.csv", LinkageSpec(records=300, seed=4))
    cli.json("ingest", str(info.path), "--source", "Register")
    first = cli.json("link")
    assert first["trained"] and first["records"] == 300
    assert first["events"] == {"created": first["persons"]}
    second = cli.json("link")
    assert not second["trained"] and second["events"] == {}
    assert "persons: no change" in cli("link")


def test_match_new_records_against_the_linked_registry(cli: Cli, tmp_path: Path) -> None:
    import csv

    from mafqud.synth.linkage import LinkageSpec, generate_linkage_records

    setup(cli)
    records = list(generate_linkage_records(LinkageSpec(records=420, seed=4)))
    old, new = tmp_path / "old.csv", tmp_path / "new.csv"
    for path, rows in ((old, records[:400]), (new, records[400:])):
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    cli("match", str(new), code=3)  # nothing linked yet
    cli.json("ingest", str(old), "--source", "Register")
    cli.json("link")
    results = cli.json("match", str(new))
    assert [r["record_id"] for r in results] == [r["record_id"] for r in records[400:]]
    assert {r["decision"] for r in results} <= {"attach", "propose", "new"}
    attached = [r for r in results if r["decision"] == "attach"]
    assert attached and all(r["person_id"].startswith("P") for r in attached)
    assert "decision" in cli("match", str(new))


def test_synth_lists(tmp_path: Path) -> None:
    cli = Cli(tmp_path, f"sqlite:///{tmp_path / 'unused.sqlite'}")
    out = tmp_path / "lists.csv"
    made = cli.json("synth", "lists", str(out), "--records", "120", "--seed", "3", "--no-truth")
    header = out.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert made["records"] == 120 and 0 < made["people"] <= 120
    assert header[0] == "record_id" and "person_id" not in header
    assert "invented people" in cli("synth", "lists", str(out), "--records", "10")


def test_staff_accounts_tokens_and_the_audit_log(cli: Cli) -> None:
    setup(cli)
    cli("org", "add", "partner.mafqud.example", "--name", "Partner (synthetic)")
    added = cli.json("user", "add", "first-admin", "--org", "cli.mafqud.example", "--role",
                     "admin", "--password-stdin", stdin="synthetic-password\n")  # fmt: skip
    assert added == {
        "username": "first-admin",
        "role": "admin",
        "organisation": "cli.mafqud.example",
    }
    assert "at least 10" in cli("user", "add", "weak", "--org", "cli.mafqud.example", "--role",
                                "viewer", "--password-stdin", stdin="short\n", code=2)  # fmt: skip
    token = cli.json("token", "add", "first-admin", "--name", "export", "--scope", "records:read")
    assert token["secret"].startswith("mfq_") and token["scopes"] == ["records:read"]
    assert cli.json("org", "share", "cli.mafqud.example", "--with", "partner.mafqud.example")[
        "created"
    ]
    cli("token", "revoke", str(token["id"]))
    entries = cli.json("audit", "show")
    assert [e["action"] for e in entries] == [
        "revoke-token", "add-partnership", "add-token", "add-user"
    ]  # fmt: skip
    assert all("pytest (synthetic data)" in e["actor"] for e in entries)
    assert token["secret"] not in json.dumps(entries)
    assert cli.json("audit", "verify")["breaks"] == []


def test_cases_progress_and_updates(cli: Cli, tmp_path: Path) -> None:
    setup(cli)
    register = tmp_path / "register.csv"
    cli("synth", "register", str(register), "--rows", "20")
    cli("ingest", str(register), "--source", "Register")
    figures = cli.json("cases", "progress")
    assert (figures["documents"], figures["records"], figures["open_cases"]) == (1, 20, 0)
    assert cli.json("cases", "updates") == {"queued": 0, "advanced": 0, "sent": 0,
                                             "retrying": 0, "failed": 0, "errors": []}  # fmt: skip
    assert cli.json("cases", "updates", "--no-send") == {"queued": 0, "advanced": 0, "errors": []}
