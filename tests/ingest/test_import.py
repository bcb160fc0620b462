"""Importing registers end to end, on every database under test."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from mafqud.errors import InvalidInput, UnreadableDocument
from mafqud.evidence import Action, Receipt
from mafqud.ingest import IngestRequest, Mapping, ingest_file
from mafqud.registry import (
    CustodyEvent,
    Disclosure,
    IngestRun,
    QuarantinedRow,
    add_source,
    registry_stats,
    transaction,
)
from mafqud.synth import HeaderStyle, RegisterSpec, write_register
from tests.conftest import ORG_DOMAIN, Registry
from tests.ingest.helpers import count_quarantined, count_records, field_values, records

AGENT = "pytest (synthetic data)"


def ingest(registry: Registry, path: Path, source: str | None = None, **kwargs: object):  # type: ignore[no-untyped-def]
    request = IngestRequest(path=path, source=source or registry.source, agent=AGENT, **kwargs)  # type: ignore[arg-type]
    return ingest_file(registry.engine, registry.store, request)


def new_source(registry: Registry, name: str) -> str:
    with transaction(registry.engine) as session:
        add_source(session, name, ORG_DOMAIN, Disclosure.PARTNERS)
    return name


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_every_row_becomes_a_record_or_a_quarantined_row(
    registry: Registry, tmp_path: Path, suffix: str
) -> None:
    info = write_register(
        tmp_path / f"register{suffix}", RegisterSpec(rows=600, seed=3, malformed=0.05, sheets=2)
    )
    assert info.malformed > 0
    report = ingest(registry, info.path)
    assert report.records_created == info.expected_records
    assert report.rows_quarantined == info.malformed
    assert count_records(registry.engine) == info.expected_records
    assert count_quarantined(registry.engine) == info.malformed
    assert report.sheets[0].header_row == 2  # the synthetic notice sits above the header
    expected_reasons = {"no-name"} if suffix == ".xlsx" else {"no-name", "cell-count"}
    assert set(report.quarantine_reasons) == expected_reasons


def test_records_point_back_to_the_exact_csv_line(registry: Registry, tmp_path: Path) -> None:
    info = write_register(tmp_path / "register.csv", RegisterSpec(rows=300, seed=4))
    report = ingest(registry, info.path)
    with info.path.open(encoding="utf-8", newline="") as handle:
        lines = list(csv.reader(handle))
    assert report.sheets[0].headers == lines[1]
    for record in records(registry.engine)[::37]:
        assert record["original"] == lines[record["row_number"] - 1]
        assert record["sheet"] is None
        assert record["accession_id"] == report.accession_id


def test_records_point_back_to_the_exact_xlsx_cell_row(registry: Registry, tmp_path: Path) -> None:
    info = write_register(tmp_path / "register.xlsx", RegisterSpec(rows=300, seed=5, sheets=3))
    ingest(registry, info.path)
    book = openpyxl.load_workbook(info.path, read_only=True)
    rows = {name: list(book[name].iter_rows(values_only=True)) for name in book.sheetnames}
    given_at = 0  # the given name is the first column
    sample = records(registry.engine)[::29]
    assert {record["sheet"] for record in records(registry.engine)} == set(book.sheetnames)
    for record in sample:
        row = rows[record["sheet"]][record["row_number"] - 1]
        assert row[given_at] == record["given_name"]
        assert record["id"] == f"{ORG_DOMAIN}/synthetic-test-register.{record['local_id']}"


def test_reimporting_the_same_file_changes_nothing(registry: Registry, tmp_path: Path) -> None:
    info = write_register(
        tmp_path / "register.xlsx", RegisterSpec(rows=200, seed=6, malformed=0.05)
    )
    first = ingest(registry, info.path)
    with transaction(registry.engine) as session:
        events = session.scalars(select(CustodyEvent.hash)).all()
        before = registry_stats(session).as_dict()
    second = ingest(registry, info.path)
    copy = tmp_path / "renamed copy.xlsx"
    copy.write_bytes(info.path.read_bytes())
    third = ingest(registry, copy)
    assert not first.already_imported
    assert second.already_imported and third.already_imported
    assert second.run_id == third.run_id == first.run_id
    with transaction(registry.engine) as session:
        assert session.scalars(select(CustodyEvent.hash)).all() == events
        assert registry_stats(session).as_dict() == before


def test_the_same_file_from_another_provider_is_noted_in_custody(
    registry: Registry, tmp_path: Path
) -> None:
    info = write_register(tmp_path / "register.csv", RegisterSpec(rows=20, seed=7))
    ingest(registry, info.path)
    ingest(registry, info.path, receipt=Receipt(received_from_org="Another NGO (synthetic)"))
    with transaction(registry.engine) as session:
        actions = session.scalars(select(CustodyEvent.action).order_by(CustodyEvent.seq)).all()
    assert actions == [Action.ACCESSIONED, Action.INGESTED, Action.RECEIVED_AGAIN]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1256"])
def test_encodings_give_identical_records(
    registry: Registry, tmp_path: Path, encoding: str
) -> None:
    spec = RegisterSpec(rows=150, seed=8)
    plain = write_register(tmp_path / "utf8.csv", spec)
    other = write_register(
        tmp_path / f"{encoding}.csv", RegisterSpec(rows=150, seed=8, encoding=encoding)
    )
    ingest(registry, plain.path)
    report = ingest(registry, other.path, new_source(registry, f"Copy in {encoding}"))
    assert (
        report.encoding
        == {"utf-8-sig": "utf-8-sig", "utf-16": "utf-16", "cp1256": "cp1256"}[encoding]
    )
    first, second = records(registry.engine, source_id=1), records(registry.engine, source_id=2)
    assert len(first) == len(second) == 150
    assert field_values(first) == field_values(second)


def test_eastern_digits_become_the_same_values(registry: Registry, tmp_path: Path) -> None:
    western = write_register(tmp_path / "western.csv", RegisterSpec(rows=150, seed=9))
    eastern = write_register(
        tmp_path / "eastern.csv", RegisterSpec(rows=150, seed=9, eastern_digits=True)
    )
    assert "١" in eastern.path.read_text(encoding="utf-8")
    ingest(registry, western.path)
    ingest(registry, eastern.path, new_source(registry, "Eastern digits copy"))
    first, second = records(registry.engine, source_id=1), records(registry.engine, source_id=2)
    assert field_values(first) == field_values(second)
    assert any(r["birth_date"] and len(r["birth_date"]) == 10 for r in second)
    assert any("١" in str(r["original"]) for r in second)


def test_english_headers_map_like_arabic_ones(registry: Registry, tmp_path: Path) -> None:
    arabic = write_register(tmp_path / "ar.xlsx", RegisterSpec(rows=80, seed=10))
    english = write_register(
        tmp_path / "en.xlsx", RegisterSpec(rows=80, seed=10, headers=HeaderStyle.ENGLISH)
    )
    canonical = write_register(
        tmp_path / "canonical.csv", RegisterSpec(rows=80, seed=10, headers=HeaderStyle.CANONICAL)
    )
    ingest(registry, arabic.path)
    ingest(registry, english.path, new_source(registry, "English headers"))
    report = ingest(registry, canonical.path, new_source(registry, "Canonical headers"))
    assert report.sheets[0].columns["unmapped"] == []
    by_source = [field_values(records(registry.engine, source_id=i)) for i in (1, 2)]
    assert by_source[0] == by_source[1]
    assert len(records(registry.engine, source_id=3)) == 80


def test_dates_keep_precision_and_unparseable_values_are_flagged_not_dropped(
    registry: Registry, tmp_path: Path
) -> None:
    path = tmp_path / "dates.csv"
    path.write_text(
        "الاسم,الكنية,تاريخ الولادة,تاريخ الاعتقال,الجنس,الرقم الوطني\n"
        "محمد,الحلبي,1978,12/3/2013,ذكر,01234567890\n"
        "خالد,الشامي,٣/١٩٨٠,٠٠/٠٠/٢٠١٢,M,١٢٣\n"
        "فاطمة,المصري,بعد الحرب,12 آذار 2013,غير معروف,\n"
        "عمر,الخطيب,12-3-78,03/25/2014,؟,-\n",
        encoding="utf-8",
    )
    ingest(registry, path)
    rows = records(registry.engine)
    assert [r["birth_date"] for r in rows] == ["1978", "1980-03", None, "1978-03-12"]
    assert [r["event_date"] for r in rows] == ["2013-03-12", "2012", "2013-03-12", "2014-03-25"]
    assert [r["sex"] for r in rows] == ["M", "M", None, None]
    assert [r["national_id"] for r in rows] == ["01234567890", "123", None, None]
    unparsed = rows[2]["flags"]
    assert {
        "field": "birth_date",
        "problem": unparsed[0]["problem"],
        "value": "بعد الحرب",
    } in unparsed
    assert rows[2]["original"][2] == "بعد الحرب"
    assert any(f["field"] == "national_id" for f in rows[1]["flags"])
    assert any("two-digit year" in f["problem"] for f in rows[3]["flags"])
    assert any("swapped" in f["problem"] for f in rows[3]["flags"])
    assert all(f["field"] != "sex" for f in rows[3]["flags"])  # "؟" is a placeholder, not a sex


def test_a_file_without_a_name_column_fails_whole(registry: Registry, tmp_path: Path) -> None:
    path = tmp_path / "no-names.csv"
    path.write_text("التاريخ,الفرع\n2013,215\n2014,227\n", encoding="utf-8")
    with pytest.raises(UnreadableDocument, match="no sheet has a header row with a name column"):
        ingest(registry, path)
    assert count_records(registry.engine) == 0
    with transaction(registry.engine) as session:
        assert session.scalars(select(IngestRun)).all() == []
        actions = session.scalars(select(CustodyEvent.action).order_by(CustodyEvent.seq)).all()
    assert actions == [Action.ACCESSIONED, Action.INGEST_FAILED]


def test_damage_deep_in_a_file_leaves_nothing_half_written(
    registry: Registry, tmp_path: Path
) -> None:
    """Thousands of good rows, then bytes that are not UTF-8: the import rolls back entirely."""
    info = write_register(tmp_path / "register.csv", RegisterSpec(rows=12_000, seed=11))
    assert info.path.stat().st_size > 1 << 20  # damage lies past the encoding sample
    damaged = tmp_path / "damaged.csv"
    damaged.write_bytes(info.path.read_bytes() + "محمد,".encode("cp1256") + b"\n")
    with pytest.raises(UnreadableDocument, match="not valid utf-8"):
        ingest(registry, damaged)
    assert count_records(registry.engine) == 0
    assert count_quarantined(registry.engine) == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"PK\x03\x04 not really a zip", "document.bin is not a readable workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 broken old excel", "document.bin is not a readable"),
        (b"%PDF-1.7 scanned register", "PDF"),
    ],
)
def test_unsupported_or_broken_files_get_a_clear_error(
    registry: Registry, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "document.bin"
    path.write_bytes(content)
    with pytest.raises(UnreadableDocument, match=message):
        ingest(registry, path)
    assert count_records(registry.engine) == 0


def test_chosen_sheets_only(registry: Registry, tmp_path: Path) -> None:
    info = write_register(tmp_path / "register.xlsx", RegisterSpec(rows=90, seed=12, sheets=3))
    report = ingest(registry, info.path, mapping=Mapping(sheets=("قائمة 2",)))
    assert [s.name for s in report.sheets] == ["قائمة 2"]
    assert {r["sheet"] for r in records(registry.engine)} == {"قائمة 2"}
    with pytest.raises(InvalidInput, match="no sheet named"):
        ingest(
            registry, info.path, new_source(registry, "other"), mapping=Mapping(sheets=("nope",))
        )


def test_source_ids_update_lists_without_duplicates(registry: Registry, tmp_path: Path) -> None:
    """A newer export of a list with its own ids: unchanged rows are skipped, changed ones held."""
    first = write_register(tmp_path / "v1.csv", RegisterSpec(rows=50, seed=13, ids=True))
    ingest(registry, first.path)
    with first.path.open(encoding="utf-8", newline="") as handle:
        lines = list(csv.reader(handle))
    lines[5][1] = "اسم معدل"  # a corrected given name in the newer export
    lines.append(lines[10])  # a row repeated: identical to a held record, so harmless
    lines.append([f"SY-13-{51:07d}", *lines[12][1:]])  # a new person
    second = tmp_path / "v2.csv"
    with second.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(lines)
    report = ingest(registry, second)
    assert report.records_created == 1
    assert report.rows_unchanged == 50
    assert report.quarantine_reasons == {"id-conflict": 1}
    assert len(records(registry.engine)) == 51
    assert (
        records(registry.engine)[0]["id"] == f"{ORG_DOMAIN}/synthetic-test-register.SY-13-0000001"
    )


def test_duplicate_ids_within_one_file_are_quarantined(registry: Registry, tmp_path: Path) -> None:
    path = tmp_path / "ids.csv"
    path.write_text(
        "record_id,الاسم,الكنية\n7,محمد,الحلبي\n8,خالد,الشامي\n7,عمر,المصري\n,زينب,الخطيب\n"
    )
    report = ingest(registry, path)
    assert report.records_created == 2
    assert report.quarantine_reasons == {"duplicate-id": 1, "no-id": 1}
    with transaction(registry.engine) as session:
        reasons = session.scalars(
            select(QuarantinedRow.reason).order_by(QuarantinedRow.ordinal)
        ).all()
    assert "row 2" in reasons[0]


def test_records_take_the_most_restrictive_disclosure(registry: Registry, tmp_path: Path) -> None:
    info = write_register(tmp_path / "register.csv", RegisterSpec(rows=5, seed=14))
    with transaction(registry.engine) as session:
        add_source(session, "Public list", ORG_DOMAIN, Disclosure.PUBLIC)
    ingest(registry, info.path, "Public list", receipt=Receipt(restriction=Disclosure.PARTNERS))
    assert {r["disclosure"] for r in records(registry.engine)} == {"partners"}


def test_cells_with_separators_and_wrong_widths(registry: Registry, tmp_path: Path) -> None:
    path = tmp_path / "widths.csv"
    path.write_text(
        "الاسم;الكنية;الفرع\n"
        "محمد;الحلبي;215\n"
        "خالد;الشامي;227;طلب;مرفوض\n"
        "عمر;المصري\n"
        "زينب;الخطيب;248;;\n"
        ";;\n"
        '"أحمد; الابن";العلي;"فرع\nفلسطين"\n'
        "سعاد;الحسن;235\n",
        encoding="utf-8",
    )
    report = ingest(registry, path)
    assert report.rows_blank == 1
    assert report.quarantine_reasons == {"cell-count": 2}
    rows = records(registry.engine)
    assert [r["given_name"] for r in rows] == ["محمد", "زينب", "أحمد; الابن", "سعاد"]
    assert [r["row_number"] for r in rows] == [2, 5, 7, 9]
    assert rows[2]["facility"] == "فرع فلسطين"


def test_typed_workbook_cells(registry: Registry, tmp_path: Path) -> None:
    """Date cells, serial numbers, numbers stored as numbers: as spreadsheets really hold them."""
    path = tmp_path / "typed.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["بيانات اصطناعية"])
    sheet.append([])
    sheet.append(
        ["الاسم", "الكنية", "تاريخ الولادة", "تاريخ الاعتقال", "الرقم الوطني", "رقم المعتقل"]
    )
    sheet.append(["محمد", "الحلبي", date(1978, 3, 12), 41395, 1234567890, 4521.0])
    sheet.append(["خالد", "الشامي", datetime(1980, 1, 2, 0, 0), "٢٠١٣", "01234567890", None])
    book.save(path)
    report = ingest(registry, path)
    assert report.sheets[0].header_row == 3
    first, second = records(registry.engine)
    assert (first["birth_date"], first["event_date"]) == ("1978-03-12", "2013-05-01")
    assert first["national_id"] == "1234567890"  # the leading zero Excel dropped is flagged
    assert any(f["field"] == "national_id" for f in first["flags"])
    assert first["detainee_number"] == "4521"
    assert (second["birth_date"], second["event_date"], second["national_id"]) == (
        "1980-01-02",
        "2013",
        "01234567890",
    )
    assert first["original"][2] == "1978-03-12"
    assert first["row_number"] == 4


def test_control_characters_do_not_break_an_import(registry: Registry, tmp_path: Path) -> None:
    """PostgreSQL cannot store NUL in text: canonical values lose it, the original keeps it."""
    path = tmp_path / "nul.csv"
    path.write_text("الاسم,الكنية\nمحمد\x00,الحلبي\x07\n", encoding="utf-8")
    ingest(registry, path)
    (record,) = records(registry.engine)
    assert (record["given_name"], record["family_name"]) == ("محمد", "الحلبي")
    assert record["original"] == ["محمد\x00", "الحلبي\x07"]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|", "،"])
def test_every_separator_arabic_exports_use(
    registry: Registry, tmp_path: Path, delimiter: str
) -> None:
    path = tmp_path / "separated.csv"
    lines = ["قائمة (بيانات اصطناعية)", "الاسم", "اسم الأب", "الكنية"]
    text = lines[0] + "\n" + delimiter.join(lines[1:]) + "\n"
    text += delimiter.join(["محمد", "أحمد", '"الحلبي' + delimiter + ' الكبير"']) + "\n"
    text += delimiter.join(["خالد", "عمر", "الشامي"]) + "\n"
    path.write_text(text, encoding="utf-8")
    ingest(registry, path)
    rows = records(registry.engine)
    assert [(r["given_name"], r["father_name"]) for r in rows] == [
        ("محمد", "أحمد"),
        ("خالد", "عمر"),
    ]
    assert rows[0]["family_name"] == " ".join(f"الحلبي{delimiter} الكبير".split())
