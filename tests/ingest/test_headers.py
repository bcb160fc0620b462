"""Headers are recognised by meaning, in Arabic and English, including spellings we never listed."""

from __future__ import annotations

import pytest

from mafqud.ingest.headers import AMBIGUOUS_NAME, is_id_header, recognise_header
from mafqud.registry import FIELD_NAMES


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("اسم الأب", "father_name"),
        ("اسم الاب", "father_name"),
        ("Father's name", "father_name"),
        ("اسم الجد", "grandfather_name"),
        ("الكنية", "family_name"),
        ("النسبة", "family_name"),
        ("العائلة", "family_name"),
        ("Surname", "family_name"),
        ("Last name", "family_name"),
        ("الاسم الثلاثي", "full_name"),
        ("الاسم والشهرة", "full_name"),
        ("اسم ونسبة المعتقل", "full_name"),
        ("Full Name", "full_name"),
        ("First name", "given_name"),
        ("اسم الأم", "mother_name"),
        ("اسم والدة المعتقل", "mother_name"),
        ("Mother", "mother_name"),
        ("الجنس", "sex"),
        ("Gender", "sex"),
        ("تاريخ الولادة", "birth_date"),
        ("تاريخ الميلاد", "birth_date"),
        ("تاريخ الولاده", "birth_date"),
        ("المواليد", "birth_date"),
        ("تاريخ ولادة المعتقل", "birth_date"),
        ("DOB", "birth_date"),
        ("Date of Birth", "birth_date"),
        ("مكان الولادة", "birth_place"),
        ("محل الولادة", "birth_place"),
        ("Place of birth", "birth_place"),
        ("المحافظة", "governorate"),
        ("Governorate", "governorate"),
        ("الرقم الوطني", "national_id"),
        ("National ID", "national_id"),
        ("تاريخ الاعتقال", "event_date"),
        ("تاريخ الاختفاء", "event_date"),
        ("تاريخ التوقيف", "event_date"),
        ("Date of arrest", "event_date"),
        ("مكان الاعتقال", "event_place"),
        ("Place of disappearance", "event_place"),
        ("الفرع", "facility"),
        ("الجهة الموقفة", "facility"),
        ("مكان الاحتجاز", "facility"),
        ("Branch", "facility"),
        ("Prison", "facility"),
        ("رقم المعتقل", "detainee_number"),
        ("Detainee No.", "detainee_number"),
        ("تاريخ الوفاة", "death_date"),
        ("تاريخ الاستشهاد", "death_date"),
        ("مكان الوفاة", "death_place"),
        ("سبب الوفاة", "death_cause"),
        ("Cause of death", "death_cause"),
        ("ملاحظات", "notes"),
        ("Remarks", "notes"),
        ("الاسم", AMBIGUOUS_NAME),
        ("اسم المعتقل", AMBIGUOUS_NAME),
        ("Name", AMBIGUOUS_NAME),
        (" تاريخ  الوِلادة: ", "birth_date"),
        ("تاريـــخ الولادة", "birth_date"),
    ],
)
def test_recognises(header: str, field: str) -> None:
    assert recognise_header(header) == field


@pytest.mark.parametrize("header", ["م", "ت", "#", "الرقم", "Serial", "", "   ", "الصفحة"])
def test_leaves_unknown_headers_alone(header: str) -> None:
    assert recognise_header(header) is None


def test_canonical_names_are_always_recognised() -> None:
    for name in FIELD_NAMES:
        assert recognise_header(name) == name


def test_id_headers_only_when_unmistakable() -> None:
    assert is_id_header("record_id")
    assert is_id_header("ID")
    assert not is_id_header("الرقم")
    assert not is_id_header("الرقم الوطني")
