"""A record's terms and a query's, without a database: what finds what."""

from __future__ import annotations

import pytest

from mafqud.errors import InvalidInput
from mafqud.search import query_terms, record_terms
from mafqud.search.terms import MAX_QUERY_CHARACTERS

RECORD = {
    "given_name": "محمد",
    "father_name": "أحمد",
    "grandfather_name": "خالد",
    "family_name": "الحلبي",
    "mother_name": "فاطمة",
    "national_id": "١٢٣٤٥",
}


def shared(query: str, record: dict[str, str | None] = RECORD) -> set[str]:
    """The terms a query would look up that the record holds."""
    return set(query_terms(query).all()) & record_terms(record)


def test_terms_are_unit_keys_pairs_skeletons_and_the_mother_tagged():
    terms = record_terms(RECORD)
    assert {"kMHMD", "kHMD", "kXLD", "kHLB"} <= terms
    assert "pHLB MHMD" in terms and "pHMD XLD" in terms
    assert "rمحمد" in terms
    assert "mFTM" in terms
    assert not any("12345" in term or "١٢٣٤٥" in term for term in terms)


def test_the_mother_is_not_a_unit_of_the_persons_own_name():
    terms = record_terms({"given_name": "فاطمة", "mother_name": "محمد"})
    assert "kFTM" in terms and "kMHMD" not in terms and "mMHMD" in terms


def test_a_full_name_parsed_as_a_chain_gives_the_same_terms_as_split_fields():
    split = record_terms({k: v for k, v in RECORD.items() if k != "mother_name"})
    whole = record_terms({"full_name": "محمد أحمد خالد الحلبي"})
    assert whole == split


@pytest.mark.parametrize(
    "query",
    [
        "محمد أحمد الحلبي",
        "محمد احمد الحلبى",  # hamza and alef maqsura left off
        "الحلبي محمد",  # family name first
        "مُحَمَّد الحلبي",  # tashkeel
        "محمد الحلبي ١٩٧٨",  # digits are not names
    ],
)
def test_arabic_variants_share_the_pair_of_given_and_family_name(query: str):
    assert "pHLB MHMD" in shared(query)


@pytest.mark.parametrize(
    "query",
    ["Mohamad al-Halabi", "Muhammad El Halabi", "MHD ALHALABI", "Mo7amad el-7alabi",
     "Halabi, Mohammed"],
)  # fmt: skip
def test_latin_transliterations_find_the_arabic_record(query: str):
    assert "pHLB MHMD" in shared(query)


def test_ta_marbuta_and_hamza_seats_fold():
    record = {"given_name": "فاطمة", "family_name": "المؤمن"}
    assert "pFTM MN" in shared("فاطمه المومن", record)


def test_an_ocr_dot_slip_keeps_the_skeleton_though_it_changes_the_key():
    record = {"given_name": "عمر", "family_name": "البقاعي"}
    slipped = query_terms("غمر اليقاعي")
    assert "kMR" not in slipped.keys and "kBKA" not in slipped.keys
    assert set(slipped.skeletons) <= record_terms(record)
    assert len(slipped.skeletons) == 2


def test_a_typo_in_one_part_leaves_the_pairs_of_the_others():
    found = shared("محمد أحمد الحلبس")  # last letter mistyped
    assert "pHMD MHMD" in found and "pHLB MHMD" not in found


def test_a_query_with_parts_missing_looks_up_only_what_it_has():
    terms = query_terms("محمد الحلبي")
    assert terms.pairs == ("pHLB MHMD",)
    assert set(terms.all()) <= record_terms(RECORD)


def test_compounds_are_one_unit_however_written():
    record = {"given_name": "عبد الرحمن", "family_name": "الحلبي"}
    for query in ("عبدالرحمن الحلبي", "Abdul Rahman Halabi", "Abd al-Rahman al-Halabi"):
        assert "pBDLRHMN HLB" in shared(query, record), query


def test_the_mother_can_be_asked_for():
    terms = query_terms("محمد الحلبي", mother="فاطمه")
    assert terms.mother == ("mFTM",)
    assert set(terms.mother) <= record_terms(RECORD)


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("", "at least one name"),
        ("   ", "at least one name"),
        ("!!! ؟؟ ...", "at least one name"),
        ("١٢٣ 456", "at least one name"),
        ("محمد\x00الحلبي", "NUL"),
        ("م" * 10_000, f"at most {MAX_QUERY_CHARACTERS}"),
        (" ".join(["محمد"] * 9), "at most 8 parts"),
    ],
)
def test_a_query_that_is_not_a_name_is_refused_with_a_reason(query: str, says: str):
    with pytest.raises(InvalidInput, match=says):
        query_terms(query)


def test_a_record_without_names_has_no_terms():
    assert record_terms({"national_id": "123", "given_name": None, "full_name": ""}) == set()


def test_a_latin_query_also_looks_up_the_arabic_spellings_it_is_said_as():
    mahmoud = {"given_name": "محمود", "family_name": "الحلبي"}
    muhammad = {"given_name": "محمد", "family_name": "الحلبي"}
    terms = set(query_terms("Mahmoud al-Halabi").skeleton_pairs)
    assert terms and terms <= record_terms(mahmoud)
    assert not terms & record_terms(muhammad)  # the keys alone cannot tell them apart
    assert set(query_terms("Mahmoud al-Halabi").pairs) <= record_terms(muhammad)
