from __future__ import annotations

import csv
from pathlib import Path

import openpyxl

from mafqud.synth import SYNTHETIC_NOTICE, RegisterSpec, generate_people, write_register


def test_same_seed_same_people() -> None:
    assert list(generate_people(50, seed=1)) == list(generate_people(50, seed=1))
    assert list(generate_people(50, seed=1)) != list(generate_people(50, seed=2))


def test_common_names_collide_as_in_real_registers() -> None:
    people = list(generate_people(5000, seed=3))
    given = [p.given_name for p in people if p.sex == "M"]
    assert given.count("محمد") / len(given) > 0.1
    assert len({(p.given_name, p.father_name, p.family_name) for p in people}) < len(people)


def test_every_file_says_it_is_synthetic(tmp_path: Path) -> None:
    csv_info = write_register(tmp_path / "r.csv", RegisterSpec(rows=10, encoding="cp1256"))
    xlsx_info = write_register(tmp_path / "r.xlsx", RegisterSpec(rows=10, sheets=2))
    with csv_info.path.open(encoding="cp1256", newline="") as handle:
        assert next(csv.reader(handle)) == [SYNTHETIC_NOTICE]
    book = openpyxl.load_workbook(xlsx_info.path, read_only=True)
    assert book.properties.title == SYNTHETIC_NOTICE
    for sheet in book.worksheets:
        assert next(sheet.iter_rows(values_only=True))[0] == SYNTHETIC_NOTICE


def test_malformed_rows_are_counted(tmp_path: Path) -> None:
    info = write_register(tmp_path / "r.csv", RegisterSpec(rows=1000, seed=4, malformed=0.1))
    assert 60 < info.malformed < 140
    assert info.expected_records == 1000 - info.malformed
