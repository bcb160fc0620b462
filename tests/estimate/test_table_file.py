"""Capture tables from CSV files as they come: code pages, Eastern digits, Arabic, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from mafqud.errors import InvalidInput
from mafqud.estimate import read_table


def test_windows_1256_arabic_list_names(tmp_path: Path) -> None:
    path = tmp_path / "lists.csv"
    text = "سجل صيدنايا,قائمة المنظمة,العدد\r\n1,0,120\r\n0,1,80\r\n1,1,20\r\n"
    path.write_bytes(text.encode("cp1256"))
    table = read_table(path)["all"]
    assert table.lists == ("سجل صيدنايا", "قائمة المنظمة")
    assert table.observed == 220
    assert table.list_sizes == {"سجل صيدنايا": 140, "قائمة المنظمة": 100}


def test_eastern_arabic_digits(tmp_path: Path) -> None:
    path = tmp_path / "lists.csv"
    path.write_text("أ,ب,العدد\n١,٠,١٢٠\n٠,١,٨٠\n١,١,٢٠\n", encoding="utf-8")
    assert read_table(path)["all"].list_sizes == {"أ": 140, "ب": 100}


def test_byte_order_mark_thousands_separators_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "lists.csv"
    path.write_text('\ufeffA,B,count\n1,0,"1,200"\n\n0,1,800\n1,1,200\n', encoding="utf-8")
    assert read_table(path)["all"].observed == 2200


def test_strata_column(tmp_path: Path) -> None:
    path = tmp_path / "lists.csv"
    path.write_text("governorate,A,B,count\nحمص,1,0,5\nحمص,1,1,2\nحماة,0,1,4\n", encoding="utf-8")
    tables = read_table(path, by="governorate")
    assert {name: t.observed for name, t in tables.items()} == {"حمص": 7, "حماة": 4}
    assert tables["حماة"].lists == ("A", "B")
    with pytest.raises(InvalidInput, match="no column 'region'"):
        read_table(path, by="region")


def test_every_bad_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "lists.csv"
    path.write_text("A,B,count\n1,0,5\n2,0,3\n0,0,9\n1,1,many\n1,1\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as error:
        read_table(path)
    message = str(error.value)
    assert "line 3: A must be 0 or 1" in message
    assert "line 4: a row with every list 0" in message
    assert "line 5: count 'many'" in message
    assert "line 6: 2 cells" in message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", "empty"),
        ("A,B\n1,0\n", "count column"),
        ("A,A,count\n1,0,3\n", "distinct"),
        ("A,B,count\n", "no rows"),
    ],
)
def test_unusable_files(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "lists.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InvalidInput, match=expected):
        read_table(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="cannot read"):
        read_table(tmp_path / "nowhere.csv")
