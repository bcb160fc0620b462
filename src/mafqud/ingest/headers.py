"""Recognising column headers in Arabic and English.

Real registers do not share a vocabulary: "تاريخ الولادة", "تاريخ الميلاد",
"المواليد", "Date of birth" and "DOB" all mean birth date. Rather than a
closed list of exact spellings we normalise the header (letter variants,
the article ال, punctuation) and match it against rules of keywords, so a
header we have never seen, such as "تاريخ ولادة المعتقل", is still read.

Rules are tried in order and the first match wins; the order matters where
headers share words ("رقم المعتقل" is a detainee number, "المعتقل" alone a
facility).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from mafqud.registry import FIELD_NAMES

AMBIGUOUS_NAME = "name"
"""A header that names the person without saying which part ("الاسم", "Name").

It is the given name when the sheet also has a father or family name column,
and the full name otherwise; :mod:`mafqud.ingest.mapping` decides.
"""

ID_HEADERS = frozenset({"id", "record id", "record_id", "recordid", "معرف", "معرف السجل"})
"""Headers taken as the source's own record id without a mapping file."""

_LETTERS = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي", "ـ": None}
)
_PUNCTUATION = re.compile(r"[\W_]+")


def normalise_header(header: str) -> str:
    """Lower case, no diacritics, one spelling per Arabic letter, words separated by spaces."""
    text = unicodedata.normalize("NFKD", header)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.translate(_LETTERS).lower()
    return " ".join(_PUNCTUATION.sub(" ", text).split())


def _words(normalised: str) -> frozenset[str]:
    """Words of a header, each also without the Arabic article, so الأم and أم both give ام."""
    words: set[str] = set()
    for word in normalised.split():
        words.add(word)
        if word.startswith("ال") and len(word) > 3:
            words.add(word[2:])
        if word.startswith("وال") and len(word) > 4:  # "والكنية": "and the family name"
            words.add(word[3:])
    return frozenset(words)


@dataclass(frozen=True)
class Rule:
    """A field and the word groups that identify it: every group must share a word."""

    field: str
    groups: tuple[frozenset[str], ...]

    def matches(self, words: frozenset[str]) -> bool:
        return all(group & words for group in self.groups)


def _rule(field: str, *groups: str) -> Rule:
    return Rule(field, tuple(frozenset(normalise_header(group).split()) for group in groups))


_DEATH = "وفاه استشهاد موت death died deceased"
_BIRTH = "ولاده ميلاد تولد birth born"
_EVENT = (
    "اعتقال اختفاء توقيف فقدان فقد اختطاف خطف احتجاز قبض تغييب "
    "arrest arrested disappearance disappeared detention detained abduction abducted missing"
)
_PERSON = "معتقل موقوف سجين مفقود شهيد ضحيه متوفي مختفي detainee prisoner inmate victim person"

RULES: tuple[Rule, ...] = (
    _rule("death_cause", "سبب cause", _DEATH),
    _rule("death_date", "تاريخ date dod", _DEATH),
    _rule("death_date", "dod"),
    _rule("death_place", "مكان محل place", _DEATH),
    _rule("birth_date", "تاريخ سنه عام date year", _BIRTH),
    _rule("birth_date", "مواليد تولد dob birthdate born"),
    _rule("birth_place", "مكان محل place", _BIRTH),
    _rule("birth_place", "birthplace pob"),
    _rule("event_date", "تاريخ date", _EVENT),
    _rule("facility", "مكان place", "احتجاز detention"),
    _rule("event_place", "مكان محل place location", _EVENT),
    _rule("national_id", "وطني national"),
    _rule("national_id", "nid"),
    _rule("detainee_number", "رقم number no id", _PERSON + " جثه body"),
    _rule("mother_name", "ام والده mother"),
    _rule("grandfather_name", "جد grandfather"),
    _rule("father_name", "اب والد father"),
    _rule("full_name", "اسم name", "كامل ثلاثي رباعي full complete"),
    _rule("full_name", "اسم", "والنسبه والكنيه والشهره ونسبه وكنيه وشهره"),
    _rule("family_name", "كنيه نسبه لقب عائله شهره family surname nisba lastname"),
    _rule("family_name", "last", "name"),
    _rule("given_name", "اسم name", "اول first given"),
    _rule("given_name", "firstname forename"),
    _rule(AMBIGUOUS_NAME, "اسم اسماء name names", _PERSON),
    _rule("sex", "جنس sex gender"),
    _rule("governorate", "محافظه governorate province governate muhafaza"),
    _rule("facility", "فرع سجن جهه معتقل مركز branch facility prison jail center centre"),
    _rule("notes", "ملاحظات ملاحظه تفاصيل notes note remarks comments details"),
    _rule(AMBIGUOUS_NAME, "اسم اسماء name names"),
)


def recognise_header(header: str) -> str | None:
    """The canonical field a header most likely means, AMBIGUOUS_NAME, or None."""
    stripped = header.strip()
    if stripped in FIELD_NAMES:
        return stripped
    normalised = normalise_header(stripped)
    if not normalised:
        return None
    words = _words(normalised)
    for rule in RULES:
        if rule.matches(words):
            return rule.field
    return None


def is_id_header(header: str) -> bool:
    """Whether a header is the source's own record id (only unmistakable spellings)."""
    return normalise_header(header) in ID_HEADERS
