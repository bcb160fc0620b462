from __future__ import annotations

import pytest

from mafqud.names import parse_chain, split_chain


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("محمد عبد الرحمن الحلبي", ["محمد", "عبدالرحمن", "الحلبي"]),
        ("أبو بكر الصديق", ["ابوبكر", "الصديق"]),
        ("نور الدين محمود آل رشي", ["نورالدين", "محمود", "الرشي"]),
        ("Abdul Rahman al-Halabi", ["abdalrahman", "alhalabi"]),
        ("Abd al-Rahman", ["abdalrahman"]),
        ("Salah al-Din Ahmad", ["salahaldin", "ahmad"]),
        ("Nour Eddine", ["nouraldin"]),
        ("Mhd Al-Bikai", ["muhammad", "albikai"]),
    ],
)
def test_compounds_are_one_unit(text: str, units: list[str]) -> None:
    assert [token.text for token in parse_chain(text).names] == units


def test_articles_are_not_part_of_the_core() -> None:
    cores = [token.core for token in parse_chain("محمد الحلبي al-Shami Alhalabi").names]
    assert cores == ["محمد", "حلبي", "shami", "halabi"]
    assert parse_chain("الياس").names[0].core == "الياس"  # Elias has no article


def test_son_of_marks_the_father() -> None:
    parts = split_chain(parse_chain("علي بن حسن"))
    assert (parts.given, parts.father, parts.family) == ("علي", "حسن", None)
    latin = split_chain(parse_chain("Ali bin Hasan"))
    assert (latin.given, latin.father) == ("ali", "hasan")


def test_four_units_are_the_full_chain() -> None:
    parts = split_chain(parse_chain("محمد أحمد علي الحلبي"))
    assert (parts.given, parts.father, parts.grandfather, parts.family) == (
        "محمد",
        "احمد",
        "علي",
        "الحلبي",
    )
    assert parts.confidence >= 0.8


def test_three_units_with_a_family_name() -> None:
    parts = split_chain(parse_chain("خالد عمر الشامي"))
    assert (parts.given, parts.father, parts.family) == ("خالد", "عمر", "الشامي")


@pytest.mark.parametrize(
    ("text", "given", "father", "family"),
    [
        ("Al-Halabi Mohammad Ahmad", "mohammad", "ahmad", "alhalabi"),
        ("EL ZOUBI Hussein Yousef Bilal", "hussein", "yousef", "alzoubi"),
        ("الحلبي محمد أحمد", "محمد", "احمد", "الحلبي"),
        ("Halabi, Mohammad Ahmad", "mohammad", "ahmad", "halabi"),
        ("Abu Zaid, Omar", "omar", None, "abuzaid"),
        ("الحلبي، محمد أحمد", "محمد", "احمد", "الحلبي"),
        ("Mohammad Al-Ali Hasan", "mohammad", "alali", "hasan"),  # the last has none: as written
        ("Al-Halabi Mohammad Al-Shami", "alhalabi", "mohammad", "alshami"),
        ("Al-Abbas bin Ali", "alabbas", "ali", None),  # "son of": the chain starts with him
    ],
)
def test_a_family_name_written_first(
    text: str, given: str, father: str | None, family: str | None
) -> None:
    parts = split_chain(parse_chain(text))
    assert (parts.given, parts.father, parts.family) == (given, father, family)


def test_transliteration_round_trips_and_candidates() -> None:
    from mafqud.names import (
        arabic_candidates,
        from_buckwalter,
        index_by_key,
        romanise,
        to_buckwalter,
    )

    text = "محمّد عبد الرحمن الحلبي"
    assert from_buckwalter(to_buckwalter(text)) == text
    assert romanise("محمد عبد الرحمن") == "Mohammad Abd al-Rahman"
    known = index_by_key(["محمد الحلبي", "محمود البقاعي", "أحمد"])
    assert arabic_candidates("Mohamed", known)[0] == "محمد"
    assert arabic_candidates("Mahmoud", known)[0] == "محمود"
    assert arabic_candidates("Mhd", known)[0] == "محمد"
