"""Mapping files and header-row detection."""

from __future__ import annotations

from pathlib import Path

import pytest

from mafqud.errors import InvalidInput
from mafqud.ingest.dates import DateOrder
from mafqud.ingest.mapping import Mapping, load_mapping, plan_columns


def rows(*lines: list[object]) -> list[tuple[int, list[object]]]:
    return list(enumerate(lines, start=1))


def test_header_row_is_found_below_title_rows() -> None:
    plan = plan_columns(
        rows(
            ["سجن (بيانات اصطناعية)"],
            [],
            ["م", "الاسم", "اسم الأب", "الكنية", "تاريخ الولادة"],
            ["1", "محمد", "أحمد", "الحلبي", "1978"],
        ),
        Mapping(),
    )
    assert plan is not None
    assert plan.header_row == 3
    assert plan.fields == {1: "given_name", 2: "father_name", 3: "family_name", 4: "birth_date"}
    assert plan.unmapped == ("م",)


def test_ambiguous_name_is_full_name_when_alone() -> None:
    plan = plan_columns(rows(["الاسم", "تاريخ الولادة", "الفرع"]), Mapping())
    assert plan is not None
    assert plan.fields[0] == "full_name"


def test_duplicate_claims_keep_the_first_and_say_so() -> None:
    plan = plan_columns(rows(["الاسم الكامل", "Full name", "الكنية"]), Mapping())
    assert plan is not None
    assert plan.fields == {0: "full_name", 2: "family_name"}
    assert plan.notes and "Full name" in plan.notes[0]


def test_duplicate_headers_get_unique_keys() -> None:
    plan = plan_columns(rows(["الاسم", "الكنية", "ملاحظات", "ملاحظات", ""]), Mapping())
    assert plan is not None
    assert plan.headers == ("الاسم", "الكنية", "ملاحظات", "ملاحظات (2)", "column 5")


def test_no_name_column_means_no_plan() -> None:
    assert plan_columns(rows(["تاريخ الولادة", "الفرع"], ["1978", "215"]), Mapping()) is None


def test_mapping_file_overrides_and_ignores(tmp_path: Path) -> None:
    path = tmp_path / "mapping.toml"
    path.write_text(
        'header_row = 2\ndate_order = "mdy"\nid_column = "رقم القيد"\n'
        '[columns]\n"اسم السجين" = "full_name"\n"الفرع" = ""\n',
        encoding="utf-8",
    )
    mapping = load_mapping(path)
    assert mapping.date_order is DateOrder.MDY
    plan = plan_columns(
        rows(["title"], ["رقم القيد", "اسم السجين", "الفرع", "تاريخ الاعتقال"]), mapping
    )
    assert plan is not None
    assert plan.header_row == 2
    assert plan.fields == {1: "full_name", 3: "event_date"}
    assert plan.id_index == 0


def test_mapping_file_problems_are_reported_together(tmp_path: Path) -> None:
    path = tmp_path / "mapping.toml"
    path.write_text(
        'colour = "blue"\ndate_order = "ydm"\n[columns]\n"x" = "shoe_size"\n', encoding="utf-8"
    )
    with pytest.raises(InvalidInput) as error:
        load_mapping(path)
    message = str(error.value)
    assert "colour" in message and "date_order" in message and "shoe_size" in message


def test_missing_id_column_is_an_error() -> None:
    with pytest.raises(InvalidInput, match="not among the headers"):
        plan_columns(rows(["الاسم", "الكنية"]), Mapping(id_column="رقم"))
