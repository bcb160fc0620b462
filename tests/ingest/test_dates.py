"""Dates keep the precision their document gives, and what we interpreted is said."""

from __future__ import annotations

import pytest

from mafqud.ingest.dates import DateOrder, PartialDate, from_excel_serial, parse_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("12/3/1978", "1978-03-12"),
        ("12-03-1978", "1978-03-12"),
        ("12.03.1978", "1978-03-12"),
        ("1978-03-12", "1978-03-12"),
        ("1978/3/12", "1978-03-12"),
        ("1978-03-12 00:00:00", "1978-03-12"),
        ("1978", "1978"),
        ("00/00/1978", "1978"),
        ("0/3/1978", "1978-03"),
        ("3/1978", "1978-03"),
        ("1978-03", "1978-03"),
        ("12 آذار 1978", "1978-03-12"),
        ("12 اذار 1978", "1978-03-12"),
        ("آذار 1978", "1978-03"),
        ("12 تشرين الأول 2012", "2012-10-12"),
        ("3 كانون الثاني 2013", "2013-01-03"),
        ("تشرين الثاني/2013", "2013-11"),
        ("5 مارس 2014", "2014-03-05"),
        ("12 March 1978", "1978-03-12"),
        ("March 12, 1978", "1978-03-12"),
        ("1975 م", "1975"),
        ("مواليد 1980", "1980"),
        ("  1980  ", "1980"),
        ("29/2/2000", "2000-02-29"),
        ("0/1978", "1978"),
    ],
)
def test_forms_syrian_documents_use(text: str, iso: str) -> None:
    parsed = parse_date(text)
    assert parsed.value is not None, parsed.note
    assert parsed.value.iso() == iso


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("١٢/٣/١٩٧٨", "1978-03-12"),
        ("۱۹۸۰", "1980"),
        ("٠٠/٠٠/١٩٦٥", "1965"),
        ("١٢ آذار ١٩٧٨", "1978-03-12"),
    ],
)
def test_eastern_arabic_and_persian_digits(text: str, iso: str) -> None:
    parsed = parse_date(text)
    assert parsed.value is not None
    assert parsed.value.iso() == iso


def test_precision_is_kept_not_invented() -> None:
    assert parse_date("1978").value == PartialDate(1978)
    assert parse_date("3/1978").value == PartialDate(1978, 3)
    assert parse_date("12/3/1978").value == PartialDate(1978, 3, 12)


def test_two_digit_years_are_read_and_said() -> None:
    born = parse_date("12-3-78")
    assert born.value == PartialDate(1978, 3, 12)
    assert born.note == "two-digit year 78 read as 1978"
    arrested = parse_date("5/6/13")
    assert arrested.value == PartialDate(2013, 6, 5)


def test_impossible_month_swaps_day_and_month_with_a_note() -> None:
    parsed = parse_date("03/25/1980")
    assert parsed.value == PartialDate(1980, 3, 25)
    assert parsed.note is not None and "swapped" in parsed.note


def test_month_first_order_when_declared() -> None:
    assert parse_date("3/12/1978", DateOrder.MDY).value == PartialDate(1978, 3, 12)
    assert parse_date("3/12/1978", DateOrder.DMY).value == PartialDate(1978, 12, 3)


def test_approximate_dates_are_marked() -> None:
    parsed = parse_date("حوالي 1975")
    assert parsed.value == PartialDate(1975)
    assert parsed.note == "approximate"


def test_excel_serials() -> None:
    assert parse_date("28456").value == PartialDate(1977, 11, 27)
    assert from_excel_serial(1) == PartialDate(1900, 1, 1)
    assert from_excel_serial(0) is None


@pytest.mark.parametrize(
    "text",
    [
        "31/2/1990",
        "29/2/2013",
        "31/4/2013",
        "13/13/2000",
        "foo",
        "حزيران",
        "1399 هـ",
        "12/3",
        "",
        "1700",
        "3000",
        "1/2/3/4",
    ],
)
def test_unparseable_values_are_refused_not_guessed(text: str) -> None:
    parsed = parse_date(text)
    assert parsed.value is None
    assert parsed.note


def test_hijri_dates_are_named_as_such() -> None:
    assert parse_date("1399 هـ").note == "Hijri date: not converted"
