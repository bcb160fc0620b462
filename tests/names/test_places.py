"""Governorates under every spelling lists use (place names are public geography)."""

from __future__ import annotations

import pytest

from mafqud.linkage.features import record_features
from mafqud.names.places import GOVERNORATES, governorate_of


@pytest.mark.parametrize(
    ("spelling", "arabic"),
    [
        ("Aleppo", "حلب"),
        ("حلب", "حلب"),
        ("Damascus Countryside", "ريف دمشق"),
        ("RIF DIMASHQ", "ريف دمشق"),
        ("Deir ez-Zor", "دير الزور"),
        ("دير الزور", "دير الزور"),
        ("Damascus", "دمشق"),
    ],
)
def test_every_spelling_names_one_governorate(spelling: str, arabic: str) -> None:
    assert governorate_of(spelling) == arabic


@pytest.mark.parametrize("value", ["", None, "Paris", "—"])
def test_anything_else_is_not_a_governorate(value: str | None) -> None:
    assert governorate_of(value) is None


def test_the_fourteen_are_distinct_after_folding() -> None:
    assert len(GOVERNORATES) == 14
    assert len({governorate_of(arabic) for arabic in GOVERNORATES}) == 14


def test_linkage_compares_a_governorate_not_its_spelling() -> None:
    english = record_features({"record_id": "a", "governorate": "Aleppo"})
    arabic = record_features({"record_id": "b", "governorate": "حلب"})
    other = record_features({"record_id": "c", "governorate": "Unknown Town"})
    assert english["governorate_key"] == arabic["governorate_key"]
    assert other["governorate_key"] not in (None, arabic["governorate_key"])
