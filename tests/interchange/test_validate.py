"""PFIF from outside is parsed as hostile: no entity expansion, no external reads, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from mafqud.cli import app
from mafqud.errors import InvalidInput
from mafqud.interchange import validate

NS14 = "http://zesty.ca/pfif/1.4"
PERSON = """<pfif:person>
  <pfif:person_record_id>partner.example/list.1</pfif:person_record_id>
  <pfif:source_date>{date}</pfif:source_date>
  <pfif:full_name>سامر الحلبي</pfif:full_name>
  <pfif:sex>{sex}</pfif:sex>
</pfif:person>"""


def _document(tmp_path: Path, body: str, namespace: str = NS14, prologue: str = "") -> Path:
    path = tmp_path / "in.xml"
    head = f'<?xml version="1.0" encoding="utf-8"?>\n{prologue}'
    text = f'{head}<pfif:pfif xmlns:pfif="{namespace}">\n{body}\n</pfif:pfif>\n'
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_document(tmp_path: Path) -> None:
    path = _document(tmp_path, PERSON.format(date="2026-01-02T03:04:05Z", sex="male"))
    version, problems = validate(path)
    assert version.number == "1.4" and problems == []


def test_each_invalid_element_is_reported_with_its_line(tmp_path: Path) -> None:
    body = PERSON.format(date="2026-13-45T03:04:05Z", sex="unknown")
    _version, problems = validate(_document(tmp_path, body))
    lines = {p.line for p in problems}
    assert lines == {5, 7}  # the source_date and the sex, on their own lines
    assert any("source_date" in p.message for p in problems)


def test_billion_laughs_is_refused_without_expanding(tmp_path: Path) -> None:
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)
    )
    prologue = f"<!DOCTYPE pfif:pfif [{entities}]>\n"
    body = PERSON.format(date="2026-01-02T03:04:05Z", sex="male").replace("سامر", "&i;")
    with pytest.raises(InvalidInput, match=r"[Ee]ntit"):  # refused by us or by libxml2 itself
        validate(_document(tmp_path, body, prologue=prologue))


def test_external_entities_are_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("do-not-leak", encoding="utf-8")
    prologue = f'<!DOCTYPE pfif:pfif [<!ENTITY x SYSTEM "file://{secret}">]>\n'
    body = PERSON.format(date="2026-01-02T03:04:05Z", sex="male").replace("سامر", "&x;")
    with pytest.raises(InvalidInput) as error:
        validate(_document(tmp_path, body, prologue=prologue))
    assert "do-not-leak" not in str(error.value)


def test_wrong_namespace_and_broken_xml(tmp_path: Path) -> None:
    body = PERSON.format(date="2026-01-02T03:04:05Z", sex="male")
    with pytest.raises(InvalidInput, match="not PFIF"):
        validate(_document(tmp_path, body, namespace="http://zesty.ca/pfif/9.9"))
    broken = tmp_path / "broken.xml"
    broken.write_text("<pfif:pfif xmlns:pfif='http://zesty.ca/pfif/1.4'><pfif:person>", "utf-8")
    with pytest.raises(InvalidInput, match="not well-formed XML"):
        validate(broken)


def test_cli_validate_exit_codes(tmp_path: Path) -> None:
    good = _document(tmp_path, PERSON.format(date="2026-01-02T03:04:05Z", sex="female"))
    assert CliRunner().invoke(app, ["pfif", "validate", str(good)]).exit_code == 0
    bad = _document(tmp_path, PERSON.format(date="yesterday", sex="female"))
    result = CliRunner().invoke(app, ["pfif", "validate", str(bad), "--json"])
    assert result.exit_code == 2
    assert '"valid": false' in result.stdout
