"""Dates as Syrian documents write them, parsed without inventing precision.

Registers write 12/3/1978, 12-3-78, 1978, 00/00/1978, 12 آذار 1978, Excel
serial numbers and, now and then, Eastern Arabic digits. A value parses to a
:class:`PartialDate` that keeps the precision the document gives (year,
month or day) plus a note when we had to interpret (a two-digit year, a day
and month that only make sense swapped, "about 1975"). A value that cannot be
parsed is never guessed: the caller keeps it verbatim and flags it.

Hand-written rather than dateparser: dateparser guesses a full date where the
document gives a year, knows no Levantine month names, and is two orders of
magnitude too slow for million-row registers.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache

from openpyxl.utils.datetime import from_excel

from mafqud.ingest.digits import clean_text

EARLIEST_YEAR = 1850


class DateOrder(StrEnum):
    """Order of numeric day, month and year in slash/dash dates."""

    DMY = "dmy"  # Syria and most of the Arab world
    MDY = "mdy"
    YMD = "ymd"


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        """ISO 8601 at its own precision: 1978, 1978-03 or 1978-03-12."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True)
class ParsedDate:
    """Result of parsing one cell: a value (or None) and what we had to interpret."""

    value: PartialDate | None
    note: str | None = None


_MONTHS: dict[str, int] = {
    # Levantine (Syriac) names, as Syrian documents use them
    "كانون الثاني": 1, "كانون ثاني": 1, "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5,
    "حزيران": 6, "تموز": 7, "اب": 8, "ايلول": 9, "تشرين الاول": 10, "تشرين اول": 10,
    "تشرين الثاني": 11, "تشرين ثاني": 11, "كانون الاول": 12, "كانون اول": 12,
    # Names used in Egypt and the Gulf, also common in Syrian forms
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "افريل": 4, "مايو": 5, "ماي": 5,
    "يونيو": 6, "يونيه": 6, "يوليو": 7, "يوليه": 7, "اغسطس": 8, "غشت": 8, "سبتمبر": 9,
    "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    # English, full and abbreviated
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH_PATTERN = re.compile(
    r"(?<![\w])(" + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True)) + r")(?![\w])"
)
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})
_APPROXIMATE = re.compile(
    r"^(?:حوالي|حوالى|تقريبا|نحو|about|approx\.?|ca\.?|circa|~)\s*|\s*(?:تقريبا|approx\.?)$"
)
_NOISE = re.compile(
    r"^(?:مواليد|تولد|من مواليد|عام|سنة|سنه|year|born)\s+|\s*(?:م|م\.|ميلادي|ad|a\.d\.)$"
)
_HIJRI = re.compile(r"(?:هـ|ه\.?|هجري|hijri|ah)$")
_TIME = re.compile(r"[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*(?:am|pm|ص|م))?$")
_SEP = r"\s*[/\-.\\]\s*|\s+"
_THREE = re.compile(rf"^(\d{{1,4}})(?:{_SEP})(\d{{1,2}}|M\d{{1,2}})(?:{_SEP})(\d{{1,4}})$")
_TWO = re.compile(rf"^(\d{{1,4}}|M\d{{1,2}})(?:{_SEP})(\d{{1,4}}|M\d{{1,2}})$")
_MONTH_DAY_YEAR = re.compile(r"^(M\d{1,2})\s+(\d{1,2})\s*,?\s+(\d{4})$")
_YEAR = re.compile(r"^\d{4}$")
_SERIAL = re.compile(r"^\d{5}(?:\.0+)?$")


def parse_date(text: str, order: DateOrder = DateOrder.DMY) -> ParsedDate:
    """Parse one date cell; never raises, returns ``ParsedDate(None, reason)`` on failure."""
    this_year = date.today().year
    value = _plain(text, order, this_year)
    if value is not None:
        return ParsedDate(value)
    return _parse_cached(text, order, this_year)


_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})$")
_NUMERIC_DAY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_NUMERIC_MONTH = re.compile(r"(\d{1,2})[/.-](\d{4})$")
_NAMED_DAY = re.compile(r"(\d{1,2}) ([^\d\s]+(?: [^\d\s]+)?) (\d{4})$")


def _plain(text: str, order: DateOrder, this_year: int) -> PartialDate | None:
    """The common forms, without the general machinery.

    yyyy, yyyy-mm-dd, dd/mm/yyyy (00 for an unknown day or month), mm/yyyy and
    "12 آذار 1978". None means "take the general path", which handles every
    other form and says what it had to interpret.
    """
    if len(text) == 4 and text.isdigit():
        return _make(int(text), None, None, this_year)
    if match := _ISO_DAY.match(text):
        return _make(int(match[1]), int(match[2]), int(match[3]), this_year)
    if match := _NUMERIC_MONTH.match(text):
        return _make(int(match[2]), int(match[1]) or None, None, this_year)
    if match := _NAMED_DAY.match(text):
        month = _MONTHS.get(match[2].lower().translate(_ARABIC_FOLD))
        return _make(int(match[3]), month, int(match[1]), this_year) if month else None
    if order is DateOrder.YMD or not (match := _NUMERIC_DAY.match(text)):
        return None
    day, month = (int(match[1]), int(match[2]))
    if order is DateOrder.MDY:
        day, month = month, day
    if month > 12:
        return None  # the general path swaps day and month, and says so
    return _make(int(match[3]), month or None, day or None, this_year)


@lru_cache(maxsize=200_000)
def _parse_cached(text: str, order: DateOrder, this_year: int) -> ParsedDate:
    cleaned = clean_text(text).lower().translate(_ARABIC_FOLD).strip(" ,;")
    if not cleaned:
        return ParsedDate(None, "empty")
    if _HIJRI.search(cleaned) and re.search(r"\d{4}", cleaned):
        return ParsedDate(None, "Hijri date: not converted")
    notes: list[str] = []
    cleaned, approximate = _APPROXIMATE.subn("", cleaned)
    if approximate:
        notes.append("approximate")
    cleaned = _NOISE.sub("", _TIME.sub("", cleaned)).strip()
    cleaned = _MONTH_PATTERN.sub(lambda m: f" M{_MONTHS[m.group(1)]} ", cleaned).strip()
    cleaned = " ".join(cleaned.replace("،", " ").replace(",", " ").split())
    value = _parse_numeric(cleaned, order, this_year, notes)
    if value is None:
        return ParsedDate(None, "not a date in any form we read")
    return ParsedDate(value, "; ".join(notes) or None)


def _parse_numeric(
    text: str, order: DateOrder, this_year: int, notes: list[str]
) -> PartialDate | None:
    if _YEAR.match(text):
        return _make(int(text), None, None, this_year)
    if _SERIAL.match(text):
        notes.append("read as an Excel serial date")
        return from_excel_serial(float(text), this_year)
    if match := _MONTH_DAY_YEAR.match(text):
        return _make(int(match[3]), _month(match[1]), int(match[2]), this_year)
    if match := _THREE.match(text):
        return _three_parts(match[1], match[2], match[3], order, this_year, notes)
    if match := _TWO.match(text):
        return _two_parts(match[1], match[2], this_year, notes)
    return None


def _month(token: str) -> int:
    return int(token.removeprefix("M"))


def _three_parts(
    a: str, b: str, c: str, order: DateOrder, this_year: int, notes: list[str]
) -> PartialDate | None:
    if len(a) == 4 or (order is DateOrder.YMD and len(c) <= 2 and not a.startswith("M")):
        year_text, month_text, day_text = a, b, c
    elif b.startswith("M") or order is DateOrder.DMY:
        day_text, month_text, year_text = a, b, c
    else:
        month_text, day_text, year_text = a, b, c
    if month_text.startswith("M"):
        month_text = month_text[1:]
    elif day_text.startswith("M"):
        return None
    year = _full_year(year_text, this_year, notes)
    if year is None:
        return None
    day, month = int(day_text), int(month_text)
    if month > 12 and 1 <= day <= 12:
        day, month = month, day
        notes.append(f"day and month swapped (month {day} is impossible)")
    return _make(year, month or None, day or None, this_year)


def _two_parts(a: str, b: str, this_year: int, notes: list[str]) -> PartialDate | None:
    """Month and year in either order: 3/1978, 1978-03, آذار 1978."""
    if a.startswith("M") or len(b) == 4:
        month_text, year_text = a, b
    elif b.startswith("M") or len(a) == 4:
        year_text, month_text = a, b
    else:
        return None
    year = _full_year(year_text, this_year, notes)
    if year is None:
        return None
    month = _month(month_text)
    return _make(year, month or None, None, this_year)


def _full_year(text: str, this_year: int, notes: list[str]) -> int | None:
    if len(text) == 4:
        return int(text)
    if len(text) == 2:
        short = int(text)
        year = 2000 + short if 2000 + short <= this_year else 1900 + short
        notes.append(f"two-digit year {text} read as {year}")
        return year
    return None


def _make(year: int, month: int | None, day: int | None, this_year: int) -> PartialDate | None:
    """Validate and build; a day without a month (00/00 placeholders aside) is not a date."""
    if not EARLIEST_YEAR <= year <= this_year + 1:
        return None
    if month is None:
        return PartialDate(year) if day is None else None
    if not 1 <= month <= 12:
        return None
    if day is None:
        return PartialDate(year, month)
    if not 1 <= day <= _DAYS_IN_MONTH[month] or (
        month == 2 and day == 29 and not calendar.isleap(year)
    ):
        return None
    return PartialDate(year, month, day)


_DAYS_IN_MONTH = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def from_excel_serial(serial: float, this_year: int | None = None) -> PartialDate | None:
    """An Excel 1900-system serial day number as a full date (1 = 1900-01-01).

    openpyxl's conversion knows Excel's fictitious 29 February 1900.
    """
    if not 1 <= serial < 2_958_466:
        return None
    moment = from_excel(int(serial))
    return _make(moment.year, moment.month, moment.day, this_year or date.today().year)
