"""Records into comparable columns: scripts, OCR, chains, dates at their precision."""

from __future__ import annotations

from mafqud.linkage.features import record_features


def test_arabic_and_latin_spellings_share_keys_and_arabic_names() -> None:
    arabic = record_features({"record_id": "1", "given_name": "محمود", "family_name": "البقاعي"})
    latin = record_features({"record_id": "2", "full_name": "Mahmoud Beqai"})
    assert arabic["given_key"] == latin["given_key"] == "MHMD"
    assert arabic["given_canon"] == latin["given_canon"] == "محمود"
    assert arabic["family_key"] == latin["family_key"]
    assert latin["given_rasm"] is None  # a Latin spelling has no dots to lose


def test_ocr_dots_keep_the_skeleton() -> None:
    typed = record_features({"record_id": "1", "family_name": "البقاعي"})
    scanned = record_features({"record_id": "2", "family_name": "اليقاعي"})
    assert typed["family_key"] != scanned["family_key"]
    assert typed["family_rasm"] == scanned["family_rasm"]


def test_coarse_keys_meet_where_transliterations_disagree() -> None:
    """ذ written th, dh or z; ق written q or 2: the keys differ, the coarse keys do not."""
    arabic = record_features({"record_id": "1", "given_name": "معاذ", "family_name": "القاسم"})
    latin = record_features({"record_id": "2", "full_name": "Moaath 2asem"})
    assert arabic["given_key"] != latin["given_key"]
    assert arabic["family_key"] != latin["family_key"]
    assert arabic["given_coarse"] == latin["given_coarse"]
    assert arabic["family_coarse"] == latin["family_coarse"]
    other = record_features({"record_id": "3", "given_name": "معن", "family_name": "القاسم"})
    assert other["given_coarse"] != arabic["given_coarse"]  # coarse, not blind


def test_full_name_fills_only_the_parts_left_empty() -> None:
    features = record_features(
        {"record_id": "1", "full_name": "محمد أحمد علي الحلبي", "given_name": "خالد"}
    )
    assert features["given_key"] == "XLD"
    assert features["father_key"] == "HMD"
    assert features["family_key"] == "HLB"
    assert features["chain_joined"] == "MHMDHMDLHLB"


def test_dates_keep_their_precision_and_both_orders() -> None:
    full = record_features({"record_id": "1", "birth_date": "03/05/1978"})
    assert (full["birth_year"], full["birth_ym"], full["birth_date"]) == (
        "1978", "1978-05", "1978-05-03",
    )  # fmt: skip
    assert (full["birth_md"], full["birth_dm"]) == ("0503", "0305")
    year = record_features({"record_id": "2", "birth_date": "١٩٧٨"})
    assert (year["birth_year"], year["birth_ym"], year["birth_date"]) == ("1978", None, None)


def test_empty_and_odd_values_are_none() -> None:
    features = record_features({"record_id": "1", "given_name": "  ", "birth_date": "unknown",
                                "national_id": "٠١٢-٣", "sex": "أنثى"})  # fmt: skip
    assert features["given_key"] is None and features["birth_year"] is None
    assert features["national_id"] == "0123" and features["sex"] == "F"
    assert features["source_dataset"] == "unknown"
