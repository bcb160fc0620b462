"""The source-record schema, declared once.

Every canonical person field is declared here with its kind, its Arabic and
English labels, the PFIF 1.4 element it maps to (if any) and why it exists.
The database columns, ingest's header recognition, exports and documentation
are all derived from this list, so a new field is added in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class FieldKind(StrEnum):
    """How a value is cleaned on the way in."""

    TEXT = "text"
    NAME = "name"
    DATE = "date"  # ISO 8601 at the precision the document gives: YYYY, YYYY-MM or YYYY-MM-DD
    SEX = "sex"  # "M", "F", or empty with a flag when the document says something else
    IDENTIFIER = "identifier"  # digits normalised to ASCII, otherwise verbatim


@dataclass(frozen=True)
class RecordField:
    """One canonical field of a source record."""

    name: str
    kind: FieldKind
    label_en: str
    label_ar: str
    why: str
    pfif: str | None = None
    max_length: int = 400


RECORD_FIELDS: tuple[RecordField, ...] = (
    RecordField(
        "given_name",
        FieldKind.NAME,
        "Given name",
        "الاسم",
        "First link of the name chain; the main key for families searching.",
        pfif="given_name",
    ),
    RecordField(
        "father_name",
        FieldKind.NAME,
        "Father's name",
        "اسم الأب",
        "Second link of the chain; Syrian registers almost always carry it.",
    ),
    RecordField(
        "grandfather_name",
        FieldKind.NAME,
        "Grandfather's name",
        "اسم الجد",
        "Third link; separates cousins who share given, father and family names.",
    ),
    RecordField(
        "family_name",
        FieldKind.NAME,
        "Family name",
        "الكنية",
        "Family name, nisba or laqab; often spelt differently across sources.",
        pfif="family_name",
    ),
    RecordField(
        "full_name",
        FieldKind.NAME,
        "Full name",
        "الاسم الكامل",
        "The name as one string, kept when a document does not split it.",
        pfif="full_name",
    ),
    RecordField(
        "mother_name",
        FieldKind.NAME,
        "Mother's name",
        "اسم الأم",
        "Very discriminating in Syrian civil records; separates namesakes.",
    ),
    RecordField(
        "sex",
        FieldKind.SEX,
        "Sex",
        "الجنس",
        "Separates records that otherwise share names.",
        pfif="sex",
        max_length=1,
    ),
    RecordField(
        "birth_date",
        FieldKind.DATE,
        "Date of birth",
        "تاريخ الولادة",
        "Often only a year; kept at the precision given.",
        pfif="date_of_birth",
        max_length=10,
    ),
    RecordField(
        "birth_place",
        FieldKind.TEXT,
        "Place of birth",
        "مكان الولادة",
        "Civil registration place; helps linkage and families.",
    ),
    RecordField(
        "governorate",
        FieldKind.TEXT,
        "Governorate",
        "المحافظة",
        "Stratum for counting and a blocking key for linkage.",
        pfif="home_state",
    ),
    RecordField(
        "national_id",
        FieldKind.IDENTIFIER,
        "National number",
        "الرقم الوطني",
        "Near-certain identifier when present; sensitive.",
        max_length=64,
    ),
    RecordField(
        "event_date",
        FieldKind.DATE,
        "Date of arrest or disappearance",
        "تاريخ الاعتقال",
        "When the person was taken or last seen.",
        max_length=10,
    ),
    RecordField(
        "event_place",
        FieldKind.TEXT,
        "Place of arrest or disappearance",
        "مكان الاعتقال",
        "Where the person was taken or last seen.",
    ),
    RecordField(
        "facility",
        FieldKind.TEXT,
        "Facility or branch",
        "الفرع",
        "Prison or security branch named by the document.",
    ),
    RecordField(
        "detainee_number",
        FieldKind.IDENTIFIER,
        "Detainee number",
        "رقم المعتقل",
        "Number given by the facility; ties death photos and registers together.",
        max_length=64,
    ),
    RecordField(
        "death_date",
        FieldKind.DATE,
        "Date of death",
        "تاريخ الوفاة",
        "From death lists and certificates; a sensitive finding.",
        max_length=10,
    ),
    RecordField(
        "death_place",
        FieldKind.TEXT,
        "Place of death",
        "مكان الوفاة",
        "Where the document says the person died.",
    ),
    RecordField(
        "death_cause",
        FieldKind.TEXT,
        "Stated cause of death",
        "سبب الوفاة",
        "As written by the document (e.g. 'stopped pulse and breathing'); evidence, not fact.",
        max_length=1000,
    ),
    RecordField(
        "notes",
        FieldKind.TEXT,
        "Notes",
        "ملاحظات",
        "Anything else the document says about the person, such as orders about the body.",
        max_length=4000,
    ),
)

FIELD_NAMES: tuple[str, ...] = tuple(field.name for field in RECORD_FIELDS)
FIELDS_BY_NAME: dict[str, RecordField] = {field.name: field for field in RECORD_FIELDS}
NAME_FIELDS: frozenset[str] = frozenset(
    field.name for field in RECORD_FIELDS if field.kind is FieldKind.NAME
)
LISTED_FIELDS: tuple[str, ...] = (
    "given_name", "father_name", "grandfather_name", "family_name", "full_name",
    "birth_date", "governorate", "event_date", "facility",
)  # fmt: skip
"""What a public listing (the public search) shows of a public record: enough for a family to
recognise a name, nothing that locates or identifies the person further (no mother's name,
national id, places or notes) and no death details: a death reaches a family through a case
worker after two reviewers, never through a search box."""
PERSON_NAME_FIELDS: frozenset[str] = frozenset({"given_name", "family_name", "full_name"})
"""A record needs one of these: a row with only a father's or mother's name is not about anyone."""
